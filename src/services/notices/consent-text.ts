import { resources } from "../../i18n/resources";
import type { Lang } from "../../i18n/langs";

/** The offer a person says yes to, per channel the notices go by (`notices:offer.*`). */
export const CONSENT_OFFER_KEY = { sms: "notices:offer.sms", whatsapp: "notices:offer.whatsapp" } as const;

/** The offer's text in one language, as stored in the locale files. */
export function consentOfferText(lang: Lang, key: string): string {
  const [ns, path] = key.split(":");
  let node: unknown = resources[lang][ns];
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== "string") throw new Error(`no consent text ${key} in ${lang}`);
  return node;
}

const versions = new Map<string, string>();

/**
 * The proof of what was read: the first 16 hex digits of the SHA-256 of the offer's text in the
 * person's language. A reworded offer gets a new version, so each consent names the exact words
 * the person agreed to (find them in the locale file's history by this hash).
 */
export async function consentTextVersion(lang: Lang, key: string): Promise<string> {
  const id = `${lang}:${key}`;
  const known = versions.get(id);
  if (known) return known;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(consentOfferText(lang, key)));
  const version = Array.from(new Uint8Array(digest, 0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
  versions.set(id, version);
  return version;
}
