import type { BroadcastRow } from "../../db/schema";
import { LANGS } from "../../i18n/langs";
import { CANCELLABLE } from "../../services/broadcasts/steps";
import { LANG_NAMES, type BroadcastPlan } from "../../services/broadcasts/check";
import type { BroadcastDelivery } from "../../services/broadcasts/send";
import type { StaffUser } from "../auth/roles";
import { Flash } from "../ui/flash";
import { limaDateTime } from "../ui/labels";
import { CsrfField, Layout } from "../ui/layout";
import { BroadcastFigures } from "./broadcast-figures";
import { BROADCAST_STATUS_LABELS } from "./broadcast-labels";

/** One broadcast: what it says to whom, its approval, its sending and the providers' receipts. */
export function BroadcastPage(props: {
  user: StaffUser;
  csrf: string;
  row: BroadcastRow;
  plan: BroadcastPlan | null;
  delivery: BroadcastDelivery;
  staffName: (id: string | null) => string;
  placeName: string;
  programName: (id: string) => string;
  error?: string;
  notice?: string;
}) {
  const b = props.row;
  const d = props.delivery;
  const ownDraft = b.createdBy === props.user.id;
  return (
    <Layout title={`Mensaje: ${b.title}`} user={props.user} csrf={props.csrf} active="broadcasts">
      <h1>Mensaje masivo: {b.title}</h1>
      <Flash error={props.error} notice={props.notice} />
      <dl class="facts">
        <dt>Estado</dt>
        <dd id="status">{BROADCAST_STATUS_LABELS[b.status]}</dd>
        <dt>Público</dt>
        <dd>
          {b.audience.programs.length ? b.audience.programs.map(props.programName).join(", ") : "todos los programas"} · {props.placeName} · {b.audience.langs.map((l) => LANG_NAMES[l]).join(", ")}
        </dd>
        <dt>Redactó</dt>
        <dd>
          {props.staffName(b.createdBy)}, {limaDateTime(b.createdAt)}
        </dd>
        <dt>Aprobó</dt>
        <dd>{b.approvedBy ? `${props.staffName(b.approvedBy)}, ${limaDateTime(b.approvedAt!)}` : "nadie todavía"}</dd>
        <dt>Envío</dt>
        <dd>{b.scheduledAt ? limaDateTime(b.scheduledAt) : "apenas se apruebe"}</dd>
        {b.cancelledBy && (
          <>
            <dt>Canceló</dt>
            <dd>
              {props.staffName(b.cancelledBy)}, {limaDateTime(b.cancelledAt!)}
            </dd>
          </>
        )}
      </dl>
      {LANGS.filter((l) => b.texts[l]).map((l) => (
        <section class="card" aria-labelledby={`t-${l}`}>
          <h2 id={`t-${l}`}>Texto en {LANG_NAMES[l]}</h2>
          <p class="answer">{props.plan?.measures[l]?.rendered ?? b.texts[l]}</p>
        </section>
      ))}
      {b.startedAt === null && props.plan && <BroadcastFigures plan={props.plan} />}
      {b.startedAt !== null && (
        <section class="card" aria-labelledby="delivery">
          <h2 id="delivery">Envío y recepción</h2>
          <table>
            <caption>Según la bandeja de salida y los avisos de entrega de los proveedores</caption>
            <tbody>
              <tr>
                <th scope="row">Destinatarios al iniciar</th>
                <td id="d-recipients">{d.recipients}</td>
              </tr>
              <tr>
                <th scope="row">En espera (ritmo de envío)</th>
                <td id="d-pending">{d.pending}</td>
              </tr>
              <tr>
                <th scope="row">Omitidos (retiraron su aceptación)</th>
                <td id="d-skipped">{d.skipped}</td>
              </tr>
              <tr>
                <th scope="row">Entregados al proveedor</th>
                <td id="d-sent">{d.sent}</td>
              </tr>
              <tr>
                <th scope="row">Recibidos</th>
                <td id="d-delivered">{d.delivered}</td>
              </tr>
              <tr>
                <th scope="row">Fallidos</th>
                <td id="d-failed">{d.failed}</td>
              </tr>
            </tbody>
          </table>
        </section>
      )}
      <div class="actions">
        {b.status === "pending_approval" &&
          (ownDraft ? (
            <p class="muted">Usted redactó este mensaje: otra persona de supervisión o administración debe aprobarlo.</p>
          ) : (
            <form method="post" action={`/staff/broadcasts/${b.id}/approve`}>
              <CsrfField token={props.csrf} />
              <button type="submit">Aprobar el envío</button>
            </form>
          ))}
        {CANCELLABLE.includes(b.status) && (
          <form method="post" action={`/staff/broadcasts/${b.id}/cancel`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="secondary">
              Cancelar el envío
            </button>
          </form>
        )}
      </div>
      <p>
        <a href="/staff/broadcasts">Volver a los mensajes</a>
      </p>
    </Layout>
  );
}
