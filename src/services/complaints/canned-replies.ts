import { z } from "zod";
import rawReplies from "../../../db/catalog/replies.json";
import { COMPLAINT_KINDS, type ComplaintRow } from "../../db/schema/complaints";
import type { RoutingCatalog } from "./catalog";

const replySchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/),
  kinds: z.array(z.enum(COMPLAINT_KINDS)).min(1),
  // absent: every category of those kinds
  categories: z.array(z.string()).min(1).optional(),
});

export const cannedRepliesSchema = z.object({ asOf: z.string(), why: z.string(), replies: z.array(replySchema).min(1) });
export type CannedReply = z.infer<typeof replySchema>;

/**
 * The canned replies (db/catalog/replies.json), checked against the complaint taxonomy: a
 * category a reply names must belong to one of its kinds, or the file is refused at start.
 */
export function loadCannedReplies(catalog: RoutingCatalog, raw: unknown = rawReplies): CannedReply[] {
  const { replies } = cannedRepliesSchema.parse(raw);
  for (const reply of replies)
    for (const category of reply.categories ?? [])
      if (!reply.kinds.some((k) => catalog.kinds[k].categories.includes(category))) throw new Error(`replies.json: ${reply.key}: category ${category} is not one of ${reply.kinds.join(", ")}`);
  return replies;
}

/** The replies that fit a case: its kind, and its category when the reply names categories. */
export function repliesFor(replies: CannedReply[], complaint: Pick<ComplaintRow, "kind" | "category">): CannedReply[] {
  return replies.filter((r) => r.kinds.includes(complaint.kind) && (!r.categories || r.categories.includes(complaint.category)));
}
