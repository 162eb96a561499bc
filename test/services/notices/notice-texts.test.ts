import { describe, expect, it } from "vitest";
import { NOTICE_KINDS } from "../../../src/db/schema";
import { countGsm7, foldToGsm7 } from "../../../src/i18n/gsm7";
import { LANGS } from "../../../src/i18n/langs";
import { createTranslator } from "../../../src/i18n/translator";
import { KNOWN_REASONS } from "../../../src/engine/flows/lookup-pages";
import { noticeMessage, paymentParams, PLACE_MAX, STATUS_NOTICE, statusParams } from "../../../src/services/notices/notice-message";
import { loadCatalog } from "../../../src/services/programs/catalog";

const i18n = createTranslator();
const programs = loadCatalog().programs.map((p) => p.id);
// the longest a notice can carry: a long place (cut to PLACE_MAX), six-digit amounts with cents
const longPlace = "Banco de la Nación, agencia principal de la provincia de Andahuaylas, jirón Ramón Castilla 1234, segundo piso";

function variants() {
  const out: { lang: string; label: string; text: string }[] = [];
  for (const lang of LANGS) {
    for (const program of programs) {
      for (const kind of NOTICE_KINDS.filter((k) => k !== "status_changed")) {
        for (const place of [longPlace, null]) {
          const params = paymentParams({ program, amountCents: 12345678, availableFrom: "2026-12-14", availableUntil: "2027-01-31", paymentPoint: place });
          const m = noticeMessage(kind, params);
          out.push({ lang, label: `${kind} ${program} ${place ? "place" : "no place"}`, text: i18n.t(lang, m.key, m.params) });
        }
      }
      for (const status of STATUS_NOTICE) {
        for (const reason of [...KNOWN_REASONS, "something_new"]) {
          const m = noticeMessage("status_changed", statusParams({ program, status, statusReason: reason }));
          out.push({ lang, label: `status ${status} ${reason} ${program}`, text: i18n.t(lang, m.key, m.params) });
        }
      }
    }
  }
  return out;
}

describe("payment notice texts", () => {
  it("every kind, program, reason and language fits in 2 GSM-7 segments after folding, and says how to stop", () => {
    const all = variants();
    expect(all.length).toBeGreaterThan(100);
    const over = all.filter((v) => countGsm7(foldToGsm7(v.text)).segments > 2).map((v) => `${v.lang} ${v.label}: ${foldToGsm7(v.text).length}`);
    expect(over).toEqual([]);
    // nothing left untranslated ($t or {{ }} would show raw)
    expect(all.filter((v) => /\{\{|\$t\(|notices:|programs:|lookup:/.test(v.text)).map((v) => v.label)).toEqual([]);
    expect(all.filter((v) => !v.text.includes("BAJA")).map((v) => v.label)).toEqual([]);
  });

  it("a long payment point is cut between words", () => {
    expect(paymentParams({ program: "juntos", amountCents: 20000, availableFrom: null, availableUntil: null, paymentPoint: longPlace }).place).toHaveProperty("length");
    expect(String(paymentParams({ program: "juntos", amountCents: 20000, availableFrom: null, availableUntil: null, paymentPoint: longPlace }).place).length).toBeLessThanOrEqual(PLACE_MAX);
  });
});
