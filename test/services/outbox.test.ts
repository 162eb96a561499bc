import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { atomic } from "../../src/db/atomic";
import { outbox } from "../../src/db/schema";
import { enqueueOutbound } from "../../src/services/outbox/enqueue";
import { dispatchOutbox, retryDelay, STALE_SENDING_MS } from "../../src/services/outbox/dispatch";
import type { SendResult, Sender } from "../../src/services/outbox/types";
import { makeTestApp, silentLogger } from "../helpers/app";

function scriptedSender(results: SendResult[]): Sender & { calls: number } {
  const sender = {
    channel: "sms",
    calls: 0,
    async send() {
      sender.calls += 1;
      return results.shift() ?? { ok: true, providerId: "SM-final" };
    },
  };
  return sender;
}

describe("outbox", () => {
  it("sends a message written in the same atomic write, once", async () => {
    const { deps, clock } = makeTestApp();
    await atomic(deps.db, [enqueueOutbound(deps.db, { channel: "sms", address: "+51987654321", lang: "qu", body: [{ key: "common:goodbye" }], ref: "test:1" }, clock.now())]);
    const sender = scriptedSender([{ ok: true, providerId: "SM123" }]);
    const run = () => dispatchOutbox({ db: deps.db, senders: { sms: sender }, now: clock.now, logger: silentLogger });
    expect(await run()).toEqual({ sent: 1, retried: 0, failed: 0, notSent: 0 });
    expect(await run()).toEqual({ sent: 0, retried: 0, failed: 0, notSent: 0 });
    expect(sender.calls).toBe(1);
    const row = await deps.db.select().from(outbox).get();
    expect(row).toMatchObject({ status: "sent", providerId: "SM123", attempts: 1 });
  });

  it("retries with backoff on a retryable failure, and records a permanent one", async () => {
    const { deps, clock } = makeTestApp();
    await atomic(deps.db, [
      enqueueOutbound(deps.db, { id: "a", channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:goodbye" }] }, clock.now()),
    ]);
    const sender = scriptedSender([{ ok: false, retryable: true, error: "503" }, { ok: false, retryable: false, error: "invalid number" }]);
    const run = () => dispatchOutbox({ db: deps.db, senders: { sms: sender }, now: clock.now, logger: silentLogger });
    expect((await run()).retried).toBe(1);
    expect((await run()).sent).toBe(0); // not due yet
    clock.advance(retryDelay(1));
    expect((await run()).failed).toBe(1);
    const row = await deps.db.select().from(outbox).where(eq(outbox.id, "a")).get();
    expect(row).toMatchObject({ status: "failed", attempts: 2, lastError: "invalid number" });
  });

  it("an atomic write that fails stores neither the change nor the message", async () => {
    const { deps, clock } = makeTestApp();
    const message = { id: "dup", channel: "sms", address: "+51987654321", lang: "es" as const, body: [{ key: "common:goodbye" }] };
    await expect(atomic(deps.db, [enqueueOutbound(deps.db, { ...message, id: "first" }, clock.now()), enqueueOutbound(deps.db, message, clock.now()), enqueueOutbound(deps.db, message, clock.now())])).rejects.toThrow();
    expect(await deps.db.select().from(outbox).all()).toEqual([]);
  });

  it("takes back a message left 'sending' by a dead process after the stale timeout (5 min, or as configured), not before", async () => {
    for (const staleSendingMs of [undefined, 2000]) {
      const { deps, clock } = makeTestApp();
      await atomic(deps.db, [enqueueOutbound(deps.db, { id: "stuck", channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:goodbye" }] }, clock.now())]);
      // a process claimed it and died before it could record the outcome
      await deps.db.update(outbox).set({ status: "sending", updatedAt: clock.now() }).where(eq(outbox.id, "stuck"));
      const sender = scriptedSender([{ ok: true, providerId: "SM1" }]);
      const run = () => dispatchOutbox({ db: deps.db, senders: { sms: sender }, now: clock.now, logger: silentLogger, staleSendingMs });
      clock.advance((staleSendingMs ?? STALE_SENDING_MS) - 1);
      expect((await run()).sent).toBe(0);
      clock.advance(2);
      expect((await run()).sent).toBe(1);
      expect(sender.calls).toBe(1);
    }
  });
});
