import { complaintFiledCountStatements } from "../../db/repos/complaint-counts";
import { atomic } from "../../db/atomic";
import { complaintsRepo } from "../../db/repos/complaints";
import type { ComplaintRow } from "../../db/schema/complaints";
import type { Lang } from "../../i18n/langs";
import type { BatchItem } from "drizzle-orm/batch";
import { complaintDeadline, formatPeruvianDate, limaDate } from "./deadline";
import type { ComplaintDeps } from "./deps";
import { ComplaintValidationError, IdempotencyMismatchError, isUniqueViolation } from "./errors";
import { validateComplaint, type ComplaintBody } from "./input";
import { urgentAlertStatements } from "./urgent-alert";
import { filingStatements } from "./file-statements";
import { regionOf, routeComplaint } from "./routing";

export interface FileComplaintInput {
  body: ComplaintBody | unknown;
  /** where it was filed: ussd, sms, whatsapp, web, api, helpdesk */
  channel: string;
  /** who filed it, for the audit: "citizen:ussd", "api", "staff:<id>" */
  actor: string;
  /** the API's Idempotency-Key (already scoped by the caller); the same key returns the same complaint */
  idempotencyKey?: string;
  /** overrides body.lang (a conversation knows the person's language) */
  lang?: Lang;
  /**
   * false: file it without the "registered" message to the contact. A function: asked once, with
   * the number the message would really go to (the validated `contact.address ?? reporter.phone`,
   * E.164), only for a new filing (not a replay), whether it may be sent (the public API's
   * per-number cap)
   */
  confirm?: boolean | ((contact: { channel: string; address: string }) => Promise<boolean>);
}

export interface FiledComplaint {
  complaint: ComplaintRow;
  /** true when an earlier request with the same Idempotency-Key had already filed it */
  replayed: boolean;
}

const MAX_ATTEMPTS = 3;

/** A stable fingerprint of the request, to tell a replay from a key reused for another complaint. */
async function fingerprint(body: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Registers a complaint: validates it, routes it (queue, priority, deadline), and writes in ONE
 * atomic write the complaint with the next tracking code of the year (computed inside the insert,
 * so two filings at the same moment cannot take the same number on SQLite or D1), the reporter
 * (apart), the first history row, the confirmation to the person (outbox) and the audit row.
 */
export async function fileComplaint({ ctx, input }: { ctx: ComplaintDeps; input: FileComplaintInput }): Promise<FiledComplaint> {
  const valid = await validFiling(ctx, input.body);
  const repo = complaintsRepo(ctx.db);
  const hash = input.idempotencyKey ? await fingerprint(input.body) : null;

  const replay = async (): Promise<FiledComplaint | null> => {
    if (!input.idempotencyKey) return null;
    const existing = await repo.findByIdempotencyKey(input.idempotencyKey);
    if (!existing) return null;
    if (existing.requestHash !== hash) throw new IdempotencyMismatchError();
    return { complaint: existing, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const confirm =
    typeof input.confirm === "function" ? (valid.contact.address ? await input.confirm({ channel: valid.contact.channel, address: valid.contact.address }) : true) : input.confirm !== false;
  for (let attempt = 1; ; attempt++) {
    const { id, writes } = filingWrites(ctx, { ...input, confirm }, valid, hash);
    try {
      await atomic(ctx.db, writes);
      const complaint = await repo.findById(id);
      return { complaint: complaint!, replayed: false };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
      // the same key filed concurrently: answer with that complaint
      const concurrent = await replay();
      if (concurrent) return concurrent;
    }
  }
}

/** The body checked against the catalog and the district directory (throws ComplaintValidationError). */
async function validFiling(ctx: ComplaintDeps, body: unknown): Promise<ReturnType<typeof validateComplaint>> {
  const valid = validateComplaint(body, ctx.catalog);
  if (ctx.districtExists && !(await ctx.districtExists(valid.ubigeo))) throw new ComplaintValidationError("ubigeo", "no district has this ubigeo");
  return valid;
}

/** The statements that file one valid complaint (see fileComplaint), for one atomic write. */
function filingWrites(ctx: ComplaintDeps, input: FileComplaintInput, valid: ReturnType<typeof validateComplaint>, hash: string | null): { id: string; writes: BatchItem<"sqlite">[] } {
  const repo = complaintsRepo(ctx.db);
  const lang = input.lang ?? valid.lang;
  const region = regionOf(valid.ubigeo);
  const route = routeComplaint(ctx.catalog, { kind: valid.kind, program: valid.program, category: valid.category, region, urgent: valid.urgent });
  const now = ctx.now();
  const year = Number(limaDate(now).slice(0, 4));
  const id = crypto.randomUUID();
  const deadline = complaintDeadline(now, route.businessDays);
  const row: Omit<ComplaintRow, "code" | "seq"> = {
    id,
    year,
    kind: valid.kind,
    urgent: valid.urgent,
    program: valid.program,
    category: valid.category,
    description: valid.description,
    ubigeo: valid.ubigeo,
    region,
    queue: route.queue,
    priority: route.priority,
    deadline,
    status: "registrado",
    anonymous: valid.anonymous,
    confidential: valid.confidential,
    lang,
    channel: input.channel,
    contactChannel: valid.contact.channel,
    contactAddress: valid.contact.address,
    assigneeId: null,
    idempotencyKey: input.idempotencyKey ?? null,
    requestHash: hash,
    createdAt: now,
    updatedAt: now,
    answeredAt: null,
    closedAt: null,
    satisfactionAskedAt: null,
  };
  const s = filingStatements(ctx.db, row);
  const outboxId = row.contactAddress && input.confirm !== false ? crypto.randomUUID() : null;
  const writes: BatchItem<"sqlite">[] = [
    s.insertComplaint(),
    // the anonymous counts the insight page and the open data read, in the same write
    ...complaintFiledCountStatements(ctx.db, row),
    repo.insertEventStatement({ complaintId: id, seq: 1, at: now, actor: input.actor, type: "status", fromStatus: null, toStatus: "registrado", outboxId }),
    s.audit({
      at: now,
      actor: input.actor,
      action: "complaint.file",
      channel: input.channel,
      outcome: "ok",
      detail: { kind: row.kind, queue: row.queue, rule: route.rule, urgent: row.urgent, anonymous: row.anonymous },
    }),
  ];
  if (valid.reporter) {
    const r = valid.reporter;
    writes.push(repo.insertReporterStatement({ complaintId: id, dni: r.dni ?? null, birthDate: r.birthDate ?? null, name: r.name ?? null, phone: r.phone ?? null, email: r.email ?? null, postalAddress: r.postalAddress ?? null }));
  }
  if (outboxId && row.contactAddress) {
    writes.push(s.confirmation({ id: outboxId, channel: row.contactChannel, address: row.contactAddress, lang, deadline: formatPeruvianDate(deadline), now }));
  }
  if (row.urgent && ctx.urgentAlertPhone) {
    // the supervisor is alerted in the same write, coalesced to one SMS per 10 minutes with the
    // count (urgent-alert.ts); its own ref keeps it off the person's messages
    writes.push(...(urgentAlertStatements(ctx.db, { phone: ctx.urgentAlertPhone, now, complaintId: id, code: s.code, deadline: formatPeruvianDate(deadline) }) as BatchItem<"sqlite">[]));
  }
  return { id, writes };
}

/**
 * A complaint filed by a conversation turn: validated now, written by the caller with the turn's
 * session. `idempotencyKey` is the turn's effect key, which also finds the complaint afterwards.
 */
export async function prepareFiling(ctx: ComplaintDeps, input: FileComplaintInput): Promise<BatchItem<"sqlite">[]> {
  return filingWrites(ctx, input, await validFiling(ctx, input.body), null).writes;
}
