import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notices } from "../../db/schema";
import type { Lang } from "../../i18n/langs";
import { AFTER_VERIFY } from "../../domain/after-verify";

/** A reply counts as an answer to a notice this long after it went; later it is an ordinary first message. */
export const NOTICE_REPLY_WINDOW_MS = 3 * 86_400_000;

/**
 * A reply to a payment notice (anything but a keyword, which keeps its own meaning) opens the
 * person's payments after verifying again: a first message (no live conversation on that channel)
 * from the number a notice went to, on the channel it went by, within the window, enters the
 * identity check with "then the payments" as seed, in the notice's language. The notice itself
 * never names the person, so whoever holds the phone proves who they are first.
 */
export async function noticeReplyEntry(db: Db, query: { urn: string; channel: string; now: number }): Promise<{ entry: { enter: string; seed: Record<string, unknown> }; lang: Lang } | null> {
  const address = query.urn.startsWith("tel:") ? query.urn.slice(4) : null;
  if (!address) return null;
  const last = await db
    .select({ lang: notices.lang })
    .from(notices)
    .where(and(eq(notices.address, address), eq(notices.channel, query.channel), eq(notices.status, "sent"), gt(notices.sentAt, query.now - NOTICE_REPLY_WINDOW_MS)))
    .orderBy(desc(notices.sentAt))
    .limit(1)
    .get();
  return last ? { entry: { enter: "lookup.dni", seed: { [AFTER_VERIFY]: "payments" } }, lang: last.lang } : null;
}
