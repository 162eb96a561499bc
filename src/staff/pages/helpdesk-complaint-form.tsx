import type { StaffUser } from "../auth/roles";
import { FORM_LABELS as L, type FormField } from "../helpdesk/complaint-form";
import { CsrfField } from "../ui/layout";
import { HelpdeskLayout, type Labels } from "./helpdesk-pages";

export interface ComplaintFormState {
  [field: string]: string | undefined;
}

const ANSWER_CHOICES: [string, string, string][] = [
  ["desk", "En esta mesa de ayuda", "la persona vuelve con su código desde la fecha de respuesta; para quien no tiene celular"],
  ["sms", "Por SMS", "al celular de arriba"],
  ["letter", "Por carta", "a la dirección de abajo"],
  ["email", "Por correo electrónico", "al correo de abajo"],
];

/** A complaint on the person's behalf; every field labelled as the refusals name it. */
export function ComplaintFormPage(props: {
  user: StaffUser;
  csrf?: string;
  labels: Labels;
  form: ComplaintFormState;
  error?: string;
  errorField?: FormField;
  programs: string[];
  kinds: { id: string; categories: string[] }[];
  /** the person's district (the operator's), shown, not editable: the case is routed by it */
  district: string;
}) {
  const f = props.form;
  const l = props.labels;
  const invalid = (field: FormField) => (props.errorField === field ? "true" : undefined);
  const describedBy = (field: FormField) => (props.errorField === field ? "form-error" : undefined);
  const answerBy = f.answer_by ?? (f.phone ? "sms" : "desk");
  return (
    <HelpdeskLayout title="Registrar reclamo" user={props.user} csrf={props.csrf} active="complaint" labels={l}>
      <h1>Registrar un reclamo a nombre de la persona</h1>
      {props.error && (
        <p class="alert" role="alert" id="form-error">
          {props.error}
        </p>
      )}
      <form method="post" action="/staff/helpdesk/complaint">
        <CsrfField token={props.csrf} />
        <div class="grid">
          <p>
            <label for="kind">{L.kind}</label>
            <select id="kind" name="kind" aria-invalid={invalid("kind")} aria-describedby={describedBy("kind")}>
              {props.kinds.map((k) => (
                <option value={k.id} selected={(f.kind ?? "reclamo") === k.id}>
                  {l.kind(k.id)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="program">{L.program}</label>
            <select id="program" name="program" aria-invalid={invalid("program")} aria-describedby={describedBy("program")}>
              {props.programs.map((p) => (
                <option value={p} selected={f.program === p}>
                  {l.program(p)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="category">{L.category}</label>
            <select id="category" name="category" aria-invalid={invalid("category")} aria-describedby={describedBy("category")}>
              {props.kinds.map((k) => (
                <optgroup label={l.kind(k.id)}>
                  {k.categories.map((c) => (
                    <option value={c} selected={f.category === c}>
                      {l.category(c)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </p>
          <p>
            <label for="lang">{L.lang}</label>
            <select id="lang" name="lang">
              {[
                ["es", "Español"],
                ["qu", "Quechua"],
                ["ay", "Aymara"],
              ].map(([v, t]) => (
                <option value={v} selected={(f.lang ?? "es") === v}>
                  {t}
                </option>
              ))}
            </select>
          </p>
        </div>
        <p>
          <label for="description">{L.description}</label>
          <textarea id="description" name="description" rows={5} maxlength={2000} required aria-invalid={invalid("description")} aria-describedby={describedBy("description")}>
            {f.description ?? ""}
          </textarea>
        </p>
        <p class="check">
          <input type="checkbox" id="urgent" name="urgent" value="yes" checked={f.urgent === "yes"} />{" "}
          <label for="urgent">Urgente: riesgo para un niño, un adulto mayor o la salud (alimentos)</label>
        </p>
        <fieldset>
          <legend>La persona</legend>
          <div class="grid">
            <p>
              <label for="dni">{L.dni}</label>
              <input id="dni" name="dni" inputmode="numeric" maxlength={8} autocomplete="off" value={f.dni ?? ""} aria-invalid={invalid("dni")} aria-describedby={describedBy("dni")} />
            </p>
            <p>
              <label for="name">{L.name}</label>
              <input id="name" name="name" autocomplete="off" maxlength={200} value={f.name ?? ""} aria-invalid={invalid("name")} />
            </p>
            <p>
              <label for="phone">{L.phone}</label>
              <input id="phone" name="phone" inputmode="tel" autocomplete="off" maxlength={20} value={f.phone ?? ""} aria-invalid={invalid("phone")} aria-describedby={describedBy("phone")} />
            </p>
            <p>
              Distrito: <strong>{l.district(props.district)}</strong>
            </p>
          </div>
        </fieldset>
        <fieldset aria-invalid={invalid("answer_by")}>
          <legend>{L.answer_by}</legend>
          {ANSWER_CHOICES.map(([value, label, hint]) => (
            <p class="check">
              <input type="radio" id={`answer_by-${value}`} name="answer_by" value={value} checked={answerBy === value} />{" "}
              <label for={`answer_by-${value}`}>
                {label} <span class="muted">({hint})</span>
              </label>
            </p>
          ))}
          <div class="grid">
            <p>
              <label for="postal_address">{L.postal_address}</label>
              <input id="postal_address" name="postal_address" autocomplete="off" maxlength={300} value={f.postal_address ?? ""} aria-invalid={invalid("postal_address")} aria-describedby={describedBy("postal_address")} />
            </p>
            <p>
              <label for="email">{L.email}</label>
              <input id="email" name="email" type="email" autocomplete="off" maxlength={200} value={f.email ?? ""} aria-invalid={invalid("email")} aria-describedby={describedBy("email")} />
            </p>
          </div>
        </fieldset>
        <p>
          <button type="submit">Registrar</button>
        </p>
      </form>
    </HelpdeskLayout>
  );
}
