import { and, between, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { classifications, complaints, eligibilityCounts, enrolments, payments, persons } from "../schema";
import type { ClassificationRow, EnrolmentRow, PaymentRow, PersonRow } from "../schema";

export interface PersonRecord {
  person: PersonRow;
  enrolments: EnrolmentRow[];
  classification: ClassificationRow | null;
  /** most recent first */
  payments: PaymentRow[];
}

// a help desk shows the last two years of two-monthly payments at most
const PAYMENT_ROWS = 24;

/** What the registry holds on one person, read for a help-desk operator (scope checked by the caller). */
export async function personRecord(db: Db, dni: string): Promise<PersonRecord | null> {
  const [person] = await db.select().from(persons).where(eq(persons.dni, dni)).limit(1);
  if (!person) return null;
  const [memberships, [classification], schedule] = await Promise.all([
    db.select().from(enrolments).where(eq(enrolments.dni, dni)),
    db.select().from(classifications).where(eq(classifications.dni, dni)).limit(1),
    // served by the payments primary key (dni, program, period)
    db.select().from(payments).where(eq(payments.dni, dni)).orderBy(desc(payments.period)).limit(PAYMENT_ROWS),
  ]);
  return { person, enrolments: memberships, classification: classification ?? null, payments: schedule };
}

/** One person's payments of periods `from`..`to` (YYYY-MM), most recent first (the payments primary key serves it). */
export async function paymentsBetween(db: Db, dni: string, from: string, to: string): Promise<PaymentRow[]> {
  return db.select().from(payments).where(and(eq(payments.dni, dni), between(payments.period, from, to))).orderBy(desc(payments.period), payments.program).limit(PAYMENT_ROWS);
}

export interface DistrictCounts {
  complaints: { kind: string; status: string; count: number }[];
  eligibility: { program: string; outcome: string; count: number }[];
}

/** The district's counts for its municipality: complaints by kind and status, self-check outcomes. */
export async function districtCounts(db: Db, ubigeo: string, sinceDay: string): Promise<DistrictCounts> {
  const [byStatus, byOutcome] = await Promise.all([
    db
      .select({ kind: complaints.kind, status: complaints.status, count: sql<number>`count(*)` })
      .from(complaints)
      // the region condition lets SQLite use complaints_region_created_idx (no index on ubigeo)
      .where(and(eq(complaints.region, ubigeo.slice(0, 2)), eq(complaints.ubigeo, ubigeo)))
      .groupBy(complaints.kind, complaints.status),
    db
      .select({ program: eligibilityCounts.program, outcome: eligibilityCounts.outcome, count: sql<number>`sum(${eligibilityCounts.count})` })
      .from(eligibilityCounts)
      .where(and(eq(eligibilityCounts.ubigeo, ubigeo), sql`${eligibilityCounts.day} >= ${sinceDay}`))
      .groupBy(eligibilityCounts.program, eligibilityCounts.outcome),
  ]);
  return { complaints: byStatus.map((r) => ({ ...r, count: Number(r.count) })), eligibility: byOutcome.map((r) => ({ ...r, count: Number(r.count) })) };
}
