import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createApp, createContext, type AppDeps } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openNodeDatabase } from "../../src/db/node";
import { voiceSegments } from "../../src/db/schema";
import { silentLogger } from "../../src/logging/logger";
import type { Message, Reply } from "../../src/domain/messages";
import type { Lang } from "../../src/i18n/langs";
import { walkScreens } from "../../src/i18n/walk-screens";
import { VOICE_PROFILE } from "../../src/channels/voice/profile";
import { speakReply } from "../../src/channels/voice/speech";
import { createMemoryMediaStore } from "../../src/voice/media-store";
import type { PromptBank } from "../../src/voice/prompt-bank";
import { synthesizeDrafts } from "../../src/voice/synthesize";
import { parseWav } from "../../src/voice/wav";
import { espeakAvailable, espeakSynthesizer } from "../../src/cli/voice-espeak";

const ESPEAK = espeakAvailable();
if (!ESPEAK) console.warn("SKIPPED test/voice/walker.test.ts: espeak-ng is not installed here (sudo apt-get install -y espeak-ng; .ci/run installs it)");

function setup() {
  const database = openNodeDatabase(":memory:");
  const { config } = loadConfig({ NODE_ENV: "test" });
  const media = createMemoryMediaStore();
  const deps: AppDeps = { db: database.db, config, logger: silentLogger, media };
  const ctx = createContext(deps);
  return { ctx, app: createApp(deps, ctx), media, db: database.db };
}

/**
 * A bank that checks every message the voice channel speaks: its text exists in the language,
 * each segment is in the bank's catalog, and — for a language offered by voice without the
 * provider's TTS (Quechua) — each segment has audio of its current text.
 */
function checkingBank(ctx: ReturnType<typeof setup>["ctx"], enabled: Set<Lang>, problems: Set<string>): PromptBank {
  const bank = ctx.voice.bank;
  const ids = new Map<Lang, Set<string>>();
  const catalogOf = (lang: Lang) => ids.get(lang) ?? ids.set(lang, new Set(bank.catalog(lang).map((s) => s.id))).get(lang)!;
  return {
    offered: (lang) => bank.offered(lang),
    async speak(lang: Lang, message: Message) {
      const items = bank.items(lang, message).filter((i) => !("punct" in i));
      if (items.length === 0 && !message.params) problems.add(`${lang} ${message.key}: nothing to say`);
      for (const item of items) if ("segment" in item && !catalogOf(lang).has(item.segment)) problems.add(`${lang} ${item.segment}: not in the bank's catalog`);
      const parts = await bank.speak(lang, message, { tts: lang === "es" });
      if (enabled.has(lang)) {
        const played = new Set(parts.flatMap((p) => (p.kind === "play" ? [p.segment] : [])));
        for (const item of items) if ("segment" in item && !played.has(item.segment)) problems.add(`${lang} ${item.segment} (${message.key}): no audio`);
      }
      return parts;
    },
  };
}

describe.skipIf(!ESPEAK)("the voice walker over synthetic Quechua drafts (espeak-ng)", () => {
  it("generates the Quechua drafts, serves them, and every engine screen speaks with no missing segment", { timeout: 240_000 }, async () => {
    const { ctx, app, media, db } = setup();
    const report = await synthesizeDrafts({ db, media, now: () => Date.now(), bank: ctx.voice.bank, synthesize: espeakSynthesizer("qu") }, "qu");
    expect(report.failed).toEqual([]);
    expect(report.generated.length).toBe(ctx.voice.bank.catalog("qu").length);
    const rows = await db.select().from(voiceSegments).where(eq(voiceSegments.lang, "qu")).all();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["synthetic"]));

    // a draft as the providers fetch it: 8 kHz mono WAV, cached as immutable
    const sample = rows.find((r) => r.segment === "common.main.title~0")!;
    const res = await app.request(`/media/${sample.mediaPath}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("immutable");
    const pcm = parseWav(new Uint8Array(await res.arrayBuffer()));
    expect(pcm.sampleRate).toBe(8000);
    expect(pcm.samples.length / 8000).toBeGreaterThan(0.3);

    expect(await ctx.voice.bank.offered("qu")).toBe(true);
    expect(await ctx.voice.bank.offered("ay")).toBe(false);

    const enabled = new Set<Lang>(["qu"]);
    const problems = new Set<string>();
    const bank = checkingBank(ctx, enabled, problems);
    const screens = await walkScreens(ctx, VOICE_PROFILE, 400, 3);
    for (const screen of screens) await speakReply(bank, screen.reply);
    expect(screens.filter((s) => s.lang === "qu").length).toBeGreaterThan(100);
    expect([...problems]).toEqual([]);

    // the walker fails when a segment of an enabled language loses its audio
    await db.delete(voiceSegments).where(and(eq(voiceSegments.lang, "qu"), eq(voiceSegments.segment, "common.main.programs~0")));
    ctx.voice.bank.invalidate("qu");
    const main: Reply = await ctx.engine.render(ctx.engine.initialState("qu"), { now: ctx.now(), channel: VOICE_PROFILE, services: ctx.services });
    await speakReply(bank, main);
    expect([...problems]).toEqual(["qu common.main.programs~0 (common:main.programs): no audio"]);
    expect(await ctx.voice.bank.offered("qu")).toBe(false);
  });
});
