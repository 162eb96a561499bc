// npm run bench:sms — what the SMS channel adds, measured in one process against baselines from
// the same run (no network, ~15 s): (1) text shaping: rendering every screen of every flow in
// every language as SMS, with and without GSM-7 folding + segment capping; (2) the webhook:
// a signed Twilio request (signature check, dedup insert, engine turn, TwiML) against the USSD
// route doing the same menu walk.
import { createApp } from "../src/app";
import { loadConfig } from "../src/config";
import { openNodeDatabase } from "../src/db/node";
import { silentLogger } from "../src/logging/logger";
import { createContext } from "../src/app";
import { SMS_PROFILE } from "../src/channels/sms/handle";
import { renderSmsReply, shapeSms } from "../src/channels/sms/render";
import { twilioSignature } from "../src/channels/sms/verify";
import { walkScreens } from "../test/support/walk-screens";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const env = {
  NODE_ENV: "test",
  TWILIO_AUTH_TOKEN: "bench-token-0123456789",
  TWILIO_ACCOUNT_SID: "ACbench",
  TWILIO_FROM: "+51902000101",
  PUBLIC_BASE_URL: "https://orienta.example.pe",
};

/** Runs `op` repeatedly for `seconds`; operations per second. */
async function rate(seconds: number, op: (i: number) => unknown | Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const started = performance.now();
  while (performance.now() < end) await op(n++);
  return n / ((performance.now() - started) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const { config } = loadConfig(env);
  const database = openNodeDatabase(":memory:");
  const deps = { db: database.db, config, logger: silentLogger };
  const ctx = createContext(deps);
  const app = createApp(deps, ctx);

  // (1) shaping over every walked screen
  const screens = (await walkScreens(ctx, SMS_PROFILE)).map((s) => s.reply);
  const renderOnly: number[] = [];
  const renderShape: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    renderOnly.push(await rate(SECONDS, (i) => renderSmsReply(screens[i % screens.length], ctx.i18n)));
    renderShape.push(await rate(SECONDS, (i) => {
      const reply = screens[i % screens.length];
      return shapeSms(renderSmsReply(reply, ctx.i18n), reply.lang, 2, ctx.i18n);
    }));
  }

  // (2) webhooks: the same walk (language, programs, a program, back, menu) per phone
  const walk = ["1", "1", "2", "0", "00"];
  const ussd = async (i: number) => {
    const phone = Math.floor(i / (walk.length + 1));
    const step = i % (walk.length + 1);
    const text = walk.slice(0, step).join("*");
    await app.request("/channels/ussd", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ sessionId: `u${phone}`, serviceCode: "*123#", phoneNumber: `+5198${String(phone).padStart(7, "0")}`, text }).toString(),
    });
  };
  // signed forms are prepared outside the timed loop (the client signs, not the server)
  const forms: { body: string; signature: string }[] = [];
  for (let i = 0; i < 40_000; i++) {
    const phone = Math.floor(i / (walk.length + 1));
    const step = i % (walk.length + 1);
    const form = new URLSearchParams({
      MessageSid: `SM${i.toString(16).padStart(32, "0")}`,
      From: `+5197${String(phone).padStart(7, "0")}`,
      To: env.TWILIO_FROM,
      Body: step === 0 ? "MENU" : walk[step - 1],
      NumMedia: "0",
    });
    forms.push({ body: form.toString(), signature: await twilioSignature(env.TWILIO_AUTH_TOKEN, `${env.PUBLIC_BASE_URL}/channels/sms/twilio`, form) });
  }
  let next = 0;
  const sms = async () => {
    const { body, signature } = forms[next++ % forms.length];
    await app.request("/channels/sms/twilio", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body,
    });
  };
  const ussdRates: number[] = [];
  const smsRates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    ussdRates.push(await rate(SECONDS, ussd));
    smsRates.push(await rate(SECONDS, sms));
  }

  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  console.log(`screens walked: ${screens.length} (3 languages), rounds: ${ROUNDS} × ${SECONDS} s, medians`);
  console.log(`render as SMS text          ${fmt(median(renderOnly))} replies/s`);
  console.log(`render + fold + cap (2 seg) ${fmt(median(renderShape))} replies/s  ratio ${(median(renderShape) / median(renderOnly)).toFixed(2)}`);
  console.log(`USSD webhook step (baseline)    ${fmt(median(ussdRates))} req/s`);
  console.log(`Twilio SMS webhook step         ${fmt(median(smsRates))} req/s  ratio ${(median(smsRates) / median(ussdRates)).toFixed(2)}`);
  database.close?.();
}

await main();
