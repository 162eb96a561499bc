import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";

export const PAYMENT_STATUSES = ["programado", "disponible", "cobrado", "no_cobrado", "observado"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** The payment schedules: one row per person, program and period (YYYY-MM). */
export const payments = sqliteTable(
  "payments",
  {
    dni: text("dni").notNull(),
    program: text("program").notNull(),
    period: text("period").notNull(), // YYYY-MM
    amountCents: integer("amount_cents").notNull(), // soles × 100: no floating point in money
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    availableFrom: text("available_from"), // YYYY-MM-DD
    availableUntil: text("available_until"), // YYYY-MM-DD
    paymentPoint: text("payment_point"), // where to collect, as the program writes it
  },
  (t) => [
    // primary key (dni, program, period): "my payments" reads one DNI's rows in one range scan,
    // already ordered by program and period (next and last payment per program); the importer
    // upserts on it. Every extra index slows a 5-million-row import; these two serve the payment
    // notices (issue 21), which otherwise would scan every payment every day:
    primaryKey({ columns: [t.dni, t.program, t.period] }),
    // payment_available: the payments whose window opens today
    index("payments_from_idx").on(t.availableFrom),
    // payment_reminder: the payments whose window closes in NOTICES_REMINDER_DAYS days
    index("payments_until_idx").on(t.availableUntil),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;
