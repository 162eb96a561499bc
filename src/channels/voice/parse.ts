import { z } from "zod";
import { toE164 } from "../shared/phone";

/** One request of a call, normalized from either provider (the raw form kept for logs and tests). */
export interface CallEvent {
  provider: "twilio" | "africastalking";
  /** Twilio `CallSid`, Africa's Talking `sessionId`: constant for the whole call */
  callId: string;
  /** the person on the call in E.164 (on a callback we placed: the number called); null when hidden */
  caller: string | null;
  /** keys pressed for the last prompt; null when none came (the call's first request, a redirect) */
  digits: string | null;
  /** false: the call is over (Twilio `CallStatus` completed/busy/failed/no-answer; AT `isActive=0`) */
  active: boolean;
  /** after a `<Record>`: where the provider keeps the recording */
  recordingUrl: string | null;
  /** AT's final notification: the call's length */
  durationSeconds: number | null;
  raw: URLSearchParams;
}

export type CallParse = { ok: true; event: CallEvent } | { ok: false; field: string; message: string };

// Keys the keypad can send; anything longer than this is a stuck key or abuse, kept as a wrong key
const MAX_DIGITS = 64;
const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

const personOf = (raw: string | null) => (raw ? toE164(raw) : null);

/** What a person pressed, kept to the keys a keypad has; a value no keypad sends counts as a wrong key ("x"). */
function keys(raw: string | null): string | null {
  if (raw === null) return null;
  const trimmed = raw.trim();
  if (trimmed.length > MAX_DIGITS || !/^[0-9*#]*$/.test(trimmed)) return "x";
  return trimmed;
}

const twilioSchema = z.object({
  // Twilio sends CA + 32 hex digits; its own documentation signs shorter ones (CA1234567890ABCDE):
  // the signature says who calls, the id only has to be a usable key
  CallSid: z.string().regex(/^CA[0-9A-Za-z]{1,64}$/, "CA followed by letters or digits (at most 64)"),
  From: z.string().max(40).optional(),
  CallStatus: z.string().max(20).optional(),
});

export function parseTwilioCall(form: URLSearchParams): CallParse {
  const parsed = twilioSchema.safeParse({ CallSid: form.get("CallSid") ?? undefined, From: form.get("From") ?? undefined, CallStatus: form.get("CallStatus") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue.path[0]), message: issue.message };
  }
  const status = (parsed.data.CallStatus ?? "in-progress").toLowerCase();
  return {
    ok: true,
    event: {
      provider: "twilio",
      callId: parsed.data.CallSid,
      // a call we placed (a callback: Direction=outbound-api) has the person in `To`
      caller: personOf((form.get("Direction") ?? "").startsWith("outbound") ? form.get("To") : form.get("From")),
      digits: keys(form.get("Digits")),
      active: !ENDED.has(status),
      recordingUrl: form.get("RecordingUrl") || null,
      durationSeconds: form.has("CallDuration") ? Number(form.get("CallDuration")) || 0 : null,
      raw: form,
    },
  };
}

const atSchema = z.object({
  sessionId: z.string().trim().min(1, "required").max(200, "too long"),
  isActive: z.enum(["0", "1"], { message: "expected 0 or 1" }),
  callerNumber: z.string().max(40).optional(),
});

export function parseAfricasTalkingCall(form: URLSearchParams): CallParse {
  const parsed = atSchema.safeParse({ sessionId: form.get("sessionId") ?? undefined, isActive: form.get("isActive") ?? undefined, callerNumber: form.get("callerNumber") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue.path[0]), message: form.get(String(issue.path[0])) === null ? "required" : issue.message };
  }
  const duration = form.get("durationInSeconds");
  return {
    ok: true,
    event: {
      provider: "africastalking",
      callId: parsed.data.sessionId,
      caller: personOf(form.get("direction")?.toLowerCase() === "outbound" ? form.get("destinationNumber") : form.get("callerNumber")),
      digits: keys(form.get("dtmfDigits")),
      active: parsed.data.isActive === "1",
      recordingUrl: form.get("recordingUrl") || null,
      durationSeconds: duration === null ? null : Number(duration) || 0,
      raw: form,
    },
  };
}
