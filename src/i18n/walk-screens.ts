// Node and tests: the screen walker, shared by test/i18n/screens.test.ts and npm run i18n:export (where each text appears, how much room it has).
import type { ChannelProfile } from "../engine/types";
import type { AppContext } from "../app";
import type { InputKind, Reply, SessionState } from "../engine/types";
import { LANGS, type Lang } from "./langs";

/** Sample answers the walker types into input screens, by kind. */
export const SAMPLE_INPUTS: Record<Exclude<InputKind, "choice">, string[]> = {
  dni: ["12345678"],
  date: ["21041950"],
  digits: ["1"],
  // the second is longer than USSD takes (120): the kept-text pages are walked too
  text: ["prueba", "No me pagaron el mes de octubre ni el de noviembre y en la agencia del Banco de la Nacion me dicen que vuelva otro dia pero vivo muy lejos"],
};

export interface VisitedScreen {
  lang: Lang;
  state: SessionState;
  reply: Reply;
}

/**
 * Explores every screen reachable from the main menu through the engine itself, in every
 * language: choices, pages and sample inputs. New flows are covered without new tests.
 *
 * A screen (node and page) is explored with at most `variantsPerScreen` different session
 * data: the district picker alone has 1,892 districts and a questionnaire multiplies its
 * answers, so without a cap one flow would use up the budget. Exhaustive checks of such
 * lists live in their own tests (test/engine/district-picker.test.ts). `limit` is per language.
 */
export async function walkScreens(
  ctx: AppContext,
  channel: ChannelProfile,
  limit = 4000,
  variantsPerScreen = 12,
): Promise<VisitedScreen[]> {
  const stepCtx = { now: ctx.now(), channel, services: ctx.services };
  const seen = new Set<string>();
  const screens: VisitedScreen[] = [];
  for (const lang of LANGS) {
    const queue: SessionState[] = [ctx.engine.initialState(null), ctx.engine.initialState(lang)];
    const variants = new Map<string, number>();
    const stop = screens.length + limit;
    while (queue.length && screens.length < stop) {
      const state = queue.shift()!;
      const key = `${lang}|${state.lang}|${state.node}|${state.page}|${JSON.stringify(state.data)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const screen = `${state.lang}|${state.node}|${state.page}`;
      const count = variants.get(screen) ?? 0;
      if (count >= variantsPerScreen) continue;
      variants.set(screen, count + 1);
      const reply = await ctx.engine.render(state, stepCtx);
      screens.push({ lang, state, reply });
      const inputs = reply.input === "choice" || reply.input === null ? reply.options.map((o) => o.id) : SAMPLE_INPUTS[reply.input];
      // 98: the next page, or the next screen of a reply longer than the channel's screen
      if (reply.nav.more || (reply.view && reply.view.index < reply.view.count - 1)) inputs.push("98");
      for (const input of inputs) {
        const next = await ctx.engine.step(state, input, stepCtx);
        if (next.reply.end) {
          screens.push({ lang, state: next.state, reply: next.reply });
          continue;
        }
        // stay in this walk's language: a language change is walked from its own root
        if (next.state.lang !== lang && next.state.lang !== null) continue;
        queue.push(next.state);
      }
    }
  }
  return screens;
}
