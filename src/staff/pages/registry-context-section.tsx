import type { RegistryContextResult } from "../context/registry-context";
import { shortDate } from "../ui/labels";
import { EnrolmentsTable, PAYMENT_LABELS, PaymentsTable, paymentAnchor, soles } from "./registry-tables";

export { paymentAnchor } from "./registry-tables";

/**
 * The reporter in the programs' registry, beside the case (a section of the complaint page of its
 * own, so the page's other parts change without touching it).
 */
export function RegistryContextSection(props: {
  result: RegistryContextResult;
  today: string;
  labels: { program(id: string): string; cse(level: string): string };
}) {
  const r = props.result;
  if (r.kind === "not_allowed" || r.kind === "no_dni") return null;
  const l = props.labels;
  return (
    <section aria-labelledby="h-registry" class="card registry">
      <h2 id="h-registry">La persona en el padrón</h2>
      {r.kind === "not_in_registry" ? (
        <p>El DNI de la persona no figura en el padrón de los programas.</p>
      ) : (
        (() => {
          const { record, payments, window, about } = r.context;
          const c = record.classification;
          return (
            <>
              {about && (
                <p class="notice">
                  Este reclamo es sobre el pago <a href={`#${paymentAnchor(about)}`}>{`${l.program(about.program)} ${about.period}`}</a>: {soles(about.amountCents)},{" "}
                  {(PAYMENT_LABELS[about.status] ?? about.status).toLowerCase()}
                  {about.paymentPoint ? `, ${about.paymentPoint}` : ""}.
                </p>
              )}
              <dl class="facts">
                <dt>Clasificación SISFOH</dt>
                <dd>
                  {c
                    ? `${l.cse(c.level)}, vigente hasta ${shortDate(c.validUntil)}${c.validUntil < props.today ? " (VENCIDA)" : ""}`
                    : "Sin clasificación"}
                </dd>
              </dl>
              {record.enrolments.length === 0 ? (
                <p>No figura en ningún programa.</p>
              ) : (
                <EnrolmentsTable enrolments={record.enrolments} caption="Programas" program={l.program} />
              )}
              {payments.length === 0 ? (
                <p>
                  Sin pagos entre {window.from} y {window.to}.
                </p>
              ) : (
                <PaymentsTable payments={payments} caption={`Pagos de ${window.from} a ${window.to} (alrededor de la fecha del reclamo)`} program={l.program} about={about} anchors />
              )}
              <p class="muted">Esta consulta al padrón queda registrada con su nombre.</p>
            </>
          );
        })()
      )}
    </section>
  );
}
