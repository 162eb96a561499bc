// Node-only: where each text appears and how much room it has on each channel, measured on the
// repository's own locales (the ones the app is built with) by walking every screen of every flow in every language through the engine (as the screen test does).
import { createContext } from "../app";
import { loadConfig } from "../config";
import { openNodeDatabase } from "../db/node";
import { silentLogger } from "../logging/logger";
import { renderUssdScreen, USSD_SCREEN_LIMIT } from "../channels/ussd/render";
import { USSD_PROFILE } from "../channels/ussd/routes";
import { WHATSAPP_LIMITS } from "../channels/whatsapp/render";
import { foldToGsm7 } from "../i18n/gsm7";
import type { Lang } from "../i18n/langs";
import { walkScreens } from "../i18n/walk-screens";
import { flattenKeys } from "../i18n/flatten";
import { resources } from "../i18n/resources";
import type { TextLimits } from "../i18n/review";

/** one SMS part as the SMS channel sends it: 2 GSM-7 segments of 153 characters */
export const SMS_PART_CHARS = 2 * 153;

export type TextUsage = Map<string, TextLimits>;

/**
 * For every key: the flow screens (nodes) that show it, and per language the most characters the
 * text may have (GSM-7 folded, placeholders as rendered) before its fullest USSD screen passes
 * 182 characters. Texts not on a USSD screen (SMS notices, web, staff) get no USSD limit.
 */
export async function measureTextUsage(): Promise<TextUsage> {
  const database = openNodeDatabase(":memory:");
  try {
    const { config } = loadConfig({ NODE_ENV: "test" });
    const ctx = createContext({ db: database.db, config, logger: silentLogger });
    const screens = await walkScreens(ctx, USSD_PROFILE);
    const usage: TextUsage = new Map();
    const texts = { es: flattenKeys(resources.es), qu: flattenKeys(resources.qu), ay: flattenKeys(resources.ay) };
    const entry = (key: string) => {
      let e = usage.get(key);
      if (!e) usage.set(key, (e = { screens: [], ussd: {}, ussdRaw: {}, sms: SMS_PART_CHARS, whatsapp: WHATSAPP_LIMITS.body }));
      return e;
    };
    for (const { reply, state } of screens) {
      const body = renderUssdScreen(reply, ctx.i18n, { charset: "gsm7", maxChars: 10_000 }).body;
      const headroom = USSD_SCREEN_LIMIT - body.length;
      const shown = [
        ...reply.messages.map((m) => ({ ...m, option: false })),
        ...reply.options.map((o) => ({ ...o.label, option: true })),
        ...(reply.nav.more ? [{ key: "common:nav.more", option: true }] : []),
        ...(reply.nav.back ? [{ key: "common:nav.back", option: true }] : []),
        ...(reply.nav.home ? [{ key: "common:nav.home", option: true }] : []),
      ];
      for (const m of shown) {
        const e = entry(m.key);
        if (!e.screens.includes(state.node)) e.screens.push(state.node);
        // an option becomes a WhatsApp list row: its whole label fits the row's description
        if (m.option) e.whatsapp = Math.min(e.whatsapp, WHATSAPP_LIMITS.rowDescription);
        const lang = reply.lang as Lang;
        const rendered = foldToGsm7(ctx.i18n.t(lang, m.key, "params" in m ? m.params : undefined)).length;
        const raw = foldToGsm7(texts[lang].get(m.key) ?? "").length;
        e.ussd[lang] = Math.min(e.ussd[lang] ?? Infinity, rendered + headroom);
        // placeholders cannot change in an import, so the text as written may grow by the same headroom
        e.ussdRaw[lang] = Math.min(e.ussdRaw[lang] ?? Infinity, raw + headroom);
      }
    }
    // every text has the SMS and WhatsApp limits, on a screen or not (notices, web)
    for (const key of texts.es.keys()) entry(key);
    entry("whatsapp:list_button").whatsapp = WHATSAPP_LIMITS.listButton;
    for (const e of usage.values()) e.screens.sort();
    return usage;
  } finally {
    database.sqlite.close();
  }
}
