// A slow (2 s per request) or failing (500) SMS/WhatsApp provider while USSD is under load: the
// app is served over HTTP on 127.0.0.1 with the outbox dispatcher in the same process (as on
// Node, src/server.ts) and a backlog to send, and USSD answer times stay in line with the same
// load against a fast provider, measured in the same run, conditions interleaved round by round.
// (Over HTTP, not app.request: in-process requests never yield to I/O, so the dispatcher's
// provider calls would barely run while USSD is measured.)
import { count, eq, gt } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { atomic } from "../../src/db/atomic";
import { outbox } from "../../src/db/schema";
import { enqueueOutbound } from "../../src/services/outbox/enqueue";
import { DISPATCH_BATCH_SIZE } from "../../src/services/outbox/dispatch";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import { SMS_ENV } from "../helpers/sms";
import { startProviderStub, type ProviderStub } from "../helpers/provider-stub";
import { timedPaymentCheck } from "../helpers/ussd";
import { whatsappEnv } from "../helpers/whatsapp";

const PHONES = 16; // concurrent USSD sessions per round
const ROUNDS = 3; // each round runs every condition once, in turn
const BACKLOG = 200; // messages queued before each run, so the dispatcher is busy throughout
const CONDITIONS = [
  { name: "fast", delayMs: 0, status: 200 },
  { name: "slow", delayMs: 2000, status: 200 },
  { name: "failing", delayMs: 0, status: 500 },
] as const;
// generous, for a loaded shared machine (runs measured ×0.55–1.54): the expected ratio is ~1,
// and a USSD step that waited on a 2 s provider would be > 20× a ~80 ms step
const MAX_MEDIAN_RATIO = 3;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** A payment check on USSD over HTTP, each step timed; any screen but a `CON` fails the test. */
async function paymentCheck(url: string, phoneNumber: string): Promise<number[]> {
  const { times, unexpected } = await timedPaymentCheck(url, phoneNumber, DEMO.pension65Available);
  if (unexpected.length) throw new Error(`unexpected USSD screen: ${unexpected[0]}`);
  return times;
}

describe("floods: a slow or failing provider does not slow USSD", () => {
  let provider: ProviderStub;
  beforeAll(async () => {
    provider = await startProviderStub();
  });
  afterAll(async () => {
    await provider.close();
  });

  it(`USSD answer times with a 2 s or a failing (500) provider stay within ${MAX_MEDIAN_RATIO}× those with a fast one`, async () => {
    const t = await makeRegistryApp({ ...SMS_ENV, TWILIO_API_URL: provider.url, ...whatsappEnv(provider.url) });
    const ctx = t.ctx();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // the dispatcher as src/server.ts runs it: one run at a time, on a timer, again after a full batch
    let stopped = false;
    const loop = async () => {
      while (!stopped) {
        const report = await ctx.dispatchOutbox();
        if (report.sent + report.retried + report.failed < DISPATCH_BATCH_SIZE) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };

    const latencies: Record<string, number[]> = { fast: [], slow: [], failing: [] };
    const requestsDuring: Record<string, number> = { fast: 0, slow: 0, failing: 0 };
    let phoneSeq = 0;
    // one dispatcher throughout, as in the server (a send held by the slow provider is answered
    // when the next condition starts, so each condition sees its own provider)
    const running = loop();
    for (let round = 0; round < ROUNDS; round++) {
      for (const condition of CONDITIONS) {
        provider.set({ delayMs: condition.delayMs, status: condition.status });
        // a fresh backlog of confirmations (the clock moves, so retried rows are not due again)
        t.clock.advance(60_000);
        await atomic(
          t.deps.db,
          Array.from({ length: BACKLOG }, (_, i) =>
            enqueueOutbound(t.deps.db, { channel: i % 4 === 0 ? "whatsapp" : "sms", address: `+5198${String(phoneSeq * 1000 + i).padStart(7, "0")}`, lang: "es", body: [{ key: "complaints:notify.filed", params: { code: "MO-2026-000001", deadline: "01/12/2026" } }] }, t.clock.now()),
          ),
        );
        const before = provider.deliveries.length;
        const runs = await Promise.all(Array.from({ length: PHONES }, () => paymentCheck(url, `+519200${String(phoneSeq++).padStart(5, "0")}`)));
        requestsDuring[condition.name] += provider.deliveries.length - before;
        latencies[condition.name].push(...runs.flat());
      }
    }
    stopped = true;
    provider.set({ delayMs: 0, status: 200 });
    await running;

    await new Promise((resolve) => server.close(resolve));
    const fast = median(latencies.fast);
    const ratios = { slow: median(latencies.slow) / fast, failing: median(latencies.failing) / fast };
    console.log(
      `provider floods: USSD step median fast ${fast.toFixed(1)} ms, slow ${median(latencies.slow).toFixed(1)} ms (×${ratios.slow.toFixed(2)}), failing ${median(latencies.failing).toFixed(1)} ms (×${ratios.failing.toFixed(2)}); ` +
        `provider requests during the USSD load: fast ${requestsDuring.fast}, slow ${requestsDuring.slow}, failing ${requestsDuring.failing}`,
    );

    // the dispatcher was really working against each provider while USSD was measured
    expect(requestsDuring.fast).toBeGreaterThan(0);
    expect(requestsDuring.slow).toBeGreaterThan(0);
    expect(requestsDuring.failing).toBeGreaterThan(0);
    // the failures were kept for a retry, not lost
    expect((await t.deps.db.select({ n: count() }).from(outbox).where(gt(outbox.attempts, 0)).get())!.n).toBeGreaterThan(0);
    expect((await t.deps.db.select({ n: count() }).from(outbox).where(eq(outbox.status, "failed")).get())!.n).toBe(0);
    expect(ratios.slow).toBeLessThan(MAX_MEDIAN_RATIO);
    expect(ratios.failing).toBeLessThan(MAX_MEDIAN_RATIO);
  }, 60_000);
});
