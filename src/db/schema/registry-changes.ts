import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

/**
 * What an import changed that a person may need to hear about (issue 21): an enrolment whose
 * status changed (suspended, reactivated) or a payment whose window moved. Written by triggers
 * on `enrolments` and `payments` (migration 0013), so every writer (the importer's upsert, a
 * hand-run UPDATE, D1) records it without knowing about notices; read and deleted by the
 * notices job in the same write as the notices it decides. Holds only the registry's keys.
 */
export const registryChanges = sqliteTable("registry_changes", {
  // the job reads in this order (primary key: no other index needed)
  id: integer("id").primaryKey({ autoIncrement: true }),
  kind: text("kind", { enum: ["enrolment", "payment"] }).notNull(),
  dni: text("dni").notNull(),
  program: text("program").notNull(),
  // payment: its period (YYYY-MM); enrolment: null
  period: text("period"),
});

export type RegistryChangeRow = typeof registryChanges.$inferSelect;
