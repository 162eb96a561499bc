import { sqliteTable, text } from "drizzle-orm/sqlite-core";

export const CSE_LEVELS = ["pobre_extremo", "pobre", "no_pobre"] as const;
export type CseLevel = (typeof CSE_LEVELS)[number];

/** The household's SISFOH socioeconomic classification (CSE) as the registry gives it per person. */
export const classifications = sqliteTable("classifications", {
  // primary key: "my status" reads the CSE of one DNI
  dni: text("dni").primaryKey(),
  level: text("level", { enum: CSE_LEVELS }).notNull(),
  validUntil: text("valid_until").notNull(), // YYYY-MM-DD: the per-record expiry, not a rule
});

export type ClassificationRow = typeof classifications.$inferSelect;
