import { and, count, eq, gte, like } from "drizzle-orm";
import type { Db } from "../../db/client";
import { outbox } from "../../db/schema";
import { enqueueOutbound } from "../outbox/enqueue";
import { inQuietHours, limaDate } from "../notices/lima-clock";

import { callbackRef, type CallbackProvider } from "./ref";
export { callbackRef, providerOfRef, type CallbackProvider } from "./ref";

export interface CallbackDeps {
  db: Db;
  now: () => number;
  /** callbacks per number per Lima day */
  perDay: number;
  /** Lima hours when nobody is called (NOTICES_QUIET_HOURS) */
  quietHours: { from: number; until: number } | null;
}

/**
 * `queued`: reject the call unanswered, a callback is in the outbox; `already`: this call's
 * callback was queued by an earlier delivery of the same request; `capped` / `quiet`: answer the
 * call normally (the person pays, but is served).
 */
export type CallbackDecision = "queued" | "already" | "capped" | "quiet";


/** Lima midnight of the day `at` falls in, as epoch ms (Peru is UTC−5 all year). */
const limaMidnight = (at: number) => Date.parse(`${limaDate(at)}T05:00:00Z`);

/**
 * A missed call asks to be called back (issue 22 item 6): within the day's cap for the number
 * and outside quiet hours, one outbox row (channel `voice`, the number, the provider in its ref);
 * the dispatcher places the call through the provider's API within seconds.
 */
export async function requestCallback(deps: CallbackDeps, call: { provider: CallbackProvider; phone: string; callId: string }): Promise<CallbackDecision> {
  const now = deps.now();
  const ref = callbackRef(call.provider, call.callId);
  if (await deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.ref, ref)).get()) return "already";
  if (inQuietHours(now, deps.quietHours)) return "quiet";
  const today = await deps.db
    .select({ n: count() })
    .from(outbox)
    .where(and(eq(outbox.channel, "voice"), eq(outbox.address, call.phone), like(outbox.ref, "voice-callback:%"), gte(outbox.createdAt, limaMidnight(now))))
    .get();
  if ((today?.n ?? 0) >= deps.perDay) return "capped";
  await enqueueOutbound(deps.db, { channel: "voice", address: call.phone, lang: "es", body: [], ref }, now);
  return "queued";
}
