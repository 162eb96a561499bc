import type { StaffUser } from "../auth/roles";
import type { BroadcastForm, BroadcastPlan } from "../../services/broadcasts/check";
import { LANG_NAMES } from "../../services/broadcasts/check";
import type { BroadcastInputError } from "../../services/broadcasts/errors";
import { LANGS } from "../../i18n/langs";
import { CsrfField, Layout } from "../ui/layout";
import { BroadcastFigures } from "./broadcast-figures";

/** Writing a broadcast: audience, a text per language, the send time; "Calcular" shows the figures, "Guardar" stores it for approval. */
export function BroadcastFormPage(props: {
  user: StaffUser;
  csrf: string;
  form: BroadcastForm;
  programs: { id: string; name: string }[];
  plan: BroadcastPlan | null;
  errors: BroadcastInputError[];
  maxSmsSegments: number;
}) {
  const f = props.form;
  const errorOf = (field: string) => props.errors.filter((e) => e.field === field).map((e) => e.message);
  const FieldError = (p: { field: string }) =>
    errorOf(p.field).length ? (
      <p class="alert" id={`err-${p.field}`}>
        {errorOf(p.field).join(" ")}
      </p>
    ) : null;
  const described = (field: string) => (errorOf(field).length ? `err-${field}` : undefined);
  return (
    <Layout title="Nuevo mensaje masivo" user={props.user} csrf={props.csrf} active="broadcasts">
      <h1>Nuevo mensaje masivo</h1>
      <p class="muted">
        Llega solo a quienes aceptaron recibir avisos, en el idioma en que aceptaron. Otra persona debe aprobarlo antes de que salga. Cada texto debe caber en {props.maxSmsSegments} segmentos SMS.
      </p>
      {props.errors.length > 0 && (
        <div role="alert" class="alert">
          <p>Revise el formulario:</p>
          <ul>
            {props.errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      <form method="post" action="/staff/broadcasts" class="stack">
        <CsrfField token={props.csrf} />
        <div>
          <label for="title">Nombre interno (no se envía)</label>
          <input id="title" name="title" maxlength={120} value={f.title} required aria-describedby={described("title")} />
          <FieldError field="title" />
        </div>
        <fieldset aria-describedby={described("programs")}>
          <legend>Programas (ninguno marcado: todas las personas que aceptaron avisos)</legend>
          {props.programs.map((p) => (
            <label>
              <input type="checkbox" name="programs" value={p.id} checked={f.programs.includes(p.id)} /> {p.name}
            </label>
          ))}
          <FieldError field="programs" />
        </fieldset>
        <div>
          <label for="place">Lugar: ubigeo de departamento (2 dígitos), provincia (4) o distrito (6); vacío para todo el país</label>
          <input id="place" name="place" inputmode="numeric" maxlength={6} value={f.place} aria-describedby={described("place")} />
          <FieldError field="place" />
        </div>
        <fieldset aria-describedby={described("langs")}>
          <legend>Idiomas</legend>
          {LANGS.map((l) => (
            <label>
              <input type="checkbox" name="langs" value={l} checked={f.langs.includes(l)} /> {LANG_NAMES[l]}
            </label>
          ))}
          <FieldError field="langs" />
        </fieldset>
        {LANGS.map((l) => (
          <div>
            <label for={`text_${l}`}>Texto en {LANG_NAMES[l]}</label>
            <textarea id={`text_${l}`} name={`text_${l}`} rows={4} maxlength={2000} aria-describedby={described(`text_${l}`)}>
              {f.texts[l] ?? ""}
            </textarea>
            <FieldError field={`text_${l}`} />
          </div>
        ))}
        <div>
          <label for="scheduled">Enviar el (hora de Lima; vacío: apenas se apruebe)</label>
          <input type="datetime-local" id="scheduled" name="scheduled" value={f.scheduled} aria-describedby={described("scheduled")} />
          <FieldError field="scheduled" />
        </div>
        <FieldError field="audience" />
        <div class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            Calcular destinatarios y costo
          </button>
          <button type="submit" name="action" value="create">
            Guardar para aprobación
          </button>
        </div>
      </form>
      {props.plan && <BroadcastFigures plan={props.plan} />}
    </Layout>
  );
}
