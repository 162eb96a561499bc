import type { BatchItem } from "drizzle-orm/batch";
import type { ClassificationRow, EnrolmentRow, PaymentRow } from "../../db/schema";

export interface VerifyInput {
  dni: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** the channel asking: ussd, sms, whatsapp, web, api */
  channel: string;
  /** who is asking: a contact id (conversations) or a client address (API); slowed down when failing */
  client: string;
}

export type VerifyResult =
  | { outcome: "verified"; dni: string; maskedName: string }
  /** the same answer for an unknown DNI and a wrong birth date */
  | { outcome: "failed" }
  /** this DNI, or this client, tried too often: wait `retryAfterMs` */
  | { outcome: "locked"; retryAfterMs: number };

/**
 * What an identity check's write records: `verified` and `failed` attempts (guarded at write
 * time), or `refused` (already locked when it was read: only its audit row).
 */
export type AttemptKind = "verified" | "failed" | "refused";

/** The read half of an identity check: the answer, and the attempt its write records. */
export interface IdentityCheck {
  result: VerifyResult;
  attempt: AttemptKind;
  /** failed attempts left before this DNI is locked for this client (0 once locked) */
  remaining: number;
}

export interface ClassificationView {
  level: ClassificationRow["level"];
  validUntil: string;
  expired: boolean;
}

/** What a verified person may see of their own record. */
export interface PersonRecord {
  enrolments: Pick<EnrolmentRow, "program" | "status" | "statusReason" | "since">[];
  classification: ClassificationView | null;
  /** newest period first within each program */
  payments: Omit<PaymentRow, "dni">[];
}

/** `verify` and, when verified, the record read and its "shown" audit row written with the attempt's. */
export type VerifyAndReadResult =
  | { outcome: "verified"; dni: string; maskedName: string; record: PersonRecord }
  | Exclude<VerifyResult, { outcome: "verified" }>;

export interface LookupService {
  /** a whole identity check, recorded in its own write (tests, one-shot callers) */
  verify(input: VerifyInput): Promise<VerifyResult>;
  /**
   * The read half of an identity check, for a conversation turn: writes nothing. The turn's
   * `lookup.attempt` effect records it (`attemptStatements`) with the session, in one write.
   */
  check(input: VerifyInput): Promise<IdentityCheck>;
  /** a lock on this DNI for this client (or for everyone), read only; null when none */
  lockedFor(input: Pick<VerifyInput, "dni" | "client">): Promise<{ retryAfterMs: number } | null>;
  /** the statements that record an attempt; the first is a guard that fails the write if a concurrent attempt locked a key meanwhile */
  attemptStatements(input: Pick<VerifyInput, "dni" | "client" | "channel">, attempt: AttemptKind): Promise<BatchItem<"sqlite">[]>;
  /** a help-desk operator lifts every lock and failure count of a DNI, for the person at the desk (audited) */
  unlock(dni: string, by: { actor: string; channel: string }): Promise<void>;
  /**
   * What a one-shot query (the API, SMS `PAGO`) does: verify, read the record, and write the
   * attempt's audit row and the "shown" row in one atomic write.
   */
  verifyAndRead(input: VerifyInput, what: "payments" | "status" | "all"): Promise<VerifyAndReadResult>;
  /** only after `verify` said "verified" */
  record(dni: string): Promise<PersonRecord>;
  /** the audit row for showing a verified person their payments, their status or both, as a statement the conversation runner writes with the turn */
  shownStatement(dni: string, shown: { channel: string; what: "payments" | "status" | "all" }): Promise<{ statement: BatchItem<"sqlite"> }>;
}
