import type { ComplaintRow } from "../../db/schema";
import type { StaffUser } from "../auth/roles";
import type { ReceiptColumn } from "../helpdesk/receipt";
import { CsrfField } from "../ui/layout";
import { HelpdeskLayout, type Labels } from "./helpdesk-pages";

const LANG_NAMES: Record<string, string> = { es: "Castellano", qu: "Runasimi (quechua)", ay: "Aymar aru (aimara)" };

function Column(props: { column: ReceiptColumn; primary: boolean }) {
  const c = props.column;
  const id = `receipt-${c.lang}`;
  return (
    <section class="receipt-col" lang={c.lang} aria-labelledby={id}>
      {props.primary ? <h1 id={id}>{c.title}</h1> : <h2 id={id}>{c.title}</h2>}
      <p class="muted">{LANG_NAMES[c.lang]}</p>
      <dl class="facts">
        {c.facts.map((f) => (
          <>
            <dt>{f.label}</dt>
            <dd class={f.value?.startsWith("MO-") ? "code" : undefined}>{f.value}</dd>
          </>
        ))}
      </dl>
      <h3>{c.howAnswerHead}</h3>
      <p>{c.howAnswer}</p>
      <h3>{c.checkHead}</h3>
      <ul>
        {c.checks.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <p>
        <strong>{c.keep}</strong>
      </p>
    </section>
  );
}

/** What the SMS button knows: the recorded number (masked) and the receipt messages already queued or sent. */
export interface ReceiptSmsState {
  /** the case's recorded number, masked; null: no phone on record, no SMS possible */
  maskedPhone: string | null;
  sent: { at: string; status: string }[];
}

const SEND_STATUS: Record<string, string> = { pending: "en cola", sending: "enviándose", sent: "enviado", failed: "falló" };

/**
 * The receipt handed to the person: in their language with the Spanish beside it (one column
 * when they chose Spanish); printed without the console around it (print media CSS).
 */
export function ReceiptPage(props: {
  user: StaffUser;
  csrf?: string;
  labels: Labels;
  complaint: ComplaintRow;
  columns: ReceiptColumn[];
  sms: ReceiptSmsState;
  notice?: string;
  error?: string;
}) {
  const c = props.complaint;
  const s = props.sms;
  return (
    <HelpdeskLayout title={`Constancia ${c.code}`} user={props.user} csrf={props.csrf} active="complaint" labels={props.labels}>
      {props.notice && (
        <p class="notice no-print" role="status">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="alert no-print" role="alert">
          {props.error}
        </p>
      )}
      <article class={`receipt${props.columns.length > 1 ? " bilingual" : ""}`} aria-label={`Constancia ${c.code}`}>
        {props.columns.map((column, i) => (
          <Column column={column} primary={i === 0} />
        ))}
      </article>
      <div class="no-print">
        <p>Imprima esta constancia con el botón de impresión de su navegador (Ctrl+P): se imprime sola, sin los menús de la consola.</p>
        <section aria-labelledby="h-sms">
          <h2 id="h-sms">Constancia por SMS</h2>
          {s.maskedPhone === null ? (
            <p>No hay celular registrado para este caso: no se puede enviar por SMS. Entregue la constancia impresa.</p>
          ) : s.sent.length > 0 ? (
            <>
              <p>
                Ya se envió la constancia por SMS al {s.maskedPhone}:{" "}
                {s.sent.map((m) => `${m.at} (${SEND_STATUS[m.status] ?? m.status})`).join("; ")}.
              </p>
              <form method="post" action={`/staff/helpdesk/receipt/${c.code}/sms`}>
                <CsrfField token={props.csrf} />
                <p class="check">
                  <input type="checkbox" id="confirm_resend" name="confirm_resend" value="yes" />{" "}
                  <label for="confirm_resend">La persona pide que se envíe otra vez al {s.maskedPhone}</label>
                </p>
                <p>
                  <button type="submit" class="secondary">
                    Enviar otra vez
                  </button>
                </p>
              </form>
            </>
          ) : (
            <form method="post" action={`/staff/helpdesk/receipt/${c.code}/sms`}>
              <CsrfField token={props.csrf} />
              <p>
                <button type="submit">Enviar la constancia por SMS al {s.maskedPhone}</button>
              </p>
            </form>
          )}
          <p class="muted">El SMS va solo al celular registrado en el caso.</p>
        </section>
        <p>
          <a href="/staff/helpdesk">Volver a la mesa de ayuda</a>
        </p>
      </div>
    </HelpdeskLayout>
  );
}
