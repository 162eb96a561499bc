import type { BatchItem } from "drizzle-orm/batch";
import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { enrolments, notices, payments, registryChanges, type NoticeKind } from "../../db/schema";
import { consentingAddresses, personKeyOf, type ConsentingAddress } from "./consent";
import { paymentParams, STATUS_NOTICE, statusParams, type NoticeParams } from "./notice-message";
import { addDays } from "./lima-clock";

/**
 * The finding half of the notices job: what is due today, for the people who consented, stored
 * as `pending` notices (insert-or-ignore on the unique key person × program × period × kind ×
 * address, so a re-run or an overlapping run adds nothing). The sending half
 * (send-notices.ts) decides when they go.
 */
export interface FindDeps {
  db: Db;
  hash(value: string): Promise<string>;
  now: number;
  /** Lima date of `now` */
  today: string;
  reminderDays: number;
  dryRun: boolean;
}

export interface FoundReport {
  payment_available: number;
  payment_reminder: number;
  status_changed: number;
  payment_corrected: number;
  /** payments (and registry changes) read */
  scanned: number;
}

interface Candidate {
  kind: NoticeKind;
  dni: string;
  program: string;
  period: string;
  params: NoticeParams;
  windowFrom: string | null;
  windowUntil: string | null;
}

const PAGE = 1_000;
// payments that still need a notice: not collected, not lost
const OPEN_STATUSES = ["programado", "disponible"] as const;

export async function findDueNotices(deps: FindDeps): Promise<FoundReport> {
  const report: FoundReport = { payment_available: 0, payment_reminder: 0, status_changed: 0, payment_corrected: 0, scanned: 0 };
  // payment_available: the windows that open today (payments_from_idx)
  await scanPayments(deps, report, "payment_available", eq(payments.availableFrom, deps.today));
  // payment_reminder: the windows that close in N days and are already open (payments_until_idx)
  await scanPayments(deps, report, "payment_reminder", and(eq(payments.availableUntil, addDays(deps.today, deps.reminderDays)), lte(payments.availableFrom, deps.today))!);
  await readRegistryChanges(deps, report);
  return report;
}

/** one indexed range of payments, page by page (by rowid, which the date index carries) */
async function scanPayments(deps: FindDeps, report: FoundReport, kind: "payment_available" | "payment_reminder", where: ReturnType<typeof eq>): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await deps.db
      .select({ rowid: sql<number>`payments.rowid`, dni: payments.dni, program: payments.program, period: payments.period, amountCents: payments.amountCents, availableFrom: payments.availableFrom, availableUntil: payments.availableUntil, paymentPoint: payments.paymentPoint })
      .from(payments)
      .where(and(where, inArray(payments.status, [...OPEN_STATUSES]), gt(sql`payments.rowid`, after)))
      .orderBy(asc(sql`payments.rowid`))
      .limit(PAGE)
      .all();
    if (rows.length === 0) return;
    after = rows[rows.length - 1].rowid;
    report.scanned += rows.length;
    const candidates = rows.map((p): Candidate => ({ kind, dni: p.dni, program: p.program, period: p.period, params: paymentParams(p), windowFrom: p.availableFrom, windowUntil: p.availableUntil }));
    report[kind] += (await storeCandidates(deps, candidates, []))[kind] ?? 0;
    if (rows.length < PAGE) return;
  }
}

/**
 * What imports changed since the last run (the triggers' rows): enrolment statuses become
 * status_changed notices; a moved window updates a notice not yet sent, or, when its notice
 * already went, becomes one payment_corrected notice. The rows read are deleted in the same
 * write as the notices they caused.
 */
async function readRegistryChanges(deps: FindDeps, report: FoundReport): Promise<void> {
  for (;;) {
    const changes = await deps.db.select().from(registryChanges).orderBy(asc(registryChanges.id)).limit(PAGE).all();
    if (changes.length === 0) return;
    report.scanned += changes.length;
    const candidates: Candidate[] = [];
    const extra: BatchItem<"sqlite">[] = [];
    for (const change of changes) {
      if (change.kind === "enrolment") {
        const e = await deps.db.select().from(enrolments).where(and(eq(enrolments.dni, change.dni), eq(enrolments.program, change.program))).get();
        if (!e || !(STATUS_NOTICE as readonly string[]).includes(e.status)) continue;
        // one notice per status reached (on a date): a suspension, then a reactivation, each once
        candidates.push({ kind: "status_changed", dni: e.dni, program: e.program, period: `${e.since}:${e.status}`, params: statusParams(e), windowFrom: null, windowUntil: null });
      } else if (change.period) {
        const p = await deps.db.select().from(payments).where(and(eq(payments.dni, change.dni), eq(payments.program, change.program), eq(payments.period, change.period))).get();
        if (!p) continue;
        const personKey = await personKeyOf(deps.hash, p.dni);
        const told = await deps.db
          .select()
          .from(notices)
          .where(and(eq(notices.personKey, personKey), eq(notices.program, p.program), eq(notices.period, p.period), inArray(notices.kind, ["payment_available", "payment_reminder"])))
          .all();
        const params = paymentParams(p);
        const moved = (n: (typeof told)[number]) => n.windowFrom !== p.availableFrom || n.windowUntil !== p.availableUntil;
        // not sent yet: it will say the new dates
        for (const n of told.filter((n) => n.status === "pending" && moved(n))) {
          extra.push(deps.db.update(notices).set({ params: { ...params }, windowFrom: p.availableFrom, windowUntil: p.availableUntil }).where(and(eq(notices.id, n.id), eq(notices.status, "pending"))));
        }
        // already sent with other dates: one correction (its key makes it once)
        if (told.some((n) => n.status === "sent" && moved(n)) && p.availableUntil && p.availableUntil >= deps.today) {
          candidates.push({ kind: "payment_corrected", dni: p.dni, program: p.program, period: p.period, params, windowFrom: p.availableFrom, windowUntil: p.availableUntil });
        }
      }
    }
    extra.push(deps.db.delete(registryChanges).where(and(gt(registryChanges.id, changes[0].id - 1), lte(registryChanges.id, changes[changes.length - 1].id))));
    const stored = await storeCandidates(deps, candidates, extra);
    report.status_changed += stored.status_changed ?? 0;
    report.payment_corrected += stored.payment_corrected ?? 0;
    if (deps.dryRun || changes.length < PAGE) return;
  }
}

/**
 * The candidates' consenting addresses, each a pending notice (insert-or-ignore on the key),
 * written with `extra` in one atomic write. Returns how many notices the candidates map to
 * (new or already stored).
 */
async function storeCandidates(deps: FindDeps, candidates: Candidate[], extra: BatchItem<"sqlite">[]): Promise<Partial<Record<NoticeKind, number>>> {
  const keys = await Promise.all(candidates.map((c) => personKeyOf(deps.hash, c.dni)));
  const byPerson = new Map<string, ConsentingAddress[]>();
  for (const consent of await consentingAddresses(deps.db, [...new Set(keys)])) byPerson.set(consent.personKey, [...(byPerson.get(consent.personKey) ?? []), consent]);
  const writes: BatchItem<"sqlite">[] = [];
  const count: Partial<Record<NoticeKind, number>> = {};
  candidates.forEach((c, i) => {
    for (const consent of byPerson.get(keys[i]) ?? []) {
      count[c.kind] = (count[c.kind] ?? 0) + 1;
      writes.push(
        deps.db
          .insert(notices)
          .values({
            id: crypto.randomUUID(),
            kind: c.kind,
            personKey: keys[i],
            program: c.program,
            period: c.period,
            channel: consent.channel,
            address: consent.address,
            lang: consent.lang,
            params: c.params,
            windowFrom: c.windowFrom,
            windowUntil: c.windowUntil,
            status: "pending",
            createdAt: deps.now,
          })
          .onConflictDoNothing(),
      );
    }
  });
  if (!deps.dryRun) await atomic(deps.db, [...writes, ...extra]);
  return count;
}
