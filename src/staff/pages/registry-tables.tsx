import { shortDate } from "../ui/labels";

export const PAYMENT_LABELS: Record<string, string> = { programado: "Programado", disponible: "Disponible para cobrar", cobrado: "Cobrado", no_cobrado: "No cobrado", observado: "Observado" };
export const ENROLMENT_LABELS: Record<string, string> = { activo: "Activo", suspendido: "Suspendido", desafiliado: "Desafiliado", en_evaluacion: "En evaluación" };
export const soles = (cents: number) => `S/ ${(cents / 100).toFixed(2)}`;

export interface EnrolmentRowView {
  program: string;
  status: string;
  since: string;
  statusReason: string | null;
}

/** A person's enrolments as staff read them: the help desk's record and the registry beside a case. */
export function EnrolmentsTable(props: { enrolments: EnrolmentRowView[]; caption: string; program(id: string): string }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Programa</th>
          <th scope="col">Estado</th>
          <th scope="col">Desde</th>
          <th scope="col">Motivo</th>
        </tr>
      </thead>
      <tbody>
        {props.enrolments.map((e) => (
          <tr>
            <td>{props.program(e.program)}</td>
            <td>{ENROLMENT_LABELS[e.status] ?? e.status}</td>
            <td>{shortDate(e.since)}</td>
            <td>{e.statusReason ?? "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface PaymentRowView {
  program: string;
  period: string;
  amountCents: number;
  status: string;
  availableFrom: string | null;
  availableUntil: string | null;
  paymentPoint: string | null;
}

export const paymentAnchor = (p: { program: string; period: string }) => `pago-${p.program}-${p.period}`;

/**
 * A person's payments as staff read them (the help desk's record, the registry beside a case):
 * one table, the same columns everywhere. `about` marks the payment a complaint is about.
 */
export function PaymentsTable(props: {
  payments: PaymentRowView[];
  caption: string;
  program(id: string): string;
  about?: { program: string; period: string } | null;
  /** each row its own anchor (`#pago-<program>-<period>`), for links to it */
  anchors?: boolean;
}) {
  const about = props.about ?? null;
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Periodo</th>
          <th scope="col">Programa</th>
          <th scope="col">Monto</th>
          <th scope="col">Estado</th>
          <th scope="col">Cobrar entre</th>
          <th scope="col">Lugar de pago</th>
        </tr>
      </thead>
      <tbody>
        {props.payments.map((p) => {
          const isAbout = about !== null && about.program === p.program && about.period === p.period;
          return (
            <tr id={props.anchors ? paymentAnchor(p) : undefined} class={isAbout ? "about" : undefined}>
              <td>
                {p.period}
                {isAbout && <span class="badge due"> este reclamo</span>}
              </td>
              <td>{props.program(p.program)}</td>
              <td>{soles(p.amountCents)}</td>
              <td>{PAYMENT_LABELS[p.status] ?? p.status}</td>
              <td>{p.availableFrom ? `${shortDate(p.availableFrom)}${p.availableUntil ? ` – ${shortDate(p.availableUntil)}` : ""}` : "—"}</td>
              <td>{p.paymentPoint ?? "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
