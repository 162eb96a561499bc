import { z } from "zod";

/**
 * Meta's `whatsapp_business_account` webhook body (Cloud API), normalized into events.
 * One POST may hold several entries, each with several changes, each with several messages
 * or statuses. Unknown fields are ignored; each message and status is checked on its own, so
 * one odd item never costs the others.
 */

export type InboundKind = "text" | "button_reply" | "list_reply" | "button";

export type WhatsAppEvent =
  /** something the engine can read: typed text, or the id of a button/list row the person tapped */
  | {
      kind: "message";
      via: InboundKind;
      id: string;
      from: string;
      sentAt: number;
      text: string;
      phoneNumberId: string;
      /** a tap on one of our messages: that message's id (`context.id`) */
      answers?: string;
    }
  /** a photo, voice note, sticker, location…: answered politely, never read */
  | { kind: "unsupported"; type: string; id: string; from: string; sentAt: number; phoneNumberId: string }
  /** a delivery report about a message we sent */
  | { kind: "status"; providerId: string; status: "sent" | "delivered" | "read" | "failed"; at: number; error?: string; phoneNumberId: string };

export type ParseResult = { ok: true; events: WhatsAppEvent[]; skipped: number } | { ok: false; issue: string };

const timestamp = z.union([z.string().regex(/^\d{1,12}$/), z.number().int().nonnegative()]).transform((v) => Number(v) * 1000);
// wa_id: the person's number in international form without "+"
const waId = z.string().regex(/^\d{6,20}$/);

const messageSchema = z.object({
  from: waId,
  id: z.string().min(1).max(500),
  timestamp,
  type: z.string().min(1),
  context: z.object({ id: z.string().optional(), from: z.string().optional() }).optional(),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string().min(1), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string().min(1), title: z.string(), description: z.string().optional() }).optional(),
    })
    .optional(),
  // a quick-reply button of a template message
  button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
});

const statusSchema = z.object({
  id: z.string().min(1).max(500),
  status: z.string(),
  timestamp,
  recipient_id: z.string().optional(),
  errors: z
    .array(z.object({ code: z.number().int(), title: z.string().optional(), message: z.string().optional(), error_data: z.object({ details: z.string().optional() }).optional() }))
    .optional(),
});

const envelopeSchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      id: z.string(),
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            messaging_product: z.literal("whatsapp").optional(),
            metadata: z.object({ phone_number_id: z.string().min(1), display_phone_number: z.string().optional() }).optional(),
            messages: z.array(z.unknown()).optional(),
            statuses: z.array(z.unknown()).optional(),
          }),
        }),
      ),
    }),
  ),
});

// a reaction or a system notice (number changed) is not addressed to the menu: no answer
const SILENT_TYPES = new Set(["reaction", "system", "request_welcome", "ephemeral"]);
const STATUSES = new Set(["sent", "delivered", "read", "failed"]);

/** The raw body (already signature-checked) → events. */
export function parseWhatsAppWebhook(raw: string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, issue: "body is not JSON" };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, issue: `${issue.path.join(".") || "body"}: ${issue.message}` };
  }
  const events: WhatsAppEvent[] = [];
  let skipped = 0;
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      // other fields (account updates, template reviews) are not conversations
      if (change.field !== "messages") continue;
      const phoneNumberId = change.value.metadata?.phone_number_id ?? "";
      for (const item of change.value.messages ?? []) {
        const m = messageSchema.safeParse(item);
        if (!m.success) {
          skipped += 1;
          continue;
        }
        const event = toMessageEvent(m.data, phoneNumberId);
        if (event) events.push(event);
        else skipped += SILENT_TYPES.has(m.data.type) ? 0 : 1;
      }
      for (const item of change.value.statuses ?? []) {
        const s = statusSchema.safeParse(item);
        if (!s.success) {
          skipped += 1;
          continue;
        }
        if (!STATUSES.has(s.data.status)) continue; // "deleted", "warning": nothing to record
        const first = s.data.errors?.[0];
        const error = first ? [first.code, first.title ?? first.message, first.error_data?.details].filter(Boolean).join(" ") : undefined;
        events.push({ kind: "status", providerId: s.data.id, status: s.data.status as "sent", at: s.data.timestamp, error, phoneNumberId });
      }
    }
  }
  return { ok: true, events, skipped };
}

function toMessageEvent(m: z.infer<typeof messageSchema>, phoneNumberId: string): WhatsAppEvent | null {
  const base = { id: m.id, from: m.from, sentAt: m.timestamp, phoneNumberId };
  const answers = m.context?.id ? { answers: m.context.id } : {};
  if (m.type === "text" && m.text) return { kind: "message", via: "text", text: m.text.body, ...base };
  if (m.type === "interactive" && m.interactive?.type === "button_reply" && m.interactive.button_reply) {
    return { kind: "message", via: "button_reply", text: m.interactive.button_reply.id, ...base, ...answers };
  }
  if (m.type === "interactive" && m.interactive?.type === "list_reply" && m.interactive.list_reply) {
    return { kind: "message", via: "list_reply", text: m.interactive.list_reply.id, ...base, ...answers };
  }
  if (m.type === "button" && m.button) return { kind: "message", via: "button", text: m.button.text, ...base };
  if (SILENT_TYPES.has(m.type)) return null;
  return { kind: "unsupported", type: m.type, ...base };
}
