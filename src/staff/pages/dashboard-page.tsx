import type { StaffUser } from "../auth/roles";
import type { Dashboard } from "../stats/dashboard";
import { Layout } from "../ui/layout";
import type { Workload } from "../stats/workload";
import { WorkloadSection } from "./workload-section";
import { SatisfactionSection, type SatisfactionTables } from "./satisfaction-section";

function CountTable(props: { id: string; title: string; head: string; rows: { key: string; n: number }[]; label: (key: string) => string; total: number }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>Sin casos.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{props.head}</th>
              <th scope="col">Casos</th>
              <th scope="col">%</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{props.label(r.key)}</td>
                <td>{r.n}</td>
                <td>{props.total ? Math.round((100 * r.n) / props.total) : 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function DashboardPage(props: {
  user: StaffUser;
  csrf: string;
  data: Dashboard;
  labels: { program(k: string): string; category(k: string): string; region(k: string): string };
  period: { from: string; to: string };
  workload: Workload;
  satisfaction: SatisfactionTables;
  staffName: (id: string | null) => string;
  queueName: (q: string) => string;
}) {
  const d = props.data;
  const month = (key: string) => {
    const [y, m] = key.split("-");
    return `${["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "set", "oct", "nov", "dic"][Number(m) - 1] ?? m} ${y}`;
  };
  return (
    <Layout title="Tablero" user={props.user} csrf={props.csrf} active="dashboard">
      <h1>Tablero de casos</h1>
      <form class="filters" method="get" action="/staff/dashboard" aria-label="Periodo">
        <div>
          <label for="from">Registrados desde (mes)</label>
          <input type="month" id="from" name="from" value={props.period.from} />
        </div>
        <div>
          <label for="to">hasta (mes)</label>
          <input type="month" id="to" name="to" value={props.period.to} />
        </div>
        <button type="submit">Ver</button>
      </form>
      <p>{props.period.from || props.period.to ? `Casos registrados ${props.period.from ? `desde ${props.period.from}` : ""} ${props.period.to ? `hasta ${props.period.to}` : ""}.` : "Todos los casos registrados."}</p>
      <div class="grid">
        <section class="card" aria-labelledby="k-total">
          <h2 id="k-total">Casos registrados</h2>
          <p class="stat">{d.total}</p>
        </section>
        <section class="card" aria-labelledby="k-median">
          <h2 id="k-median">Mediana de días hasta responder</h2>
          <p class="stat">{d.medianDaysToAnswer === null ? "—" : d.medianDaysToAnswer.toLocaleString("es-PE")}</p>
          <p class="muted">{d.answered} casos respondidos (días calendario desde el registro)</p>
        </section>
        <section class="card" aria-labelledby="k-ontime">
          <h2 id="k-ontime">Respondidos dentro del plazo</h2>
          <p class="stat">{d.shareOnTime === null ? "—" : `${Math.round(d.shareOnTime * 100)} %`}</p>
        </section>
        <section class="card" aria-labelledby="k-overdue">
          <h2 id="k-overdue">Vencidos ahora</h2>
          <p class="stat">{d.overdueNow}</p>
          <p>
            <a href="/staff/complaints?status=open&overdue=1">Ver los casos vencidos</a>
          </p>
        </section>
      </div>
      <h2>Carga de trabajo (ahora)</h2>
      <WorkloadSection workload={props.workload} staffName={props.staffName} queueName={props.queueName} />
      <div class="grid">
        <CountTable id="t-program" title="Por programa" head="Programa" rows={d.byProgram} label={props.labels.program} total={d.total} />
        <CountTable id="t-category" title="Por categoría" head="Categoría" rows={d.byCategory} label={props.labels.category} total={d.total} />
        <CountTable id="t-region" title="Por región" head="Región" rows={d.byRegion} label={props.labels.region} total={d.total} />
        <CountTable id="t-month" title="Por mes de registro" head="Mes" rows={d.byMonth} label={month} total={d.total} />
      </div>
      <SatisfactionSection data={props.satisfaction} program={props.labels.program} queueName={props.queueName} staffName={props.staffName} />
    </Layout>
  );
}
