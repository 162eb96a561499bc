import { describe, expect, it } from "vitest";
import { resources } from "../../src/i18n/resources";
import { flattenKeys } from "../../src/i18n/flatten";

/**
 * The people served are often older women ("usuarios / usuarias"): a Spanish text that speaks to
 * the person does not greet or describe them in the masculine only ("Bienvenido", "No está
 * inscrito", "usted es usuario"). Neutral wording, or both forms.
 */
const MASCULINE_ONLY = [/\bbienvenido\b/i, /\b(usted|no) (est[aá]|queda|fue) (inscrito|afiliado|suspendido|retirado)\b/i, /\busted es (usuario|beneficiario|afiliado)\b(?! o usuaria)/i, /\b(est[aá]) seguro\b/i];

describe("Spanish texts addressed to the person", () => {
  it("use no masculine-only greeting or description of the person", () => {
    const found = [...flattenKeys(resources.es)].filter(([, text]) => MASCULINE_ONLY.some((re) => re.test(text))).map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });

  it("the check catches what it is for", () => {
    for (const text of ["Bienvenido de nuevo a MIDIS Orienta.", "No está inscrito en ningún programa.", "Activo: usted es usuario del programa.", "usted fue retirado de Juntos."]) expect(MASCULINE_ONLY.some((re) => re.test(text)), text).toBe(true);
    for (const text of ["Le damos otra vez la bienvenida.", "No figura en ningún programa.", "su caso fue registrado"]) expect(MASCULINE_ONLY.some((re) => re.test(text)), text).toBe(false);
  });
});
