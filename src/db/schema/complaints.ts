import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";

export const COMPLAINT_KINDS = ["reclamo", "denuncia", "consulta", "sugerencia"] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];

/** registrado → en_revision → derivado → respondido → cerrado, or improcedente (see services/complaints/status.ts). */
export const COMPLAINT_STATUSES = ["registrado", "en_revision", "derivado", "respondido", "cerrado", "improcedente"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/**
 * How the person is answered. sms/whatsapp carry `contactAddress` (E.164) and go through the
 * outbox; the other three have no sender here: `desk` (the person comes back to the help desk
 * where it was filed), `letter` (to the reporter's postal address), `email` (to the reporter's
 * e-mail) are answered by the office by hand, the address kept with the reporter, not here.
 */
export const CONTACT_CHANNELS = ["sms", "whatsapp", "none", "desk", "letter", "email"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/**
 * A complaint, report, question or suggestion (the Libro de Reclamaciones entry). The reporter's
 * identity is NOT here: it lives in `complaint_reporters`, read only through
 * `getComplaintReporter` after `canSeeReporter(role, complaint)`, so no list or export can leak it.
 * The contact address (the phone that receives answers) is here because the outbox needs it.
 */
export const complaints = sqliteTable(
  "complaints",
  {
    id: text("id").primaryKey(),
    // MO-YYYY-NNNNNN: correlative per year, unique (year, seq) makes concurrent filings retry
    code: text("code").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: COMPLAINT_KINDS }).notNull(),
    urgent: integer("urgent", { mode: "boolean" }).notNull().default(false),
    program: text("program").notNull(), // a catalog program id, or "general"
    category: text("category").notNull(),
    description: text("description").notNull(),
    ubigeo: text("ubigeo").notNull(), // INEI district code, 6 digits
    region: text("region").notNull(), // department: the ubigeo's first two digits
    queue: text("queue").notNull(), // from db/catalog/routing.json
    priority: integer("priority").notNull(), // 1 = most urgent
    deadline: text("deadline").notNull(), // YYYY-MM-DD, Peruvian business days
    status: text("status", { enum: COMPLAINT_STATUSES }).notNull().default("registrado"),
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    confidential: integer("confidential", { mode: "boolean" }).notNull().default(false),
    lang: text("lang", { enum: ["es", "qu", "ay"] }).notNull(), // the person's language for every message
    channel: text("channel").notNull(), // where it was filed: ussd, sms, whatsapp, web, api, helpdesk
    contactChannel: text("contact_channel", { enum: CONTACT_CHANNELS }).notNull(),
    contactAddress: text("contact_address"), // E.164 phone for sms/whatsapp; null for none
    assigneeId: text("assignee_id"), // a staff user's id (plain text: the staff table is the console's)
    idempotencyKey: text("idempotency_key"), // API Idempotency-Key (prefixed by caller), or null
    requestHash: text("request_hash"), // hash of the API body, to refuse a key reused for another body
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    answeredAt: integer("answered_at"), // first time it reached respondido/improcedente
    closedAt: integer("closed_at"),
    // when the one satisfaction question was enqueued (complaint_satisfaction); null: not yet, or never
    satisfactionAskedAt: integer("satisfaction_asked_at"),
  },
  (t) => [
    // status check by code (citizen, API, console search)
    uniqueIndex("complaints_code_idx").on(t.code),
    // next correlative of the year (max(seq)) and the race guard
    uniqueIndex("complaints_year_seq_idx").on(t.year, t.seq),
    // POST /api/v1/complaints replay
    uniqueIndex("complaints_idempotency_idx").on(t.idempotencyKey),
    // the console queue: one status (and queue), soonest deadline first
    index("complaints_status_deadline_idx").on(t.status, t.deadline),
    index("complaints_queue_status_deadline_idx").on(t.queue, t.status, t.deadline),
    // "mine": an agent's open complaints by deadline
    index("complaints_assignee_deadline_idx").on(t.assigneeId, t.deadline),
    // dashboard: by program / region over time
    index("complaints_program_created_idx").on(t.program, t.createdAt),
    index("complaints_region_created_idx").on(t.region, t.createdAt),
    // a case page's previous/next case: one seek per status in the queue's order
    index("complaints_status_urgent_deadline_idx").on(t.status, t.urgent, t.deadline, t.year, t.seq),
    // console search by the answer phone (a phone typed in the search box)
    index("complaints_contact_address_idx").on(t.contactAddress),
  ],
);

export type ComplaintRow = typeof complaints.$inferSelect;
export type NewComplaintRow = typeof complaints.$inferInsert;

/**
 * Who filed it, kept apart from the complaint: absent for an anonymous `denuncia`; for a
 * confidential one readable by supervisors only (DL 1327).
 */
export const complaintReporters = sqliteTable(
  "complaint_reporters",
  {
    // one reporter per complaint: looked up by the complaint's id
    complaintId: text("complaint_id")
      .primaryKey()
      .references(() => complaints.id),
    dni: text("dni"),
    birthDate: text("birth_date"), // YYYY-MM-DD
    name: text("name"),
    phone: text("phone"), // E.164
    email: text("email"),
    // where a letter reaches the person (contact channel `letter`), as they dictate it
    postalAddress: text("postal_address"),
  },
  (t) => [
    // console search: a DNI or a phone typed in the search box (exact match)
    index("complaint_reporters_dni_idx").on(t.dni),
    index("complaint_reporters_phone_idx").on(t.phone),
  ],
);

export type ComplaintReporterRow = typeof complaintReporters.$inferSelect;

export const COMPLAINT_EVENT_TYPES = ["status", "assignment", "note"] as const;
export type ComplaintEventType = (typeof COMPLAINT_EVENT_TYPES)[number];

/**
 * The complaint's whole history, one row per thing that happened: each status change (with
 * the answer sent to the person, if any), each (re)assignment and each internal note.
 * The first row of every complaint is the status `registrado`.
 */
export const complaintEvents = sqliteTable(
  "complaint_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    complaintId: text("complaint_id")
      .notNull()
      .references(() => complaints.id),
    // 1, 2, 3 … per complaint. Each write claims max+1: two staff changing the same complaint at
    // once collide on the unique index and the second atomic write is refused (optimistic lock
    // that works on D1's batch too).
    seq: integer("seq").notNull(),
    at: integer("at").notNull(),
    actor: text("actor").notNull(), // "citizen:<channel>", "api", "staff:<id>", "system"
    type: text("type", { enum: COMPLAINT_EVENT_TYPES }).notNull(),
    fromStatus: text("from_status", { enum: COMPLAINT_STATUSES }),
    toStatus: text("to_status", { enum: COMPLAINT_STATUSES }),
    assigneeId: text("assignee_id"), // assignment: the new assignee (null: unassigned)
    // note: the internal note; status: the answer text sent to the person (in their language)
    body: text("body"),
    // status: the outbox row that carries the message to the person (null: no contact)
    outboxId: text("outbox_id"),
  },
  (t) => [
    // a complaint's page: its history in order; the next seq; the optimistic lock
    uniqueIndex("complaint_events_complaint_seq_idx").on(t.complaintId, t.seq),
    // dashboard: time to answer (status events by date)
    index("complaint_events_type_at_idx").on(t.type, t.toStatus, t.at),
  ],
);

export type ComplaintEventRow = typeof complaintEvents.$inferSelect;
