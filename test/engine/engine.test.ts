import { USSD_PROFILE } from "../../src/channels/ussd/routes";
import { describe, expect, it } from "vitest";
import { createEngine, NODES } from "../../src/engine/engine";
import { validateInput } from "../../src/engine/inputs";
import { coreNodes } from "../../src/engine/flows/core";
import type { FlowNode, StepContext } from "../../src/engine/types";
import { loadCatalog } from "../../src/services/programs/catalog";

// a tiny flow exercising each kind of node, independent of the real sections
const testNodes: FlowNode[] = [
  {
    id: "programs.list",
    prompt: () => [{ key: "t:list" }],
    choices: () => Array.from({ length: 8 }, (_, i) => ({ label: { key: `t:item${i + 1}` }, go: () => ({ to: "t.dni", data: { picked: i + 1 } }) })),
  },
  {
    id: "t.dni",
    prompt: () => [{ key: "t:ask_dni" }],
    input: { kind: "dni", handle: (dni) => ({ to: "t.date", data: { dni } }) },
  },
  {
    id: "t.date",
    prompt: () => [{ key: "t:ask_date" }],
    input: { kind: "date", handle: (date) => ({ end: [{ key: "t:done", params: { date } }] }) },
  },
];

const engine = createEngine({ nodes: [...coreNodes, ...testNodes], keywords: { menu: ["MENU"], help: ["AYUDA"], language: ["IDIOMA"], exit: ["SALIR"] } });
const ctx: StepContext = { now: Date.parse("2026-11-23T12:00:00Z"), channel: { ...USSD_PROFILE, name: "test", pageSize: 3 }, services: { catalog: loadCatalog() } as never };

async function run(inputs: string[], start = engine.initialState("es")) {
  let state = start;
  let reply = await engine.render(state, ctx);
  for (const input of inputs) ({ state, reply } = await engine.step(state, input, ctx));
  return { state, reply };
}

describe("engine", () => {
  it("an entry point opens its node with the seed; before a language, the language first and then the entry", async () => {
    const pending = await engine.enter(engine.initialState(null), { enter: "t.date", seed: { given: "x" } }, ctx);
    expect(pending.reply.messages.map((m) => m.key)).toEqual(["common:language.first"]);
    const entered = await engine.step(pending.state, "3", ctx);
    expect(entered.state).toMatchObject({ lang: "ay", node: "t.date", data: { given: "x" } });
    expect(entered.reply.messages.map((m) => m.key)).toEqual(["t:ask_date"]);
    // 0 goes back to the main menu, not to the language question
    expect((await engine.step(entered.state, "0", ctx)).state.node).toBe(NODES.main);
    // a section this build does not have: "not available yet — Línea 101", never a crash or silence
    const missing = await engine.enter(engine.initialState("es"), { enter: "complaints.start" }, ctx);
    expect(missing.reply.messages.map((m) => m.key)).toEqual(["common:unavailable"]);
  });

  it("a new person is asked the language first, and nothing else works until they choose", async () => {
    const { state, reply } = await run(["00", "5"], engine.initialState(null));
    expect(state.node).toBe(NODES.language);
    expect(reply.messages.map((m) => m.key)).toEqual(["common:errors.option", "common:language.first"]);
    const chosen = await engine.step(state, "2", ctx);
    expect(chosen.state).toMatchObject({ lang: "qu", node: NODES.main, stack: [] });
  });

  it("before a language is chosen, the command words (MENU, AYUDA, IDIOMA) show the language question again, not \"invalid option\"", async () => {
    for (const word of ["MENU", "ayuda", "Idioma"]) {
      const { state, reply } = await run([word], engine.initialState(null));
      expect(state.node).toBe(NODES.language);
      expect(reply.messages.map((m) => m.key), word).toEqual(["common:language.first"]);
    }
  });

  it("an empty answer where typing is expected asks to type it, not to \"press an option\"", () => {
    for (const kind of ["dni", "date", "digits", "text"] as const) {
      expect(validateInput(kind, "  "), kind).toEqual({ ok: false, hint: { key: "common:errors.empty_answer" } });
    }
  });

  it("pages long choice lists with 98 and numbers each page from 1", async () => {
    const { reply } = await run(["1", "98"]);
    expect(reply.options.map((o) => o.label.key)).toEqual(["t:item4", "t:item5", "t:item6"]);
    expect(reply.nav.more).toBe(true);
    const picked = await engine.step((await run(["1", "98"])).state, "2", ctx);
    expect(picked.state.data.picked).toBe(5);
  });

  it("98 on the last page says there is no more (not 'invalid option'), and the page stays", async () => {
    const last = await run(["1", "98", "98"]);
    expect(last.reply.nav.more).toBe(false);
    const again = await engine.step(last.state, "98", ctx);
    expect(again.reply.messages[0]).toEqual({ key: "common:errors.last_page" });
    expect(again.state).toMatchObject({ node: "programs.list", page: 2 });
    expect(again.reply.options.map((o) => o.label.key)).toEqual(last.reply.options.map((o) => o.label.key));
    // the word MAS too (it used to be told "write your answer" on a screen of choices)
    const withMore = createEngine({ nodes: [...coreNodes, ...testNodes], keywords: { menu: ["MENU"], help: ["AYUDA"], language: ["IDIOMA"], exit: ["SALIR"], more: ["MAS"] } });
    const word = await withMore.step(last.state, "mas", ctx);
    expect(word.reply.messages[0]).toEqual({ key: "common:errors.last_page" });
    expect(word.state).toMatchObject({ node: "programs.list", page: 2 });
  });

  it("0 goes back a page before it goes back a screen; 00 clears the way back", async () => {
    const paged = await run(["1", "98", "98", "0"]);
    expect(paged.state).toMatchObject({ node: "programs.list", page: 1 });
    const home = await run(["1", "98", "1", "00"]);
    expect(home.state).toMatchObject({ node: NODES.main, stack: [], page: 0 });
  });

  it("validates typed input by kind and keeps what was given", async () => {
    const bad = await run(["1", "1", "1234"]);
    expect(bad.reply.messages[0]).toEqual({ key: "common:errors.dni" });
    expect(bad.state.node).toBe("t.dni");
    const date = await run(["1", "1", "12.345.678", "31021950"]);
    expect(date.reply.messages[0]).toEqual({ key: "common:errors.date" });
    expect(date.state.data).toMatchObject({ picked: 1, dni: "12345678" });
    const done = await run(["1", "1", "12345678", "21/04/1950"]);
    expect(done.reply).toMatchObject({ end: true, messages: [{ key: "t:done", params: { date: "1950-04-21" } }] });
  });

  it("a future birth date is refused", async () => {
    const { reply } = await run(["1", "1", "12345678", "01012030"]);
    expect(reply.messages[0]).toEqual({ key: "common:errors.date" });
  });

  it("changing language returns to the same screen", async () => {
    const { state } = await run(["1", "1", "9", "3"]);
    expect(state).toMatchObject({ lang: "ay", node: "t.dni" });
  });

  it("keywords work on any screen, accents and case ignored", async () => {
    expect((await run(["1", "ayuda"])).state.node).toBe(NODES.help);
    expect((await run(["1", " Salir "])).reply.end).toBe(true);
  });

  it("a flow that is not registered says so instead of failing", async () => {
    const { reply, state } = await run(["2"]);
    expect(state.node).toBe("eligibility.start");
    expect(reply.messages).toEqual([{ key: "common:unavailable" }]);
    expect(reply.nav).toMatchObject({ back: true, home: true });
  });

  it("never mutates the state it was given", async () => {
    const before = engine.initialState("es");
    const frozen = structuredClone(before);
    await engine.step(before, "1", ctx);
    expect(before).toEqual(frozen);
  });
});
