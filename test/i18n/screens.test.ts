import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { walkScreens } from "../support/walk-screens";
import { renderUssdScreen, USSD_SCREEN_LIMIT } from "../../src/channels/ussd/render";
import { USSD_PROFILE } from "../../src/channels/ussd/routes";

describe("every screen of every flow, in every language", async () => {
  const { ctx } = makeTestApp();
  const context = ctx();
  const screens = await walkScreens(context, USSD_PROFILE);

  it("reaches the menus, program pages and help in all three languages", () => {
    const nodes = new Set(screens.map((s) => `${s.lang}:${s.state.node}`));
    for (const lang of ["es", "qu", "ay"]) {
      for (const node of ["language", "main", "programs.list", "programs.detail", "help", "eligibility.start", "eligibility.q.age", "eligibility.results", "eligibility.detail"]) expect(nodes, `${lang}:${node}`).toContain(`${lang}:${node}`);
    }
  });

  it("uses only keys that exist in the screen's language", () => {
    const missing = new Set<string>();
    for (const { reply } of screens) {
      for (const m of [...reply.messages, ...reply.options.map((o) => o.label)]) {
        if (!context.i18n.has(reply.lang, m.key)) missing.add(`${reply.lang}:${m.key}`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it(`fits one USSD screen (≤ ${USSD_SCREEN_LIMIT} characters, CON/END included) without truncation`, () => {
    const tooLong = screens
      .map(({ reply, state }) => ({ node: state.node, page: state.page, lang: reply.lang, screen: renderUssdScreen(reply, context.i18n) }))
      .filter((s) => s.screen.truncated || s.screen.body.length > USSD_SCREEN_LIMIT)
      .map((s) => `${s.lang} ${s.node}#${s.page} (${s.screen.body.length}): ${s.screen.body}`);
    expect(tooLong).toEqual([]);
  });

  it("fits with the restart notice above the first screens (an unknown gateway sessionId mid-menu)", () => {
    const tooLong: string[] = [];
    for (const { reply, state } of screens) {
      if (state.node !== "main" && state.node !== "language") continue;
      const body = renderUssdScreen({ ...reply, messages: [{ key: "common:restarted" }, ...reply.messages] }, context.i18n);
      if (body.truncated) tooLong.push(`${reply.lang} ${state.node} (${body.body.length}): ${body.body}`);
    }
    expect(tooLong).toEqual([]);
  });

  it("also fits with an error hint above the prompt", () => {
    // the hints each kind of screen can show (see validateInput and the engine's choice handling)
    const hintsFor: Record<string, string[]> = {
      choice: ["common:errors.option", "common:errors.empty"],
      dni: ["common:errors.dni", "common:errors.empty_answer"],
      date: ["common:errors.date", "common:errors.empty_answer"],
      digits: ["common:errors.digits", "common:errors.empty_answer"],
      text: ["common:errors.too_long", "common:errors.empty_answer"],
    };
    const tooLong: string[] = [];
    for (const { reply, state } of screens) {
      if (reply.end || !reply.input) continue;
      for (const key of hintsFor[reply.input]) {
        const body = renderUssdScreen({ ...reply, messages: [{ key, params: { max: 160 } }, ...reply.messages] }, context.i18n);
        if (body.truncated) tooLong.push(`${reply.lang} ${state.node}#${state.page} + ${key}`);
      }
    }
    // information pages are already full; the hint may cut their text, never their options
    expect(tooLong.filter((s) => !s.includes("programs.detail") && !s.includes("eligibility.detail") && !s.includes(" help"))).toEqual([]);
  });
});
