import { LANGS } from "../../i18n/langs";
import { LANG_NAMES, type BroadcastPlan } from "../../services/broadcasts/check";

const soles = (n: number | null) => (n === null ? "sin precio configurado" : `S/ ${n.toLocaleString("es-PE", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** Each text's rendered length and segments per channel, the recipients and the estimated cost: what the author and the approver see. */
export function BroadcastFigures(props: { plan: BroadcastPlan }) {
  const p = props.plan;
  const n = (channel: string, lang: string) => p.counts.find((c) => c.channel === channel && c.lang === lang)?.n ?? 0;
  return (
    <section class="card" aria-labelledby="figures">
      <h2 id="figures">Destinatarios, largo y costo estimado</h2>
      <p class="stat" id="recipients">
        {p.recipients} {p.recipients === 1 ? "destinatario" : "destinatarios"}
      </p>
      <table>
        <caption>Por idioma y canal (el texto incluye la línea final del servicio)</caption>
        <thead>
          <tr>
            <th scope="col">Idioma</th>
            <th scope="col">Caracteres</th>
            <th scope="col">SMS: segmentos</th>
            <th scope="col">SMS: personas</th>
            <th scope="col">WhatsApp: mensajes</th>
            <th scope="col">WhatsApp: personas</th>
          </tr>
        </thead>
        <tbody>
          {LANGS.filter((l) => p.measures[l]).map((l) => {
            const m = p.measures[l]!;
            return (
              <tr>
                <th scope="row">{LANG_NAMES[l]}</th>
                <td>{m.whatsapp.chars}</td>
                <td>
                  {m.sms.segments} ({m.sms.chars} {m.sms.encoding})
                </td>
                <td>{n("sms", l)}</td>
                <td>{m.whatsapp.messages}</td>
                <td>{n("whatsapp", l)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p>
        Costo estimado: SMS {soles(p.cost.sms)} ({p.cost.recipients.sms} personas); WhatsApp {soles(p.cost.whatsapp)} ({p.cost.recipients.whatsapp} personas).
      </p>
    </section>
  );
}
