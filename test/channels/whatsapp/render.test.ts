import { describe, expect, it } from "vitest";
import { NAV_IDS, renderWhatsAppReply, renderWhatsAppTemplate, WHATSAPP_LIMITS, type GraphMessage } from "../../../src/channels/whatsapp/render";
import { WHATSAPP_PROFILE } from "../../../src/channels/whatsapp/routes";
import { createTranslator } from "../../../src/i18n/translator";
import { makeTestApp } from "../../helpers/app";
import { walkScreens } from "../../support/walk-screens";

const i18n = createTranslator();
const len = (s: string) => Array.from(s).length;

/** Every limit Meta enforces on what we send, as a list of violations (empty = fits). */
function violations(p: GraphMessage): string[] {
  const out: string[] = [];
  if (p.type === "text" && len(p.text.body) > WHATSAPP_LIMITS.text) out.push(`text ${len(p.text.body)}`);
  if (p.type === "interactive") {
    const i = p.interactive;
    if (len(i.body.text) > WHATSAPP_LIMITS.body) out.push(`body ${len(i.body.text)}`);
    if (i.body.text.trim() === "") out.push("empty body");
    if (i.type === "button") {
      if (i.action.buttons.length > WHATSAPP_LIMITS.buttons) out.push(`${i.action.buttons.length} buttons`);
      for (const b of i.action.buttons) if (len(b.reply.title) > WHATSAPP_LIMITS.buttonTitle) out.push(`button "${b.reply.title}"`);
      if (new Set(i.action.buttons.map((b) => b.reply.id)).size !== i.action.buttons.length) out.push("duplicate button ids");
    } else {
      const rows = i.action.sections.flatMap((s) => s.rows);
      if (rows.length > WHATSAPP_LIMITS.rows) out.push(`${rows.length} rows`);
      if (len(i.action.button) > WHATSAPP_LIMITS.listButton) out.push(`list button "${i.action.button}"`);
      for (const s of i.action.sections) if (len(s.title) > WHATSAPP_LIMITS.sectionTitle) out.push(`section "${s.title}"`);
      for (const r of rows) {
        if (len(r.title) > WHATSAPP_LIMITS.rowTitle) out.push(`row "${r.title}"`);
        if (r.description && len(r.description) > WHATSAPP_LIMITS.rowDescription) out.push(`row description "${r.description}"`);
        if (len(r.id) > WHATSAPP_LIMITS.rowId) out.push("row id");
      }
      if (new Set(rows.map((r) => r.id)).size !== rows.length) out.push("duplicate row ids");
    }
  }
  return out;
}

function ids(p: GraphMessage): string[] {
  if (p.type !== "interactive") return [];
  return p.interactive.type === "button" ? p.interactive.action.buttons.map((b) => b.reply.id) : p.interactive.action.sections.flatMap((s) => s.rows.map((r) => r.id));
}

describe("WhatsApp rendering of every screen of every flow, in every language", async () => {
  const { ctx } = makeTestApp();
  const context = ctx();
  const screens = await walkScreens(context, WHATSAPP_PROFILE);

  it("walks the menus in all three languages", () => {
    for (const lang of ["es", "qu", "ay"]) expect(screens.filter((s) => s.lang === lang).length).toBeGreaterThan(10);
  });

  it("fits WhatsApp's limits without cutting anything", () => {
    const bad = screens.flatMap(({ reply, state }) => {
      const { payload, truncated } = renderWhatsAppReply(reply, context.i18n, "51987654321");
      const problems = [...violations(payload), ...truncated.map((t) => `cut: ${t}`)];
      return problems.length ? [`${reply.lang} ${state.node}#${state.page}: ${problems.join(", ")}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it("keeps every option and the navigation one tap away, with the ids the engine expects", () => {
    const bad = screens.flatMap(({ reply, state }) => {
      const { payload } = renderWhatsAppReply(reply, context.i18n, "51987654321");
      const got = ids(payload);
      const want = [...reply.options.map((o) => o.id), ...(reply.nav.more ? [NAV_IDS.more] : []), ...(reply.nav.back ? [NAV_IDS.back] : []), ...(reply.nav.home ? [NAV_IDS.home] : [])];
      return JSON.stringify(got) === JSON.stringify(want) ? [] : [`${reply.lang} ${state.node}#${state.page}: ${got} ≠ ${want}`];
    });
    expect(bad).toEqual([]);
  });

  it("also fits with an error hint above the prompt", () => {
    const bad = screens.flatMap(({ reply, state }) => {
      if (reply.end) return [];
      const hinted = { ...reply, messages: [{ key: "common:errors.option_buttons" }, { key: "whatsapp:stale_menu" }, { key: "whatsapp:media_unsupported" }, ...reply.messages] };
      const { payload, truncated } = renderWhatsAppReply(hinted, context.i18n, "51987654321");
      const problems = [...violations(payload), ...truncated];
      return problems.length ? [`${reply.lang} ${state.node}: ${problems.join(", ")}`] : [];
    });
    expect(bad).toEqual([]);
  });
});

describe("renderWhatsAppReply: degrading by limits", () => {
  // a translator that returns the key's params.text, to try any label length
  const fake = { t: (_l: string, key: string, p?: Record<string, string | number>) => (key === "test" ? String(p?.text) : i18n.t("es", key, p)), has: () => true, all: () => [] };
  const opts = (...titles: string[]) => titles.map((text, i) => ({ id: String(i + 1), label: { key: "test", params: { text } } }));
  const none = { more: false, back: false, home: false };

  const cases = [
    { label: "two short options and no navigation → two buttons", options: opts("Sí", "No"), nav: none, want: { type: "button", count: 2 } },
    { label: "one option + back + menu → three buttons", options: opts("Continuar"), nav: { more: false, back: true, home: true }, want: { type: "button", count: 3 } },
    { label: "three options of 21 characters → a list", options: opts("a".repeat(21), "b", "c"), nav: none, want: { type: "list", count: 3 } },
    { label: "two options + back + menu → a list of four rows", options: opts("Sí", "No"), nav: { more: false, back: true, home: true }, want: { type: "list", count: 4 } },
    { label: "seven options + more + back + menu → a list of ten rows", options: opts("1", "2", "3", "4", "5", "6", "7"), nav: { more: true, back: true, home: true }, want: { type: "list", count: 10 } },
    { label: "twelve options → ten rows, navigation kept", options: opts(...Array.from({ length: 12 }, (_, i) => `Opción ${i + 1}`)), nav: { more: true, back: true, home: true }, want: { type: "list", count: 10, truncated: true } },
    { label: "no options and no navigation → plain text", options: [], nav: none, want: { type: "text", count: 0 } },
  ];
  it.each(cases)("$label", ({ options, nav, want }) => {
    const { payload, truncated } = renderWhatsAppReply({ lang: "es", messages: [{ key: "common:main.title" }], options, nav }, fake as never, "51987654321");
    const kind = payload.type === "interactive" ? payload.interactive.type : payload.type;
    expect(kind).toBe(want.type);
    expect(ids(payload).length).toBe(want.count);
    expect(violations(payload)).toEqual([]);
    expect(truncated.length > 0).toBe(Boolean(want.truncated));
    if (want.truncated) expect(ids(payload).slice(-3)).toEqual(["98", "0", "00"]);
  });

  it("a row label over 24 characters keeps its start as title and the whole label as description", () => {
    const long = "Pensión 65 para adultos mayores en pobreza";
    const { payload } = renderWhatsAppReply({ lang: "es", messages: [{ key: "common:main.title" }], options: opts(long, "b", "c", "d"), nav: none }, fake as never, "51987654321");
    const rows = payload.type === "interactive" && payload.interactive.type === "list" ? payload.interactive.action.sections[0].rows : [];
    expect(rows[0]).toEqual({ id: "1", title: "Pensión 65 para adultos…", description: long });
  });

  it("a main menu is exactly the list Meta documents", () => {
    const { payload } = renderWhatsAppReply(
      { lang: "es", messages: [{ key: "common:main.title" }], options: opts("Programas", "Idioma", "Ayuda", "Reclamos"), nav: none },
      fake as never,
      "51987654321",
    );
    expect(payload).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "51987654321",
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "MIDIS Orienta. Elija:" },
        action: {
          button: "Ver opciones",
          sections: [{ title: "Ver opciones", rows: [{ id: "1", title: "Programas" }, { id: "2", title: "Idioma" }, { id: "3", title: "Ayuda" }, { id: "4", title: "Reclamos" }] }],
        },
      },
    });
  });
});

describe("renderWhatsAppTemplate (outside the 24-hour window)", () => {
  const templates = { notice: "orienta_aviso", byKey: { "common:restarted": "orienta_reinicio", "test:named": "orienta_reclamo" }, lang: "es" };
  it("sends a notice through the generic template, in Spanish, as one body parameter without line breaks", () => {
    const { payload } = renderWhatsAppTemplate([{ key: "common:goodbye" }, { key: "common:unavailable" }], i18n, templates, "51987654321");
    expect(payload).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "51987654321",
      type: "template",
      template: {
        name: "orienta_aviso",
        language: { code: "es" },
        components: [{ type: "body", parameters: [{ type: "text", text: `${i18n.t("es", "common:goodbye")} ${i18n.t("es", "common:unavailable")}` }] }],
      },
    });
  });

  it("a key with its own template sends its params as named parameters", () => {
    const { payload } = renderWhatsAppTemplate([{ key: "test:named", params: { code: "MO-2026-000123", status: "respondido\nhoy" } }], i18n, templates, "51987654321");
    expect(payload).toMatchObject({
      type: "template",
      template: {
        name: "orienta_reclamo",
        language: { code: "es" },
        components: [{ type: "body", parameters: [{ type: "text", parameter_name: "code", text: "MO-2026-000123" }, { type: "text", parameter_name: "status", text: "respondido hoy" }] }],
      },
    });
  });
});
