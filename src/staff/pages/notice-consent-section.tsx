import type { ConsentRecord } from "../../services/notices/consent";
import { CsrfField } from "../ui/layout";
import { limaDateTime } from "../ui/labels";

const CHANNEL = { sms: "SMS", whatsapp: "WhatsApp" } as const;
const LANG = { es: "castellano", qu: "quechua", ay: "aimara" } as const;

/** the last three digits only: the number is the person's, the page may be seen over a shoulder */
const masked = (address: string) => `…${address.replace(/\D/g, "").slice(-3)}`;

/**
 * The help desk's "Avisos de pago" on a person's record (issue 21 item 1): the person's consents,
 * each revocable at once, and the offer read to the person present, in their language, with the
 * exact text they agree to. Every grant and revocation is audited with the operator.
 */
export function NoticeConsentSection(props: { csrf?: string; dni: string; phone: string | null; consents: ConsentRecord[]; offers: Record<"es" | "qu" | "ay", string> }) {
  const granted = props.consents.filter((c) => c.status === "granted");
  return (
    <section aria-labelledby="notices-title">
      <h2 id="notices-title">Avisos de pago</h2>
      {granted.length === 0 ? (
        <p>No recibe avisos de pago.</p>
      ) : (
        <table>
          <caption>Números con avisos de pago</caption>
          <thead>
            <tr>
              <th scope="col">Canal</th>
              <th scope="col">Número</th>
              <th scope="col">Idioma</th>
              <th scope="col">Desde</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {granted.map((c) => (
              <tr>
                <td>{CHANNEL[c.channel]}</td>
                <td>{masked(c.address)}</td>
                <td>{LANG[c.lang]}</td>
                <td>{limaDateTime(c.grantedAt)}</td>
                <td>
                  <form method="post" action="/staff/helpdesk/person/notices/revoke">
                    <CsrfField token={props.csrf} />
                    <input type="hidden" name="dni" value={props.dni} />
                    <input type="hidden" name="consent" value={c.id} />
                    <button type="submit" class="secondary">
                      Dar de baja
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/staff/helpdesk/person/notices" class="stack no-print">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="dni" value={props.dni} />
        <p>Lea a la persona, en su idioma (por WhatsApp, diga «WhatsApp» en lugar de «SMS»):</p>
        <ul>
          {(["es", "qu", "ay"] as const).map((l) => (
            <li lang={l}>
              {LANG[l]}: «{props.offers[l]}»
            </li>
          ))}
        </ul>
        <p>
          <label for="notice-channel">Canal</label>
          <select id="notice-channel" name="channel">
            <option value="sms">SMS</option>
            <option value="whatsapp">WhatsApp</option>
          </select>
        </p>
        <p>
          <label for="notice-phone">Celular de la persona</label>
          <input id="notice-phone" name="phone" inputmode="tel" autocomplete="off" maxlength={16} required value={props.phone ? props.phone.replace(/^\+51/, "") : ""} />
        </p>
        <p>
          <label for="notice-lang">Idioma de los avisos</label>
          <select id="notice-lang" name="lang">
            <option value="es">castellano</option>
            <option value="qu">quechua</option>
            <option value="ay">aimara</option>
          </select>
        </p>
        <p class="check">
          <input type="checkbox" id="notice-agree" name="agree" value="yes" />{" "}
          <label for="notice-agree">La persona está presente, escuchó el texto en su idioma y dice que sí.</label>
        </p>
        <p>
          <button type="submit">Registrar avisos de pago</button>
        </p>
      </form>
    </section>
  );
}
