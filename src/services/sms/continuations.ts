import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { smsContinuations } from "../../db/schema";
import type { Lang } from "../../i18n/langs";

export interface Continuation {
  lang: Lang;
  text: string;
}

/** Holds back the rest of a capped answer (or forgets it, with `text` null). */
export async function saveContinuation(db: Db, urn: string, value: Continuation | null, now: number, ttlMs: number): Promise<void> {
  if (value === null) {
    await db.delete(smsContinuations).where(eq(smsContinuations.urn, urn));
    return;
  }
  const row = { urn, lang: value.lang, text: value.text, expiresAt: now + ttlMs };
  await db.insert(smsContinuations).values(row).onConflictDoUpdate({ target: smsContinuations.urn, set: row });
}

/** The held-back text for this address, removed as it is taken; null when none or expired. */
export async function takeContinuation(db: Db, urn: string, now: number): Promise<Continuation | null> {
  const rows = await db.delete(smsContinuations).where(eq(smsContinuations.urn, urn)).returning();
  const row = rows[0];
  return row && row.expiresAt > now ? { lang: row.lang, text: row.text } : null;
}
