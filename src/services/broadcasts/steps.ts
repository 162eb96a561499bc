import { and, eq, inArray } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import { auditStatement } from "../../db/repos/audit";
import { broadcasts, type BroadcastRow, type BroadcastStatus } from "../../db/schema";
import { checkBroadcast, type BroadcastForm } from "./check";
import type { BroadcastDeps } from "./deps";
import { BroadcastInputError, BroadcastNotFoundError, BroadcastRefusedError } from "./errors";
import { auditIfBroadcast } from "./audit-if";

/** Cancellable until the last message is queued. */
export const CANCELLABLE: readonly BroadcastStatus[] = ["pending_approval", "approved", "sending"];

/** Stores a checked broadcast, waiting for a second person's approval; refuses (storing nothing) on any problem. */
export async function createBroadcast(deps: BroadcastDeps, form: BroadcastForm, staffId: string): Promise<BroadcastRow> {
  const { plan, errors } = await checkBroadcast(deps, form);
  if (errors.length || !plan) throw errors[0] ?? new BroadcastInputError("form", "Formulario incompleto.");
  const now = deps.now();
  const row: BroadcastRow = {
    id: crypto.randomUUID(),
    title: plan.title,
    audience: plan.audience,
    texts: plan.texts,
    status: "pending_approval",
    scheduledAt: plan.scheduledAt,
    createdBy: staffId,
    createdAt: now,
    approvedBy: null,
    approvedAt: null,
    cancelledBy: null,
    cancelledAt: null,
    startedAt: null,
    finishedAt: null,
    recipients: null,
    updatedAt: now,
  };
  await atomic(deps.db, [
    deps.db.insert(broadcasts).values(row),
    auditStatement(deps.db, {
      at: now,
      actor: `staff:${staffId}`,
      action: "broadcast.create",
      subject: `broadcast:${row.id}`,
      channel: "console",
      outcome: "ok",
      detail: { audience: plan.audience, langs: Object.keys(plan.texts), recipients: plan.recipients, scheduledAt: plan.scheduledAt },
    }),
  ]);
  return row;
}

export async function getBroadcast(deps: Pick<BroadcastDeps, "db">, id: string): Promise<BroadcastRow> {
  const row = await deps.db.select().from(broadcasts).where(eq(broadcasts.id, id)).get();
  if (!row) throw new BroadcastNotFoundError(id);
  return row;
}

/**
 * The second person's yes. Refused (nothing stored) for its own author, or once it is no longer
 * waiting. The update is guarded by the status, so two approvals (or an approval racing a
 * cancellation) leave one outcome.
 */
export async function approveBroadcast(deps: BroadcastDeps, id: string, staffId: string): Promise<void> {
  const row = await getBroadcast(deps, id);
  if (row.createdBy === staffId) throw new BroadcastRefusedError("Quien redactó el mensaje no puede aprobarlo: debe aprobarlo otra persona.");
  if (row.status !== "pending_approval") throw new BroadcastRefusedError("Este mensaje ya no espera aprobación.");
  const now = deps.now();
  await atomic(deps.db, [
    deps.db
      .update(broadcasts)
      .set({ status: "approved", approvedBy: staffId, approvedAt: now, updatedAt: now })
      .where(and(eq(broadcasts.id, id), eq(broadcasts.status, "pending_approval"))),
    auditIfBroadcast(
      deps.db,
      { at: now, actor: `staff:${staffId}`, action: "broadcast.approve", subject: `broadcast:${id}`, channel: "console", outcome: "ok", detail: { author: `staff:${row.createdBy}` } },
      and(eq(broadcasts.id, id), eq(broadcasts.status, "approved"), eq(broadcasts.approvedBy, staffId), eq(broadcasts.approvedAt, now))!,
    ),
  ]);
  if ((await getBroadcast(deps, id)).approvedBy !== staffId) throw new BroadcastRefusedError("Este mensaje ya no espera aprobación.");
}

/** Stops a broadcast that has not finished: nothing more is queued (messages already queued still go). */
export async function cancelBroadcast(deps: BroadcastDeps, id: string, staffId: string): Promise<void> {
  const row = await getBroadcast(deps, id);
  if (!CANCELLABLE.includes(row.status)) throw new BroadcastRefusedError(row.status === "sent" ? "Ya se envió: no se puede cancelar." : "Ya estaba cancelado.");
  const now = deps.now();
  await atomic(deps.db, [
    deps.db
      .update(broadcasts)
      .set({ status: "cancelled", cancelledBy: staffId, cancelledAt: now, updatedAt: now })
      .where(and(eq(broadcasts.id, id), inArray(broadcasts.status, [...CANCELLABLE]))),
    auditIfBroadcast(
      deps.db,
      { at: now, actor: `staff:${staffId}`, action: "broadcast.cancel", subject: `broadcast:${id}`, channel: "console", outcome: "ok", detail: { from: row.status } },
      and(eq(broadcasts.id, id), eq(broadcasts.status, "cancelled"), eq(broadcasts.cancelledBy, staffId), eq(broadcasts.cancelledAt, now))!,
    ),
  ]);
}
