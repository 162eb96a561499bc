import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { capSegments, countSegments, foldToGsm7, isGsm7 } from "../../src/i18n/gsm7";

describe("GSM-7 folding", () => {
  it.each([
    ["Pensión 65: ¿Quién puede recibirlo?", "Pension 65: ¿Quién puede recibirlo?"],
    ["MENÚ Más Atrás", "MENU Mas Atras"],
    ["ÁÉÍÓÚ áéíóú", "AÉIOU aéiou"], // É and é are GSM-7: kept
    ["niño, pingüino, ¡Añay!", "niño, pingüino, ¡Añay!"], // ñ ü ¡ kept
    ["ñit’iy “Juntos”", "ñit'iy \"Juntos\""],
    ["Wasitat qalltañäni", "Wasitat qalltañäni"], // Aymara ä is GSM-7
    ["jïsa", "jisa"], // Aymara ï is not: folded to i (documented rule)
    ["Línea 101 – gratis…", "Linea 101 - gratis..."],
    ["crème brûlée", "crème brulée"],
    ["decomposed: Pensio\u0301n", "Pension"],
  ])("%s → %s", (input, expected) => {
    input = input.replace(/^decomposed: /, "");
    expect(foldToGsm7(input)).toBe(expected);
    expect(isGsm7(foldToGsm7(input))).toBe(true);
  });

  it("keeps what has no faithful GSM-7 form (the message goes as UCS-2, counted as such)", () => {
    expect(foldToGsm7("ok 😀")).toBe("ok 😀");
    expect(countSegments("ok 😀").encoding).toBe("UCS-2");
  });
});

describe("segment counting", () => {
  it.each([
    ["empty", "", "GSM-7", 0, 0],
    ["160 GSM-7 characters: one segment", "a".repeat(160), "GSM-7", 160, 1],
    ["161: two segments of 153", "a".repeat(161), "GSM-7", 161, 2],
    ["306 = 2 × 153", "a".repeat(306), "GSM-7", 306, 2],
    ["307: three", "a".repeat(307), "GSM-7", 307, 3],
    ["escape characters count double: 80 × [ = 160 septets", "[".repeat(80), "GSM-7", 160, 1],
    ["81 × [ = 162 septets: two", "[".repeat(81), "GSM-7", 162, 2],
    ["€ costs two septets", "€", "GSM-7", 2, 1],
    ["an escape pair is never split across segments", "a".repeat(152) + "[" + "a".repeat(152), "GSM-7", 306, 3],
    ["one á makes it UCS-2: 70 per segment", "á".repeat(70), "UCS-2", 70, 1],
    ["71 UCS-2: two of 67", "á".repeat(71), "UCS-2", 71, 2],
    ["134 = 2 × 67", "á".repeat(134), "UCS-2", 134, 2],
    ["135: three", "á".repeat(135), "UCS-2", 135, 3],
    ["ï alone forces UCS-2", "ï", "UCS-2", 1, 1],
    ["ñ é ü ¿ ¡ stay GSM-7", "ñé¿¡ü", "GSM-7", 5, 1],
    ["an emoji is two UTF-16 units", "😀".repeat(36), "UCS-2", 72, 2],
  ])("%s", (_label, text, encoding, units, segments) => {
    expect(countSegments(text)).toEqual({ encoding, units, segments });
  });

  it("folding turns a 2-segment UCS-2 answer into a 1-segment GSM-7 one", () => {
    const text = "Pensión 65: S/ 350 cada dos meses para personas de 65 años o más en pobreza extrema, sin pensión. Cobro en Banco de la Nación.";
    expect(countSegments(text)).toMatchObject({ encoding: "UCS-2", segments: 2 });
    expect(countSegments(foldToGsm7(text))).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });
});

describe("capSegments", () => {
  const hint = "(MAS para seguir)";
  it("leaves text that fits alone", () => {
    expect(capSegments("hola", 2, hint)).toEqual({ text: "hola", rest: null });
  });

  it("cuts at a word boundary, adds the hint, and returns the rest", () => {
    const words = Array.from({ length: 120 }, (_, i) => `palabra${i}`).join(" ");
    const { text, rest } = capSegments(words, 2, hint);
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
    expect(text.endsWith("\n" + hint)).toBe(true);
    const head = text.slice(0, -hint.length - 1);
    expect(words.startsWith(head)).toBe(true);
    expect(rest).toBe(words.slice(head.length).trim());
    expect(head.endsWith("palabra" + head.split("palabra").at(-1))).toBe(true);
  });

  it("property: paging with MAS loses nothing and every part fits the cap", () => {
    const alphabet = fc.constantFrom(..."abcdefghijklmnñopqrstuvwxyz ÁÉÍÓÚáéíóúüï¿?¡!'\n0123456789[]€".split(""));
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 0, maxLength: 1200 }), fc.integer({ min: 1, max: 4 }), (chars, max) => {
        const original = foldToGsm7(chars.join(""));
        let rest: string | null = original;
        const parts: string[] = [];
        while (rest !== null && parts.length < 100) {
          const capped = capSegments(rest, max, hint);
          parts.push(capped.text);
          rest = capped.rest;
        }
        for (const part of parts) {
          expect(countSegments(part).segments).toBeLessThanOrEqual(max);
          expect(isGsm7(part)).toBe(true);
        }
        const words = (s: string) => s.split(/\s+/).filter(Boolean).join(" ");
        expect(words(parts.map((p) => (p.endsWith("\n" + hint) ? p.slice(0, -hint.length - 1) : p)).join(" "))).toBe(words(original));
      }),
      { numRuns: 200 },
    );
  });
});

describe("the GSM-7 fast path agrees with Twilio's calculator", () => {
  it("property: same segments for any GSM-7 text, escape characters included", async () => {
    const { SegmentedMessage } = await import("sms-segments-calculator");
    const { countGsm7 } = await import("../../src/i18n/gsm7");
    const gsm = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz ñéü¿¡ÄÖÑÜàèìòù0123456789.,;:'\"!?\n[]{}~^|€\\".split(""));
    fc.assert(
      fc.property(fc.array(gsm, { minLength: 1, maxLength: 700 }), (chars) => {
        const text = chars.join("");
        expect(countGsm7(text).segments).toBe(new SegmentedMessage(text).segmentsCount);
      }),
      { numRuns: 300 },
    );
  });
});
