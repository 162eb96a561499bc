import { describe, expect, it } from "vitest";
import { NODES } from "../../src/engine/engine";
import type { ChannelProfile, Reply, SessionState } from "../../src/engine/types";
import { renderWhatsAppReply, WHATSAPP_LIMITS } from "../../src/channels/whatsapp/render";
import { WHATSAPP_PROFILE } from "../../src/channels/whatsapp/routes";
import { WEB_PROFILE } from "../../src/channels/web/routes";
import { renderWebReply } from "../../src/channels/web/render";
import { USSD_PROFILE } from "../../src/channels/ussd/routes";
import { SMS_PROFILE } from "../../src/channels/sms/handle";
import { LANGS, type Lang } from "../../src/i18n/langs";
import type { Answers } from "../../src/services/eligibility/fields";
import { makeTestApp } from "../helpers/app";

/**
 * Results shaped by what the channel can do (its ChannelProfile, never its name): on channels
 * with buttons every program is on one screen, each openable, and a program's result is one
 * message; only keypad channels page. Rendered through the engine with answer sets that give
 * every outcome, in every language, and checked against Meta's limits.
 */
const ANSWER_SETS: Answers[] = [
  {},
  { age: 70, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false, ubigeo: "030601", household: { pregnant: false, childrenUnder19: 0 } },
  { age: 30, hasDni: false, cse: "pobre", severeDisability: true, ubigeo: "150101", household: { pregnant: true, childrenUnder19: 3, childrenUnder3: 1, childrenInPublicSchool: 0 } },
  { age: 40, hasDni: true, cse: "no_sabe", severeDisability: true, contributoryPension: false, household: { childrenUnder19: 2, childrenUnder3: 1, childrenInPublicSchool: 2 } },
  { age: 66, hasDni: false, cse: "sin_clasificacion", household: { childrenUnder19: 1 } },
];

const app = makeTestApp();
const context = app.ctx();
const at = (channel: ChannelProfile) => ({ now: Date.parse("2026-11-23T15:00:00Z"), channel, services: context.services });
const state = (lang: Lang, node: string, answers: Answers, program?: string): SessionState => ({
  lang,
  node,
  page: 0,
  stack: [NODES.main],
  data: { elig: { answers, asked: [], ...(program ? { program } : {}) } },
  ended: false,
});
const render = (channel: ChannelProfile, s: SessionState): Promise<Reply> => context.engine.render(s, at(channel));
const PROGRAMS = context.services.catalog.programs.map((p) => p.id);

describe("eligibility results where options are buttons (WhatsApp)", () => {
  it.each(LANGS)("%s: one list message names every program with its outcome, within Meta's limits", async (lang) => {
    for (const answers of ANSWER_SETS) {
      const reply = await render(WHATSAPP_PROFILE, state(lang, "eligibility.results", answers));
      expect(reply.nav.more).toBe(false); // no paging: every program on this screen
      const { payload, truncated } = renderWhatsAppReply(reply, context.i18n, "51987654321");
      expect(truncated).toEqual([]);
      if (payload.type !== "interactive" || payload.interactive.type !== "list") throw new Error(`expected a list, got ${JSON.stringify(payload)}`);
      const rows = payload.interactive.action.sections.flatMap((s) => s.rows);
      expect(rows.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rows);
      expect(payload.interactive.body.text.length).toBeLessThanOrEqual(WHATSAPP_LIMITS.body);
      const programRows = rows.filter((r) => !["0", "00", "98"].includes(r.id));
      expect(programRows).toHaveLength(PROGRAMS.length);
      for (const row of rows) {
        expect(Array.from(row.title).length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rowTitle);
        expect(Array.from(row.description ?? "").length).toBeLessThanOrEqual(WHATSAPP_LIMITS.rowDescription);
      }
      for (const row of programRows) {
        // the row: the program's name, its outcome underneath; the body lists the same pair
        expect(row.description).toBeTruthy();
        expect(payload.interactive.body.text).toContain(`• ${row.title}: ${row.description}`);
      }
    }
  });

  it.each(LANGS)("%s: a program's result is one message (why, what it gives, what to do) that fits, with a plain phone number", async (lang) => {
    for (const answers of ANSWER_SETS) {
      for (const program of PROGRAMS) {
        const reply = await render(WHATSAPP_PROFILE, state(lang, "eligibility.detail", answers, program));
        expect(reply.nav.more).toBe(false);
        const { payload, truncated } = renderWhatsAppReply(reply, context.i18n, "51987654321");
        expect(truncated, `${lang} ${program} ${JSON.stringify(answers)}`).toEqual([]);
        const text = payload.type === "interactive" ? payload.interactive.body.text : payload.type === "text" ? payload.text.body : "";
        expect(text).toContain(context.i18n.t(lang, "eligibility:detail.todo"));
        expect(text).toContain("Línea 101");
        expect(JSON.stringify(payload)).not.toContain("tel:");
      }
    }
  });
});

describe("the same screens on keypad channels and on the web", () => {
  it("USSD and SMS page the results two at a time and the detail one part per screen", async () => {
    for (const channel of [USSD_PROFILE, SMS_PROFILE]) {
      const results = await render(channel, state("es", "eligibility.results", ANSWER_SETS[1]));
      expect(results.options).toHaveLength(2);
      expect(results.nav.more).toBe(true);
      const detail = await render(channel, state("es", "eligibility.detail", ANSWER_SETS[1], "pension65"));
      expect(detail.messages[0].params).toMatchObject({ n: 1 });
      expect(detail.nav.more).toBe(true);
    }
  });

  it("the web shows every program as a button with its outcome, and the phone number as a tel: link", async () => {
    const results = renderWebReply(await render(WEB_PROFILE, state("es", "eligibility.results", ANSWER_SETS[1])), context.i18n);
    expect(results.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(["Pensión 65: probablemente sí", "Contigo: probablemente no", "Atrás", "Menú"]),
    );
    expect(results.options).toHaveLength(PROGRAMS.length + 2);
    const detail = renderWebReply(await render(WEB_PROFILE, state("es", "eligibility.detail", ANSWER_SETS[1], "pension65")), context.i18n);
    expect(detail.text).toMatch(/^Pensión 65: probablemente sí\n\nPor qué:/);
    expect(detail.links).toEqual([{ text: "Línea 101", href: "tel:101" }]);
  });

  it("program information is one message on the web and WhatsApp, pages on a keypad", async () => {
    const s = { ...state("es", "programs.detail", {}), data: { program: "pension65" } };
    const web = await render(WEB_PROFILE, s);
    expect(web.nav.more).toBe(false);
    expect(web.messages.map((m) => m.key)).toEqual(["programs:pension65.name", "programs:pension65.gives", "programs:pension65.who", "programs:pension65.how"]);
    const ussd = await render(USSD_PROFILE, s);
    expect(ussd.nav.more).toBe(true);
  });
});

describe("AYUDA per channel", () => {
  it.each(LANGS)("%s: keypad digits on USSD/SMS; buttons and the words that work on web/WhatsApp", async (lang) => {
    const help = (channel: ChannelProfile) => render(channel, { ...state(lang, NODES.help, {}), data: {} }).then((r) => r.messages.map((m) => context.i18n.t(lang, m.key)).join(" "));
    for (const keypad of [USSD_PROFILE, SMS_PROFILE]) expect(await help(keypad)).toMatch(/\b00\b/);
    for (const tapping of [WEB_PROFILE, WHATSAPP_PROFILE]) {
      const text = await help(tapping);
      expect(text).not.toMatch(/\b00\b/);
      // every command word the help names is one the engine understands in this language
      for (const key of ["menu", "language", "help", "exit"]) {
        const words = context.i18n.t(lang, `commands:${key}`).split("|");
        expect(words.some((w) => text.includes(w)), `${lang} help names a ${key} word`).toBe(true);
      }
    }
  });
});
