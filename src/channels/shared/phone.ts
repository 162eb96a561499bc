import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A gateway's phone number → E.164 (`+51987654321`). Peruvian numbers arrive as `987654321`,
 * `51987654321`, `+51 987 654 321` or `0051…`; foreign numbers keep their own country.
 */
export function toE164(raw: string): string | null {
  const cleaned = raw.trim().replace(/^00/, "+");
  if (!/^\+?[\d\s().-]{6,20}$/.test(cleaned)) return null;
  const digits = cleaned.replace(/\D/g, "");
  const candidate = cleaned.startsWith("+") ? cleaned : digits.length === 11 && digits.startsWith("51") ? `+${digits}` : cleaned;
  const parsed = parsePhoneNumberFromString(candidate, "PE");
  return parsed && parsed.isValid() ? parsed.number : null;
}

export const telUrn = (e164: string) => `tel:${e164}`;
