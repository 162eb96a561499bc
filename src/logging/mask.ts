/**
 * Personal identifiers never reach the logs. Known fields are masked by name, and any
 * string is scrubbed of digit runs that look like a DNI (8 digits) or a phone number.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 4) return "***";
  return `${phone.startsWith("+") ? "+" : ""}${"*".repeat(Math.max(0, digits.length - 3))}${digits.slice(-3)}`;
}

export function maskDni(dni: string): string {
  return dni.length <= 2 ? "**" : `******${dni.slice(-2)}`;
}

// 8+ digits (DNI, phones with or without +51, URNs) anywhere inside a string
const LONG_DIGITS = /\+?\d[\d ]{6,}\d/g;

// our own ids (outbox rows, sessions) are random UUIDs: a digit run inside one is not a person's
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function scrubText(text: string): string {
  if (UUID.test(text)) return text;
  return text.replace(LONG_DIGITS, (m) => {
    const digits = m.replace(/\D/g, "");
    return digits.length >= 8 ? `${m.startsWith("+") ? "+" : ""}***${digits.slice(-2)}` : m;
  });
}

const SENSITIVE_KEYS = /^(dni|phone|phoneNumber|from|to|address|urn|msisdn|birthDate|birth_date|name|names|firstNames|lastNames|email|text|body|description)$/i;

/** Deep copy of a log record with sensitive fields masked and strings scrubbed. */
export function scrubRecord(value: unknown, depth = 0): unknown {
  if (depth > 6) return "[deep]";
  if (typeof value === "string") return scrubText(value);
  if (Array.isArray(value)) return value.map((v) => scrubRecord(v, depth + 1));
  if (value && typeof value === "object") {
    if (value instanceof Error) return scrubError(value, depth);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SENSITIVE_KEYS.test(k) && v != null ? (typeof v === "string" ? `[masked:${v.length}]` : "[masked]") : scrubRecord(v, depth + 1);
    }
    return out;
  }
  return value;
}

/**
 * An error as a log field: its name, SQLite/D1 code, message and call frames, and its cause. A
 * query error from drizzle (every failed query on D1: `DrizzleQueryError`) carries "params: <every
 * value bound>" in its message and stack — a reporter's name, birth date, a complaint's words —
 * which no digit scrub catches, so the bound values are cut and the stack keeps only its frames
 * (session 8 review). The SQL text itself has placeholders only and stays.
 */
function scrubError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: scrubText(withoutParams(error.message)) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") out.code = code;
  if (error.stack) out.stack = scrubText(error.stack.split("\n").filter((line) => /^\s+at /.test(line)).join("\n"));
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== null) out.cause = scrubRecord(cause, depth + 1);
  return out;
}

const PARAMS = /\nparams: [\s\S]*$/;
const withoutParams = (message: string) => message.replace(PARAMS, "\nparams: [withheld]");
