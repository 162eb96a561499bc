// npm run bench:voice — the voice channel, in one process (no network, ≤ ~30 s):
// (1) a voice turn (parse the Twilio form, verify X-Twilio-Signature, run the turn through the
//     engine, render TwiML) against the USSD step, the same menu walk, interleaved rounds;
// (2) how long the menus take to say: the main menu and each flow's longest prompt, in seconds
//     per language, estimated from the text (see RATE below: no recorded durations exist yet).
import { loadavg, tmpdir } from "node:os";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApp, createContext, type AppDeps } from "../src/app";
import { loadConfig } from "../src/config";
import { openNodeDatabase } from "../src/db/node";
import { silentLogger } from "../src/logging/logger";
import { twilioSignature } from "../src/channels/sms/verify";
import { VOICE_PROFILE } from "../src/channels/voice/profile";
import { speakReply } from "../src/channels/voice/speech";
import { walkScreens } from "../src/i18n/walk-screens";
import { LANGS, type Lang } from "../src/i18n/langs";
import type { Translator } from "../src/i18n/translator";
import type { PromptBank } from "../src/voice/prompt-bank";

const WALKS = Number(process.env.BENCH_WALKS ?? 60);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TOKEN = "bench-voice-token-0123";
const BASE = "https://orienta.example.pe";

/**
 * Speaking rate for the estimate: 4.5 syllables a second, a clear IVR pace for older callers
 * (conversational Spanish runs ~6–7), plus 0.4 s between spoken parts (sentences, options).
 * A digit counts 1.5 syllables. Syllables are counted as vowel groups (good for Spanish and
 * Quechua/Aymara, which have no diphthong ambiguity to speak of).
 */
const SYLLABLES_PER_SECOND = 4.5;
const PAUSE_SECONDS = 0.4;
const syllables = (text: string) => (text.match(/[aeiouáéíóúüïäAEIOUÁÉÍÓÚ]+/g)?.length ?? 0) + 1.5 * (text.match(/\d/g)?.length ?? 0);
const seconds = (parts: string[]) => parts.reduce((s, p) => s + syllables(p) / SYLLABLES_PER_SECOND + PAUSE_SECONDS, 0);
/** a menu longer than this loses callers (issue 22) */
const MENU_LIMIT_S = 25;

function textBank(i18n: Translator): PromptBank {
  return { speak: async (lang, m) => [{ kind: "say", text: i18n.t(lang, m.key, m.params), lang }], offered: async (lang) => lang !== "ay" };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "bench-voice-"));
  const { config } = loadConfig({ NODE_ENV: "test", TWILIO_AUTH_TOKEN: TOKEN, PUBLIC_BASE_URL: BASE, LOG_LEVEL: "silent" });
  const database = openNodeDatabase(join(dir, "voice.db"));
  const i18n = createContext({ db: database.db, config, logger: silentLogger }).i18n;
  const deps: AppDeps = { db: database.db, config, logger: silentLogger, voiceBank: textBank(i18n) };
  const app = createApp(deps);
  const load = loadavg()[0];

  // the same walk on both channels: language → menu → programs → a program (all its pages) → back → menu
  let callSeq = 0;
  async function voiceWalk(times: number[]) {
    callSeq += 1;
    const base = { CallSid: `CA${String(callSeq).padStart(32, "0")}`, AccountSid: "AC" + "0".repeat(32), From: `+5198${String(callSeq).padStart(7, "0")}`, To: "+5114800101", CallStatus: "in-progress", Direction: "inbound", ApiVersion: "2010-04-01" };
    let path = "/channels/voice/twilio";
    for (const digits of [null, "1", "1", "2", "0", "9"]) {
      const form = new URLSearchParams(base);
      if (digits !== null) form.set("Digits", digits);
      const signature = await twilioSignature(TOKEN, BASE + path, form);
      const started = performance.now();
      const res = await app.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature }, body: form.toString() });
      const body = await res.text();
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`voice ${res.status}: ${body}`);
      path = /action="([^"]+)"/.exec(body)![1].replace(/&amp;/g, "&");
    }
  }
  async function ussdWalk(times: number[]) {
    callSeq += 1;
    const session = `bench-${callSeq}`;
    for (const text of ["", "1", "1*1", "1*1*2", "1*1*2*98", "1*1*2*98*98", "1*1*2*98*98*0", "1*1*2*98*98*0*00"]) {
      const body = new URLSearchParams({ sessionId: session, serviceCode: "*123#", phoneNumber: `+5197${String(callSeq).padStart(7, "0")}`, networkCode: "71610", text }).toString();
      const started = performance.now();
      const res = await app.request("/channels/ussd", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
      await res.text();
      times.push(performance.now() - started);
    }
  }
  for (let i = 0; i < 5; i++) {
    await voiceWalk([]);
    await ussdWalk([]);
  }
  const voice: number[] = [];
  const ussd: number[] = [];
  const voiceWalkMs: number[] = [];
  const ussdWalkMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < WALKS; i++) {
      let t = performance.now();
      await voiceWalk(voice);
      voiceWalkMs.push(performance.now() - t);
      t = performance.now();
      await ussdWalk(ussd);
      ussdWalkMs.push(performance.now() - t);
    }
  }

  // spoken length: every screen the walker reaches, as the call says it
  const ctx = createContext(deps);
  const bank = textBank(ctx.i18n);
  const screens = await walkScreens(ctx, VOICE_PROFILE, 1500, 3);
  const longest: Record<string, Record<string, { seconds: number; node: string; menu: boolean }>> = {};
  const pagesOf = new Map<string, string[]>();
  for (const { lang, state, reply } of screens) {
    const text = (await speakReply(bank, reply)).map((p) => (p.kind === "say" ? p.text : ""));
    // information pages are read one after another: a node's pages with the same data add up
    const key = `${lang}|${state.node}|${JSON.stringify(state.data)}`;
    const spoken = reply.options.length === 0 && (reply.nav.more || state.page > 0) ? [...(pagesOf.get(key) ?? []), ...text] : text;
    if (reply.options.length === 0) pagesOf.set(key, spoken);
    const flow = state.node.split(".")[0];
    const s = seconds(spoken);
    longest[flow] ??= {};
    if ((longest[flow][lang]?.seconds ?? 0) < s) longest[flow][lang] = { seconds: s, node: `${state.node}${state.page ? `#${state.page}` : ""}`, menu: reply.options.length > 0 };
  }
  const mainMenu: Record<string, number> = {};
  for (const lang of LANGS) {
    const reply = await ctx.engine.render(ctx.engine.initialState(lang as Lang), { now: ctx.now(), channel: VOICE_PROFILE, services: ctx.services });
    mainMenu[lang] = seconds((await speakReply(bank, reply)).map((p) => (p.kind === "say" ? p.text : "")));
  }
  const languageMenu = seconds((await speakReply(bank, await ctx.engine.render(ctx.engine.initialState(null), { now: ctx.now(), channel: VOICE_PROFILE, services: ctx.services }))).map((p) => (p.kind === "say" ? p.text : "")));

  const f = (x: number) => Math.round(x * 100) / 100;
  const result = {
    date: new Date().toISOString(),
    loadAverage1m: f(load),
    walks: WALKS * ROUNDS,
    voiceTurnMs: { p50: f(median(voice)), p99: f(pct(voice, 0.99)), mean: f(voice.reduce((a, b) => a + b, 0) / voice.length), turns: voice.length },
    ussdStepMs: { p50: f(median(ussd)), p99: f(pct(ussd, 0.99)), mean: f(ussd.reduce((a, b) => a + b, 0) / ussd.length), steps: ussd.length },
    walkMs: { voice: f(median(voiceWalkMs)), ussd: f(median(ussdWalkMs)) },
    rate: `${SYLLABLES_PER_SECOND} syllables/s + ${PAUSE_SECONDS} s per part (estimate from text)`,
    languageMenuSeconds: f(languageMenu),
    mainMenuSeconds: Object.fromEntries(Object.entries(mainMenu).map(([k, v]) => [k, f(v)])),
    longestPromptSeconds: Object.fromEntries(Object.entries(longest).map(([flow, byLang]) => [flow, Object.fromEntries(Object.entries(byLang).map(([l, v]) => [l, { seconds: f(v.seconds), node: v.node, kind: v.menu ? "menu" : "information" }]))])),
    // a menu (options to choose) over 25 s loses callers; information read whole is reported apart
    menusOver25s: Object.entries(longest).flatMap(([flow, byLang]) => Object.entries(byLang).filter(([, v]) => v.menu && v.seconds > MENU_LIMIT_S).map(([l, v]) => `${l} ${flow} (${v.node}): ${f(v.seconds)} s`)),
    informationOver25s: Object.entries(longest).flatMap(([flow, byLang]) => Object.entries(byLang).filter(([, v]) => !v.menu && v.seconds > MENU_LIMIT_S).map(([l, v]) => `${l} ${flow} (${v.node}): ${f(v.seconds)} s`)),
    screens: screens.length,
  };
  mkdirSync("bench/out", { recursive: true });
  writeFileSync("bench/out/voice.json", JSON.stringify(result, null, 2));
  console.log(JSON.stringify(result, null, 2));
  database.close?.();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
