import { parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * A phone number as people and API clients write it (`987654321`, `+51 987 654 321`,
 * `0051…`) → E.164, or null. Services may not import channel code, so this is the
 * complaints' own small wrapper over libphonenumber-js (Peru as the default region).
 */
export function phoneToE164(raw: string): string | null {
  const cleaned = raw.trim().replace(/^00/, "+");
  if (!/^\+?[\d\s().-]{6,20}$/.test(cleaned)) return null;
  const digits = cleaned.replace(/\D/g, "");
  const candidate = cleaned.startsWith("+") ? cleaned : digits.length === 11 && digits.startsWith("51") ? `+${digits}` : cleaned;
  const parsed = parsePhoneNumberFromString(candidate, "PE");
  return parsed && parsed.isValid() ? parsed.number : null;
}
