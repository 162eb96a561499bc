import { and, asc, count, desc, eq, inArray, isNull, lt, lte, max, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import {
  complaintEvents,
  complaintReporters,
  complaints,
  outbox,
  type ComplaintEventRow,
  type ComplaintReporterRow,
  type ComplaintRow,
  type ComplaintStatus,
  type NewComplaintRow,
} from "../schema";

export interface ComplaintFilters {
  status?: ComplaintStatus | ComplaintStatus[];
  queue?: string;
  program?: string;
  region?: string;
  kind?: ComplaintRow["kind"];
  /** past the deadline and still open; `today` is the Lima date */
  overdue?: { today: string; openStatuses: readonly ComplaintStatus[] };
  /** still open and due on or before this Lima date ("vence en ≤ N días") */
  dueBy?: { day: string; openStatuses: readonly ComplaintStatus[] };
  /** a staff id; null = unassigned */
  assigneeId?: string | null;
  /** the search box: any of these matches (see services/complaints/search.ts) */
  search?: ComplaintSearch;
  limit?: number;
  offset?: number;
}

export interface ComplaintSearch {
  code: string | null;
  dni: string | null;
  phone: string | null;
  /** a LIKE pattern with its metacharacters already escaped by `\` */
  namePattern: string | null;
  /** whose reporters the viewer may find cases by */
  scope: { ordinary: boolean; protected: boolean };
}

/** The search as one condition: the code for everyone; reporters' data only where the role may see them. */
function searchCondition(db: Db, s: ComplaintSearch): SQL {
  const matches: SQL[] = [];
  if (s.code) matches.push(eq(complaints.code, s.code));
  const byReporter: SQL[] = [];
  if (s.dni) byReporter.push(eq(complaintReporters.dni, s.dni));
  if (s.phone) byReporter.push(eq(complaintReporters.phone, s.phone));
  if (s.namePattern) byReporter.push(sql`lower(${complaintReporters.name}) like ${s.namePattern} escape '\\'`);
  const scope = s.scope.protected
    ? eq(complaints.anonymous, false)
    : s.scope.ordinary
      ? and(eq(complaints.anonymous, false), eq(complaints.confidential, false), ne(complaints.kind, "denuncia"))
      : undefined;
  if (scope && (byReporter.length || s.phone)) {
    const personal: SQL[] = [];
    if (byReporter.length) personal.push(inArray(complaints.id, db.select({ id: complaintReporters.complaintId }).from(complaintReporters).where(or(...byReporter))));
    if (s.phone) personal.push(eq(complaints.contactAddress, s.phone));
    matches.push(and(scope, or(...personal))!);
  }
  return matches.length ? or(...matches)! : sql`0`;
}

/** The queue's filters as one WHERE condition (list, totals, next/previous). */
function listCondition(db: Db, filters: ComplaintFilters): SQL | undefined {
  const where: SQL[] = [];
  if (filters.status !== undefined) {
    const statuses = Array.isArray(filters.status) ? filters.status : [filters.status];
    where.push(inArray(complaints.status, statuses));
  }
  if (filters.queue) where.push(eq(complaints.queue, filters.queue));
  if (filters.program) where.push(eq(complaints.program, filters.program));
  if (filters.region) where.push(eq(complaints.region, filters.region));
  if (filters.kind) where.push(eq(complaints.kind, filters.kind));
  if (filters.overdue) {
    where.push(lt(complaints.deadline, filters.overdue.today));
    where.push(inArray(complaints.status, [...filters.overdue.openStatuses]));
  }
  if (filters.dueBy) {
    where.push(lte(complaints.deadline, filters.dueBy.day));
    where.push(inArray(complaints.status, [...filters.dueBy.openStatuses]));
  }
  if (filters.search) where.push(searchCondition(db, filters.search));
  if (filters.assigneeId !== undefined) {
    where.push(filters.assigneeId === null ? isNull(complaints.assigneeId) : eq(complaints.assigneeId, filters.assigneeId));
  }
  return where.length ? and(...where) : undefined;
}

export type NewComplaintEvent = Omit<typeof complaintEvents.$inferInsert, "id">;

export function complaintsRepo(db: Db) {
  return {
    async findByCode(code: string): Promise<ComplaintRow | undefined> {
      return db.select().from(complaints).where(eq(complaints.code, code)).get();
    },

    async findById(id: string): Promise<ComplaintRow | undefined> {
      return db.select().from(complaints).where(eq(complaints.id, id)).get();
    },

    async findByIdempotencyKey(key: string): Promise<ComplaintRow | undefined> {
      return db.select().from(complaints).where(eq(complaints.idempotencyKey, key)).get();
    },

    async lastEventSeq(complaintId: string): Promise<number> {
      const row = await db.select({ last: max(complaintEvents.seq) }).from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId)).get();
      return row?.last ?? 0;
    },

    async events(complaintId: string): Promise<ComplaintEventRow[]> {
      return db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, complaintId)).orderBy(asc(complaintEvents.seq)).all();
    },

    async reporter(complaintId: string): Promise<ComplaintReporterRow | undefined> {
      return db.select().from(complaintReporters).where(eq(complaintReporters.complaintId, complaintId)).get();
    },

    /** Every message to the person about this complaint, with its delivery status. */
    async messages(code: string) {
      return db.select().from(outbox).where(eq(outbox.ref, `complaint:${code}`)).orderBy(asc(outbox.createdAt)).all();
    },

    /** Soonest deadline first, urgent ones on top of every queue. */
    async list(filters: ComplaintFilters): Promise<{ rows: ComplaintRow[]; total: number }> {
      const condition = listCondition(db, filters);
      const rows = await db
        .select()
        .from(complaints)
        .where(condition)
        .orderBy(desc(complaints.urgent), asc(complaints.deadline), asc(complaints.year), asc(complaints.seq))
        .limit(filters.limit ?? 50)
        .offset(filters.offset ?? 0)
        .all();
      const totalRow = await db.select({ n: count() }).from(complaints).where(condition).get();
      return { rows, total: totalRow?.n ?? 0 };
    },

    /** The cases just before and after one in the queue's order under the same filters (next/previous case). */
    async neighbours(filters: ComplaintFilters, current: Pick<ComplaintRow, "urgent" | "deadline" | "year" | "seq">): Promise<{ previous: string | null; next: string | null }> {
      const u = current.urgent ? 1 : 0;
      // the queue's order is (urgent desc, deadline, year, seq): "after" compares in that order
      const after = sql`(${complaints.urgent} < ${u} or (${complaints.urgent} = ${u} and (${complaints.deadline} > ${current.deadline} or (${complaints.deadline} = ${current.deadline} and (${complaints.year} > ${current.year} or (${complaints.year} = ${current.year} and ${complaints.seq} > ${current.seq}))))))`;
      const before = sql`(${complaints.urgent} > ${u} or (${complaints.urgent} = ${u} and (${complaints.deadline} < ${current.deadline} or (${complaints.deadline} = ${current.deadline} and (${complaints.year} < ${current.year} or (${complaints.year} = ${current.year} and ${complaints.seq} < ${current.seq}))))))`;
      const base = listCondition(db, filters);
      const [next, previous] = await Promise.all([
        db.select({ code: complaints.code }).from(complaints).where(and(base, after)).orderBy(desc(complaints.urgent), asc(complaints.deadline), asc(complaints.year), asc(complaints.seq)).limit(1).get(),
        db.select({ code: complaints.code }).from(complaints).where(and(base, before)).orderBy(asc(complaints.urgent), desc(complaints.deadline), desc(complaints.year), desc(complaints.seq)).limit(1).get(),
      ]);
      return { previous: previous?.code ?? null, next: next?.code ?? null };
    },

    insertStatement(row: NewComplaintRow) {
      return db.insert(complaints).values(row);
    },

    insertReporterStatement(row: ComplaintReporterRow) {
      return db.insert(complaintReporters).values(row);
    },

    insertEventStatement(row: NewComplaintEvent) {
      return db.insert(complaintEvents).values(row);
    },

    updateStatement(id: string, changes: Partial<NewComplaintRow>) {
      return db.update(complaints).set(changes).where(eq(complaints.id, id));
    },
  };
}

export type ComplaintsRepo = ReturnType<typeof complaintsRepo>;
