import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The programs' registry of people, loaded from their CSV exports (`npm run import -- persons`).
 * The DNI is the key every lookup starts from; the birth date is the second fact that proves
 * who is asking. `ubigeo` is always the INEI district code (RENIEC codes are translated on import).
 */
export const persons = sqliteTable("persons", {
  // primary key: the only query is "the person with this DNI" (verification, every lookup)
  dni: text("dni").primaryKey(),
  birthDate: text("birth_date").notNull(), // YYYY-MM-DD
  firstNames: text("first_names").notNull(),
  lastNames: text("last_names").notNull(),
  ubigeo: text("ubigeo").notNull(), // INEI, 6 digits
  phone: text("phone"), // E.164 (+51…) or null
});

export type PersonRow = typeof persons.$inferSelect;
