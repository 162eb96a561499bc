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
  verify(input: VerifyInput): Promise<VerifyResult>;
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
