import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeTestApp } from "../../helpers/app";
import { walkScreens } from "../../support/walk-screens";
import { SMS_PROFILE } from "../../../src/channels/sms/handle";
import { renderSmsMessages, renderSmsReply, shapeSms } from "../../../src/channels/sms/render";
import { countSegments, isGsm7, nonGsm7Chars } from "../../../src/i18n/gsm7";
import { LANGS, type Lang } from "../../../src/i18n/langs";
import { flattenKeys } from "../../../src/i18n/flatten";
import { resources } from "../../../src/i18n/resources";
import { statusCheckMessages } from "../../../src/services/complaints/messages";

describe("every SMS answer of every flow, in every language, fits the cap in GSM-7", async () => {
  const { ctx } = makeTestApp();
  const context = ctx();
  const screens = await walkScreens(context, SMS_PROFILE);
  // the keyword answers that do not come from the engine
  const keywordKeys = [...flattenKeys(resources.es).keys()].filter((k) => k.startsWith("sms:") && !k.startsWith("sms:keywords."));
  const texts: { lang: Lang; label: string; text: string }[] = [
    ...screens.map((s) => ({ lang: s.reply.lang, label: `${s.state.node}#${s.state.page}`, text: renderSmsReply(s.reply, context.i18n) })),
    ...LANGS.flatMap((lang) =>
      [...keywordKeys, "common:unavailable"].map((key) => ({ lang, label: key, text: renderSmsMessages(lang, [{ key }], context.i18n) })),
    ),
    // ESTADO's answers, with the longest status of each language
    ...LANGS.flatMap((lang) => [
      { lang, label: "complaints:check.unknown", text: renderSmsMessages(lang, [{ key: "complaints:check.unknown", params: { code: "MO-2026-000123" } }], context.i18n) },
      ...(["registrado", "en_revision", "derivado", "respondido", "cerrado", "improcedente"] as const).map((status) => ({
        lang,
        label: `ESTADO ${status}`,
        text: renderSmsMessages(lang, statusCheckMessages({ code: "MO-2026-000123", status, deadline: "2027-01-07", overdue: false, queue: "classification", answer: null }, "MO-2026-000123"), context.i18n),
      })),
      // open and overdue; answered with the longest answer a console sends (1,000 characters)
      { lang, label: "ESTADO overdue", text: renderSmsMessages(lang, statusCheckMessages({ code: "MO-2026-000123", status: "en_revision", deadline: "2026-11-02", overdue: true, queue: "service_quality", answer: null }, ""), context.i18n) },
      {
        lang,
        label: "ESTADO answered",
        text: renderSmsMessages(lang, statusCheckMessages({ code: "MO-2026-000123", status: "respondido", deadline: "2027-01-07", overdue: false, queue: "payments", answer: { text: "Su pago fue reprogramado. ".repeat(38), at: Date.parse("2026-12-01T15:00:00Z"), channel: "whatsapp" } }, ""), context.i18n),
      },
    ]),
  ];
  const hints = ["common:errors.option", "common:errors.empty", "common:errors.empty_answer", "common:errors.dni", "common:errors.date", "common:errors.digits"];

  /** the parts a person receives: the first answer, then one per MAS */
  const parts = (text: string, lang: Lang, max: number) => {
    const out: string[] = [];
    let rest: string | null = text;
    while (rest !== null && out.length < 50) {
      const capped = shapeSms(rest, lang, max, context.i18n);
      out.push(capped.text);
      rest = capped.rest;
    }
    return out;
  };

  it("walks the menus and program pages in all three languages", () => {
    expect(screens.length).toBeGreaterThan(30);
    for (const lang of LANGS) expect(screens.some((s) => s.lang === lang && s.state.node === "programs.detail")).toBe(true);
  });

  it("property: any screen, any language, any cap 1–4, with or without an error hint: every part fits and is GSM-7", () => {
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.integer({ min: 1, max: 4 }), fc.option(fc.constantFrom(...hints)), (screen, max, hint) => {
        const text = hint ? `${context.i18n.t(screen.lang, hint, { max: 160 })}\n${screen.text}` : screen.text;
        for (const part of parts(text, screen.lang, max)) {
          expect(countSegments(part).segments, `${screen.lang} ${screen.label}`).toBeLessThanOrEqual(max);
          expect(nonGsm7Chars(part), `${screen.lang} ${screen.label}`).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("exhaustively at the default cap (2): every screen and keyword answer is GSM-7 and within 2 segments", () => {
    const failures = texts.flatMap(({ lang, label, text }) =>
      parts(text, lang, 2)
        .filter((p) => !isGsm7(p) || countSegments(p).segments > 2)
        .map((p) => `${lang} ${label}: ${countSegments(p).segments} seg, ${nonGsm7Chars(p).join("")}`),
    );
    expect(failures).toEqual([]);
  });

  it("menus fit in one answer at the default cap (no MAS needed to see the options)", () => {
    const needMore = texts
      .filter((t) => t.label.startsWith("main#") || t.label.startsWith("language#") || t.label.startsWith("programs.list#"))
      .filter((t) => shapeSms(t.text, t.lang, 2, context.i18n).rest !== null)
      .map((t) => `${t.lang} ${t.label}`);
    expect(needMore).toEqual([]);
  });
});
