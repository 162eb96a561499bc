import type { FlowNode, Message, NodeContext, Transition } from "../types";
import { paymentPages, statusPages } from "./lookup-pages";
import { AFTER_VERIFY } from "../../domain/after-verify";

/**
 * "My payments and my status": DNI, then birth date (DDMMAAAA), then the person's own data in
 * plain words. Session data keeps only the DNI, the masked name, when the person was verified
 * and how many pages to show: the record is read again for every screen, never stored.
 */
export interface LookupData {
  dni?: string;
  /** keypad channels: the date typed, waiting for the person to confirm it (YYYY-MM-DD) */
  date?: string;
  /** failed attempts left before this DNI is locked for this phone, after a failure */
  remaining?: number;
  name?: string;
  verifiedAt?: number;
  pages?: number;
  enrolled?: boolean;
}

/** a verification is good for this long: after that (or on someone else's resumed session) ask again */
export const VERIFIED_FOR_MS = 10 * 60_000;

const data = (c: NodeContext): LookupData => (c.state.data.lookup as LookupData | undefined) ?? {};
export const verifiedDni = (c: NodeContext): string | null => {
  const d = data(c);
  return d.dni && d.verifiedAt !== undefined && c.ctx.now - d.verifiedAt < VERIFIED_FOR_MS ? d.dni : null;
};
// the phone (or other address) asking, for the per-client slowdown; offline walks have none
// the web chat's urn is its session, which anyone makes anew for free: there the channel passes the client address
const client = (c: NodeContext) => c.ctx.client ?? c.ctx.urn ?? `anonymous:${c.ctx.channel.name}`;
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

const expired: Message[] = [{ key: "lookup:expired" }];

/** shows a section of the record: audited once here, read again by the page's prompt */
function show(what: "payments" | "status") {
  return async (c: NodeContext): Promise<Transition> => {
    const dni = verifiedDni(c);
    if (!dni) return { to: "lookup.dni", data: { lookup: {} }, notice: expired, replace: true };
    const record = await c.ctx.services.lookups.record(dni);
    const pages = what === "payments" ? paymentPages(record).length : statusPages(record).length;
    // the "shown" audit row is written with the session by the conversation runner
    return { to: `lookup.${what}`, data: { lookup: { ...data(c), pages, enrolled: record.enrolments.length > 0 } }, effects: [{ type: "lookup.shown", dni, what }] };
  };
}

/** a page of the record, or "verify again" when the verification is stale */
function recordPage(build: typeof paymentPages) {
  return async (c: NodeContext): Promise<Message[]> => {
    const dni = verifiedDni(c);
    if (!dni) return expired;
    const pages = build(await c.ctx.services.lookups.record(dni));
    const page = Math.min(c.page, pages.length - 1);
    const header: Message[] = pages.length > 1 ? [{ key: "lookup:page", params: { n: page + 1, total: pages.length } }] : [];
    return [...header, ...pages[page]];
  };
}

/** The identity check (a read); the attempt is recorded by the turn's write (the lookup.attempt effect). */
async function check(c: NodeContext, dni: string, birthDate: string): Promise<Transition> {
  const who = { dni, birthDate, channel: c.ctx.channel.name, client: client(c) };
  const { result, attempt, remaining } = await c.ctx.services.lookups.check(who);
  const effects = [{ type: "lookup.attempt" as const, dni, client: who.client, attempt }];
  switch (result.outcome) {
    case "verified": {
      const verified = { lookup: { dni, name: result.maskedName, verifiedAt: c.ctx.now } };
      if (c.state.data[AFTER_VERIFY] === "payments") {
        // a reply to a payment notice: the payments at once (the menu stays one step back)
        const shown = await show("payments")({ ...c, state: { ...c.state, data: { ...c.state.data, ...verified, [AFTER_VERIFY]: undefined } } });
        if ("to" in shown) return { ...shown, data: { ...verified, ...shown.data, [AFTER_VERIFY]: undefined }, effects: [...effects, ...(shown.effects ?? [])], replace: true };
      }
      return { to: "lookup.menu", data: verified, replace: true, effects };
    }
    case "failed":
      return { to: "lookup.failed", data: { lookup: { dni, remaining } }, replace: true, effects };
    case "locked":
      return { end: [{ key: "lookup:locked", params: { minutes: minutes(result.retryAfterMs) } }], effects };
  }
}

export const lookupNodes: FlowNode[] = [
  {
    id: "lookup.start",
    prompt: () => [{ key: "lookup:start.title" }],
    choices: () => [
      { label: { key: "lookup:start.has_dni" }, go: "lookup.dni" },
      { label: { key: "lookup:start.no_dni" }, go: "lookup.no_dni" },
    ],
  },
  {
    id: "lookup.dni",
    prompt: () => [{ key: "lookup:dni.prompt" }],
    input: {
      kind: "dni",
      handle: async (dni, c): Promise<Transition> => {
        // a DNI locked for this phone (or for everyone) says so at once, before asking the date
        const locked = await c.ctx.services.lookups.lockedFor({ dni, client: client(c) });
        if (locked) return { end: [{ key: "lookup:locked", params: { minutes: minutes(locked.retryAfterMs) } }] };
        return { to: "lookup.birth", data: { lookup: { dni } } };
      },
    },
  },
  {
    id: "lookup.birth",
    prompt: () => [{ key: "lookup:birth.prompt" }],
    input: {
      kind: "date",
      handle: async (birthDate, c): Promise<Transition> => {
        const dni = data(c).dni;
        if (!dni) return { to: "lookup.dni", replace: true };
        // on a keypad the digits are easy to slip: the date is read back in words first, so a
        // slip costs no attempt
        if (c.ctx.channel.typing === "keypad") return { to: "lookup.birth_confirm", data: { lookup: { dni, date: birthDate } }, replace: true };
        return check(c, dni, birthDate);
      },
    },
  },
  {
    id: "lookup.birth_confirm",
    prompt: (c) => {
      const [year, month, day] = (data(c).date ?? "").split("-").map(Number);
      return data(c).date ? [{ key: "lookup:birth.echo", params: { day, month, year } }] : [{ key: "lookup:birth.prompt" }];
    },
    choices: () => [
      {
        label: { key: "lookup:birth.confirm" },
        go: (c) => {
          const { dni, date } = data(c);
          return dni && date ? check(c, dni, date) : { to: "lookup.dni", data: { lookup: {} }, replace: true };
        },
      },
      { label: { key: "lookup:birth.fix" }, go: (c) => ({ to: "lookup.birth", data: { lookup: { dni: data(c).dni } }, replace: true }) },
    ],
  },
  {
    id: "lookup.failed",
    // the same screen for an unknown DNI and a wrong birth date, with the attempts left
    prompt: (c) => {
      const left = data(c).remaining;
      return left !== undefined ? [{ key: "lookup:failed" }, { key: "lookup:remaining", params: { n: left } }] : [{ key: "lookup:failed" }];
    },
    choices: () => [
      // the DNI is kept: only the date is asked again
      { label: { key: "lookup:retry_date" }, go: (c) => ({ to: "lookup.birth", data: { lookup: { dni: data(c).dni } }, replace: true }) },
      { label: { key: "lookup:other_dni" }, go: () => ({ to: "lookup.dni", data: { lookup: {} }, replace: true }) },
      // not in the registry (we cannot say so): how to apply
      { label: { key: "lookup:apply" }, go: "eligibility.start" },
    ],
  },
  {
    id: "lookup.no_dni",
    prompt: () => [{ key: "lookup:no_dni" }],
  },
  {
    id: "lookup.menu",
    personal: true,
    prompt: (c) => (verifiedDni(c) ? [{ key: "lookup:menu.title", params: { name: data(c).name ?? "" } }] : expired),
    choices: (c) =>
      verifiedDni(c)
        ? [
            { label: { key: "lookup:menu.payments" }, go: show("payments") },
            { label: { key: "lookup:menu.status" }, go: show("status") },
            { label: { key: "notices:menu_item" }, go: "notices.offer" },
          ]
        : [{ label: { key: "lookup:failed_retry" }, go: () => ({ to: "lookup.dni", data: { lookup: {} }, notice: expired, replace: true }) }],
  },
  {
    id: "lookup.payments",
    personal: true,
    pages: (c) => data(c).pages ?? 1,
    prompt: recordPage(paymentPages),
  },
  {
    id: "lookup.status",
    personal: true,
    pages: (c) => data(c).pages ?? 1,
    prompt: recordPage(statusPages),
    // not in any program: how to apply
    choices: (c) => (verifiedDni(c) && data(c).enrolled === false ? [{ label: { key: "lookup:apply" }, go: "eligibility.start" }] : []),
  },
];
