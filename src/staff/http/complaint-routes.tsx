import { Hono, type Context } from "hono";
import { COMPLAINT_STATUSES, type ComplaintStatus } from "../../db/schema";
import { staffRepo } from "../../db/repos/staff";
import { loadCannedReplies, repliesFor } from "../../services/complaints/canned-replies";
import {
  ComplaintAlreadyAssignedError,
  ComplaintConflictError,
  ComplaintNotFoundError,
  ComplaintValidationError,
  InvalidTransitionError,
  TRANSITIONS,
  isOverdue,
} from "../../services/complaints";
import { canAssignTo, QUALITY_ROLES, type StaffUser } from "../auth/roles";
import { ComplaintPage } from "../pages/complaint-page";
import { consoleLabels } from "../ui/labels";
import type { StaffDeps } from "./deps";
import type { StaffEnv } from "./env";
import { errorPage, requireRole } from "./middleware";
import { registryContext } from "../context/registry-context";
import { limaDate } from "../../services/complaints/deadline";
import { parseSearch, type SearchTerms } from "../../services/complaints";
import { auditComplaintSearch } from "./search-audit";
import { filtersQuery, parseQueueFilters, toListInput } from "./queue-filters";
import { helpdeskLabels } from "./helpdesk-routes";
import { eq } from "drizzle-orm";
import { complaintRecordings } from "../../db/schema";
import { atomic } from "../../db/atomic";
import { staffAudit } from "../audit";
import { canHearRecording } from "../../services/complaints/visibility";
import { RECORDING_RESERVED } from "../pages/complaint-page";

const NOTICES: Record<string, string> = {
  assigned: "Asignación guardada.",
  status: "Estado guardado. El mensaje a la persona quedó en la cola de envío.",
  status_silent: "Estado guardado. La persona pidió no recibir respuesta: no se envió mensaje.",
  note: "Nota agregada.",
};


interface FormState {
  error?: string;
  answer?: string;
  selectedStatus?: string;
  chosenReply?: string;
  notice?: string;
}

/** A complaint's page and its three forms: assign, change status (with an answer), note. */
export function complaintRoutes(deps: StaffDeps) {
  const app = new Hono<StaffEnv>();
  const labels = consoleLabels(deps.i18n, deps.districts);
  const registryLabels = helpdeskLabels(deps);
  const catalog = deps.complaints.catalog;
  const cannedReplies = loadCannedReplies(catalog);
  const known = { queues: [...new Set(catalog.rules.map((r) => r.queue))], programs: catalog.programs };
  const guard = requireRole(deps.db, deps.now, ...QUALITY_ROLES);
  const actorOf = (user: StaffUser) => `staff:${user.id}`;

  // agents work the cases assigned to them; supervisors and admins any case
  const mayChangeStatus = (user: StaffUser, assigneeId: string | null) => user.role !== "quality_agent" || assigneeId === user.id;

  /** The case as this user may see it (the view audited), or the 404 page to answer instead. */
  async function detailOr404(c: Context<StaffEnv>, code: string) {
    const user = c.get("staff")!;
    try {
      return await deps.complaints.detail(code, { id: user.id, role: user.role });
    } catch (error) {
      if (error instanceof ComplaintNotFoundError) return errorPage(c, 404, "Caso no encontrado", `No existe el caso ${code}.`);
      throw error;
    }
  }

  async function render(c: Context<StaffEnv>, code: string, state: FormState, status: 200 | 400 | 409 = 200) {
    const user = c.get("staff")!;
    const detail = await detailOr404(c, code);
    if (detail instanceof Response) return detail;
    const complaint = detail.complaint;
    const names = await staffRepo.names(deps.db);
    const staffName = (id: string | null) => (id ? (names.get(id) ?? "persona de la consola") : "Sin asignar");
    const actorName = (actor: string) => {
      if (actor.startsWith("staff:")) return staffName(actor.slice(6));
      if (actor.startsWith("citizen:")) return `la persona (${actor.slice(8).toUpperCase()})`;
      return actor === "api" ? "API" : "sistema";
    };
    // only the replies that fit this kind and category (db/catalog/replies.json)
    const replies = repliesFor(cannedReplies, complaint).map(({ key }) => ({
      key,
      text: deps.i18n.t(complaint.lang, `complaints:replies.${key}`),
      spanish: deps.i18n.t("es", `complaints:replies.${key}`),
    }));
    const chosen = state.chosenReply ?? c.req.query("reply") ?? "";
    const reply = replies.find((r) => r.key === chosen);
    const nextStatuses = [...(TRANSITIONS[complaint.status] ?? [])];
    // next/previous within the queue (and search) the person came from; the search is the one
    // already audited when its results were shown
    const filters = parseQueueFilters(Object.fromEntries(new URLSearchParams(c.req.query("nav") ?? "").entries()), known);
    let terms: SearchTerms | null = null;
    try {
      terms = parseSearch(filters.q);
    } catch {
      filters.q = "";
    }
    const around = await deps.complaints.neighbours(toListInput(filters, user, terms), complaint);
    // a search by who filed is audited here as in the queue: `nav=q=<DNI>` on any case page would
    // otherwise walk a person's cases with no trace (session 8 review)
    if (terms) await auditComplaintSearch(deps, user, terms, !!(around.previous || around.next), { via: "case_nav" });
    const recording = await deps.db.select({ mediaPath: complaintRecordings.mediaPath }).from(complaintRecordings).where(eq(complaintRecordings.complaintId, complaint.id)).get();
    const hearable = canHearRecording(user.role, complaint);
    const registry = await registryContext({ db: deps.db, now: deps.now, secret: deps.config.appSecret }, user, complaint, detail.reporter);
    return c.html(
      <ComplaintPage
        user={user}
        csrf={c.get("session")!.csrfToken}
        detail={detail}
        overdue={isOverdue(complaint, deps.now())}
        labels={labels}
        actorName={actorName}
        staffName={staffName}
        messageText={(body) => body.map((m) => deps.i18n.t(complaint.lang, m.key, m.params)).join(" ")}
        assignable={user.role === "quality_agent" ? null : await staffRepo.assignable(deps.db)}
        canChangeStatus={mayChangeStatus(user, complaint.assigneeId)}
        nextStatuses={nextStatuses}
        replies={replies}
        chosenReply={reply?.key ?? ""}
        lang={complaint.lang}
        answer={state.answer ?? reply?.text ?? ""}
        selectedStatus={state.selectedStatus ?? (reply ? (nextStatuses.includes("respondido") ? "respondido" : "") : "")}
        error={state.error}
        notice={state.notice ?? NOTICES[c.req.query("done") ?? ""]}
        nav={{ ...around, query: filtersQuery(filters) }}
        registry={registry}
        registryLabels={registryLabels}
        today={limaDate(deps.now())}
        recordingUrl={recording && hearable ? `/staff/complaints/${complaint.code}/recording` : null}
        recordingReserved={!!recording && !hearable}
      />,
      status,
    );
  }

  const done = (c: Context<StaffEnv>, code: string, what: string) => c.redirect(`/staff/complaints/${code}?done=${what}`, 303);

  app.get("/complaints/:code", guard, (c) => render(c, c.req.param("code").toUpperCase(), {}));

  // a complaint told by phone: its audio, for whoever may see the case — where the reporter's
  // identity is protected, the supervisor only (the voice identifies); every listening audited
  app.get("/complaints/:code/recording", guard, async (c) => {
    const user = c.get("staff")!;
    const code = c.req.param("code").toUpperCase();
    const detail = await detailOr404(c, code);
    if (detail instanceof Response) return detail;
    if (!canHearRecording(user.role, detail.complaint)) {
      return errorPage(c, 403, "Grabación reservada", RECORDING_RESERVED);
    }
    const row = await deps.db.select().from(complaintRecordings).where(eq(complaintRecordings.complaintId, detail.complaint.id)).get();
    const audio = row && deps.voice ? await deps.voice.media.get(row.mediaPath) : null;
    if (!row || !audio) return errorPage(c, 404, "Grabación no disponible", "La grabación de esta llamada aún no llegó del proveedor, o no existe.");
    await atomic(deps.db, [staffAudit(deps.db, { staffId: user.id, action: "complaint.recording.played", subject: detail.complaint.code }, deps.now())]);
    return c.body(audio.bytes as Uint8Array<ArrayBuffer>, 200, { "content-type": audio.contentType, "content-length": String(audio.bytes.length) });
  });

  app.post("/complaints/:code/assign", guard, async (c) => {
    const user = c.get("staff")!;
    const code = c.req.param("code").toUpperCase();
    const assignee = c.get("form").get("assignee") || null;
    if (assignee === null ? user.role === "quality_agent" : !canAssignTo(user, assignee)) {
      return errorPage(c, 403, "Sin permiso", "Solo la supervisión asigna casos a otras personas; usted puede tomar un caso para sí.");
    }
    if (assignee && !(await staffRepo.assignable(deps.db)).some((s) => s.id === assignee)) {
      return render(c, code, { error: "Esa persona no puede recibir casos." }, 400);
    }
    try {
      await deps.complaints.assign({ code, assigneeId: assignee, actor: actorOf(user), onlyIfUnassigned: user.role === "quality_agent" });
    } catch (error) {
      return handleDomainError(c, code, error, {});
    }
    return done(c, code, "assigned");
  });

  app.post("/complaints/:code/status", guard, async (c) => {
    const user = c.get("staff")!;
    const code = c.req.param("code").toUpperCase();
    const form = c.get("form");
    const to = form.get("to") ?? "";
    const answer = (form.get("answer") ?? "").slice(0, 4000);
    const keep = { answer, selectedStatus: to };
    const current = await deps.complaints.getByCode(code);
    if (!current) return errorPage(c, 404, "Caso no encontrado", `No existe el caso ${code}.`);
    if (!mayChangeStatus(user, current.assigneeId ?? null)) return render(c, code, { ...keep, error: "Tome el caso antes de cambiar su estado." }, 400);
    if (!(COMPLAINT_STATUSES as readonly string[]).includes(to)) return render(c, code, { ...keep, error: "Elija un estado de la lista." }, 400);
    let outboxId: string | null;
    try {
      ({ outboxId } = await deps.complaints.changeStatus({ code, to: to as ComplaintStatus, answer, actor: actorOf(user) }));
    } catch (error) {
      return handleDomainError(c, code, error, keep);
    }
    return done(c, code, outboxId ? "status" : "status_silent");
  });

  app.post("/complaints/:code/notes", guard, async (c) => {
    const user = c.get("staff")!;
    const code = c.req.param("code").toUpperCase();
    try {
      await deps.complaints.addNote({ code, body: c.get("form").get("note") ?? "", actor: actorOf(user) });
    } catch (error) {
      return handleDomainError(c, code, error, {});
    }
    return done(c, code, "note");
  });

  /** The domain's typed errors as the page again, with what the person typed kept. */
  function handleDomainError(c: Context<StaffEnv>, code: string, error: unknown, keep: FormState) {
    if (error instanceof ComplaintNotFoundError) return errorPage(c, 404, "Caso no encontrado", `No existe el caso ${code}.`);
    if (error instanceof InvalidTransitionError)
      return render(c, code, { ...keep, error: `No se puede pasar de «${labels.status(error.from)}» a «${labels.status(error.to)}».` }, 400);
    if (error instanceof ComplaintValidationError) {
      const text = error.field === "answer" ? "Escriba la respuesta a la persona (obligatoria para este estado, máximo 1000 caracteres)." : error.field === "body" ? "La nota está vacía o es muy larga." : error.message;
      return render(c, code, { ...keep, error: text }, 400);
    }
    if (error instanceof ComplaintAlreadyAssignedError) return render(c, code, { ...keep, error: "Este caso ya está asignado a otra persona; solo la supervisión puede reasignarlo." }, 409);
    if (error instanceof ComplaintConflictError) return render(c, code, { ...keep, error: "Otra persona cambió el caso en este momento. Revise el historial e inténtelo de nuevo." }, 409);
    throw error;
  }
  return app;
}
