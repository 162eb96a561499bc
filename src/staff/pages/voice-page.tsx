import { Layout, CsrfField } from "../ui/layout";
import type { StaffUser } from "../auth/roles";
import { LANGS, type Lang } from "../../i18n/langs";
import type { SegmentStatus } from "../../voice/studio-rows";
import type { SegmentDef } from "../../voice/segments";
import { mediaUrl } from "../../voice/bank";

export type StudioFilter = "missing" | "synthetic" | "recorded" | "reviewed" | "all";

const LANG_NAMES: Record<Lang, string> = { es: "Español", qu: "Quechua (runasimi)", ay: "Aymara (aymar aru)" };
const FILTER_NAMES: Record<StudioFilter, string> = { missing: "Sin audio", synthetic: "Borrador sintético", recorded: "Grabado (por revisar)", reviewed: "Revisado", all: "Todos" };
const STATUS_NAMES: Record<string, string> = { missing: "sin audio", synthetic: "BORRADOR SINTÉTICO (espeak-ng)", recorded: "grabado, por revisar", reviewed: "revisado" };

export function VoiceStudioPage(props: {
  user: StaffUser;
  csrf: string;
  lang: Lang;
  filter: StudioFilter;
  page: number;
  pageSize: number;
  rows: SegmentStatus[];
  total: number;
  counts: Record<StudioFilter, number>;
  notRecorded: SegmentDef[];
  switchState: boolean | undefined;
  offered: Record<Lang, boolean>;
  notice?: string;
  error?: string;
}) {
  const { lang, filter } = props;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const link = (change: { lang?: Lang; status?: StudioFilter; page?: number }) =>
    `/staff/voice?lang=${change.lang ?? lang}&status=${change.status ?? filter}&page=${change.page ?? 1}`;
  const switchText = props.switchState === undefined ? "automático" : props.switchState ? "encendido" : "apagado";
  return (
    <Layout title="Estudio de voz" user={props.user} csrf={props.csrf} active="voice">
      <h1>Estudio de voz</h1>
      <p>
        Cada mensaje del canal de voz se arma con segmentos grabados por hablantes nativos. Grabe o suba cada segmento (WAV, MP3 u OGG: la página
        lo convierte al formato que usan ambos proveedores), escúchelo, y otra persona lo marca como revisado.
      </p>
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <nav aria-label="Idiomas">
        <ul class="tabs">
          {LANGS.map((l) => (
            <li>
              <a href={link({ lang: l, page: 1 })} aria-current={l === lang ? "page" : undefined}>
                {LANG_NAMES[l]} {props.offered[l] ? "· se ofrece por voz" : "· no se ofrece por voz"}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="switch-h">
        <h2 id="switch-h">Canal de voz en {LANG_NAMES[lang]}: {switchText}</h2>
        {lang === "es" && <p>El español se ofrece siempre en Twilio con su voz sintética (texto a voz) hasta que haya grabaciones.</p>}
        {lang === "qu" && <p>Sin grabaciones, el quechua se ofrece con borradores sintéticos de espeak-ng (marcados como tales) cuando todos los segmentos los tienen.</p>}
        {lang === "ay" && <p>El aymara no tiene voz sintética: se ofrece solo cuando todos sus segmentos estén grabados.</p>}
        {props.notRecorded.length === 0 ? (
          <p>Todos los segmentos están grabados por personas.</p>
        ) : (
          <p>
            Para encender el canal faltan <strong>{props.notRecorded.length}</strong> segmentos grabados por una persona (sin audio o solo con borrador
            sintético), por ejemplo: {props.notRecorded.slice(0, 5).map((s) => `«${s.text}»`).join(", ")}
            {props.notRecorded.length > 5 ? "…" : "."} <a href={link({ status: "missing" })}>Ver los que no tienen audio</a>.
          </p>
        )}
        <form method="post" action={`/staff/voice/${lang}/switch`} class="inline">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="enabled" value="on" />
          <button type="submit" disabled={props.notRecorded.length > 0}>
            Encender el canal de voz en {LANG_NAMES[lang]}
          </button>
        </form>{" "}
        <form method="post" action={`/staff/voice/${lang}/switch`} class="inline">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="enabled" value="off" />
          <button type="submit">Apagar el canal de voz en {LANG_NAMES[lang]}</button>
        </form>
      </section>

      <section aria-labelledby="segments-h" id="studio" data-csrf={props.csrf}>
        <h2 id="segments-h">Segmentos en {LANG_NAMES[lang]}</h2>
        <nav aria-label="Filtrar por estado">
          <ul class="tabs">
            {(Object.keys(FILTER_NAMES) as StudioFilter[]).map((f) => (
              <li>
                <a href={link({ status: f })} aria-current={f === filter ? "page" : undefined}>
                  {FILTER_NAMES[f]} ({props.counts[f]})
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {props.rows.length === 0 ? (
          <p class="notice">No hay segmentos con este estado.</p>
        ) : (
          <table>
            <caption>
              {FILTER_NAMES[filter]}: {props.total} segmentos, página {props.page} de {pages}
            </caption>
            <thead>
              <tr>
                <th scope="col">Texto</th>
                <th scope="col">Dónde se usa</th>
                <th scope="col">Estado</th>
                <th scope="col">Audio</th>
                <th scope="col">Grabar o subir</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => {
                const id = r.segment.id;
                const domId = `seg-${id.replace(/[^a-z0-9]/gi, "-")}`;
                const mine = r.row?.recordedBy === `staff:${props.user.id}`;
                return (
                  <tr id={domId} data-segment={id} data-upload={`/staff/voice/${lang}/${id}/audio`}>
                    <td lang={lang}>
                      <span class="segment-text">{r.segment.text}</span>
                      <br />
                      <small class="muted">{id}</small>
                    </td>
                    <td>{r.segment.usedIn}</td>
                    <td>
                      <span class="badge">{STATUS_NAMES[r.status]}</span>
                      {r.outdated && <small class="muted"> (el texto cambió desde la última grabación)</small>}
                      {r.durationMs !== null && <small class="muted"> · {(r.durationMs / 1000).toFixed(1)} s</small>}
                    </td>
                    <td>
                      {r.status !== "missing" && r.row?.mediaPath ? (
                        <audio controls preload="none" src={mediaUrl(r.row.mediaPath)} aria-label={`Escuchar «${r.segment.text}»`}></audio>
                      ) : (
                        <span class="muted">—</span>
                      )}
                      {r.status === "recorded" && (
                        <form method="post" action={`/staff/voice/${lang}/${id}/review`}>
                          <CsrfField token={props.csrf} />
                          <input type="hidden" name="status" value={filter} />
                          {/* the review is of this recording, the one played above */}
                          <input type="hidden" name="media" value={r.row?.mediaPath ?? ""} />
                          <button type="submit" disabled={mine} aria-describedby={mine ? `${domId}-mine` : undefined}>
                            Marcar revisado
                          </button>
                          {mine && <small id={`${domId}-mine`} class="muted"> Lo revisa otra persona.</small>}
                        </form>
                      )}
                    </td>
                    <td>
                      <div class="studio-controls">
                        <label for={`${domId}-file`}>Archivo (WAV, MP3, OGG)</label>
                        <input id={`${domId}-file`} type="file" accept="audio/wav,audio/x-wav,audio/mpeg,audio/ogg,.wav,.mp3,.ogg" class="studio-file" />
                        <button type="button" class="studio-record">Grabar</button>
                        <button type="button" class="studio-stop" disabled>
                          Detener y guardar
                        </button>
                        <p class="studio-status" role="status" aria-live="polite"></p>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {pages > 1 && (
          <nav aria-label="Páginas">
            {props.page > 1 && <a href={link({ page: props.page - 1 })}>Anterior</a>} {props.page < pages && <a href={link({ page: props.page + 1 })}>Siguiente</a>}
          </nav>
        )}
      </section>
      <p class="muted">Esta página necesita su programa (JavaScript) para convertir y grabar audio; lo demás funciona sin él.</p>
      <script src="/staff/assets/voice-studio.js" defer></script>
    </Layout>
  );
}
