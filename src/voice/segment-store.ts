import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { voiceLanguages, voiceSegments, type VoiceSegmentRow } from "../db/schema/voice";
import type { Lang } from "../i18n/langs";

/** The stored audio of one language's segments, by segment id. */
export async function audioOf(db: Db, lang: Lang): Promise<Map<string, VoiceSegmentRow>> {
  const rows = await db.select().from(voiceSegments).where(eq(voiceSegments.lang, lang)).all();
  return new Map(rows.map((row) => [row.segment, row]));
}

export async function segmentRow(db: Db, lang: Lang, segment: string): Promise<VoiceSegmentRow | undefined> {
  return db.select().from(voiceSegments).where(and(eq(voiceSegments.lang, lang), eq(voiceSegments.segment, segment))).get();
}

/** The studio's switch per language: true/false, or undefined (automatic). */
export async function languageSwitches(db: Db): Promise<Partial<Record<Lang, boolean>>> {
  const rows = await db.select().from(voiceLanguages).all();
  return Object.fromEntries(rows.map((row) => [row.lang, row.enabled]));
}
