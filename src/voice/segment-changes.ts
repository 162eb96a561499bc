import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { atomic } from "../db/atomic";
import { auditLog, voiceLanguages, voiceSegments, type VoiceSegmentRow } from "../db/schema";
import type { Lang } from "../i18n/langs";
import type { MediaStore } from "./prompt-bank";
import { segmentMediaPath } from "./media-store";
import type { PreparedAudio } from "./wav";

/**
 * The studio's and `voice:synth`'s changes to segment audio, each with its audit row in the same
 * atomic write. The audio file is written first under its content-addressed name (a file no row
 * points to is harmless; a row pointing to no file would not be).
 */
export interface ChangeDeps {
  db: Db;
  media: MediaStore;
  now: () => number;
}

export class StudioError extends Error {
  constructor(readonly reason: "not_found" | "same_person" | "not_recorded" | "incomplete" | "changed", message: string) {
    super(message);
  }
}

const audit = (db: Db, actor: string, action: string, subject: string, now: number, detail: Record<string, unknown>) =>
  db.insert(auditLog).values({ at: now, actor, action, subject, channel: "console", outcome: "ok", detail });

/** a new recording (status recorded, from staff) or synthetic draft (status synthetic, from espeak-ng) */
export async function storeSegmentAudio(
  deps: ChangeDeps,
  input: { lang: Lang; segment: string; text: string; status: "recorded" | "synthetic"; audio: PreparedAudio; actor: string; source: string },
): Promise<VoiceSegmentRow> {
  const now = deps.now();
  const mediaPath = await segmentMediaPath(input.lang, input.segment, input.audio.wav);
  await deps.media.put(mediaPath, input.audio.wav, "audio/wav");
  const row = {
    lang: input.lang, segment: input.segment, text: input.text, status: input.status, durationMs: input.audio.durationMs, mediaPath,
    recordedBy: input.actor, recordedAt: now, reviewedBy: null, reviewedAt: null, updatedAt: now,
  };
  const { lang: _l, segment: _s, ...set } = row;
  await atomic(deps.db, [
    deps.db.insert(voiceSegments).values(row).onConflictDoUpdate({ target: [voiceSegments.lang, voiceSegments.segment], set }),
    audit(deps.db, input.actor, input.status === "synthetic" ? "voice.synthesized" : "voice.recorded", `voice:${input.lang}:${input.segment}`, now, {
      source: input.source, durationMs: input.audio.durationMs, rmsDbfs: Math.round(input.audio.rmsDbfs * 10) / 10, mediaPath,
    }),
  ]);
  return row;
}

/**
 * A second person listened and approves: recorded → reviewed (never a synthetic draft, never
 * one's own). `heard` is the recording the reviewer's page played (its media path): the review
 * applies to that audio only. Without it, whoever recorded could upload other audio after the
 * reviewer listened, and the click approved what nobody else had heard, for every caller (session
 * 9 review). The update and its audit row are both guarded by it, so an upload landing in between
 * leaves the segment `recorded` and no "reviewed" row.
 */
export async function reviewSegment(deps: ChangeDeps, input: { lang: Lang; segment: string; text: string; actor: string; heard: string }): Promise<void> {
  const row = await deps.db.select().from(voiceSegments).where(and(eq(voiceSegments.lang, input.lang), eq(voiceSegments.segment, input.segment))).get();
  if (!row || !row.mediaPath || row.text !== input.text) throw new StudioError("not_found", "este segmento no tiene una grabación de su texto actual");
  if (row.status !== "recorded") throw new StudioError("not_recorded", row.status === "synthetic" ? "un borrador sintético no se revisa: grabe la voz de una persona" : "este segmento ya fue revisado");
  if (row.recordedBy === input.actor) throw new StudioError("same_person", "la revisión la hace otra persona, no quien grabó");
  const changed = new StudioError("changed", "la grabación cambió después de que usted la escuchó: escúchela otra vez antes de marcarla revisada");
  if (row.mediaPath !== input.heard) throw changed;
  const now = deps.now();
  const v = voiceSegments;
  const took = and(eq(v.lang, input.lang), eq(v.segment, input.segment), eq(v.status, "reviewed"), eq(v.reviewedBy, input.actor), eq(v.reviewedAt, now), eq(v.mediaPath, input.heard));
  const value = <T>(x: T, name: string) => sql<T>`${x}`.as(name);
  await atomic(deps.db, [
    deps.db.update(v).set({ status: "reviewed", reviewedBy: input.actor, reviewedAt: now, updatedAt: now }).where(and(eq(v.lang, input.lang), eq(v.segment, input.segment), eq(v.status, "recorded"), eq(v.mediaPath, input.heard))),
    deps.db.insert(auditLog).select(
      deps.db
        .select({
          id: sql<number>`null`.as("id"),
          at: value(now, "at"),
          actor: value(input.actor, "actor"),
          action: value("voice.reviewed", "action"),
          subject: value(`voice:${input.lang}:${input.segment}`, "subject"),
          channel: value("console", "channel"),
          outcome: value("ok", "outcome"),
          detail: value(JSON.stringify({ recordedBy: row.recordedBy, mediaPath: input.heard }), "detail"),
        })
        .from(v)
        .where(took),
    ),
  ]);
  const after = await deps.db.select({ reviewedBy: v.reviewedBy, mediaPath: v.mediaPath }).from(v).where(and(eq(v.lang, input.lang), eq(v.segment, input.segment))).get();
  if (after?.reviewedBy !== input.actor || after.mediaPath !== input.heard) throw changed;
}

/** the studio's switch; switching on is the caller's check (every menu segment recorded) */
export async function setLanguageSwitch(deps: ChangeDeps, input: { lang: Lang; enabled: boolean; actor: string; missing: number }): Promise<void> {
  const now = deps.now();
  await atomic(deps.db, [
    deps.db.insert(voiceLanguages).values({ lang: input.lang, enabled: input.enabled, changedBy: input.actor, changedAt: now })
      .onConflictDoUpdate({ target: voiceLanguages.lang, set: { enabled: input.enabled, changedBy: input.actor, changedAt: now } }),
    audit(deps.db, input.actor, input.enabled ? "voice.language_on" : "voice.language_off", `voice:${input.lang}`, now, { missing: input.missing }),
  ]);
}
