import type { BatchItem } from "drizzle-orm/batch";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Lang } from "../../i18n/langs";
import { auditStatement } from "../../db/repos/audit";
import { complaints, complaintSatisfaction, type SatisfactionRating } from "../../db/schema";
import { parseSatisfactionReply, SATISFACTION_KEY, type SatisfactionSeed } from "../../domain/satisfaction";

/** A reply counts for the question this long after it was asked; later, a "1" is a menu choice again. */
export const SATISFACTION_REPLY_WINDOW_MS = 7 * 86_400_000;

interface Entry {
  enter: string;
  seed?: Record<string, unknown>;
  inputs?: string[];
}

/**
 * How a reply finds its case: the question is not a conversation screen (it arrives minutes or
 * days after the answer, long after any session went idle), so a message that STARTS a
 * conversation (no live session on that channel) from the phone the question went to, on the
 * channel it went by, within the reply window, and that reads as a rating ("2", "2 demoraron"),
 * enters the flow node `satisfaction.rate` with the newest unanswered question's case as seed
 * and the message as its input. Anything else is an ordinary first message.
 */
export async function satisfactionReplyEntry(db: Db, query: { urn: string; channel: string; text: string; now: number }): Promise<{ entry: Entry; lang: Lang } | null> {
  if (!parseSatisfactionReply(query.text)) return null;
  const address = query.urn.startsWith("tel:") ? query.urn.slice(4) : null;
  if (!address) return null;
  const pending = await db
    .select({ complaintId: complaintSatisfaction.complaintId, code: complaints.code, lang: complaintSatisfaction.lang })
    .from(complaintSatisfaction)
    .innerJoin(complaints, eq(complaints.id, complaintSatisfaction.complaintId))
    .where(
      and(
        eq(complaintSatisfaction.address, address),
        eq(complaintSatisfaction.channel, query.channel),
        gt(complaintSatisfaction.askedAt, query.now - SATISFACTION_REPLY_WINDOW_MS),
        isNull(complaintSatisfaction.rating),
      ),
    )
    .orderBy(desc(complaintSatisfaction.askedAt))
    .limit(1)
    .get();
  if (!pending) return null;
  const seed: SatisfactionSeed = { complaintId: pending.complaintId, code: pending.code };
  return { entry: { enter: "satisfaction.rate", seed: { [SATISFACTION_KEY]: seed }, inputs: [query.text.trim()] }, lang: pending.lang };
}

/**
 * The reply stored with the case, once: a second reply (or a redelivered one) finds the rating
 * already there and changes nothing. The audit row names the case, never the phone.
 */
export function satisfactionAnswerStatements(
  db: Db,
  answer: { complaintId: string; code: string; rating: SatisfactionRating; comment: string | null },
  via: { channel: string; now: number },
): BatchItem<"sqlite">[] {
  return [
    db
      .update(complaintSatisfaction)
      .set({ rating: answer.rating, comment: answer.comment, answeredAt: via.now })
      .where(and(eq(complaintSatisfaction.complaintId, answer.complaintId), isNull(complaintSatisfaction.rating))),
    auditStatement(db, {
      at: via.now,
      actor: `citizen:${via.channel}`,
      action: "complaint.satisfaction",
      subject: answer.code,
      channel: via.channel,
      outcome: answer.rating,
      detail: { comment: answer.comment !== null },
    }),
  ];
}
