import { afterEach, describe, expect, it } from "vitest";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { makeTestApp } from "../../helpers/app";
import { SMS_ENV, texter } from "../../helpers/sms";
import { atomic } from "../../../src/db/atomic";
import { auditLog, contacts, outbox } from "../../../src/db/schema";
import { enqueueOutbound } from "../../../src/services/outbox/enqueue";
import { isGsm7 } from "../../../src/i18n/gsm7";

interface Seen {
  path: string;
  authorization: string;
  form: URLSearchParams;
  idempotencyKey: string;
}

/** A Twilio-compatible Messages API on 127.0.0.1 that answers from a script. */
async function fakeTwilio(script: Array<{ status: number; body: unknown }>) {
  const seen: Seen[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    seen.push({ path: req.url ?? "", authorization: req.headers.authorization ?? "", form: new URLSearchParams(raw), idempotencyKey: String(req.headers["idempotency-key"] ?? "") });
    const next = script.shift() ?? { status: 201, body: { sid: "SMdefault" } };
    res.writeHead(next.status, { "content-type": "application/json" });
    res.end(JSON.stringify(next.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { url, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function appWith(apiUrl: string, env: Record<string, string> = {}) {
  const t = makeTestApp({ env: { ...SMS_ENV, TWILIO_API_URL: apiUrl, ...env } });
  const ctx = t.ctx();
  const enqueue = (body: { key: string; params?: Record<string, string | number> }[], address = "+51987654321", lang: "es" | "qu" | "ay" = "es") =>
    atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address, lang, body, ref: "test" }, t.clock.now())]);
  const row = async () => (await t.deps.db.select().from(outbox).where(eq(outbox.ref, "test")).get())!;
  return { t, ctx, enqueue, row };
}

describe("SMS sender (Twilio-compatible REST API through the outbox)", () => {
  it("sends the rendered, GSM-7-folded text with Basic auth to the account's Messages resource, keyed by the outbox id", async () => {
    const api = await fakeTwilio([{ status: 201, body: { sid: "SM0123456789abcdef0123456789abcdef", status: "queued" } }]);
    const { ctx, enqueue, row } = await appWith(api.url);
    await enqueue([{ key: "common:unavailable" }]);
    expect(await ctx.dispatchOutbox()).toMatchObject({ sent: 1 });
    expect(api.seen).toHaveLength(1);
    const [request] = api.seen;
    expect(request.path).toBe(`/2010-04-01/Accounts/${SMS_ENV.TWILIO_ACCOUNT_SID}/Messages.json`);
    expect(request.authorization).toBe("Basic " + Buffer.from(`${SMS_ENV.TWILIO_ACCOUNT_SID}:${SMS_ENV.TWILIO_AUTH_TOKEN}`).toString("base64"));
    expect(request.form.get("To")).toBe("+51987654321");
    expect(request.form.get("From")).toBe(SMS_ENV.TWILIO_FROM);
    // the outbox id, for a gateway that dedupes (Twilio itself does not)
    expect(request.idempotencyKey).toBe((await row()).id);
    expect(request.form.get("Body")).toBe("Esta seccion aun no esta disponible aqui. Llame gratis a la Linea 101.");
    expect(isGsm7(request.form.get("Body")!)).toBe(true);
    expect(await row()).toMatchObject({ status: "sent", providerId: "SM0123456789abcdef0123456789abcdef" });
  });

  it.each([
    ["429 Too Many Requests", 429, { code: 20429 }, "pending"],
    ["503 from the provider", 503, {}, "pending"],
    ["400 invalid number (21211): permanent", 400, { code: 21211, message: "The 'To' number +51987654321 is not valid" }, "failed"],
    ["401 bad credentials: permanent", 401, { code: 20003 }, "failed"],
  ])("%s", async (_label, status, body, expected) => {
    const api = await fakeTwilio([{ status, body }]);
    const { t, ctx, enqueue, row } = await appWith(api.url);
    await enqueue([{ key: "common:unavailable" }]);
    await ctx.dispatchOutbox();
    const stored = await row();
    expect(stored.status).toBe(expected);
    expect(stored.lastError).toContain(`twilio ${status}`);
    expect(stored.lastError).not.toContain("987654321");
    expect(t.logs.join("\n")).not.toContain("987654321");
  });

  it("a network failure is retried later, then delivered", async () => {
    const { t, ctx, enqueue, row } = await appWith("http://127.0.0.1:9"); // nothing listens on port 9
    await enqueue([{ key: "common:unavailable" }]);
    await ctx.dispatchOutbox();
    expect(await row()).toMatchObject({ status: "pending", attempts: 1 });
    expect((await row()).lastError).toMatch(/^network/);
    void t;
  });

  it("respects BAJA: nothing is sent to an opted-out number, except the opt-out confirmation", async () => {
    const api = await fakeTwilio([]);
    const { t, ctx, enqueue, row } = await appWith(api.url);
    await texter(t.app).send("BAJA");
    await enqueue([{ key: "common:unavailable" }]);
    await ctx.dispatchOutbox();
    expect(api.seen).toHaveLength(0);
    expect(await row()).toMatchObject({ status: "failed", lastError: "recipient opted out (BAJA)" });

    await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "sms:optout" }] }, t.clock.now())]);
    await ctx.dispatchOutbox();
    expect(api.seen.map((s) => s.form.get("Body"))).toEqual(["Listo: ya no le enviaremos mensajes de MIDIS Orienta. Para volver a recibirlos, envie ALTA."]);
  });

  it("a number that unsubscribed at Twilio (error 21610) is recorded as opted out: not retried, nothing more sent", async () => {
    const api = await fakeTwilio([{ status: 400, body: { code: 21610, message: "Attempt to send to unsubscribed recipient" } }]);
    const { t, ctx, enqueue, row } = await appWith(api.url);
    await enqueue([{ key: "common:unavailable" }]);
    await ctx.dispatchOutbox();
    expect(await row()).toMatchObject({ status: "failed", lastError: "recipient opted out at the carrier (twilio code 21610)" });
    const [contact] = await t.deps.db.select().from(contacts).where(eq(contacts.urn, "tel:+51987654321"));
    expect(contact.optedOut).toBe(true);
    const audited = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, "contact.opt_out"));
    expect(audited).toHaveLength(1);
    // the next message is held back here, without asking Twilio again
    await atomic(t.deps.db, [enqueueOutbound(t.deps.db, { channel: "sms", address: "+51987654321", lang: "es", body: [{ key: "common:unavailable" }], ref: "next" }, t.clock.now())]);
    await ctx.dispatchOutbox();
    expect(api.seen).toHaveLength(1);
  });

  it("caps a long message at SMS_MAX_SEGMENTS; the person gets the rest with MAS", async () => {
    const api = await fakeTwilio([]);
    const { t, ctx, enqueue } = await appWith(api.url, { SMS_MAX_SEGMENTS: "1" });
    await enqueue([{ key: "sms:help" }]);
    await ctx.dispatchOutbox();
    const body = api.seen[0].form.get("Body")!;
    expect(body.endsWith("\n(Envie MAS para seguir)")).toBe(true);
    expect(await texter(t.app).send("MAS")).toContain("Linea 101 gratis.");
  });
});
