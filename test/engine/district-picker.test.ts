import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/engine/engine";
import { coreNodes } from "../../src/engine/flows/core";
import { districtPicker } from "../../src/engine/flows/district-picker";
import type { FlowNode, SessionState, StepContext } from "../../src/engine/types";
import { renderUssdScreen } from "../../src/channels/ussd/render";
import { USSD_PROFILE } from "../../src/channels/ussd/routes";
import { createTranslator } from "../../src/i18n/translator";
import { LANGS } from "../../src/i18n/langs";
import { loadCatalog } from "../../src/services/programs/catalog";
import { createDistrictDirectory } from "../../src/services/districts/directory";
import { createEligibilityService } from "../../src/services/eligibility/service";

// a host flow: "ask" opens the picker, which comes back to "after" with the ubigeo in data
const picker = districtPicker({ id: "test.district", returnTo: "test.after", dataKey: "ubigeo", allowUnknown: true });
const host: FlowNode[] = [
  { id: "test.ask", prompt: () => [{ key: "common:main.title" }], choices: () => [{ label: { key: "common:main.help" }, go: picker.start }] },
  { id: "test.after", prompt: () => [{ key: "common:help.text" }] },
];
const i18n = createTranslator();
const engine = createEngine({ nodes: [...coreNodes, ...host, ...picker.nodes], keywords: { menu: ["MENU"], help: ["AYUDA"], language: ["IDIOMA"], exit: ["SALIR"] } });
const districts = createDistrictDirectory();
const catalog = loadCatalog();
const ctx: StepContext = { now: Date.parse("2026-11-23T15:00:00Z"), channel: USSD_PROFILE, services: { catalog, districts, eligibility: createEligibilityService(catalog), complaints: undefined as never, lookups: undefined as never, notices: undefined as never } };

async function run(lang: "es" | "qu" | "ay", presses: string[]) {
  let state: SessionState = { ...engine.initialState(lang), node: "test.ask", stack: ["main"] };
  let screen = "";
  for (const press of presses) {
    const result = await engine.step(state, press, ctx);
    state = result.state;
    screen = renderUssdScreen(result.reply, i18n).body;
  }
  return { state, screen };
}

/** Presses 98 until the option is on screen, then its number. */
async function pickByName(lang: "es", presses: string[], label: string) {
  const seq = [...presses];
  for (let i = 0; i < 30; i++) {
    const { screen } = await run(lang, seq);
    const line = screen.split("\n").find((l) => new RegExp(`^\\d ${label}$`).test(l));
    if (line) return [...seq, line.split(" ")[0]];
    seq.push("98");
  }
  throw new Error(`${label} not found`);
}

describe("district picker", () => {
  it("department → province → district returns to the caller with the INEI ubigeo", async () => {
    let presses = await pickByName("es", ["1", "1"], "Apurimac");
    presses = await pickByName("es", presses, "Grau");
    presses = await pickByName("es", presses, "Chuquibambilla");
    const { state, screen } = await run("es", presses);
    expect(state.node).toBe("test.after");
    expect(state.data.ubigeo).toBe(districts.search("chuquibambilla").find((d) => d.province === districts.get(String(state.data.ubigeo))?.province)?.ubigeo);
    expect(districts.get(String(state.data.ubigeo))?.name).toBe("CHUQUIBAMBILLA");
    expect(screen).toContain("Marque el numero");
    // the picker's screens leave the back stack: 0 goes to the question before the picker
    expect((await run("es", [...presses, "0"])).state.node).toBe("test.ask");
  });

  it("Callao has one province, so it goes straight to its districts", async () => {
    const presses = await pickByName("es", ["1", "1"], "Callao");
    const { state, screen } = await run("es", presses);
    expect(state.node).toBe("test.district.dist");
    expect(screen).toContain("Distrito:");
    expect(screen).toMatch(/Bellavista|Callao/);
  });

  it("typing the first letters (accents and case ignored) picks a single match at once", async () => {
    const { state } = await run("es", ["1", "2", "nepena"]);
    expect(state.node).toBe("test.after");
    expect(state.data.ubigeo).toBe("021806");
  });

  it("several matches are listed with their province; a choice returns the ubigeo", async () => {
    const { screen } = await run("es", ["1", "2", "Santa Rosa"]);
    expect(screen).toMatch(/^CON Distritos:\n1 Santa Rosa \(/);
    const { state } = await run("es", ["1", "2", "Santa Rosa", "1"]);
    expect(districts.get(String(state.data.ubigeo))?.name).toBe("SANTA ROSA");
  });

  it("no match re-asks with the letters typed, in the person's language", async () => {
    const { state, screen } = await run("qu", ["1", "2", "xqz"]);
    expect(state.node).toBe("test.district.search");
    expect(screen).toContain('"xqz"');
  });

  it('"I don\'t know" returns null', async () => {
    const { state } = await run("ay", ["1", "3"]);
    expect(state.node).toBe("test.after");
    expect(state.data.ubigeo).toBeNull();
    expect(Object.keys(state.data)).toEqual(["ubigeo"]);
  });
});

describe("every district screen fits one USSD screen with an error hint, in every language", () => {
  const hint = { key: "common:errors.empty" };
  const longestHint = (lang: (typeof LANGS)[number]) =>
    ["common:errors.option", "common:errors.empty", "common:errors.empty_answer"].reduce((a, k) => (i18n.t(lang, k).length > i18n.t(lang, a.key).length ? { key: k } : a), hint);

  async function tooLong(state: SessionState): Promise<string[]> {
    const problems: string[] = [];
    for (let page = 0; page < 60; page++) {
      const reply = await engine.render({ ...state, page }, ctx);
      const screen = renderUssdScreen({ ...reply, messages: [longestHint(reply.lang), ...reply.messages] }, i18n);
      if (screen.truncated) problems.push(`${reply.lang} ${state.node} ${JSON.stringify(state.data)} p${page}: ${screen.body}`);
      if (!reply.nav.more) break;
    }
    return problems;
  }

  it("departments, every province list, every district list, and every 2-letter search", async () => {
    const problems: string[] = [];
    for (const lang of LANGS) {
      const base = (node: string, tmp: object): SessionState => ({ ...engine.initialState(lang), node, data: { "test.district.picker": { depth: 1, ...tmp } } });
      problems.push(...(await tooLong(base("test.district.dept", {}))));
      for (const d of districts.departments()) {
        problems.push(...(await tooLong(base("test.district.prov", { dept: d.code }))));
        for (const p of districts.provinces(d.code)) problems.push(...(await tooLong(base("test.district.dist", { dept: d.code, prov: p.code }))));
      }
      const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
      for (const a of letters) for (const b of letters) {
        if (districts.search(a + b, 2).length > 1) problems.push(...(await tooLong(base("test.district.found", { query: a + b }))));
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("packPages", () => {
  it("puts short names together and gives a long one fewer neighbours, never an empty page", async () => {
    const { packPages } = await import("../../src/engine/flows/district-picker");
    expect(packPages(["Ica", "Lima", "Puno", "Tacna"], 6)).toEqual([0]);
    expect(packPages(["A".repeat(40), "B".repeat(40), "Ica"], 6)).toEqual([0, 1]);
    expect(packPages(["A".repeat(200), "Ica"], 6)).toEqual([0, 1]);
    expect(packPages(["a", "b", "c", "d"], 2)).toEqual([0, 2]);
    expect(packPages([], 6)).toEqual([0]);
  });
});
