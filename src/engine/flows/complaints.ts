import type { ComplaintKind, ComplaintStatus } from "../../db/schema/complaints";
import type { Choice, FlowNode, Message, NodeContext, Transition } from "../types";
import { districtPicker } from "./district-picker";
import { cutBetweenWords, piecesBetweenWords } from "../../domain/cut-text";

/**
 * "Reclamos y denuncias": kind → program → category (→ urgent?) → district → short description
 * → identity (a reclamo needs the DNI; a denuncia may be anonymous or confidential) → how to
 * be answered → confirmation with the tracking code and the answer-by date. Also the status
 * check by code. Everything typed on USSD is digits except the description.
 */
export interface ComplaintDraft {
  kind?: ComplaintKind;
  program?: string;
  category?: string;
  urgent?: boolean;
  ubigeo?: string;
  description?: string;
  anonymous?: boolean;
  confidential?: boolean;
  dni?: string;
  contact?: "sms" | "whatsapp" | "none";
  phone?: string;
  /** a description over the channel's limit, cut at it, waiting for the person to accept it */
  cutDescription?: string;
  /** the description was spoken (voice): the recording's place in the media store */
  recording?: string;
}

/** Session key where the voice channel leaves the media path of a description told by phone. */
export const RECORDING_KEY = "voiceRecording";


export const DESCRIPTION_MAX = 1000;

/** a USSD-sized screen (182) rather than a message (SMS 459, WhatsApp and web 4,096) */
const smallScreen = (c: NodeContext) => c.ctx.channel.maxScreenChars < 400;

/**
 * The kept (cut) description in the pieces a small screen shows, every character of it: one
 * piece when it fits beside the choices; else a first page (the "too long" line, no choices),
 * then pages of the rest, the choices on the last. Room measured on the longest language
 * (Quechua) with the frame (CON, "(2/3)", the options, 98/0/00); a message shows it whole.
 */
function keptPages(c: NodeContext): string[] {
  const cut = draftOf(c).cutDescription ?? "";
  if (!smallScreen(c)) return [cut];
  const screen = c.ctx.channel.maxScreenChars;
  // never a room under 20 characters (a screen smaller than USSD's 182 is refused at start;
  // a room of 0 would never end the pieces)
  const room = (frame: number) => Math.max(20, screen - frame);
  if ([...cut].length <= room(142)) return [cut];
  const first = cutBetweenWords(cut, room(122));
  const rest = [...cut].slice([...first].length).join("").trim();
  return [first, ...piecesBetweenWords(rest, room(102))];
}

/** a status check's screens: whole where a message holds it, in pages on small screens (USSD) */
function statusPages(view: Awaited<ReturnType<NodeContext["ctx"]["services"]["complaints"]["statusView"]>>, c: NodeContext): Message[][] {
  if (!smallScreen(c)) return [c.ctx.services.complaints.statusCheckMessages(view, "")];
  // the screen less its frame (CON, page number, 98/0/00): what an answer's piece may take
  return c.ctx.services.complaints.statusCheckPages(view, "", c.ctx.channel.maxScreenChars - 72);
}

const draftOf = (c: NodeContext): ComplaintDraft => (c.state.data.cx as ComplaintDraft | undefined) ?? {};
const withDraft = (c: NodeContext, patch: Partial<ComplaintDraft>) => ({ cx: { ...draftOf(c), ...patch } });
const go = (to: string, c: NodeContext, patch: Partial<ComplaintDraft> = {}): Transition => ({ to, data: withDraft(c, patch) });

/**
 * Session key where a channel leaves a description the person already gave with a keyword
 * (SMS `RECLAMO no recibí mi pago`): the flow uses it instead of asking for it again.
 */
export const COMPLAINT_TEXT_KEY = "complaintText";

function givenText(c: NodeContext): string | undefined {
  const text = c.state.data[COMPLAINT_TEXT_KEY];
  return typeof text === "string" && text.trim() !== "" ? [...text.trim()].slice(0, DESCRIPTION_MAX).join("") : undefined;
}

const picker = districtPicker({
  id: "complaints.district",
  promptKey: "complaints:district.prompt",
  done: (ubigeo, c) => {
    if (!ubigeo) return { error: { key: "common:errors.option" } };
    const given = givenText(c);
    return given ? afterDescription(c, { ubigeo, description: given }) : go("complaints.describe", c, { ubigeo });
  },
});

/** The person's own number, when the channel gives one (`tel:+51…`, `whatsapp:+51…`). */
export function phoneOfUrn(urn: string | undefined): string | null {
  const m = /^(?:tel|whatsapp):(\+\d{8,15})$/.exec(urn ?? "");
  return m ? m[1] : null;
}

function afterDescription(c: NodeContext, patch: Partial<ComplaintDraft>): Transition {
  const kind = draftOf(c).kind;
  const next = kind === "reclamo" ? "complaints.dni" : kind === "denuncia" ? "complaints.identity" : "complaints.contact";
  // the description is in the draft now: a text given with a keyword is used once
  return { to: next, data: { ...withDraft(c, patch), [COMPLAINT_TEXT_KEY]: undefined } };
}

const programLabel = (program: string): Message => (program === "general" ? { key: "complaints:program.general" } : { key: `programs:${program}.name` });

function descriptionMax(c: NodeContext): number {
  return Math.min(c.ctx.channel.maxDescription, DESCRIPTION_MAX);
}

/**
 * Confirmed: the complaint is filed by the conversation runner in the same write as the session
 * (`complaint.file`), under a key of this step, so a retried "1" cannot file twice; the closing
 * message gets the new tracking code and answer-by date once that write is done.
 */
function send(c: NodeContext): Transition {
  const draft = draftOf(c);
  const phone = draft.phone ?? phoneOfUrn(c.ctx.urn);
  const contact = draft.contact === "sms" || draft.contact === "whatsapp" ? { channel: draft.contact, address: phone } : { channel: "none" as const };
  const reporter = draft.dni ? { dni: draft.dni, phone: phone ?? undefined } : undefined;
  const body = {
    kind: draft.kind,
    program: draft.program,
    category: draft.category,
    urgent: draft.urgent ?? false,
    description: draft.description,
    ubigeo: draft.ubigeo,
    anonymous: draft.anonymous ?? false,
    confidential: draft.confidential ?? false,
    reporter,
    contact,
  };
  delete c.state.data.cx;
  return {
    end: [{ key: "complaints:done.text", fill: "complaint.file" }],
    effects: [{ type: "complaint.file", body, lang: c.lang, ...(draft.recording ? { recording: draft.recording } : {}) }],
  };
}

export const complaintNodes: FlowNode[] = [
  {
    id: "complaints.start",
    prompt: () => [{ key: "complaints:start.title" }],
    choices: () => [
      { label: { key: "complaints:start.new" }, go: () => ({ to: "complaints.kind", data: { cx: {} } }) },
      { label: { key: "complaints:start.status" }, go: "complaints.check" },
    ],
  },
  {
    id: "complaints.kind",
    prompt: () => [{ key: "complaints:kind.prompt" }],
    choices: () =>
      (["reclamo", "denuncia", "consulta", "sugerencia"] as const).map((kind) => ({
        label: { key: `complaints:kind.${kind}` },
        go: () => ({ to: "complaints.program", data: { cx: { kind } } }),
      })),
  },
  {
    id: "complaints.program",
    prompt: () => [{ key: "complaints:program.prompt" }],
    choices: (c) => c.ctx.services.complaints.catalog.programs.map((program) => ({ label: programLabel(program), go: (cc: NodeContext) => go("complaints.category", cc, { program }) })),
  },
  {
    id: "complaints.category",
    prompt: () => [{ key: "complaints:category.prompt" }],
    // Quechua labels are long: four per screen leave room for an error hint
    pageSize: 4,
    choices: (c) => {
      const catalog = c.ctx.services.complaints.catalog;
      const kind = draftOf(c).kind ?? "reclamo";
      return catalog.kinds[kind].categories.map(
        (category): Choice => ({
          label: { key: `complaints:categories.${category}` },
          go: (cc) =>
            catalog.askUrgent.includes(category) && (kind === "reclamo" || kind === "denuncia")
              ? go("complaints.urgent", cc, { category })
              : go(picker.start, cc, { category, urgent: false }),
        }),
      );
    },
  },
  {
    id: "complaints.urgent",
    prompt: () => [{ key: "complaints:urgent.prompt" }],
    choices: () => [
      { label: { key: "complaints:urgent.yes" }, go: (c) => go(picker.start, c, { urgent: true }) },
      { label: { key: "complaints:urgent.no" }, go: (c) => go(picker.start, c, { urgent: false }) },
    ],
  },
  ...picker.nodes,
  {
    id: "complaints.describe",
    prompt: (c) => [{ key: "complaints:description.prompt", params: { max: descriptionMax(c) } }],
    input: {
      kind: "text",
      // longer than any limit a channel has (a WhatsApp message): the handler cuts at the channel's own
      maxLength: 4096,
      handle: (value, c) => {
        const max = descriptionMax(c);
        // too long: nothing typed is thrown away; the text is cut at the limit (between words)
        // and the person confirms the shortened text or writes it again
        if ([...value].length > max) return { to: "complaints.describe_cut", data: withDraft(c, { cutDescription: cutBetweenWords(value, max) }) };
        // told by phone: the recording goes with the complaint (used once)
        const recording = c.state.data[RECORDING_KEY];
        if (typeof recording === "string") {
          delete c.state.data[RECORDING_KEY];
          return afterDescription(c, { description: value, recording });
        }
        return afterDescription(c, { description: value });
      },
    },
  },
  {
    id: "complaints.describe_cut",
    // a small screen cannot hold the kept text and the choices together: the text is read in
    // pages (98), and the choices come on the last one, after the person has seen all of it
    pages: (c) => keptPages(c).length,
    prompt: (c) => {
      const cut = draftOf(c).cutDescription ?? "";
      if (!smallScreen(c)) return [{ key: "complaints:description.cut", params: { max: descriptionMax(c), preview: cut } }];
      const pieces = keptPages(c);
      const page = Math.min(c.page, pieces.length - 1);
      const piece: Message = { key: "complaints:description.cut_page", params: { page: page + 1, pages: pieces.length, piece: pieces[page] } };
      return page === 0 ? [{ key: "complaints:description.too_long", params: { max: descriptionMax(c) } }, piece] : [piece];
    },
    choices: (c) => {
      if (c.page < keptPages(c).length - 1) return [];
      return [
        {
          label: { key: "complaints:description.use_cut" },
          go: (cc) => {
            const cut = draftOf(cc).cutDescription;
            return cut ? afterDescription(cc, { description: cut, cutDescription: undefined }) : { to: "complaints.describe", replace: true };
          },
        },
        { label: { key: "complaints:description.rewrite" }, go: (cc) => ({ to: "complaints.describe", data: withDraft(cc, { cutDescription: undefined }), replace: true }) },
      ];
    },
  },
  {
    id: "complaints.identity",
    prompt: () => [{ key: "complaints:identity.denuncia" }],
    choices: () => [
      { label: { key: "complaints:identity.anonymous" }, go: (c) => go("complaints.contact", c, { anonymous: true, confidential: false, dni: undefined }) },
      { label: { key: "complaints:identity.confidential" }, go: (c) => go("complaints.dni", c, { anonymous: false, confidential: true }) },
    ],
  },
  {
    id: "complaints.dni",
    prompt: (c) => [{ key: draftOf(c).kind === "denuncia" ? "complaints:identity.dni" : "complaints:identity.reclamo" }],
    input: { kind: "dni", handle: (dni, c) => go("complaints.contact", c, { dni }) },
  },
  {
    id: "complaints.contact",
    prompt: () => [{ key: "complaints:contact.prompt" }],
    choices: (c) => {
      const own = phoneOfUrn(c.ctx.urn);
      const pick = (contact: "sms" | "whatsapp") => (cc: NodeContext) =>
        own ? go("complaints.confirm", cc, { contact, phone: undefined }) : go("complaints.phone", cc, { contact });
      const list: Choice[] = [
        { label: { key: own ? "complaints:contact.sms" : "complaints:contact.sms_other" }, go: pick("sms") },
        { label: { key: own ? "complaints:contact.whatsapp" : "complaints:contact.whatsapp_other" }, go: pick("whatsapp") },
      ];
      // a reclamo must be answerable (DS 007-2020-PCM)
      if (draftOf(c).kind !== "reclamo") list.push({ label: { key: "complaints:contact.none" }, go: (cc) => go("complaints.confirm", cc, { contact: "none", phone: undefined }) });
      return list;
    },
  },
  {
    id: "complaints.phone",
    // a WhatsApp user known only by their user id (`bsuid:`): say plainly why a number is asked
    prompt: (c) => [{ key: c.ctx.urn?.startsWith("bsuid:") ? "complaints:contact.phone_needed" : "complaints:contact.phone" }],
    input: {
      kind: "digits",
      maxLength: 11,
      handle: (digits, c) => {
        const national = digits.replace(/^51(?=9\d{8}$)/, "");
        if (!/^9\d{8}$/.test(national)) return { error: { key: "complaints:contact.bad_phone" } };
        return go("complaints.confirm", c, { phone: `+51${national}` });
      },
    },
  },
  {
    id: "complaints.confirm",
    prompt: (c) => {
      const draft = draftOf(c);
      const district = draft.ubigeo ? c.ctx.services.districts.get(draft.ubigeo) : undefined;
      return [
        { key: `complaints:kinds.${draft.kind ?? "reclamo"}` },
        { key: `complaints:categories.${draft.category ?? "otro"}` },
        programLabel(draft.program ?? "general"),
        { key: "districts:picker.item", params: { name: district?.label ?? "" } },
        { key: "complaints:confirm.prompt" },
      ];
    },
    choices: () => [
      { label: { key: "complaints:confirm.send" }, go: send },
      {
        label: { key: "complaints:confirm.cancel" },
        go: (c) => {
          delete c.state.data.cx;
          return { end: [{ key: "complaints:confirm.cancelled" }] };
        },
      },
    ],
  },
  {
    id: "complaints.check",
    prompt: () => [{ key: "complaints:check.prompt" }],
    input: {
      kind: "digits",
      maxLength: 12,
      handle: async (typed, c) => {
        const view = await c.ctx.services.complaints.statusView(typed, phoneOfUrn(c.ctx.urn));
        if (!view) return { error: { key: "complaints:check.unknown", params: { code: typed.slice(0, 12) } } };
        // only the code is kept in the session: the status (and an answer's text) is read again for each screen
        return { to: "complaints.check_result", data: { cxCheck: { code: view.code, pages: statusPages(view, c).length } } };
      },
    },
  },
  {
    id: "complaints.check_result",
    pages: (c) => (c.state.data.cxCheck as { pages?: number } | undefined)?.pages ?? 1,
    prompt: async (c) => {
      const code = (c.state.data.cxCheck as { code?: string } | undefined)?.code ?? "";
      const pages = statusPages(await c.ctx.services.complaints.statusView(code, phoneOfUrn(c.ctx.urn)), c);
      return pages[Math.min(c.page, pages.length - 1)];
    },
  },
];
