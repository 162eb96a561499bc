import type { BroadcastRow } from "../../db/schema";
import type { StaffUser } from "../auth/roles";
import { Flash } from "../ui/flash";
import { limaDateTime } from "../ui/labels";
import { Layout } from "../ui/layout";
import { BROADCAST_STATUS_LABELS } from "./broadcast-labels";

/** The office's broadcasts, newest first. */
export function BroadcastsPage(props: { user: StaffUser; csrf: string; rows: BroadcastRow[]; staffName: (id: string | null) => string; notice?: string }) {
  return (
    <Layout title="Mensajes masivos" user={props.user} csrf={props.csrf} active="broadcasts">
      <h1>Mensajes masivos</h1>
      <Flash notice={props.notice} />
      <p>
        <a href="/staff/broadcasts/new">Escribir un mensaje nuevo</a>
      </p>
      {props.rows.length === 0 ? (
        <p>Todavía no hay mensajes.</p>
      ) : (
        <table>
          <caption>{props.rows.length} mensajes</caption>
          <thead>
            <tr>
              <th scope="col">Nombre</th>
              <th scope="col">Estado</th>
              <th scope="col">Redactó</th>
              <th scope="col">Aprobó</th>
              <th scope="col">Envío</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((b) => (
              <tr>
                <td>
                  <a href={`/staff/broadcasts/${b.id}`}>{b.title}</a>
                </td>
                <td>{BROADCAST_STATUS_LABELS[b.status]}</td>
                <td>{props.staffName(b.createdBy)}</td>
                <td>{b.approvedBy ? props.staffName(b.approvedBy) : "—"}</td>
                <td>{b.scheduledAt ? limaDateTime(b.scheduledAt) : "al aprobarse"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
