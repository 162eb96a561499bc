import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A gateway's phone number → E.164 (`+51987654321`). Peruvian numbers arrive as `987654321`,
 * `51987654321`, `+51 987 654 321` or `0051…`; foreign numbers keep their own country.
 */
export function toE164(raw: string): string | null {
  // a USSD session sends the same number on every keypress: parse each distinct form once
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const result = parseE164(raw);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(raw, result);
  return result;
}

const CACHE_LIMIT = 50_000;
const cache = new Map<string, string | null>();

function parseE164(raw: string): string | null {
  const cleaned = raw.trim().replace(/^00/, "+");
  if (!/^\+?[\d\s().-]{6,20}$/.test(cleaned)) return null;
  const digits = cleaned.replace(/\D/g, "");
  const candidate = cleaned.startsWith("+") ? cleaned : digits.length === 11 && digits.startsWith("51") ? `+${digits}` : cleaned;
  const parsed = parsePhoneNumberFromString(candidate, "PE");
  return parsed && parsed.isValid() ? parsed.number : null;
}

export const telUrn = (e164: string) => `tel:${e164}`;
