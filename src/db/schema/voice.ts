import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";

export const VOICE_SEGMENT_STATUSES = ["missing", "synthetic", "recorded", "reviewed"] as const;
export type VoiceSegmentStatus = (typeof VOICE_SEGMENT_STATUSES)[number];

/**
 * The audio of the prompt bank's segments (issue 22 item 3): one row per language × segment
 * that has (or had) audio. The list of segments itself comes from the locales and the number
 * grammars (src/voice/segments.ts); a segment without a row is `missing`. `text` is the text the
 * audio says: when the locale text changes, the recording no longer matches and the bank treats
 * the segment as missing again. `media_path` is content-addressed (the audio's digest is in the
 * name), so a re-recording gets a new URL and no cache serves the old one.
 */
export const voiceSegments = sqliteTable(
  "voice_segments",
  {
    lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(),
    segment: text("segment").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: VOICE_SEGMENT_STATUSES }).notNull(),
    durationMs: integer("duration_ms"),
    mediaPath: text("media_path"),
    // "staff:<id>" or "synth:espeak-ng"; who recorded (or generated) the current audio, and when
    recordedBy: text("recorded_by"),
    recordedAt: integer("recorded_at"),
    // the second person who listened and approved it (never the recorder)
    reviewedBy: text("reviewed_by"),
    reviewedAt: integer("reviewed_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.lang, t.segment] }),
    // the studio's lists and the bank's coverage check: one language's segments by status
    index("voice_segments_status_idx").on(t.lang, t.status),
  ],
);
export type VoiceSegmentRow = typeof voiceSegments.$inferSelect;

/**
 * A language's voice channel switched on or off in the studio. No row: automatic (offered when
 * its menu segments have audio). Switching on needs every menu segment recorded.
 */
export const voiceLanguages = sqliteTable("voice_languages", {
  lang: text("lang", { enum: ["es", "qu", "ay"] }).primaryKey(),
  enabled: integer("enabled", { mode: "boolean" }).notNull(),
  changedBy: text("changed_by").notNull(),
  changedAt: integer("changed_at").notNull(),
});
