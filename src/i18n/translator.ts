import i18next, { type i18n } from "i18next";
import { LANGS, type Lang } from "./langs";
import { resources as defaultResources, type Namespace } from "./resources";

export type Params = Record<string, string | number>;

/** What the rest of the app needs from i18n: a key in a language, with parameters. */
export interface Translator {
  t(lang: Lang, key: string, params?: Params): string;
  has(lang: Lang, key: string): boolean;
  /** every value of a key across the three languages (e.g. command keywords) */
  all(key: string): string[];
}

const CACHE_LIMIT = 20_000;

/** One i18next instance per app (no global singleton), initialised synchronously from bundled JSON. */
export function createTranslator(resources: Record<Lang, Record<string, Namespace>> = defaultResources): Translator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources: resources as never,
    lng: "es",
    fallbackLng: "es",
    supportedLngs: [...LANGS],
    ns: Object.keys(resources.es),
    defaultNS: "common",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as never);
  const fixed = new Map<Lang, ReturnType<i18n["getFixedT"]>>(LANGS.map((l) => [l, instance.getFixedT(l)]));
  // Screens repeat: translate each (language, key, parameters) once. i18next's interpolation
  // and nesting were the largest cost of a USSD step (bench/ussd-step.ts). Bounded, in memory only.
  const cache = new Map<string, string>();
  return {
    t: (lang, key, params) => {
      const cacheKey = params ? `${lang}\u0000${key}\u0000${JSON.stringify(params)}` : `${lang}\u0000${key}`;
      let text = cache.get(cacheKey);
      if (text === undefined) {
        text = fixed.get(lang)!(key, params as never) as unknown as string;
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(cacheKey, text);
      }
      return text;
    },
    has: (lang, key) => instance.exists(key, { lng: lang, fallbackLng: false } as never),
    all: (key) => LANGS.map((l) => fixed.get(l)!(key) as unknown as string),
  };
}
