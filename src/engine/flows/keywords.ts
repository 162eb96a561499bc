import type { Entry, KeywordEntry } from "../engine";
import { COMPLAINT_TEXT_KEY } from "./complaints";

/**
 * The words that open a flow from any screen of a text channel (WhatsApp, the web chat; SMS
 * answers them itself in one message), with what follows them. They are the SMS keywords
 * (`sms:keywords.*`, all three languages): the words the notices teach ("envíe ESTADO
 * MO-2026-000123") then work wherever the notice is read.
 */
export function keywordEntries(words: { status: string[]; payments: string[]; complaint: string[] }): KeywordEntry[] {
  return [
    {
      // ESTADO MO-2026-000123 / estado 2026123: the status check, answered with the code's digits
      words: words.status,
      entry: (rest): Entry => {
        const digits = rest.replace(/\D/g, "");
        return { enter: "complaints.check", inputs: rest === "" ? [] : [digits || rest] };
      },
    },
    {
      // PAGO 12345678 21041950: the identity check, with the DNI (and the date) already given
      words: words.payments,
      entry: (rest): Entry => {
        const [dni = "", ...date] = rest.split(/\s+/).filter(Boolean);
        return { enter: "lookup.dni", inputs: [dni, date.join("")].filter((x) => x !== "") };
      },
    },
    {
      // RECLAMO no me llega el pago: the complaints section, the text kept as the description
      words: words.complaint,
      entry: (rest): Entry => ({ enter: "complaints.start", seed: { [COMPLAINT_TEXT_KEY]: rest === "" ? undefined : rest } }),
    },
  ];
}
