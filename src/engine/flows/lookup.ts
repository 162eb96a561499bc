import type { FlowNode, Message, NodeContext, Transition } from "../types";
import { paymentPages, statusPages } from "./lookup-pages";

/**
 * "My payments and my status": DNI, then birth date (DDMMAAAA), then the person's own data in
 * plain words. Session data keeps only the DNI, the masked name, when the person was verified
 * and how many pages to show: the record is read again for every screen, never stored.
 */
export interface LookupData {
  dni?: string;
  name?: string;
  verifiedAt?: number;
  pages?: number;
  enrolled?: boolean;
}

/** a verification is good for this long: after that (or on someone else's resumed session) ask again */
export const VERIFIED_FOR_MS = 10 * 60_000;

const data = (c: NodeContext): LookupData => (c.state.data.lookup as LookupData | undefined) ?? {};
const verifiedDni = (c: NodeContext): string | null => {
  const d = data(c);
  return d.dni && d.verifiedAt !== undefined && c.ctx.now - d.verifiedAt < VERIFIED_FOR_MS ? d.dni : null;
};
// the phone (or other address) asking, for the per-client slowdown; offline walks have none
const client = (c: NodeContext) => c.ctx.urn ?? `anonymous:${c.ctx.channel.name}`;
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
      handle: (dni) => ({ to: "lookup.birth", data: { lookup: { dni } } }),
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
        // a read: the attempt is recorded by the turn's write (the lookup.attempt effect)
        const who = { dni, birthDate, channel: c.ctx.channel.name, client: client(c) };
        const { result, attempt } = await c.ctx.services.lookups.check(who);
        const effects = [{ type: "lookup.attempt" as const, dni, client: who.client, attempt }];
        switch (result.outcome) {
          case "verified":
            return { to: "lookup.menu", data: { lookup: { dni, name: result.maskedName, verifiedAt: c.ctx.now } }, replace: true, effects };
          case "failed":
            return { to: "lookup.failed", data: { lookup: {} }, replace: true, effects };
          case "locked":
            return { end: [{ key: "lookup:locked", params: { minutes: minutes(result.retryAfterMs) } }], effects };
        }
      },
    },
  },
  {
    id: "lookup.failed",
    // the same screen for an unknown DNI and a wrong birth date
    prompt: () => [{ key: "lookup:failed" }],
    choices: () => [
      { label: { key: "lookup:failed_retry" }, go: () => ({ to: "lookup.dni", replace: true }) },
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
