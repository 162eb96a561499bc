import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { dial } from "../helpers/ussd";
import { postGateway, postTwilio, SMS_ENV, smsFixture, twilioForm } from "../helpers/sms";
import { postWebhook, waFixture, whatsappEnv } from "../helpers/whatsapp";
import { chat, type ChatResponse } from "../helpers/web";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";

/**
 * Fuzzing the channels (issue 10), next to public-endpoints.property.test.ts: SMS (Twilio and
 * the JSON gateway), WhatsApp and the staff login get arbitrary input that is correctly signed,
 * so it reaches the code behind the signature check. Then the property that matters most for
 * privacy: people's conversations never mix, whatever they type and however their turns interleave.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."0123456789 "), maxLength: 30 }),
  fc.constantFrom("", " ", "MENU", "menu", "AYUDA", "PAGO", "PAGO 12345678", "PAGO 12345678 21041950", "ESTADO MO-2026-000001", "ESTADO", "RECLAMO", "BAJA", "STOP", "ALTA", "IDIOMA", "MAS", "00", "0", "98", "ñuqa", "jallalla", "😀", "<Response>", "]]>", "&amp;", "' OR 1=1 --", "\u0000", "\ud800", "x".repeat(5000)),
);

/** A 400 answered as JSON names the field that was wrong. */
async function expectClearAnswer(res: { status: number }, what: string, json?: Record<string, unknown>) {
  if (res.status >= 500) throw new Error(`${what} → ${res.status}`);
  if (res.status === 400 && json) expect(typeof json.field === "string" && json.field.length > 0, `${what}: 400 without a field: ${JSON.stringify(json)}`).toBe(true);
}

describe("fuzzing the channels behind their signatures", () => {
  it("SMS via Twilio: any signed message gets TwiML, never a 5xx", async () => {
    const { app } = makeTestApp({ env: SMS_ENV });
    const from = fc.oneof(fc.constantFrom("+51987654321", "+51912345678", "987654321", "+14155550100"), nasty);
    await fc.assert(
      fc.asyncProperty(nasty, from, async (body, sender) => {
        const res = await postTwilio(app, twilioForm({ Body: body, From: sender }));
        await expectClearAnswer(res, `twilio ${JSON.stringify(body).slice(0, 80)} from ${JSON.stringify(sender)}`);
        if (res.status === 200) {
          expect(res.type).toMatch(/xml/);
          expect(res.body).toMatch(/^<\?xml[^>]*>\s*<Response(\/>|>[\s\S]*<\/Response>)$/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("SMS via Twilio: the same fields unsigned or re-signed wrongly are refused", async () => {
    const { app } = makeTestApp({ env: SMS_ENV });
    await fc.assert(
      fc.asyncProperty(nasty, fc.constantFrom(null, "", "AAAA", "bm90IGEgc2lnbmF0dXJl"), async (body, signature) => {
        expect((await postTwilio(app, twilioForm({ Body: body }), { signature })).status).toBe(403);
      }),
      { numRuns: RUNS },
    );
  });

  it("SMS via the JSON gateway: any signed body is answered, and a 400 names the field", async () => {
    const { app } = makeTestApp({ env: SMS_ENV });
    const base = JSON.parse(smsFixture("gateway-menu.json")) as Record<string, unknown>;
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
      fc.record({ key: fc.constantFrom(...Object.keys(base), "extra"), value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), nasty) }).map(({ key, value }) => JSON.stringify({ ...base, id: `gw-${Math.random()}`, [key]: value })),
      nasty,
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const res = await postGateway(app, raw);
        await expectClearAnswer(res, `gateway ${raw.slice(0, 80)}`, res.json);
      }),
      { numRuns: RUNS },
    );
  });

  it("WhatsApp: any well-signed body is acknowledged with 200 (Meta would retry anything else), never a 5xx", async () => {
    const { app } = makeTestApp({ env: whatsappEnv() });
    const fixtures = ["text.json", "batch.json", "button-reply.json", "list-reply.json", "status-failed.json", "image.json", "reaction.json"].map((f) => JSON.parse(waFixture(f)) as unknown);
    // replace one value anywhere in a real payload by anything
    const mutate = (value: unknown, path: number[], replacement: unknown): unknown => {
      if (path.length === 0 || value === null || typeof value !== "object") return replacement;
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) return replacement;
      const [key, inner] = entries[path[0] % entries.length];
      const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as unknown as Record<string, unknown>) : { ...(value as Record<string, unknown>) };
      copy[key] = mutate(inner, path.slice(1), replacement);
      return copy;
    };
    const body = fc.oneof(
      fc.record({ fixture: fc.constantFrom(...fixtures), path: fc.array(fc.nat(20), { minLength: 1, maxLength: 9 }), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty) }).map(({ fixture, path, value }) => JSON.stringify(mutate(fixture, path, value))),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
      nasty,
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const res = await postWebhook(app, raw);
        if (res.status !== 200) throw new Error(`whatsapp ${raw.slice(0, 120)} → ${res.status} ${res.body.slice(0, 120)}`);
        expect((await postWebhook(app, raw, "bad")).status).toBe(401);
      }),
      { numRuns: RUNS },
    );
  });

  it("staff login: arbitrary forms with a valid CSRF token never log anyone in and never fail with a 5xx", async () => {
    const { app, deps } = makeTestApp({ env: TEST_ENV });
    const agent = await addStaff(deps, "quality_agent");
    const browser = new StaffBrowser(app);
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.constant(agent.email), fc.constant(agent.email.toUpperCase())), nasty, async (email, password) => {
        const res = await browser.login(email, password === agent.password ? `${password}!` : password);
        expect(res.status).toBeLessThan(500);
        expect(res.status).not.toBe(303);
        expect(res.headers.getSetCookie().some((c) => c.startsWith("orienta_staff="))).toBe(false);
      }),
      // each wrong password counts towards the account lock: a few runs show it, more only lock it
      { numRuns: Math.min(RUNS, 12) },
    );
  });
});

describe("conversations never mix", () => {
  // inputs people type on a keypad or in a chat: menu digits mostly, and some noise
  const key = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("1", "2", "3", "4", "5", "0", "00", "98", "9") }, { weight: 1, arbitrary: nasty.filter((s) => !s.includes("*")) });
  const script = fc.array(key, { minLength: 1, maxLength: 8 });

  it("USSD: each phone's screens are the same whether it is alone or interleaved with others", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(script, script, script), fc.array(fc.nat(2), { minLength: 24, maxLength: 24 }), async (scripts, order) => {
        const phones = ["+51911111111", "+51922222222", "+51933333333"];
        // interleaved on one app
        const shared = makeTestApp().app;
        const together = phones.map((p, i) => dial(shared, p, `together-${i}`));
        const seen: string[][] = [[], [], []];
        for (const d of together) await d.start();
        const next = [0, 0, 0];
        for (const who of [...order, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]) {
          if (next[who] >= scripts[who].length) continue;
          seen[who].push((await together[who].press(scripts[who][next[who]++])).body);
        }
        // each alone on a fresh app
        for (const [i, p] of phones.entries()) {
          const alone = dial(makeTestApp().app, p, `alone-${i}`);
          await alone.start();
          const screens: string[] = [];
          for (const k of scripts[i]) screens.push((await alone.press(k)).body);
          expect(seen[i]).toEqual(screens);
        }
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });

  // the chat API refuses text over 2,000 characters (400, documented); the property is about turns it takes
  const chatScript = fc.array(key.filter((text) => text.length <= 2000), { minLength: 1, maxLength: 8 });

  it("web chat: a session id only ever continues its own conversation", async () => {
    const send = async (app: ReturnType<typeof makeTestApp>["app"], sessionId: string | undefined, text: string) => {
      const res = await chat(app, { sessionId, text });
      expect(res.status).toBe(200);
      return (await res.json()) as ChatResponse;
    };
    await fc.assert(
      fc.asyncProperty(fc.tuple(chatScript, chatScript), fc.array(fc.nat(1), { minLength: 16, maxLength: 16 }), async (scripts, order) => {
        const shared = makeTestApp().app;
        const ids: (string | undefined)[] = [undefined, undefined];
        const seen: string[][] = [[], []];
        const next = [0, 0];
        for (const who of [...order, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]) {
          if (next[who] >= scripts[who].length) continue;
          const r = await send(shared, ids[who], scripts[who][next[who]++]);
          if (ids[who]) expect(r.sessionId).toBe(ids[who]);
          ids[who] = r.sessionId;
          seen[who].push(r.reply.text);
        }
        expect(ids[0]).not.toBe(ids[1]);
        for (const who of [0, 1]) {
          const alone = makeTestApp().app;
          let id: string | undefined;
          const screens: string[] = [];
          for (const text of scripts[who]) {
            const r = await send(alone, id, text);
            id = r.sessionId;
            screens.push(r.reply.text);
          }
          expect(seen[who]).toEqual(screens);
        }
      }),
      { numRuns: Math.ceil(RUNS / 4) },
    );
  });
});
