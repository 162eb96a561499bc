import type { ComplaintDetail } from "../../services/complaints/detail";
import { NO_PROVIDER } from "../../services/outbox/logging-sender";
import type { StaffUser } from "../auth/roles";
import { CsrfField, Layout } from "../ui/layout";
import { limaDateTime, shortDate, type ConsoleLabels } from "../ui/labels";
import { CaseNav, type CaseNavView } from "./case-nav";
import { RegistryContextSection } from "./registry-context-section";
import type { RegistryContextResult } from "../context/registry-context";
import { CHANNEL_NAMES } from "../ui/channel-names";
import { Flash } from "../ui/flash";

const LANG_NAMES: Record<string, string> = { es: "castellano", qu: "quechua", ay: "aimara" };
// contact channels the office answers by hand (nothing goes through the outbox)
const ANSWERED_BY_HAND: Record<string, string> = {
  desk: "en la mesa de ayuda donde se registró (la persona vuelve con su código)",
  letter: "por carta (la dirección está en «Quién lo presentó»)",
  email: "por correo electrónico (el correo está en «Quién lo presentó»)",
};
// our side of the send: handed to the provider or not
const SEND_STATUS: Record<string, string> = { pending: "Pendiente", sending: "Enviando", sent: "Enviado al proveedor", failed: "Falló", not_sent: "No enviado" };
// why a message was never handed to anyone (outbox.last_error of a not_sent row)
function notSentReason(lastError: string | null): string {
  if (lastError?.startsWith(NO_PROVIDER)) return "canal sin proveedor";
  if (lastError?.startsWith("demo data")) return "datos de demostración";
  return lastError ?? "sin motivo registrado";
}
// what the provider reported afterwards (WhatsApp statuses, SMS delivery receipts)
const DELIVERY: Record<string, string> = {
  queued: "En cola del proveedor",
  sent: "Enviado por el proveedor, sin confirmar entrega",
  delivered: "Entregado",
  read: "Leído",
  undelivered: "No entregado",
  failed: "No entregado",
};
const isWarning = (m: { status: string; delivery: string | null }) => m.status === "failed" || m.status === "not_sent" || m.delivery === "failed" || m.delivery === "undelivered";

export interface ComplaintView {
  user: StaffUser;
  csrf: string;
  detail: ComplaintDetail;
  overdue: boolean;
  labels: ConsoleLabels;
  actorName: (actor: string) => string;
  staffName: (id: string | null) => string;
  /** the messages to the person as they read them (their language) */
  messageText: (body: ComplaintDetail["messages"][number]["body"]) => string;
  assignable: { id: string; name: string }[] | null; // null: may only take the case
  canChangeStatus: boolean;
  nextStatuses: string[];
  replies: { key: string; text: string; spanish: string }[];
  chosenReply: string;
  /** the person's language */
  lang: string;
  answer: string;
  selectedStatus: string;
  error?: string;
  notice?: string;
  /** previous/next case in the queue the person came from */
  nav: CaseNavView;
  /** the reporter in the registry (its own section) */
  registry: RegistryContextResult;
  registryLabels: { program(id: string): string; cse(level: string): string };
  today: string;
  /** a complaint told by phone: where its audio plays (null: typed, or no recording) */
  recordingUrl?: string | null;
  /** a recording exists but this role may not hear it (the reporter's identity is protected) */
  recordingReserved?: boolean;
}

/** why a role does not hear a protected case's recording: on the case page and the refused request's page */
export const RECORDING_RESERVED = "La grabación es reservada: la voz identifica a quien presentó el caso, cuya identidad está protegida; solo la supervisión la escucha.";

function Facts(props: { items: [string, unknown][] }) {
  return (
    <dl class="facts">
      {props.items.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value as string}</dd>
        </>
      ))}
    </dl>
  );
}

/** One complaint: facts, the reporter (if the role allows), history, messages, and the actions. */
export function ComplaintPage(v: ComplaintView) {
  const { complaint: c, events, messages, reporter, reporterHidden } = v.detail;
  const L = v.labels;
  // the person was not told: never sent (no provider), refused, or reported undelivered
  const failed = messages.filter(isWarning);
  return (
    <Layout title={`Caso ${c.code}`} user={v.user} csrf={v.csrf} active="queue">
      <CaseNav nav={v.nav} />
      <h1>
        Caso {c.code} {c.urgent && <span class="badge urgent">Urgente</span>} {v.overdue && <span class="badge overdue">Vencido</span>}
      </h1>
      <Flash error={v.error} notice={v.notice} errorId="form-error" />
      {failed.length > 0 && (
        <p role="alert" class="alert">
          {failed.length === 1 ? "Un mensaje a la persona no se pudo enviar o no le llegó" : `${failed.length} mensajes a la persona no se pudieron enviar o no le llegaron`}: vea «Mensajes a la persona».
        </p>
      )}
      <div class="grid">
        <section class="card" aria-labelledby="h-case">
          <h2 id="h-case">Datos del caso</h2>
          <Facts
            items={[
              ["Tipo", L.kind(c.kind)],
              ["Programa", L.program(c.program)],
              ["Categoría", L.category(c.category)],
              ["Distrito", `${L.district(c.ubigeo)} (${c.ubigeo})`],
              ["Cola", `${L.queue(c.queue)} · prioridad ${c.priority}`],
              ["Estado", L.status(c.status)],
              ["Fecha límite", shortDate(c.deadline)],
              ["Registrado", `${limaDateTime(c.createdAt)} por ${CHANNEL_NAMES[c.channel] ?? c.channel}`],
              ["Idioma de la persona", LANG_NAMES[c.lang] ?? c.lang],
              ["Respuesta por", c.contactChannel === "none" ? "no quiere respuesta" : `${CHANNEL_NAMES[c.contactChannel]}${c.contactAddress ? ` (${c.contactAddress})` : ""}`],
              ["Asignado a", v.staffName(c.assigneeId)],
            ]}
          />
        </section>
        <section class="card" aria-labelledby="h-reporter">
          <h2 id="h-reporter">Quién lo presentó</h2>
          {c.anonymous ? (
            <p>Denuncia anónima: no hay datos de la persona.</p>
          ) : reporterHidden ? (
            <p>Identidad reservada (DL 1327): solo la supervisión puede verla.</p>
          ) : reporter ? (
            <Facts
              items={[
                ["DNI", reporter.dni ?? "—"],
                ["Nombre", reporter.name ?? "—"],
                ["Fecha de nacimiento", reporter.birthDate ? shortDate(reporter.birthDate) : "—"],
                ["Teléfono", reporter.phone ?? "—"],
                ["Correo", reporter.email ?? "—"],
                ...(reporter.postalAddress ? [["Dirección para cartas", reporter.postalAddress] as [string, string]] : []),
              ]}
            />
          ) : (
            <p>Sin datos de la persona.</p>
          )}
          {(c.kind === "denuncia" || c.confidential) && !reporterHidden && !c.anonymous && <p class="muted">Datos reservados: no los comparta fuera de la función de integridad.</p>}
        </section>
      </div>

      <RegistryContextSection result={v.registry} today={v.today} labels={v.registryLabels} />

      <section aria-labelledby="h-description">
        <h2 id="h-description">Lo que contó la persona</h2>
        <p>{c.description}</p>
        {v.recordingUrl ? (
          <p>
            <audio controls preload="none" src={v.recordingUrl}>
              <a href={v.recordingUrl}>Escuchar la grabación</a>
            </audio>
            <br />
            Grabación de la llamada. Cada escucha queda registrada.
          </p>
        ) : null}
        {v.recordingReserved ? <p>Caso contado por teléfono. {RECORDING_RESERVED}</p> : null}
      </section>

      <div class="grid">
        <section class="card" aria-labelledby="h-assign">
          <h2 id="h-assign">Asignación</h2>
          {v.assignable ? (
            <form method="post" action={`/staff/complaints/${c.code}/assign`}>
              <CsrfField token={v.csrf} />
              <label for="assignee">Asignar a</label>
              <select id="assignee" name="assignee">
                <option value="">Sin asignar</option>
                {v.assignable.map((s) => (
                  <option value={s.id} selected={s.id === c.assigneeId}>
                    {s.name}
                  </option>
                ))}
              </select>{" "}
              <button type="submit">{c.assigneeId ? "Reasignar" : "Asignar"}</button>
            </form>
          ) : c.assigneeId === v.user.id ? (
            <p>Este caso está asignado a usted.</p>
          ) : (
            <form method="post" action={`/staff/complaints/${c.code}/assign`}>
              <CsrfField token={v.csrf} />
              <input type="hidden" name="assignee" value={v.user.id} />
              <button type="submit">Tomar el caso</button>
            </form>
          )}
        </section>

        <section class="card" aria-labelledby="h-status">
          <h2 id="h-status">Cambiar estado y responder</h2>
          {!v.canChangeStatus ? (
            <p>Tome el caso (o pida que se lo asignen) para cambiar su estado.</p>
          ) : v.nextStatuses.length === 0 ? (
            <p>El caso está {L.status(c.status).toLowerCase()}: ya no cambia de estado.</p>
          ) : (
            <>
              <form method="get" action={`/staff/complaints/${c.code}`}>
                <label for="reply">Respuesta modelo ({LANG_NAMES[c.lang]})</label>
                <select id="reply" name="reply">
                  <option value="">— Escribir una respuesta propia —</option>
                  {v.replies.map((r) => (
                    <option value={r.key} selected={r.key === v.chosenReply}>
                      {r.spanish}
                    </option>
                  ))}
                </select>{" "}
                <button type="submit" class="secondary">
                  Usar esta respuesta
                </button>
              </form>
              <form method="post" action={`/staff/complaints/${c.code}/status`}>
                <CsrfField token={v.csrf} />
                <label for="to">Nuevo estado</label>
                <select id="to" name="to">
                  {v.nextStatuses.map((s) => (
                    <option value={s} selected={s === v.selectedStatus}>
                      {L.status(s)}
                    </option>
                  ))}
                </select>
                <label for="answer">Respuesta a la persona, en {LANG_NAMES[c.lang]} (obligatoria para «{L.status("respondido")}» e «{L.status("improcedente")}»)</label>
                <textarea id="answer" name="answer" lang={c.lang} rows={5} maxlength={1000} aria-describedby="answer-help">
                  {v.answer}
                </textarea>
                {v.lang !== "es" && v.chosenReply && (
                  <p class="muted">En castellano: {v.replies.find((r) => r.key === v.chosenReply)?.spanish}</p>
                )}
                <p id="answer-help" class="muted">
                  {c.contactChannel === "sms" || c.contactChannel === "whatsapp"
                    ? `Se envía por ${CHANNEL_NAMES[c.contactChannel]} con el aviso del nuevo estado.`
                    : c.contactChannel === "none"
                      ? "La persona pidió no recibir respuesta: queda solo en el historial."
                      : `No se envía mensaje: la persona recibe la respuesta ${ANSWERED_BY_HAND[c.contactChannel] ?? c.contactChannel}; queda en el historial para dársela por ese medio.`}
                </p>
                <button type="submit">Guardar estado</button>
              </form>
            </>
          )}
        </section>
      </div>

      <section aria-labelledby="h-history">
        <h2 id="h-history">Historial</h2>
        <ol class="history">
          {events.map((e) => (
            <li>
              <strong>{limaDateTime(e.at)}</strong> · {v.actorName(e.actor)}:{" "}
              {e.type === "status"
                ? e.fromStatus
                  ? `estado ${L.status(e.fromStatus)} → ${L.status(e.toStatus ?? "")}`
                  : "registró el caso"
                : e.type === "assignment"
                  ? e.assigneeId
                    ? `asignado a ${v.staffName(e.assigneeId)}`
                    : "quitó la asignación"
                  : "nota interna"}
              {e.body && <blockquote lang={e.type === "status" ? c.lang : undefined}>{e.body}</blockquote>}
            </li>
          ))}
        </ol>
        <form method="post" action={`/staff/complaints/${c.code}/notes`}>
          <CsrfField token={v.csrf} />
          <label for="note">Nota interna (no se envía a la persona)</label>
          <textarea id="note" name="note" rows={3} maxlength={4000} required></textarea>
          <button type="submit">Agregar nota</button>
        </form>
      </section>

      <section aria-labelledby="h-messages">
        <h2 id="h-messages">Mensajes a la persona</h2>
        {messages.length === 0 ? (
          <p>No hay mensajes.</p>
        ) : (
          <table id="messages">
            <caption>Lo que se envió o se enviará, en {LANG_NAMES[c.lang]}</caption>
            <thead>
              <tr>
                <th scope="col">Creado</th>
                <th scope="col">Canal</th>
                <th scope="col">Envío</th>
                <th scope="col">Intentos</th>
                <th scope="col">Texto</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr>
                  <td>{limaDateTime(m.createdAt)}</td>
                  <td>{CHANNEL_NAMES[m.channel] ?? m.channel}</td>
                  <td>
                    {m.status === "not_sent" ? (
                      <span class="badge overdue">No enviado: {notSentReason(m.lastError)}</span>
                    ) : (
                      <span class={m.status === "failed" ? "badge overdue" : "badge"}>{SEND_STATUS[m.status] ?? m.status}</span>
                    )}
                    {m.lastError && m.status !== "not_sent" && <div class="muted">Error: {m.lastError}</div>}
                    {m.delivery && <div class={m.delivery === "failed" || m.delivery === "undelivered" ? "badge overdue" : "muted"}>{DELIVERY[m.delivery] ?? m.delivery}</div>}
                    {m.status === "sent" && !m.delivery && <div class="muted">Sin aviso de entrega todavía</div>}
                    {m.deliveryError && <div class="muted">{CHANNEL_NAMES[m.channel] ?? m.channel}: {m.deliveryError}</div>}
                  </td>
                  <td>{m.attempts}</td>
                  <td lang={c.lang}>{v.messageText(m.body)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}
