// Issue 15: with USSD_CHARSET=ucs2, USSD_MAX_CHARS is the operator's UCS-2 limit (often ~80).
// Every reply of every flow, in every language, with every hint, must reach the person whole
// over screens of that size, each reachable with 98: nothing is cut.
import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { walkScreens } from "../support/walk-screens";
import { renderUssdScreen, ussdViews } from "../../src/channels/ussd/render";
import { storeFailedScreen, ussdProfile } from "../../src/channels/ussd/routes";
import { endReply } from "../../src/domain/messages";
import { END_SCREEN } from "../../src/engine/engine";
import type { Reply, SessionState } from "../../src/engine/types";

const words = (s: string) => s.replace(/^(CON|END) /gm, "").split(/\s+/).filter(Boolean);

describe("USSD at an operator's UCS-2 limit: replies over several screens, nothing cut", async () => {
  const { ctx } = makeTestApp();
  const context = ctx();
  const notices = ["common:errors.option", "common:errors.empty", "common:errors.dni", "common:errors.date", "common:errors.too_long", "common:restarted"];
  const withNotice = (reply: Reply, key: string | null): Reply => (key ? { ...reply, messages: [{ key, params: { max: 160 } }, ...reply.messages] } : reply);

  for (const maxChars of [80, 70]) {
    const options = { charset: "ucs2" as const, maxChars };
    const profile = ussdProfile(context.i18n, options);
    const screens = await walkScreens(context, profile, 4000, 6);

    it(`${maxChars}: the walk turns the screens of long replies (98) in all three languages`, () => {
      for (const lang of ["es", "qu", "ay"]) {
        const turned = screens.filter((s) => s.lang === lang && (s.reply.view?.index ?? 0) > 0);
        expect(turned.length, lang).toBeGreaterThan(10);
        const nodes = new Set(screens.filter((s) => s.lang === lang).map((s) => s.state.node));
        for (const node of ["main", "programs.detail", "help", "eligibility.results"]) expect(nodes, `${lang}:${node}`).toContain(node);
      }
    });

    it(`${maxChars}: a closing (END) reply too long for one screen goes on (CON) with 98 until its last screen, which ends`, async () => {
      // a conversation that ended on two messages (the walk stops before a flow's own end)
      const stepCtx = { now: context.now(), channel: profile, services: context.services };
      let state: SessionState = { ...context.engine.initialState("qu"), ended: true, data: { [END_SCREEN]: [{ key: "common:unavailable" }, { key: "common:goodbye" }] } };
      let reply = await context.engine.render(state, stepCtx);
      expect(reply.end).toBe(true);
      expect(reply.view?.count).toBeGreaterThan(1);
      for (let k = 0; k < reply.view!.count; k++) {
        const body = renderUssdScreen(reply, context.i18n, options).body;
        expect(body.length).toBeLessThanOrEqual(maxChars);
        expect(body.startsWith(k < reply.view!.count - 1 ? "CON " : "END "), body).toBe(true);
        if (k < reply.view!.count - 1) ({ state, reply } = await context.engine.step(state, "98", stepCtx));
      }
    });

    it(`${maxChars}: a turn that could not be stored ends on one screen that fits, in every language, with Línea 101`, () => {
      for (const lang of ["es", "qu", "ay"] as const)
        for (const key of ["common:save_failed", "complaints:done.failed"]) {
          const screen = storeFailedScreen(endReply(lang, [{ key }]), context.i18n, options);
          expect(screen.truncated, `${lang} ${key}`).toBe(false);
          expect(screen.body.length).toBeLessThanOrEqual(maxChars);
          expect(screen.body).toMatch(/^END .*Línea 101/s);
        }
    });

    it(`${maxChars}: every screen, with and without every hint, fits and every word of the reply is on one of its screens`, () => {
      const failures: string[] = [];
      for (const { reply, state } of screens) {
        for (const key of [null, ...notices]) {
          const shown = withNotice(reply, key);
          const views = ussdViews(shown, context.i18n, options);
          const where = `${reply.lang} ${state.node}#${state.page}${key ? ` + ${key}` : ""}`;
          for (const v of views) if (v.length > maxChars) failures.push(`${where} (${v.length}): ${v}`);
          // the reply's own words, in order, over its screens (the "98 …" added to all but the last aside)
          const whole = words(renderUssdScreen(shown, context.i18n, { ...options, maxChars: 10_000 }).body);
          const more = words(`98 ${context.i18n.t(reply.lang, "common:nav.more")}`);
          const over = views.flatMap((v, k) => {
            const w = words(v);
            return k < views.length - 1 ? w.slice(0, w.length - more.length) : w;
          });
          if (over.join(" ") !== whole.join(" ")) failures.push(`${where}: ${JSON.stringify(views)} vs ${whole.join(" ")}`);
          // all but the last screen go on (CON) and end in 98
          views.slice(0, -1).forEach((v) => {
            if (!v.startsWith("CON ") || !v.endsWith(more.join(" "))) failures.push(`${where}: a screen without 98: ${v}`);
          });
        }
        // what the engine says is showing is what the renderer shows
        const body = renderUssdScreen(reply, context.i18n, options);
        if (body.truncated || body.body.length > maxChars) failures.push(`${reply.lang} ${state.node}: rendered ${body.body.length}`);
      }
      expect(failures.slice(0, 20)).toEqual([]);
    });
  }
});
