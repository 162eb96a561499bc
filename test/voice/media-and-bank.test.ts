import { describe, expect, it } from "vitest";
import { createApp, createContext, type AppDeps } from "../../src/app";
import { loadConfig } from "../../src/config";
import { openNodeDatabase } from "../../src/db/node";
import { voiceLanguages, voiceSegments } from "../../src/db/schema";
import { createJsonLogger } from "../../src/logging/logger";
import { createMemoryMediaStore, safeMediaPath, segmentMediaPath } from "../../src/voice/media-store";
import type { Lang } from "../../src/i18n/langs";

function setup() {
  const database = openNodeDatabase(":memory:");
  const { config } = loadConfig({ NODE_ENV: "test" });
  const logs: string[] = [];
  const media = createMemoryMediaStore();
  const fallbacks: unknown[] = [];
  const deps: AppDeps = {
    db: database.db,
    config,
    logger: createJsonLogger("debug", (l) => logs.push(l)),
    now: () => Date.parse("2026-12-07T12:00:00Z"),
    media,
    metrics: { middleware: async (_c, next) => next(), serve: (c) => c.text(""), countVoiceFallback: (f) => fallbacks.push(f) },
  };
  const ctx = createContext(deps);
  const app = createApp(deps, ctx);
  /** stores audio for a segment the way the studio and voice:synth do */
  const record = async (lang: Lang, segment: string, text: string, status: "synthetic" | "recorded" | "reviewed", bytes = new Uint8Array([1, 2, 3, segment.length])) => {
    const mediaPath = await segmentMediaPath(lang, segment, bytes);
    await media.put(mediaPath, bytes, "audio/wav");
    await database.db.insert(voiceSegments).values({ lang, segment, text, status, mediaPath, durationMs: 800, recordedBy: "staff:t", recordedAt: 1, updatedAt: 1 })
      .onConflictDoUpdate({ target: [voiceSegments.lang, voiceSegments.segment], set: { text, status, mediaPath } });
    ctx.voice.bank.invalidate(lang);
    return mediaPath;
  };
  return { app, ctx, media, logs, fallbacks, record, db: database.db };
}

describe("GET /media/voice/<lang>/<file>", () => {
  it("serves stored audio with a year-long immutable cache, under a content-addressed name", async () => {
    const { app, record } = setup();
    const path = await record("qu", "common.main.title~0", "x", "recorded", new Uint8Array([82, 73, 70, 70]));
    expect(path).toMatch(/^voice\/qu\/common\.main\.title~0\.[0-9a-f]{12}\.wav$/);
    const res = await app.request(`/media/${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array([82, 73, 70, 70]));
    // a re-recording gets another name: the cached old URL is never what the bank plays
    const again = await record("qu", "common.main.title~0", "x", "recorded", new Uint8Array([9, 9, 9]));
    expect(again).not.toBe(path);
  });

  it.each([
    ["/media/voice/qu/nothing.000000000000.wav", 404],
    ["/media/voice/xx/a.wav", 404],
    ["/media/voice/qu/..%2F..%2Fetc%2Fpasswd.wav", 404],
    ["/media/voice/qu/.hidden.wav", 404],
    ["/media/voice/qu/a.txt", 404],
  ])("%s → %i, never cached", async (url, status) => {
    const { app } = setup();
    const res = await app.request(url);
    expect(res.status).toBe(status);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses unsafe paths in the store itself", () => {
    for (const bad of ["../x", "/etc/passwd", "a/../b", "a\\b", "", "a//b", "voice/.x"]) expect(safeMediaPath(bad)).toBeNull();
    expect(safeMediaPath("voice/qu/common.main.title~0.abcdefabcdef.wav")).not.toBeNull();
  });
});

describe("the prompt bank on the app context", () => {
  it("speaks Spanish through the provider's TTS, amounts and dates as words", async () => {
    const { ctx } = setup();
    const parts = await ctx.voice.bank.speak("es", { key: "lookup:pay.available", params: { amount: "1250", from: "15/03/2026", until: "31/03/2026" } });
    expect(parts).toEqual([{ kind: "say", lang: "es", text: "Ya puede cobrar mil doscientos cincuenta soles del quince de marzo de dos mil veintiséis al treinta y uno de marzo de dos mil veintiséis." }]);
  });

  it("plays Spanish recordings when every part of the message has one", async () => {
    const { ctx, record } = setup();
    const p = await record("es", "common.main.title~0", "MIDIS Orienta. Elija:", "recorded");
    expect(await ctx.voice.bank.speak("es", { key: "common:main.title" })).toEqual([{ kind: "play", url: `/media/${p}`, segment: "common.main.title~0" }]);
  });

  it("plays Quechua segments that have audio, skips the rest (logged once, counted), and never plays audio of an older text", async () => {
    const { ctx, record, logs, fallbacks } = setup();
    const items = ctx.voice.bank.items("qu", { key: "lookup:pay.held", params: { amount: "250", period: "03/2026" } });
    const segments = items.map((i) => ("segment" in i ? i.segment : "free"));
    expect(segments).toEqual(expect.arrayContaining(["num.2", "num.100", "num.5", "num.10", "word.soles", "common.months.m3~0"]));
    const first = items.find((i) => "segment" in i && i.segment.startsWith("lookup.")) as { segment: string; text: string };
    await record("qu", first.segment, first.text, "synthetic");
    await record("qu", "num.2", "iskay", "recorded");
    await record("qu", "num.100", "an older text", "recorded");
    const parts = await ctx.voice.bank.speak("qu", { key: "lookup:pay.held", params: { amount: "250", period: "03/2026" } });
    const played = parts.map((p) => (p.kind === "play" ? p.segment : p.kind));
    expect(played).toEqual(items.filter((i) => "segment" in i && (i.segment === first.segment || i.segment === "num.2")).map((i) => (i as { segment: string }).segment));
    expect(played.filter((s) => s === "num.2")).toHaveLength(3); // iskay pachak…, iskay waranqa iskay chunka suqtayuq
    await ctx.voice.bank.speak("qu", { key: "lookup:pay.held", params: { amount: "250", period: "03/2026" } });
    const warned = logs.filter((l) => l.includes('"segment":"num.100"'));
    expect(warned).toHaveLength(1);
    expect(fallbacks.filter((f) => (f as { fallback: string }).fallback === "skip").length).toBeGreaterThan(4);
  });

  it("offers Spanish always, Quechua when every segment has audio (drafts count), Aymara only with recordings", async () => {
    const { ctx, record, db } = setup();
    expect(await ctx.voice.bank.offered("es")).toBe(true);
    expect(await ctx.voice.bank.offered("qu")).toBe(false);
    for (const s of ctx.voice.bank.catalog("qu")) await db.insert(voiceSegments).values({ lang: "qu", segment: s.id, text: s.text, status: "synthetic", mediaPath: `voice/qu/${s.id}.000000000000.wav`, updatedAt: 1 });
    for (const s of ctx.voice.bank.catalog("ay")) await db.insert(voiceSegments).values({ lang: "ay", segment: s.id, text: s.text, status: "synthetic", mediaPath: `voice/ay/${s.id}.000000000000.wav`, updatedAt: 1 });
    ctx.voice.bank.invalidate();
    expect(await ctx.voice.bank.offered("qu")).toBe(true);
    expect(await ctx.voice.bank.offered("ay")).toBe(false);
    await record("ay", "num.1", "maya", "recorded");
    await db.insert(voiceLanguages).values({ lang: "qu", enabled: false, changedBy: "staff:t", changedAt: 1 });
    expect(await ctx.voice.bank.offered("qu")).toBe(false);
  });
});
