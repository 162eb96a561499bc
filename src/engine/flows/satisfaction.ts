import type { Choice, FlowNode, NodeContext, Transition } from "../types";
import { parseSatisfactionReply, RATINGS, SATISFACTION_KEY, type Rating, type SatisfactionSeed } from "../../domain/satisfaction";

function rated(c: NodeContext, rating: Rating, comment: string | null): Transition {
  const seed = c.state.data[SATISFACTION_KEY] as SatisfactionSeed | undefined;
  delete c.state.data[SATISFACTION_KEY];
  const thanks = [{ key: "satisfaction:thanks" }];
  if (!seed) return { end: thanks };
  return { end: thanks, effects: [{ type: "satisfaction.answer", complaintId: seed.complaintId, code: seed.code, rating, comment }] };
}

/**
 * The reply to "¿Cómo le atendimos? 1 Bien 2 Regular 3 Mal": entered (with the case as seed)
 * when a message from the phone a question went to starts a conversation with a rating
 * (services/complaints/satisfaction-reply.ts). A bare digit is a choice; a digit followed by
 * words keeps the words as the comment.
 */
export const satisfactionNodes: FlowNode[] = [
  {
    id: "satisfaction.rate",
    prompt: () => [{ key: "satisfaction:prompt" }],
    choices: (c): Choice[] => RATINGS.map((rating) => ({ label: { key: `satisfaction:rating.${rating}` }, go: () => rated(c, rating, null) })),
    onText: (text, c) => {
      const reply = parseSatisfactionReply(text);
      return reply ? rated(c, reply.rating, reply.comment) : null;
    },
  },
];
