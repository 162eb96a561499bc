import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { NODES } from "../../src/engine/engine";
import type { Effect, Reply, SessionState } from "../../src/engine/types";
import { USSD_PROFILE } from "../../src/channels/ussd/routes";
import { LANGS } from "../../src/i18n/langs";
import { makeTestApp } from "../helpers/app";

// Golden transcripts: a scripted conversation per flow and language, straight through the
// engine (no channel, no conversation runner) → the replies and the effects, as JSON under
// test/golden/files/. `UPDATE_GOLDEN=1 npx vitest run test/golden` rewrites them; review the diff.
const HERE = dirname(fileURLToPath(import.meta.url));
const FILES = join(HERE, "files");
const LANG_DIGIT = { es: "1", qu: "2", ay: "3" } as const;

/** per flow (the main menu's targets): the keypresses after the language */
const SCRIPTS: Record<string, string[]> = {
  "programs.list": ["1", "1", "98", "0", "2"],
  "eligibility.start": ["2", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"],
  // a date that does not exist (a hint), then a real one read back in words (keypad), corrected,
  // typed again and confirmed: no such person in this empty registry, so the check fails and its
  // lookup.attempt effect carries the failure for the turn's write
  "lookup.start": ["3", "2", "0", "1", "1234567", "12345678", "31021990", "21041950", "2", "21041950", "1"],
  "complaints.start": ["4", "1", "1", "2", "1", "1", "3", "1", "1", "No me llega el pago", "12345678", "1", "1"],
  [NODES.language]: ["5", "2"],
  [NODES.help]: ["6", "AYUDA", "00"],
};

interface Step {
  input: string;
  node: string;
  reply: Pick<Reply, "messages" | "input" | "end"> & { options: string[]; nav: string };
  effects: Effect[];
}

async function transcript(flow: string, lang: (typeof LANGS)[number]): Promise<Step[]> {
  const { ctx, database } = makeTestApp();
  const context = ctx();
  const stepCtx = { now: Date.parse("2026-11-23T15:00:00Z"), channel: USSD_PROFILE, services: context.services, urn: "tel:+51987654321" };
  let state: SessionState = context.engine.initialState(null);
  const steps: Step[] = [];
  for (const input of [LANG_DIGIT[lang], ...SCRIPTS[flow]]) {
    const result = await context.engine.step(state, input, stepCtx);
    state = result.state;
    const nav = [result.reply.nav.more && "98", result.reply.nav.back && "0", result.reply.nav.home && "00"].filter(Boolean).join(" ");
    steps.push({
      input,
      node: state.node,
      reply: { messages: result.reply.messages, options: result.reply.options.map((o) => `${o.id} ${o.label.key}`), input: result.reply.input, end: result.reply.end, nav },
      effects: result.effects,
    });
  }
  // the engine never writes: the whole conversation left the database as it found it
  const written = database.sqlite.prepare("SELECT (SELECT count(*) FROM complaints) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM eligibility_counts) + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM lookup_throttle) AS n").get() as { n: number };
  expect(written.n).toBe(0);
  return steps;
}

describe("golden transcripts (engine only: replies and effects)", () => {
  it("every flow of the main menu has a transcript", async () => {
    const { ctx } = makeTestApp();
    const context = ctx();
    const main = context.engine.nodes.get(NODES.main)!;
    const choices = await main.choices!({ state: context.engine.initialState("es"), lang: "es", page: 0, ctx: { now: Date.now(), channel: USSD_PROFILE, services: context.services } });
    const targets = choices.map((c) => c.go).filter((go): go is string => typeof go === "string");
    expect(targets.length).toBe(choices.length);
    for (const target of targets) expect(Object.keys(SCRIPTS), `no golden transcript for ${target}`).toContain(target);
  });

  for (const flow of Object.keys(SCRIPTS)) {
    for (const lang of LANGS) {
      it(`${flow} in ${lang}`, async () => {
        const file = join(FILES, `${flow}.${lang}.json`);
        const steps = await transcript(flow, lang);
        const text = JSON.stringify(steps, null, 2) + "\n";
        if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
          if (process.env.CI) throw new Error(`missing golden file ${file}: run UPDATE_GOLDEN=1 npx vitest run test/golden`);
          mkdirSync(FILES, { recursive: true });
          writeFileSync(file, text);
        }
        expect(text).toBe(readFileSync(file, "utf8"));
      });
    }
  }
});
