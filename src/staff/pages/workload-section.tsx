import type { WorkloadRow } from "../../db/repos/workload";
import type { Workload } from "../stats/workload";

function WorkloadTable(props: { id: string; title: string; head: string; rows: WorkloadRow[]; name: (key: string | null) => string; link?: (key: string | null) => string }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>Sin casos abiertos ni respondidos esta semana.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{props.head}</th>
              <th scope="col">Abiertos</th>
              <th scope="col">Vencidos</th>
              <th scope="col">Respondidos esta semana</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">
                  {props.link ? <a href={props.link(r.key)}>{props.name(r.key)}</a> : props.name(r.key)}
                </th>
                <td>{r.open}</td>
                <td>{r.overdue > 0 ? <span class="badge overdue">{r.overdue}</span> : 0}</td>
                <td>{r.answeredThisWeek}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The dashboard's workload per person and per queue (its own section of the dashboard). */
export function WorkloadSection(props: { workload: Workload; staffName: (id: string | null) => string; queueName: (q: string) => string }) {
  const w = props.workload;
  return (
    <div class="grid">
      <WorkloadTable id="w-agent" title="Carga por persona" head="Persona" rows={w.byAgent} name={props.staffName} />
      <WorkloadTable id="w-queue" title="Carga por cola" head="Cola" rows={w.byQueue} name={(q) => props.queueName(q ?? "")} link={(q) => `/staff/complaints?status=open&queue=${encodeURIComponent(q ?? "")}`} />
    </div>
  );
}
