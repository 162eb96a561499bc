import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { complaintSatisfaction, type ComplaintRow, type ComplaintStatus } from "../../db/schema";
import { enqueueOutbound } from "../outbox/enqueue";

/** The statuses after which the person is asked how they were served: answered, or closed. */
export const SATISFACTION_AFTER: readonly ComplaintStatus[] = ["respondido", "improcedente", "cerrado"];

/**
 * The question waits this long after the answer, so the person reads the answer first (the
 * dispatcher sends the due messages oldest first; the answer is due at once).
 */
export const SATISFACTION_DELAY_MS = 10 * 60_000;

export const satisfactionRef = (code: string) => `satisfaction:${code}`;

/** Whether this case's reporter can be asked: a phone on a channel we can write on, never an anonymous report. */
export function canAskSatisfaction(complaint: Pick<ComplaintRow, "anonymous" | "contactChannel" | "contactAddress">): boolean {
  if (complaint.anonymous) return false;
  return (complaint.contactChannel === "sms" || complaint.contactChannel === "whatsapp") && Boolean(complaint.contactAddress);
}

/**
 * The one satisfaction question of a case, for the status change's atomic write: the question
 * row (the complaint's id is its key) and its outbox message; null when none is due (not an
 * answering status, asked already, nobody to ask). `complaint.satisfactionAskedAt` is set by the
 * caller in the same write, so the status change's optimistic lock (the history seq) makes two
 * concurrent changes ask once; the key refuses a second row whatever happens.
 */
export function satisfactionQuestion(
  db: Db,
  complaint: ComplaintRow,
  to: ComplaintStatus,
  now: number,
): { changes: Partial<ComplaintRow>; writes: BatchItem<"sqlite">[] } | null {
  if (!SATISFACTION_AFTER.includes(to) || complaint.satisfactionAskedAt !== null || !canAskSatisfaction(complaint)) return null;
  const outboxId = crypto.randomUUID();
  const channel = complaint.contactChannel;
  const address = complaint.contactAddress!;
  return {
    changes: { satisfactionAskedAt: now },
    writes: [
      db.insert(complaintSatisfaction).values({ complaintId: complaint.id, channel, address, lang: complaint.lang, outboxId, askedAt: now }),
      enqueueOutbound(
        db,
        {
          id: outboxId,
          channel,
          address,
          lang: complaint.lang,
          body: [{ key: "satisfaction:question", params: { code: complaint.code } }],
          ref: satisfactionRef(complaint.code),
          notBefore: now + SATISFACTION_DELAY_MS,
        },
        now,
      ),
    ],
  };
}
