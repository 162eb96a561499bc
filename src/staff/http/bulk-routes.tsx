import { Hono, type Context } from "hono";
import type { ComplaintStatus } from "../../db/schema";
import { staffRepo } from "../../db/repos/staff";
import { BULK_MAX, BulkChangeRefusedError, ComplaintConflictError, NEEDS_ANSWER, TRANSITIONS, type BulkRefusal } from "../../services/complaints";
import { consoleLabels } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { requireRole } from "./middleware";

/** Statuses a bulk change may set: every one that needs no answer to the person (answers are written case by case). */
export const BULK_STATUSES: ComplaintStatus[] = [...new Set(Object.values(TRANSITIONS).flat())].filter((s) => !NEEDS_ANSWER.includes(s));

type RenderQueue = (c: Context<StaffEnv>, extra: { error?: string; notice?: string; query?: Record<string, string> }, status: 200 | 400 | 403 | 409) => Promise<Response>;

/**
 * POST /staff/complaints/bulk (supervisors): assign or change the status of the ticked cases, all
 * or nothing. A refusal shows the queue again with each case that may not change and why.
 */
export function bulkRoutes(deps: StaffDeps, renderQueue: RenderQueue) {
  const app = new Hono<StaffEnv>();
  const labels = consoleLabels(deps.i18n, deps.districts);

  const why = (r: BulkRefusal, to: string) =>
    r.reason === "not_found" ? `${r.code}: no existe` : r.reason === "needs_answer" ? `${r.code}: «${labels.status(to)}» necesita una respuesta escrita para cada persona` : `${r.code}: no puede pasar a «${labels.status(to)}»`;

  app.post("/complaints/bulk", requireRole(deps.db, deps.now, "quality_supervisor"), async (c) => {
    const user = c.get("staff")!;
    const form = c.get("form");
    const back = Object.fromEntries(new URLSearchParams(form.get("back") ?? "").entries());
    const codes = form.getAll("code").map((code) => code.trim().toUpperCase()).filter(Boolean);
    const action = form.get("action");
    const refuse = (error: string, status: 400 | 409) => renderQueue(c, { error, query: back }, status);
    if (codes.length === 0) return refuse("Elija al menos un caso (casilla al inicio de la fila).", 400);
    if (codes.length > BULK_MAX) return refuse(`Elija como máximo ${BULK_MAX} casos a la vez.`, 400);

    let change: { assigneeId: string | null } | { status: ComplaintStatus };
    if (action === "assign") {
      const assignee = form.get("assignee") || null;
      if (assignee && !(await staffRepo.assignable(deps.db)).some((s) => s.id === assignee)) return refuse("Esa persona no puede recibir casos.", 400);
      change = { assigneeId: assignee };
    } else if (action === "status") {
      const to = form.get("to") ?? "";
      if (!(BULK_STATUSES as string[]).includes(to)) return refuse("Elija un estado de la lista «Nuevo estado».", 400);
      change = { status: to as ComplaintStatus };
    } else {
      return refuse("Elija «Asignar los elegidos» o «Cambiar estado de los elegidos».", 400);
    }

    try {
      await deps.complaints.bulkChange({ codes, change, actor: `staff:${user.id}` });
    } catch (error) {
      if (error instanceof BulkChangeRefusedError) {
        const to = "status" in change ? change.status : "";
        return refuse(`No se cambió ningún caso. Estos no pueden cambiar: ${error.refusals.map((r) => why(r, to)).join("; ")}.`, 409);
      }
      if (error instanceof ComplaintConflictError) return refuse("No se cambió ningún caso: otra persona cambió uno de ellos en este momento. Revise e inténtelo de nuevo.", 409);
      throw error;
    }
    const q = new URLSearchParams(back);
    q.set("done", action === "assign" ? "assigned" : "status");
    return c.redirect(`/staff/complaints?${q}`, 303);
  });
  return app;
}
