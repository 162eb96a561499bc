import { sqliteTable, text, primaryKey } from "drizzle-orm/sqlite-core";

export const ENROLMENT_STATUSES = ["activo", "suspendido", "desafiliado", "en_evaluacion"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A person's membership of one program, with its status and, when not active, the reason code. */
export const enrolments = sqliteTable(
  "enrolments",
  {
    dni: text("dni").notNull(),
    program: text("program").notNull(), // catalog id: juntos, pension65, …
    status: text("status", { enum: ENROLMENT_STATUSES }).notNull(),
    since: text("since").notNull(), // YYYY-MM-DD
    statusReason: text("status_reason"), // e.g. cred_incumplido; null when active
  },
  (t) => [
    // primary key (dni, program): "my status" reads every enrolment of one DNI in one range
    // scan, and the importer upserts on it
    primaryKey({ columns: [t.dni, t.program] }),
  ],
);

export type EnrolmentRow = typeof enrolments.$inferSelect;
