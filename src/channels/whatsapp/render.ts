import type { Message, ReplyOption } from "../../domain/messages";
import type { Lang } from "../../i18n/langs";
import type { Translator } from "../../i18n/translator";

/** How the generic notice template (`orienta_aviso`) opens; a notice starting the same way drops it. */
const TEMPLATE_PREFIX = /^\s*MIDIS Orienta\s*:\s*/i;

/** WhatsApp Cloud API limits (DOMAIN.md; Meta's interactive message reference). */
export const WHATSAPP_LIMITS = {
  text: 4096,
  body: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  rows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  listButton: 20,
  sectionTitle: 24,
} as const;

/** What a conversation reply (or a notice) looks like to this renderer: neutral, from the outbox. */
export interface RenderableReply {
  lang: Lang;
  messages: Message[];
  options: ReplyOption[];
  nav: { more: boolean; back: boolean; home: boolean };
}

export interface ReplyButton {
  type: "reply";
  reply: { id: string; title: string };
}
export interface ListRow {
  id: string;
  title: string;
  description?: string;
}

/**
 * Who a message goes to: a phone (`to`, digits) or, for a person known only by their
 * business-scoped user id, `recipient` (as Meta documents it and courier sends it).
 */
export type GraphRecipient = { to: string; recipient?: never } | { recipient: string; to?: never };

export function recipientOf(address: string): GraphRecipient {
  const bare = address.replace(/^\+/, "");
  return /^\d+$/.test(bare) ? { to: bare } : { recipient: address };
}

/** The body of `POST /{phone-number-id}/messages`, as Meta documents it. */
export type GraphMessage = { messaging_product: "whatsapp"; recipient_type: "individual" } & GraphRecipient & (
  | { type: "text"; text: { preview_url: false; body: string } }
  | { type: "interactive"; interactive: { type: "button"; body: { text: string }; action: { buttons: ReplyButton[] } } }
  | {
      type: "interactive";
      interactive: { type: "list"; body: { text: string }; action: { button: string; sections: { title: string; rows: ListRow[] }[] } };
    }
  | {
      type: "template";
      template: {
        name: string;
        language: { code: string };
        components?: { type: "body"; parameters: ({ type: "text"; text: string; parameter_name?: string })[] }[];
      };
    }
);

export interface Rendered {
  payload: GraphMessage;
  /** what had to be cut to fit (empty when everything fit) */
  truncated: string[];
}

// the ids the engine reads as navigation commands (global commands, see src/engine/engine.ts)
export const NAV_IDS = { more: "98", back: "0", home: "00" } as const;

function cut(text: string, max: number): string {
  const chars = Array.from(text); // never split an accented letter or an emoji in two
  return chars.length <= max ? text : chars.slice(0, max - 1).join("").trimEnd() + "…";
}
const length = (text: string) => Array.from(text).length;

/**
 * Renders a neutral reply for WhatsApp, degrading by limits: no choices → text; up to three
 * short choices (navigation included) → reply buttons; up to ten → a list whose rows carry the
 * engine's ids, with "more", "back" and "menu" as rows so navigation stays one tap away.
 */
export function renderWhatsAppReply(reply: RenderableReply, i18n: Translator, address: string): Rendered {
  const t = (m: Message) => i18n.t(reply.lang, m.key, m.params);
  const truncated: string[] = [];
  const head = { messaging_product: "whatsapp" as const, recipient_type: "individual" as const, ...recipientOf(address) };
  const text = reply.messages.map(t).join("\n");

  type Entry = { id: string; title: string; description?: string };
  const entries: Entry[] = reply.options.map((o) => ({ id: o.id, title: t(o.label), ...(o.detail ? { description: t(o.detail) } : {}) }));
  const nav = ([
    reply.nav.more ? { id: NAV_IDS.more, title: i18n.t(reply.lang, "common:nav.more") } : null,
    reply.nav.back ? { id: NAV_IDS.back, title: i18n.t(reply.lang, "common:nav.back") } : null,
    reply.nav.home ? { id: NAV_IDS.home, title: i18n.t(reply.lang, "common:nav.home") } : null,
  ] as (Entry | null)[]).filter((e): e is Entry => e !== null);

  if (entries.length + nav.length === 0) {
    if (length(text) > WHATSAPP_LIMITS.text) truncated.push("text");
    return { payload: { ...head, type: "text", text: { preview_url: false, body: cut(text, WHATSAPP_LIMITS.text) } }, truncated };
  }

  const bodyText = text.trim() === "" ? i18n.t(reply.lang, "whatsapp:choose") : text;
  if (length(bodyText) > WHATSAPP_LIMITS.body) truncated.push("body");
  const body = { text: cut(bodyText, WHATSAPP_LIMITS.body) };
  const all = [...entries, ...nav];

  // a second line (a program's outcome) needs a list row: a button has room for one line only
  if (all.length <= WHATSAPP_LIMITS.buttons && all.every((e) => length(e.title) <= WHATSAPP_LIMITS.buttonTitle && !e.description)) {
    const buttons = all.map((e) => ({ type: "reply" as const, reply: { id: e.id, title: e.title } }));
    return { payload: { ...head, type: "interactive", interactive: { type: "button", body, action: { buttons } } }, truncated };
  }

  // more than fits in one list: keep navigation, drop the last options (the engine pages by the
  // channel's pageSize, so this only guards against a node that ignores it)
  const room = WHATSAPP_LIMITS.rows - nav.length;
  if (entries.length > room) truncated.push("options");
  const rows: ListRow[] = [...entries.slice(0, room), ...nav].map((e) => {
    if (e.description !== undefined) {
      if (length(e.title) > WHATSAPP_LIMITS.rowTitle) truncated.push(`row ${e.id}`);
      if (length(e.description) > WHATSAPP_LIMITS.rowDescription) truncated.push(`row ${e.id} description`);
      return { id: e.id, title: cut(e.title, WHATSAPP_LIMITS.rowTitle), description: cut(e.description, WHATSAPP_LIMITS.rowDescription) };
    }
    if (length(e.title) <= WHATSAPP_LIMITS.rowTitle) return { id: e.id, title: e.title };
    // a long label: its start as the title, the whole of it (up to 72) as the description
    if (length(e.title) > WHATSAPP_LIMITS.rowDescription) truncated.push(`row ${e.id}`);
    return { id: e.id, title: cut(e.title, WHATSAPP_LIMITS.rowTitle), description: cut(e.title, WHATSAPP_LIMITS.rowDescription) };
  });
  const button = i18n.t(reply.lang, "whatsapp:list_button");
  if (length(button) > WHATSAPP_LIMITS.listButton) truncated.push("list button");
  const label = cut(button, WHATSAPP_LIMITS.listButton);
  return {
    payload: {
      ...head,
      type: "interactive",
      interactive: { type: "list", body, action: { button: label, sections: [{ title: cut(label, WHATSAPP_LIMITS.sectionTitle), rows }] } },
    },
    truncated,
  };
}

// Meta refuses template parameters with new lines, tabs or more than four spaces in a row
function templateParam(text: string, max: number): string {
  return cut(text.replace(/[\t\r\n]+/g, " ").replace(/ {4,}/g, "   ").trim(), max);
}
// room for the variable inside a template body of at most 1,024 characters
const NOTICE_PARAM_MAX = 900;

export interface TemplateConfig {
  /** generic notice template: one positional body variable holding the notice's text */
  notice: string;
  /** message key → template whose named body parameters are the message's params */
  byKey: Record<string, string>;
  lang: string;
}

/**
 * A notice outside the 24-hour window, as an approved template in Spanish (Meta has no Quechua
 * or Aymara template language). A message key with its own template sends its params as named
 * parameters; anything else goes through the generic notice template with the Spanish text.
 */
export function renderWhatsAppTemplate(messages: Message[], i18n: Translator, templates: TemplateConfig, address: string): Rendered {
  const head = { messaging_product: "whatsapp" as const, recipient_type: "individual" as const, ...recipientOf(address) };
  const language = { code: templates.lang };
  const own = messages.length === 1 ? templates.byKey[messages[0].key] : undefined;
  if (own) {
    const params = Object.entries(messages[0].params ?? {});
    const components = params.length
      ? [{ type: "body" as const, parameters: params.map(([name, value]) => ({ type: "text" as const, parameter_name: name, text: templateParam(String(value), 1000) })) }]
      : undefined;
    return { payload: { ...head, type: "template", template: { name: own, language, ...(components ? { components } : {}) } }, truncated: [] };
  }
  // the template already opens with "MIDIS Orienta:": a notice's own opening is not repeated
  const text = messages
    .map((m) => i18n.t("es", m.key, m.params))
    .join(" ")
    .replace(TEMPLATE_PREFIX, "");
  const truncated = length(text) > NOTICE_PARAM_MAX ? ["template parameter"] : [];
  return {
    payload: {
      ...head,
      type: "template",
      template: { name: templates.notice, language, components: [{ type: "body", parameters: [{ type: "text", text: templateParam(text, NOTICE_PARAM_MAX) }] }] },
    },
    truncated,
  };
}
