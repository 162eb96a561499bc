import { eq } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { auditLog, contacts, smsContinuations } from "../../db/schema";
import { revokeConsentStatements } from "../notices/consent";

/**
 * BAJA/STOP (true) or ALTA/START (false) for an address, audited in the same write. Opting out
 * also drops any held-back text so a later MAS cannot leak it.
 */
export async function setOptOut(db: Db, input: { contactId: string; urn: string; optedOut: boolean; channel: string }, now: number): Promise<void> {
  // BAJA also ends every payment-notice consent on the number, at once (ALTA does not give it
  // back: consent is given only after a verified lookup, with the offer read)
  const phone = input.urn.startsWith("tel:") ? input.urn.slice(4) : null;
  const revocations =
    input.optedOut && phone
      ? await revokeConsentStatements({ db, now: () => now, hash: () => Promise.reject(new Error("not needed for an address")) }, { address: phone, via: "keyword", actor: `citizen:${input.channel}` })
      : [];
  await atomic(db, [
    ...revocations,
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
