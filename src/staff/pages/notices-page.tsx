import type { StaffUser } from "../auth/roles";
import type { NoticeDayRow } from "../../db/repos/notice-stats";
import { Layout } from "../ui/layout";

const KIND: Record<string, string> = {
  payment_available: "Pago disponible",
  payment_reminder: "Recordatorio de cobro",
  status_changed: "Cambio de estado",
  payment_corrected: "Corrección de fechas",
};
const CHANNEL: Record<string, string> = { sms: "SMS", whatsapp: "WhatsApp" };
const COLUMNS: [keyof NoticeDayRow, string][] = [
  ["found", "Encontrados"],
  ["sent", "Enviados"],
  ["heldQuiet", "Esperaron por horario"],
  ["heldCap", "Esperaron por tope diario"],
  ["pending", "Por enviar"],
  ["cancelled", "Cancelados"],
  ["delivered", "Entregados"],
  ["failed", "Fallidos"],
];

/** /staff/notices (supervisor, admin): the payment notices per day, kind, program and channel (issue 21 item 5). */
export function NoticesPage(props: { user: StaffUser; csrf?: string; rows: NoticeDayRow[]; days: number; program: (id: string) => string }) {
  const totals = Object.fromEntries(COLUMNS.map(([k]) => [k, props.rows.reduce((s, r) => s + Number(r[k]), 0)]));
  return (
    <Layout title="Avisos de pago" user={props.user} csrf={props.csrf} active="notices">
      <h1>Avisos de pago</h1>
      <p>
        Últimos {props.days} días, por el día (hora de Lima) en que se encontraron. Solo cuentan personas que aceptaron recibirlos. «Esperaron»: por el
        horario de silencio (NOTICES_QUIET_HOURS) o por el tope diario (NOTICES_DAILY_LIMIT); salieron después, en orden.
      </p>
      {props.rows.length === 0 ? (
        <p>No hay avisos en este período.</p>
      ) : (
        <table>
          <caption>Avisos por día, tipo, programa y canal</caption>
          <thead>
            <tr>
              <th scope="col">Día</th>
              <th scope="col">Tipo</th>
              <th scope="col">Programa</th>
              <th scope="col">Canal</th>
              {COLUMNS.map(([, label]) => (
                <th scope="col">{label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{r.day}</td>
                <td>{KIND[r.kind] ?? r.kind}</td>
                <td>{props.program(r.program)}</td>
                <td>{CHANNEL[r.channel] ?? r.channel}</td>
                {COLUMNS.map(([k]) => (
                  <td>{r[k]}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan={4}>
                Total
              </th>
              {COLUMNS.map(([k]) => (
                <td>{totals[k]}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </Layout>
  );
}
