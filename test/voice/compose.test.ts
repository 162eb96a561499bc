import { describe, expect, it } from "vitest";
import { amountWords, codeWords, dateWords, numberWords, periodWords } from "../../src/voice/compose";
import { WORD_SETS } from "../../src/voice/words";
import type { Lang } from "../../src/i18n/langs";
import { createPromptBank, sayText } from "../../src/voice/bank";
import { openNodeDatabase } from "../../src/db/node";
import { silentLogger } from "../../src/logging/logger";

/** the words a person hears, from the segment ids (months are locale keys: read through the bank) */
const say = (lang: Lang, ids: string[] | null) => ids!.map((id) => WORD_SETS[lang].words[id] ?? id).join(" ");

describe("numbers per language", () => {
  it.each([
    [0, "cero"], [1, "uno"], [15, "quince"], [21, "veintiuno"], [30, "treinta"], [31, "treinta y uno"], [99, "noventa y nueve"],
    [100, "cien"], [101, "ciento uno"], [115, "ciento quince"], [200, "doscientos"], [555, "quinientos cincuenta y cinco"], [999, "novecientos noventa y nueve"],
    [1000, "mil"], [1001, "mil uno"], [1250, "mil doscientos cincuenta"], [2026, "dos mil veintiséis"], [21000, "veintiún mil"], [100000, "cien mil"], [999999, "novecientos noventa y nueve mil novecientos noventa y nueve"],
  ])("es %i → %s", (n, words) => expect(say("es", numberWords("es", n))).toBe(words));

  it.each([
    [0, "ch'usaq"], [7, "qanchis"], [10, "chunka"], [11, "chunka hukniyuq"], [13, "chunka kimsayuq"], [25, "iskay chunka pichqayuq"], [100, "pachak"],
    [250, "iskay pachak pichqa chunka"], [1250, "waranqa iskay pachak pichqa chunka"], [2026, "iskay waranqa iskay chunka suqtayuq"], [3000, "kimsa waranqa"],
  ])("qu (draft) %i → %s", (n, words) => expect(say("qu", numberWords("qu", n))).toBe(words));

  it.each([
    [0, "ch'usa"], [1, "maya"], [11, "tunka mayani"], [20, "pä tunka"], [25, "pä tunka phisqani"], [200, "pä pataka"], [1250, "waranqa pä pataka phisqa tunka"],
  ])("ay (draft) %i → %s", (n, words) => expect(say("ay", numberWords("ay", n))).toBe(words));

  it("marks the Quechua and Aymara word sets as drafts for native review", () => {
    expect(WORD_SETS.es.draft).toBe(false);
    expect(WORD_SETS.qu.draft && WORD_SETS.ay.draft).toBe(true);
  });

  it("every composed word has a segment text in its language", () => {
    for (const lang of ["es", "qu", "ay"] as const) {
      for (let n = 0; n < 3000; n += 7) for (const id of numberWords(lang, n)) expect(WORD_SETS[lang].words[id], `${lang} ${n} ${id}`).toBeTruthy();
    }
  });
});

describe("amounts, dates, periods and codes", () => {
  it.each([
    ["es", "1250", "mil doscientos cincuenta soles"],
    ["es", "1", "un sol"],
    ["es", "21", "veintiún soles"],
    ["es", "350.50", "trescientos cincuenta soles con cincuenta céntimos"],
    ["qu", "250", "iskay pachak pichqa chunka sol"],
    ["ay", "300", "kimsa pataka sol"],
  ] as const)("%s amount %s → %s", (lang, value, words) => expect(say(lang, amountWords(lang, value))).toBe(words));

  it("refuses values that are not an amount (spoken as text instead)", () => {
    expect(amountWords("es", "S/ 200 cada mes")).toBeNull();
    expect(dateWords("es", "2026-03-15")).toBeNull();
    expect(dateWords("es", "32/01/2026")).toBeNull();
    expect(periodWords("es", "13/2026")).toBeNull();
  });

  it("dates with month names from the locales, per language", () => {
    const db = openNodeDatabase(":memory:").db;
    const bank = createPromptBank({ db, logger: silentLogger });
    const text = (lang: Lang, key: string, params: Record<string, string>) => sayText(bank.items(lang, { key, params }));
    expect(text("es", "lookup:pay.scheduled", { amount: "200", from: "01/04/2026" })).toBe("Su próximo pago de doscientos soles estará listo desde el uno de abril de dos mil veintiséis.");
    expect(text("es", "lookup:pay.collected", { amount: "350.50", period: "12/2025" })).toBe("trescientos cincuenta soles con cincuenta céntimos del periodo diciembre de dos mil veinticinco: ya lo cobró.");
    const qu = text("qu", "lookup:pay.collected", { amount: "250", period: "03/2026" });
    expect(qu).toContain("iskay pachak pichqa chunka sol");
    expect(qu).toContain("marzo iskay waranqa iskay chunka suqtayuq watapi");
  });

  it("codes letter by letter and digit by digit, dashes left out", () => {
    expect(say("es", codeWords("MO-2026-000123"))).toBe("eme o dos cero dos seis cero cero cero uno dos tres");
    expect(say("qu", codeWords("MO-2026-000123"))).toBe("eme o iskay ch'usaq iskay suqta ch'usaq ch'usaq ch'usaq huk iskay kimsa");
  });
});
