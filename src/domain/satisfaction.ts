/**
 * The satisfaction question's reply, shared by the flow that takes it (engine/flows/satisfaction.ts)
 * and the service that matches it to a case (services/complaints/satisfaction-reply.ts).
 */

/** session data key: the case a satisfaction reply is for (seeded by the reply's entry) */
export const SATISFACTION_KEY = "satisfaction";

export interface SatisfactionSeed {
  complaintId: string;
  code: string;
}

export const RATINGS = ["bien", "regular", "mal"] as const;
export type Rating = (typeof RATINGS)[number];

const COMMENT_MAX = 140;

/** "2 demoraron", "1. muy bien", "3" → the rating and the word(s) added; null when it is no rating. */
export function parseSatisfactionReply(text: string): { rating: Rating; comment: string | null } | null {
  const m = /^\s*([123])(?:$|[\s.,;:)\-]+(.*))$/su.exec(text);
  if (!m) return null;
  const comment = (m[2] ?? "").replace(/\s+/g, " ").trim().slice(0, COMMENT_MAX);
  return { rating: RATINGS[Number(m[1]) - 1], comment: comment === "" ? null : comment };
}
