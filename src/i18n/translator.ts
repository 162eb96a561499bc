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
  // most screens are made of fixed strings: translate each (language, key) once
  const plain = new Map<string, string>();
  return {
    t: (lang, key, params) => {
      if (params) return fixed.get(lang)!(key, params as never) as unknown as string;
      const cacheKey = `${lang}\u0000${key}`;
      let text = plain.get(cacheKey);
      if (text === undefined) plain.set(cacheKey, (text = fixed.get(lang)!(key) as unknown as string));
      return text;
    },
    has: (lang, key) => instance.exists(key, { lng: lang, fallbackLng: false } as never),
    all: (key) => LANGS.map((l) => fixed.get(l)!(key) as unknown as string),
  };
}
