import { z } from "zod";
import { toE164 } from "../shared/phone";

/** A USSD gateway callback (Africa's Talking convention), normalized. */
export interface UssdRequest {
  sessionId: string;
  serviceCode: string;
  phone: string; // E.164
  networkCode: string | null;
  /** every input of this session so far; `text` = inputs joined by `*`, empty on the first request */
  history: string[];
}

export type ParseResult = { ok: true; request: UssdRequest } | { ok: false; field: string; message: string };

// longest `text` accepted: far beyond any keypad session, small enough to refuse abuse
export const MAX_TEXT = 5000;

const FIELDS = ["sessionId", "serviceCode", "phoneNumber", "networkCode", "text"] as const;

const formSchema = z.object({
  sessionId: z.string().trim().min(1, "required").max(200, "too long"),
  serviceCode: z.string().trim().min(1, "required").max(40, "too long"),
  phoneNumber: z.string().trim().min(1, "required"),
  networkCode: z.string().trim().max(20).optional(),
  text: z.string().max(MAX_TEXT, `longer than ${MAX_TEXT} characters`).optional(),
});

/**
 * Parses the gateway's form body. `URLSearchParams` on the raw text is measured twice as
 * fast as Hono's `parseBody()` (TOOLCHAIN.md), and this is the hottest route.
 */
export function parseUssdForm(body: string): ParseResult {
  const form = new URLSearchParams(body);
  const raw: Record<string, string> = {};
  for (const k of FIELDS) {
    const value = form.get(k);
    if (value !== null) raw[k] = value;
  }
  const parsed = formSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "body");
    return { ok: false, field, message: raw[field] === undefined ? "required" : issue.message };
  }
  const phone = toE164(parsed.data.phoneNumber);
  if (!phone) return { ok: false, field: "phoneNumber", message: "not a valid phone number" };
  const text = parsed.data.text ?? "";
  return {
    ok: true,
    request: {
      sessionId: parsed.data.sessionId,
      serviceCode: parsed.data.serviceCode,
      phone,
      networkCode: parsed.data.networkCode || null,
      history: text === "" ? [] : text.split("*"),
    },
  };
}
