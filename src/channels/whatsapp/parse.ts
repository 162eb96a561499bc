import { z } from "zod";

/**
 * Meta's `whatsapp_business_account` webhook body (Cloud API), normalized into events.
 * One POST may hold several entries, each with several changes, each with several messages
 * or statuses. Unknown fields are ignored; each message and status is checked on its own, so
 * one odd item never costs the others.
 */

export type InboundKind = "text" | "button_reply" | "list_reply" | "button" | "caption";

/**
 * Who wrote. Meta gives the phone (`from`, the wa_id: digits) and, since 2026, a business-scoped
 * user id (`from_user_id`, `US.1349…`); a person who adopted a username may come with the user id
 * alone (`from` absent, or the user id itself in `from`). At least one of the two is present.
 */
export interface Sender {
  /** international digits without "+", as Meta writes the wa_id */
  phone?: string;
  /** business-scoped user id (BSUID) */
  userId?: string;
}

/** A problem Meta reports in a webhook (`value.errors`, a message's or a status's `errors`). */
export interface ProviderError {
  code: number;
  /** title and details, as Meta wrote them (they never quote the person's number) */
  title: string;
}

export type WhatsAppEvent =
  /** something the engine can read: typed text, or the id of a button/list row the person tapped */
  | {
      kind: "message";
      via: InboundKind;
      id: string;
      sender: Sender;
      sentAt: number;
      text: string;
      phoneNumberId: string;
      /** a tap on one of our messages: that message's id (`context.id`) */
      answers?: string;
      /** `via: "caption"`: the photo, video or document the text was written under (never read) */
      media?: string;
      errors?: ProviderError[];
    }
  /** a photo, voice note, sticker, location, a type Meta cannot show us…: answered politely, never read */
  | { kind: "unsupported"; type: string; id: string; sender: Sender; sentAt: number; phoneNumberId: string; errors?: ProviderError[] }
  /** the person opened a chat with us for the first time (`request_welcome`): greeted with the first screen */
  | { kind: "welcome"; id: string; sender: Sender; sentAt: number; phoneNumberId: string }
  /** a message written in a WhatsApp group the business number is in: recorded, never answered */
  | { kind: "group"; id: string; sender: Sender; sentAt: number; phoneNumberId: string }
  /** a delivery report about a message we sent */
  | { kind: "status"; providerId: string; status: "sent" | "delivered" | "read" | "failed"; at: number; error?: string; errors?: ProviderError[]; phoneNumberId: string }
  /** an error Meta reports about the webhook itself (`value.errors`), not tied to one message */
  | { kind: "error"; errors: ProviderError[]; phoneNumberId: string };

/** An item we could not use, and why (logged; never the payload itself). */
export interface Skipped {
  what: "message" | "status";
  reason: string;
}

export type ParseResult = { ok: true; events: WhatsAppEvent[]; skipped: Skipped[] } | { ok: false; issue: string };

// Meta writes Unix seconds (10 digits), sometimes milliseconds (13 digits): both → epoch ms
const timestamp = z
  .union([z.string().regex(/^\d{1,13}$/, "digits"), z.number().int().nonnegative()])
  .transform((v) => Number(v))
  .refine((n) => n < 1e10 || (n >= 1e12 && n < 1e13), "neither seconds nor milliseconds")
  .transform((n) => (n >= 1e12 ? n : n * 1000));
// a BSUID: ISO 3166 alpha-2 country, a period, up to 128 letters/digits (a parent id has `ENT.`)
export const BSUID = /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;
const WA_ID = /^\d{4,20}$/;

const errorsSchema = z
  .array(
    z.object({
      code: z.coerce.number().int(),
      title: z.string().optional(),
      message: z.string().optional(),
      details: z.string().optional(),
      error_data: z.object({ details: z.string().optional() }).optional(),
    }),
  )
  .optional();

const messageSchema = z.object({
  from: z.string().max(200).optional(),
  from_user_id: z.string().max(200).optional(),
  group_id: z.string().max(200).optional(),
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
  // media that can carry a caption: the words typed under it are read, the file never is
  image: z.object({ caption: z.string().optional() }).optional(),
  video: z.object({ caption: z.string().optional() }).optional(),
  document: z.object({ caption: z.string().optional() }).optional(),
  errors: errorsSchema,
});

const statusSchema = z.object({
  id: z.string().min(1).max(500),
  status: z.string(),
  timestamp,
  // the phone, or (a person with a username) absent, with the user id in recipient_user_id
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  errors: errorsSchema,
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
            errors: z.array(z.unknown()).optional(),
          }),
        }),
      ),
    }),
  ),
});

// a reaction or a system notice (number changed) is not addressed to the menu: no answer
const SILENT_TYPES = new Set(["reaction", "system", "ephemeral"]);
const STATUSES = new Set(["sent", "delivered", "read", "failed"]);
const IGNORED_STATUSES = new Set(["deleted", "warning"]);

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
  const skipped: Skipped[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      // other fields (account updates, template reviews) are not conversations
      if (change.field !== "messages") continue;
      const phoneNumberId = change.value.metadata?.phone_number_id ?? "";
      const webhookErrors = toErrors(errorsSchema.safeParse(change.value.errors).data);
      if (webhookErrors) events.push({ kind: "error", errors: webhookErrors, phoneNumberId });
      for (const item of change.value.messages ?? []) {
        const m = messageSchema.safeParse(item);
        if (!m.success) {
          const issue = m.error.issues[0];
          skipped.push({ what: "message", reason: `${issue.path.join(".") || "message"}: ${issue.message}` });
          continue;
        }
        const sender = senderOf(m.data);
        if (!sender) {
          skipped.push({ what: "message", reason: "no phone and no user id (from, from_user_id)" });
          continue;
        }
        const event = toMessageEvent(m.data, sender, phoneNumberId);
        if (event) events.push(event);
        else if (!SILENT_TYPES.has(m.data.type)) skipped.push({ what: "message", reason: `type ${m.data.type.slice(0, 40)} without its content` });
      }
      for (const item of change.value.statuses ?? []) {
        const s = statusSchema.safeParse(item);
        if (!s.success) {
          skipped.push({ what: "status", reason: s.error.issues[0].path.join(".") || "status" });
          continue;
        }
        // "deleted", "warning": nothing to record; anything else is a status we do not know
        if (!STATUSES.has(s.data.status)) {
          if (!IGNORED_STATUSES.has(s.data.status)) skipped.push({ what: "status", reason: `unknown status ${s.data.status.slice(0, 40)}` });
          continue;
        }
        const errors = toErrors(s.data.errors);
        const error = errors?.[0] ? `${errors[0].code} ${errors[0].title}`.trim() : undefined;
        events.push({ kind: "status", providerId: s.data.id, status: s.data.status as "sent", at: s.data.timestamp, error, ...(errors ? { errors } : {}), phoneNumberId });
      }
    }
  }
  return { ok: true, events, skipped };
}

type ParsedErrors = z.infer<typeof errorsSchema>;

function toErrors(errors: ParsedErrors): ProviderError[] | undefined {
  if (!errors?.length) return undefined;
  return errors.map((e) => ({ code: e.code, title: [e.title ?? e.message, e.details ?? e.error_data?.details].filter(Boolean).join(" ").slice(0, 300) }));
}

/** The phone (digits) and/or the user id; a `from` that is not digits is a user id (courier's `hello_bsuid_in_from`). */
function senderOf(m: z.infer<typeof messageSchema>): Sender | null {
  const sender: Sender = {};
  if (m.from && WA_ID.test(m.from)) sender.phone = m.from;
  // an id that is not a BSUID (courier's `hello_invalid_user_id`) is ignored, the phone still counts
  const userId = m.from_user_id && BSUID.test(m.from_user_id) ? m.from_user_id : m.from && BSUID.test(m.from) ? m.from : undefined;
  if (userId) sender.userId = userId;
  return sender.phone || sender.userId ? sender : null;
}

function toMessageEvent(m: z.infer<typeof messageSchema>, sender: Sender, phoneNumberId: string): WhatsAppEvent | null {
  const errors = toErrors(m.errors);
  const base = { id: m.id, sender, sentAt: m.timestamp, phoneNumberId, ...(errors ? { errors } : {}) };
  // a group conversation is not someone asking us: never answered with a private menu
  if (m.group_id) return { kind: "group", id: m.id, sender, sentAt: m.timestamp, phoneNumberId };
  const answers = m.context?.id ? { answers: m.context.id } : {};
  if (m.type === "text" && m.text) return { kind: "message", via: "text", text: m.text.body, ...base };
  if (m.type === "interactive" && m.interactive?.type === "button_reply" && m.interactive.button_reply) {
    return { kind: "message", via: "button_reply", text: m.interactive.button_reply.id, ...base, ...answers };
  }
  if (m.type === "interactive" && m.interactive?.type === "list_reply" && m.interactive.list_reply) {
    return { kind: "message", via: "list_reply", text: m.interactive.list_reply.id, ...base, ...answers };
  }
  if (m.type === "button" && m.button) return { kind: "message", via: "button", text: m.button.text, ...base };
  // a photo or document sent with words under it ("RECLAMO no me pagaron", a DNI): the words are
  // the person's answer, as courier reads them; the file itself is not
  const caption = m.type === "image" || m.type === "video" || m.type === "document" ? m[m.type]?.caption?.trim() : undefined;
  if (caption) return { kind: "message", via: "caption", text: caption, media: m.type, ...base };
  // Meta's welcome request (conversational components on): answered, as Meta asks, with our first screen
  if (m.type === "request_welcome") return { kind: "welcome", id: m.id, sender, sentAt: m.timestamp, phoneNumberId };
  if (SILENT_TYPES.has(m.type)) return null;
  return { kind: "unsupported", type: m.type, ...base };
}
