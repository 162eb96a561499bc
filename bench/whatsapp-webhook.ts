// npm run bench:whatsapp — cost of one WhatsApp webhook (signature check over the raw body, zod
// parse, duplicate check, engine turn, one atomic write of session + inbound id + outbox reply)
// and of one send (render to Graph JSON; the network is stubbed), against baselines measured in
// the same run and the same process: (a) a route that only checks the signature and answers 200,
// (b) the USSD step of the same app on the same database. In-process (`app.request`, one request
// at a time), on a WAL SQLite file. Bounded: about 4 × BENCH_SECONDS (default 4 s).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { createApp, createContext } from "../src/app";
import { metaSignatureHeader, verifyMetaSignature } from "../src/channels/whatsapp/verify";
import { createWhatsAppSender } from "../src/channels/whatsapp/send";
import { loadConfig } from "../src/config";
import { openNodeDatabase } from "../src/db/node";
import { silentLogger } from "../src/logging/logger";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const SECRET = "bench-app-secret";
const PHONE_ID = "106540352242922";
// a person's walk: hello → Español → programs → Pensión 65 → more → back → menu
const WALK: { text?: string; button?: string; list?: string }[] = [{ text: "Hola" }, { button: "1" }, { list: "1" }, { list: "2" }, { button: "98" }, { button: "0" }, { button: "00" }];

function webhookBody(n: number, phone: string, step: (typeof WALK)[number]): string {
  const message: Record<string, unknown> = { from: phone, id: `wamid.BENCH${n}`, timestamp: String(Math.floor(Date.now() / 1000)) };
  if (step.text !== undefined) Object.assign(message, { type: "text", text: { body: step.text } });
  else if (step.button) Object.assign(message, { type: "interactive", interactive: { type: "button_reply", button_reply: { id: step.button, title: "x" } } });
  else Object.assign(message, { type: "interactive", interactive: { type: "list_reply", list_reply: { id: step.list, title: "x" } } });
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_ID }, contacts: [{ profile: { name: "Bench" }, wa_id: phone }], messages: [message] }, field: "messages" }] }],
  });
}

/** Runs `op` back to back for SECONDS; returns operations per second and the p50/p99 in ms. */
async function timed(op: (i: number) => Promise<void>) {
  for (let i = 0; i < 200; i++) await op(1_000_000 + i); // warm-up
  const samples: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let i = 0;
  while (performance.now() < end) {
    const t0 = performance.now();
    await op(i++);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const total = samples.reduce((s, x) => s + x, 0);
  return { ops: Math.round((samples.length / total) * 1000), p50: +samples[Math.floor(samples.length / 2)].toFixed(3), p99: +samples[Math.floor(samples.length * 0.99)].toFixed(3), n: samples.length };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "bench-wa-"));
  const database = openNodeDatabase(join(dir, "bench.db"));
  const { config } = loadConfig({ NODE_ENV: "test", WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: "v", WHATSAPP_ACCESS_TOKEN: "t", WHATSAPP_PHONE_NUMBER_ID: PHONE_ID });
  const deps = { db: database.db, config, logger: silentLogger };
  const ctx = createContext(deps);
  const app = createApp(deps, ctx);

  // bodies are signed before timing: signing is Meta's work, verifying is ours
  const phones = 500;
  const bodies: { body: string; signature: string }[] = [];
  const count = 20_000;
  for (let n = 0; n < count; n++) {
    const phone = `5198${String(1_000_000 + (n % phones)).padStart(7, "0")}`;
    const body = webhookBody(n, phone, WALK[Math.floor(n / phones) % WALK.length]);
    bodies.push({ body, signature: await metaSignatureHeader(SECRET, body) });
  }

  // (a) signature only: the least any webhook endpoint must do
  const signatureOnly = new Hono();
  signatureOnly.post("/", async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    return (await verifyMetaSignature(SECRET, raw, c.req.header("x-hub-signature-256"))) ? c.text("EVENT_RECEIVED") : c.text("no", 401);
  });
  const post = (target: Hono, path: string, b: { body: string; signature: string }) =>
    target.request(path, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": b.signature }, body: b.body });
  const a = await timed(async (i) => void (await post(signatureOnly, "/", bodies[i % count])));

  // (b) the USSD step of the same app: language → menu → programs → Pensión 65 → more → back → menu
  const ussdWalk = ["", "1", "1*1", "1*1*2", "1*1*2*98", "1*1*2*98*0", "1*1*2*98*0*00"];
  const b = await timed(async (i) => {
    const form = new URLSearchParams({ sessionId: `s${Math.floor(i / ussdWalk.length)}`, serviceCode: "*123#", phoneNumber: `+5197${String(1_000_000 + (Math.floor(i / ussdWalk.length) % phones)).padStart(7, "0")}`, text: ussdWalk[i % ussdWalk.length] });
    await app.request("/channels/ussd", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
  });

  // the WhatsApp webhook: a new message each time (every body has its own wamid)
  let next = 0;
  const webhook = await timed(async () => {
    const res = await post(app, "/channels/whatsapp", bodies[next++ % count]);
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  });
  // the same messages again: what a duplicate delivery costs
  let again = 0;
  const duplicate = await timed(async () => void (await post(app, "/channels/whatsapp", bodies[again++ % Math.min(next, count)])));

  // one send: outbox message → Graph JSON → (stubbed) fetch → provider id
  const sender = createWhatsAppSender({
    config: { ...config.whatsapp!, accessToken: "t", phoneNumberId: PHONE_ID },
    i18n: ctx.i18n,
    now: () => Date.now(),
    logger: silentLogger,
    fetch: async () => new Response(JSON.stringify({ messages: [{ id: "wamid.X" }] }), { status: 200 }),
  });
  const rows = await ctx.db.query.outbox.findMany({ limit: 200 });
  const send = await timed(async (i) => {
    const row = rows[i % rows.length];
    await sender.send({ ...row, choices: row.choices ?? null, lastInboundAt: Date.now() - 60_000 });
  });

  const result = { date: new Date().toISOString(), seconds: SECONDS, signatureOnly: a, ussdStep: b, webhook, duplicate, send, webhookToSignature: webhook.ops / a.ops, webhookToUssd: webhook.ops / b.ops };
  mkdirSync("bench/out", { recursive: true });
  writeFileSync("bench/out/whatsapp-webhook.json", JSON.stringify(result, null, 2));
  const row = (name: string, f: typeof a) => `| ${name} | ${f.ops} | ${f.p50} | ${f.p99} | ${f.n} |`;
  console.log(
    [
      `| operation (in-process, one at a time, ${SECONDS} s each) | ops/s | p50 ms | p99 ms | samples |`,
      "|---|---|---|---|---|",
      row("(a) signature check only (Web Crypto HMAC over the raw body)", a),
      row("(b) USSD step, same app and database", b),
      row("WhatsApp webhook: verify + parse + turn + atomic write", webhook),
      row("WhatsApp webhook, duplicate delivery", duplicate),
      row("WhatsApp send: render + Graph JSON (fetch stubbed)", send),
      "",
      `webhook / (a): ${(result.webhookToSignature * 100).toFixed(1)} %   webhook / (b): ${(result.webhookToUssd * 100).toFixed(1)} %`,
    ].join("\n"),
  );
  database.close();
}

void main();
