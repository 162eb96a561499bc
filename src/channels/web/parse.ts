import { z } from "zod";
import { LANGS, type Lang } from "../../i18n/langs";
import { SESSION_ID_PATTERN } from "./session-id";

/** One request of the web chat, normalized. */
export interface ChatRequest {
  sessionId: string | null;
  /** what goes to the engine: the typed text, or the id of the option pressed */
  input: string | undefined;
  lang: Lang | null;
  /** the client's count of inputs sent before this one (retry safety); optional */
  seq: number | null;
}

export type ChatParse = { ok: true; request: ChatRequest } | { ok: false; field: string; message: string };

// long enough for a complaint's description; anything longer is refused at the edge
export const MAX_CHAT_TEXT = 2000;

/** `POST /api/v1/chat`'s body: validates the request and is its OpenAPI description. */
export const chatRequestSchema = z.object({
  sessionId: z.string().regex(SESSION_ID_PATTERN, "not a session id issued by this service").optional(),
  text: z.string().max(MAX_CHAT_TEXT, `longer than ${MAX_CHAT_TEXT} characters`).optional(),
  // an option id as given in `reply.options` (digits, e.g. "2", "98", "00")
  choice: z.string().regex(/^\d{1,3}$/, "not an option id").optional(),
  lang: z.enum(LANGS, { message: `one of ${LANGS.join(", ")}` }).optional(),
  // an addition to the contract: a retried request carries the same seq and is not applied twice
  seq: z.number({ message: "must be a whole number" }).int("must be a whole number").min(0, "must be 0 or more").max(1_000_000, "too large").optional(),
});

/**
 * Parses `POST /api/v1/chat`. `null` fields count as absent (a widget may send them), unknown
 * fields are ignored; `text` and `choice` together are refused (which one did the person mean?).
 */
export function parseChatBody(raw: string): ChatParse {
  let json: unknown;
  try {
    json = raw.trim() === "" ? {} : JSON.parse(raw);
  } catch {
    return { ok: false, field: "body", message: "not valid JSON" };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { ok: false, field: "body", message: "must be a JSON object" };
  const cleaned = Object.fromEntries(Object.entries(json).filter(([, v]) => v !== null));
  const parsed = chatRequestSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, field: String(issue.path[0] ?? "body"), message: issue.code === "invalid_type" && issue.path[0] !== "seq" ? "must be a string" : issue.message };
  }
  const { sessionId, text, choice, lang, seq } = parsed.data;
  if (text !== undefined && choice !== undefined) return { ok: false, field: "choice", message: "send either text or choice, not both" };
  return { ok: true, request: { sessionId: sessionId ?? null, input: choice ?? text, lang: lang ?? null, seq: seq ?? null } };
}
