import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A complaint told by phone (issue 22 item 7): the recording's place in the media store. Written
 * in the filing's own write; the audio arrives there when the outbox has fetched it from the
 * provider (`fetchedAt`), which then deletes it at the provider. Kept and purged with the complaint.
 */
export const complaintRecordings = sqliteTable(
  "complaint_recordings",
  {
    complaintId: text("complaint_id").primaryKey(),
    mediaPath: text("media_path").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  // the fetch finds its complaint by the media path it stored
  (t) => [index("complaint_recordings_media_idx").on(t.mediaPath)],
);

export type ComplaintRecordingRow = typeof complaintRecordings.$inferSelect;
