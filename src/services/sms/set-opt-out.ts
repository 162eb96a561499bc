import { eq } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { auditLog, contacts, smsContinuations } from "../../db/schema";

/**
 * BAJA/STOP (true) or ALTA/START (false) for an address, audited in the same write. Opting out
 * also drops any held-back text so a later MAS cannot leak it.
 */
export async function setOptOut(db: Db, input: { contactId: string; urn: string; optedOut: boolean; channel: string }, now: number): Promise<void> {
  await atomic(db, [
    db.update(contacts).set({ optedOut: input.optedOut, updatedAt: now }).where(eq(contacts.id, input.contactId)),
    db.delete(smsContinuations).where(eq(smsContinuations.urn, input.urn)),
    db.insert(auditLog).values({
      at: now,
      actor: `citizen:${input.channel}`,
      action: input.optedOut ? "contact.opt_out" : "contact.opt_in",
      subject: `contact:${input.contactId}`,
      channel: input.channel,
      outcome: "ok",
    }),
  ]);
}
