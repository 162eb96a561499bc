import { and, asc, count, desc, eq, inArray, isNull, lt, lte, max, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import {
  COMPLAINT_STATUSES,
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

    /**
     * The cases just before and after one in the queue's order (urgent first, then deadline, year,
     * seq) under the same filters. One query per status and direction, each a seek on
     * (status, urgent, deadline, year, seq) that stops at its first match, instead of sorting every
     * open case twice; the nearest of them wins.
     */
    async neighbours(filters: ComplaintFilters, current: Pick<ComplaintRow, "urgent" | "deadline" | "year" | "seq">): Promise<{ previous: string | null; next: string | null }> {
      const statuses = filters.status === undefined ? [...COMPLAINT_STATUSES] : Array.isArray(filters.status) ? filters.status : [filters.status];
      const others = listCondition(db, { ...filters, status: undefined });
      const u = current.urgent;
      const key = sql`(${complaints.deadline}, ${complaints.year}, ${complaints.seq})`;
      const at = sql`(${current.deadline}, ${current.year}, ${current.seq})`;
      const cols = { code: complaints.code, urgent: complaints.urgent, deadline: complaints.deadline, year: complaints.year, seq: complaints.seq };
      const ascending = [asc(complaints.deadline), asc(complaints.year), asc(complaints.seq)];
      const descending = [desc(complaints.deadline), desc(complaints.year), desc(complaints.seq)];
      const one = (where: SQL | undefined, order: SQL[]) => db.select(cols).from(complaints).where(where).orderBy(...order).limit(1).get();
      const nextQueries = statuses.flatMap((s) => [
        one(and(others, eq(complaints.status, s), eq(complaints.urgent, u), sql`${key} > ${at}`), ascending),
        ...(u ? [one(and(others, eq(complaints.status, s), eq(complaints.urgent, false)), ascending)] : []),
      ]);
      const previousQueries = statuses.flatMap((s) => [
        one(and(others, eq(complaints.status, s), eq(complaints.urgent, u), sql`${key} < ${at}`), descending),
        ...(!u ? [one(and(others, eq(complaints.status, s), eq(complaints.urgent, true)), descending)] : []),
      ]);
      const [nexts, previouses] = await Promise.all([Promise.all(nextQueries), Promise.all(previousQueries)]);
      type Row = { code: string; urgent: boolean; deadline: string; year: number; seq: number };
      // the queue's order: urgent first, then deadline, year, seq
      const order = (a: Row, b: Row) => Number(b.urgent) - Number(a.urgent) || a.deadline.localeCompare(b.deadline) || a.year - b.year || a.seq - b.seq;
      const found = (rows: (Row | undefined)[]) => rows.filter((r): r is Row => r !== undefined).sort(order);
      return { next: found(nexts)[0]?.code ?? null, previous: found(previouses).at(-1)?.code ?? null };
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
