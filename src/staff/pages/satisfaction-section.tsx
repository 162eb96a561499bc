import type { SatisfactionRow } from "../../db/repos/satisfaction-stats";

export interface SatisfactionTables {
  byProgram: SatisfactionRow[];
  byQueue: SatisfactionRow[];
  byAgent: SatisfactionRow[];
}

const share = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)} %` : "—");

function SatisfactionTable(props: { id: string; title: string; head: string; rows: SatisfactionRow[]; name: (key: string | null) => string }) {
  return (
    <section class="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p>Aún no se preguntó a nadie.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{props.head}</th>
              <th scope="col">Preguntados</th>
              <th scope="col">Respondieron</th>
              <th scope="col">Bien</th>
              <th scope="col">Regular</th>
              <th scope="col">Mal</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">{props.name(r.key)}</th>
                <td>{r.asked}</td>
                <td>
                  {r.answered} ({share(r.answered, r.asked)})
                </td>
                <td>
                  {r.bien} ({share(r.bien, r.answered)})
                </td>
                <td>
                  {r.regular} ({share(r.regular, r.answered)})
                </td>
                <td>
                  {r.mal} ({share(r.mal, r.answered)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** "¿Cómo le atendimos?": the answers per program, queue and agent (the case's assignee). */
export function SatisfactionSection(props: { data: SatisfactionTables; program: (k: string) => string; queueName: (q: string) => string; staffName: (id: string | null) => string }) {
  return (
    <>
      <h2 id="satisfaction">Satisfacción después de la respuesta</h2>
      <p class="muted">Una pregunta por caso respondido o cerrado, a quien dejó un teléfono (nunca en denuncias anónimas): 1 Bien, 2 Regular, 3 Mal.</p>
      <div class="grid">
        <SatisfactionTable id="s-program" title="Por programa" head="Programa" rows={props.data.byProgram} name={(k) => props.program(k ?? "")} />
        <SatisfactionTable id="s-queue" title="Por cola" head="Cola" rows={props.data.byQueue} name={(k) => props.queueName(k ?? "")} />
        <SatisfactionTable id="s-agent" title="Por persona" head="Persona" rows={props.data.byAgent} name={props.staffName} />
      </div>
    </>
  );
}
