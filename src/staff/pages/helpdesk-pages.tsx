import type { Child } from "hono/jsx";
import type { StaffUser } from "../auth/roles";
import type { PersonRecord } from "../../db/repos/helpdesk-registry";
import { CsrfField, Layout } from "../ui/layout";
import { shortDate } from "../ui/labels";
import { ENROLMENT_LABELS, EnrolmentsTable, PAYMENT_LABELS, PaymentsTable, soles } from "./registry-tables";

export { ENROLMENT_LABELS, PAYMENT_LABELS, soles };
import { LOOKUP_REASONS } from "../helpdesk/lookup-person";
import { Flash } from "../ui/flash";

// The help desk's pages, in Spanish (the office's working language). Labels of codes come from the
// same locale files the person sees, passed in by the routes as `label`.

export const REASON_LABELS: Record<(typeof LOOKUP_REASONS)[number], string> = {
  pagos: "Consulta de pagos",
  estado: "Estado en un programa",
  reclamo: "Presentar un reclamo",
  elegibilidad: "Orientación sobre programas",
  otro: "Otro trámite",
};



export interface Labels {
  program(id: string): string;
  district(ubigeo: string): string;
  kind(k: string): string;
  category(c: string): string;
  status(s: string): string;
  cse(level: string): string;
  outcome(o: string): string;
}

export function HelpdeskLayout(props: { title: string; user: StaffUser; csrf?: string; active: string; labels: Labels; children: unknown }) {
  return (
    <Layout title={props.title} user={props.user} csrf={props.csrf} active={props.active}>
      <p class="muted no-print">Mesa de ayuda · {props.user.district ? props.labels.district(props.user.district) : "sin distrito"}</p>
      {props.children as never}
    </Layout>
  );
}

export function HelpdeskHomePage(props: { user: StaffUser; csrf?: string; labels: Labels }) {
  return (
    <HelpdeskLayout title="Mesa de ayuda" user={props.user} csrf={props.csrf} active="helpdesk" labels={props.labels}>
      <h1>Mesa de ayuda</h1>
      <p>Atienda a una persona de su distrito que llega a la municipalidad, con su consentimiento.</p>
      <ul class="tasks">
        <li>
          <a href="/staff/helpdesk/person">Consultar estado y pagos de una persona (DNI)</a>
        </li>
        <li>
          <a href="/staff/helpdesk/eligibility">Orientar: ¿a qué programas podría acceder?</a>
        </li>
        <li>
          <a href="/staff/helpdesk/complaint">Registrar un reclamo a nombre de la persona</a>
        </li>
        <li>
          <a href="/staff/helpdesk/district">Cifras del distrito</a>
        </li>
      </ul>
    </HelpdeskLayout>
  );
}

export function PersonSearchPage(props: { user: StaffUser; csrf?: string; labels: Labels; error?: string; field?: string; dni?: string; reason?: string; notFound?: boolean; notice?: string }) {
  return (
    <HelpdeskLayout title="Consultar persona" user={props.user} csrf={props.csrf} active="person" labels={props.labels}>
      <h1>Consultar estado y pagos</h1>
      <Flash error={props.error} notice={props.notice} />
      {props.notFound && (
        <p class="alert" role="alert">
          No se encontró a una persona con ese DNI en el padrón de su distrito. Si vive en otro distrito, debe atenderla la municipalidad de ese
          distrito o la Línea 101.
        </p>
      )}
      <form method="post" action="/staff/helpdesk/person" class="stack">
        <CsrfField token={props.csrf} />
        <p>
          <label for="dni">DNI de la persona (8 números)</label>
          <input id="dni" name="dni" inputmode="numeric" autocomplete="off" maxlength={8} required value={props.dni ?? ""} aria-invalid={props.field === "dni" ? "true" : undefined} />
        </p>
        <p>
          <label for="reason">Motivo de la consulta</label>
          <select id="reason" name="reason" required>
            {LOOKUP_REASONS.map((r) => (
              <option value={r} selected={props.reason === r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </p>
        <p class="check">
          <input type="checkbox" id="consent" name="consent" value="yes" aria-invalid={props.field === "consent" ? "true" : undefined} />{" "}
          <label for="consent">La persona está presente, mostró su DNI y autoriza esta consulta.</label>
        </p>
        <p>
          <button type="submit">Consultar</button>
        </p>
      </form>
      <p class="muted">Cada consulta queda registrada con su nombre, el motivo y el consentimiento.</p>
    </HelpdeskLayout>
  );
}

export function PersonRecordPage(props: { user: StaffUser; csrf?: string; labels: Labels; record: PersonRecord; today: string; notices?: Child; notice?: string }) {
  const { person, enrolments, classification, payments } = props.record;
  const l = props.labels;
  return (
    <HelpdeskLayout title="Estado y pagos" user={props.user} csrf={props.csrf} active="person" labels={l}>
      <h1>
        {person.firstNames} {person.lastNames}
      </h1>
      <Flash notice={props.notice} />
      <dl class="facts">
        <dt>DNI</dt>
        <dd>{person.dni}</dd>
        <dt>Fecha de nacimiento</dt>
        <dd>{shortDate(person.birthDate)}</dd>
        <dt>Distrito</dt>
        <dd>{l.district(person.ubigeo)}</dd>
        <dt>Clasificación SISFOH</dt>
        <dd>
          {classification
            ? `${l.cse(classification.level)} (vigente hasta ${shortDate(classification.validUntil)}${classification.validUntil < props.today ? ": VENCIDA, debe renovarla en la ULE" : ""})`
            : "Sin clasificación: puede pedirla en la ULE"}
        </dd>
      </dl>
      <h2>Programas</h2>
      {enrolments.length === 0 ? (
        <p>No figura en ningún programa.</p>
      ) : (
        <EnrolmentsTable enrolments={enrolments} caption="Programas en los que figura" program={l.program} />
      )}
      <h2>Pagos</h2>
      {payments.length === 0 ? (
        <p>No hay pagos programados.</p>
      ) : (
        <PaymentsTable payments={payments} caption="Pagos, el más reciente primero" program={l.program} />
      )}
      {props.notices}
      <div class="no-print prefill">
        {/* POST, not links: the name and phone never go into a URL */}
        <form method="post" action="/staff/helpdesk/complaint">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="prefill" value="1" />
          <input type="hidden" name="dni" value={person.dni} />
          <input type="hidden" name="name" value={`${person.firstNames} ${person.lastNames}`} />
          <input type="hidden" name="phone" value={person.phone ? person.phone.replace(/^\+51/, "") : ""} />
          <button type="submit">Registrar un reclamo para esta persona</button>
        </form>
        <form method="post" action="/staff/helpdesk/eligibility">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="prefill" value="1" />
          <input type="hidden" name="age" value={String(ageOn(person.birthDate, props.today))} />
          <input type="hidden" name="hasDni" value="yes" />
          <input type="hidden" name="cse" value={classification && classification.validUntil >= props.today ? classification.level : "no_sabe"} />
          <button type="submit" class="secondary">
            Orientar sobre programas con estos datos
          </button>
        </form>
        {/* the person is here: failed attempts by phone or chat (theirs or someone else's) no longer keep them out */}
        <form method="post" action="/staff/helpdesk/person/unlock">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="dni" value={person.dni} />
          <button type="submit" class="secondary">
            Desbloquear la consulta por teléfono de este DNI
          </button>
        </form>
        <p>
          <a href="/staff/helpdesk/person">Otra consulta</a>
        </p>
      </div>
    </HelpdeskLayout>
  );
}

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [ty, tm, td] = today.split("-").map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export interface EligibilityForm {
  [field: string]: string | undefined;
}

const YES_NO = [
  ["", "No sabe"],
  ["yes", "Sí"],
  ["no", "No"],
] as const;

function YesNo(props: { name: string; label: string; form: EligibilityForm }) {
  return (
    <p>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name}>
        {YES_NO.map(([v, t]) => (
          <option value={v} selected={(props.form[props.name] ?? "") === v}>
            {t}
          </option>
        ))}
      </select>
    </p>
  );
}

function Count(props: { name: string; label: string; form: EligibilityForm }) {
  return (
    <p>
      <label for={props.name}>{props.label}</label>
      <input id={props.name} name={props.name} inputmode="numeric" maxlength={2} value={props.form[props.name] ?? ""} />
    </p>
  );
}

export interface EligibilityRow {
  program: string;
  outcome: string;
  reasons: string[];
  steps: string[];
}

export function EligibilityPage(props: { user: StaffUser; csrf?: string; labels: Labels; form: EligibilityForm; error?: string; notice?: string; results?: EligibilityRow[] }) {
  const f = props.form;
  const l = props.labels;
  return (
    <HelpdeskLayout title="Orientación sobre programas" user={props.user} csrf={props.csrf} active="eligibility" labels={l}>
      <h1>¿A qué programas podría acceder?</h1>
      <p>Con las respuestas de la persona (no se guardan: solo se cuentan los resultados, sin datos personales). Distrito: el suyo.</p>
      <Flash error={props.error} notice={props.notice} />
      <form method="post" action="/staff/helpdesk/eligibility" class="grid">
        <CsrfField token={props.csrf} />
        <Count name="age" label="Edad (años)" form={f} />
        <YesNo name="hasDni" label="¿Tiene DNI?" form={f} />
        <p>
          <label for="cse">Clasificación SISFOH</label>
          <select id="cse" name="cse">
            {["no_sabe", "pobre_extremo", "pobre", "no_pobre", "sin_clasificacion"].map((v) => (
              <option value={v} selected={(f.cse ?? "no_sabe") === v}>
                {v === "no_sabe" ? "No sabe" : l.cse(v)}
              </option>
            ))}
          </select>
        </p>
        <YesNo name="contributoryPension" label="¿Recibe pensión ONP o AFP?" form={f} />
        <YesNo name="essalud" label="¿Está afiliada a EsSalud?" form={f} />
        <YesNo name="severeDisability" label="¿Tiene certificado de discapacidad severa?" form={f} />
        <YesNo name="pregnant" label="¿Hay una gestante en el hogar?" form={f} />
        <Count name="childrenUnder3" label="Niños menores de 3 años en el hogar" form={f} />
        <Count name="childrenUnder19" label="Menores de 19 años en el hogar" form={f} />
        <Count name="childrenInPublicSchool" label="Niños en colegio público" form={f} />
        <p>
          <button type="submit">Ver resultado</button>
        </p>
      </form>
      {props.results && (
        <section aria-labelledby="results">
          <h2 id="results">Resultado</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Programa</th>
                <th scope="col">Resultado</th>
                <th scope="col">Por qué</th>
                <th scope="col">Qué hacer</th>
              </tr>
            </thead>
            <tbody>
              {props.results.map((r) => (
                <tr>
                  <td>{l.program(r.program)}</td>
                  <td>{l.outcome(r.outcome)}</td>
                  <td>{r.reasons.join(" ")}</td>
                  <td>{r.steps.join(" ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">Es una orientación: cada programa decide. Consultas gratis: Línea 101.</p>
        </section>
      )}
    </HelpdeskLayout>
  );
}

export function DistrictPage(props: {
  user: StaffUser;
  csrf?: string;
  labels: Labels;
  since: string;
  complaints: { kind: string; status: string; count: number }[];
  eligibility: { program: string; outcome: string; count: number }[];
  statuses: readonly string[];
}) {
  const l = props.labels;
  const kinds = [...new Set(props.complaints.map((r) => r.kind))];
  const count = (kind: string, status: string) => props.complaints.find((r) => r.kind === kind && r.status === status)?.count ?? 0;
  const questions = props.complaints.filter((r) => r.kind === "consulta" || r.kind === "sugerencia").reduce((a, r) => a + r.count, 0);
  const checks = props.eligibility.reduce((a, r) => a + r.count, 0);
  const outcomes = [...new Set(props.eligibility.map((r) => r.outcome))];
  const programs = [...new Set(props.eligibility.map((r) => r.program))];
  return (
    <HelpdeskLayout title="Cifras del distrito" user={props.user} csrf={props.csrf} active="district" labels={l}>
      <h1>Cifras del distrito: {props.user.district ? l.district(props.user.district) : ""}</h1>
      <div class="grid">
        <div class="card">
          <h2>Consultas y sugerencias</h2>
          <p class="stat">{questions}</p>
        </div>
        <div class="card">
          <h2>Orientaciones sobre programas</h2>
          <p class="stat">{checks}</p>
          <p class="muted">desde {shortDate(props.since)}</p>
        </div>
        <div class="card">
          <h2>Reclamos y denuncias</h2>
          <p class="stat">{props.complaints.filter((r) => r.kind === "reclamo" || r.kind === "denuncia").reduce((a, r) => a + r.count, 0)}</p>
        </div>
      </div>
      <h2>Casos por estado</h2>
      {kinds.length === 0 ? (
        <p>Aún no hay casos de este distrito.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Tipo</th>
              {props.statuses.map((s) => (
                <th scope="col">{l.status(s)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr>
                <th scope="row">{l.kind(k)}</th>
                {props.statuses.map((s) => (
                  <td>{count(k, s)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Resultados de la orientación sobre programas</h2>
      {programs.length === 0 ? (
        <p>Aún no hay orientaciones de este distrito.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Programa</th>
              {outcomes.map((o) => (
                <th scope="col">{l.outcome(o)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {programs.map((p) => (
              <tr>
                <th scope="row">{l.program(p)}</th>
                {outcomes.map((o) => (
                  <td>{props.eligibility.find((r) => r.program === p && r.outcome === o)?.count ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">Cifras sin datos personales, para que la municipalidad vea qué necesita su gente.</p>
    </HelpdeskLayout>
  );
}
