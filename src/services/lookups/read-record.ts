import type { BatchItem } from "drizzle-orm/batch";
import type { RegistryRepo } from "../../db/repos/registry";
import type { PersonRecord } from "./types";

/** Peru's date today (UTC−5, no daylight saving): a CSE valid until today is still valid today. */
export function limaToday(now: number): string {
  return new Date(now - 5 * 3_600_000).toISOString().slice(0, 10);
}

/** A verified person's enrolments, classification and payments (newest period first per program). */
export async function readRecord(deps: { repo: RegistryRepo; now(): number }, dni: string): Promise<PersonRecord> {
  const [enrolments, classification, payments] = await Promise.all([deps.repo.enrolments(dni), deps.repo.classification(dni), deps.repo.payments(dni)]);
  return {
    enrolments: enrolments.map(({ program, status, statusReason, since }) => ({ program, status, statusReason, since })),
    classification: classification
      ? { level: classification.level, validUntil: classification.validUntil, expired: classification.validUntil < limaToday(deps.now()) }
      : null,
    payments: payments.map(({ dni: _dni, ...rest }) => rest),
  };
}

/**
 * The audit row of showing a verified person their own data: when, channel, which DNI (keyed
 * hash), what was shown — never the data. A statement for the turn's write; wrapped because a
 * drizzle query is thenable, so resolving a promise with it would run it at once.
 */
export async function auditShownStatement(
  deps: { repo: RegistryRepo; now(): number; hash(value: string): Promise<string> },
  dni: string,
  shown: { channel: string; what: string },
) {
  const subject = `dni:${await deps.hash(`dni:${dni}`)}`;
  return { statement: deps.repo.auditStatement({ at: deps.now(), channel: shown.channel, action: `lookup.${shown.what}`, subject, outcome: "shown" }) as unknown as BatchItem<"sqlite"> };
}
