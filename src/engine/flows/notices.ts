import type { FlowNode, Message, NodeContext, Transition } from "../types";
import { verifiedDni } from "./lookup";

/**
 * Payment notices, offered to a verified person (issue 21 item 1): "¿Quiere que le avisemos por
 * SMS (o WhatsApp) cuando su pago esté listo?" on the number they are using, by the channel that
 * number's notices go by (a channel capability). Yes and no, and "stop" for someone who already
 * receives them, are effects the conversation runner commits with the session (audited with the
 * offer's exact text version). Where the channel knows no number (the web chat), the screen says
 * how to ask for notices from a phone instead.
 */

const phoneOf = (c: NodeContext) => (c.ctx.urn?.startsWith("tel:") ? c.ctx.urn.slice(4) : null);
const expired: Message[] = [{ key: "lookup:expired" }];

/** the channel and number a yes here would be for, or null (no number known) */
function target(c: NodeContext): { channel: "sms" | "whatsapp"; address: string } | null {
  const address = phoneOf(c);
  return c.ctx.channel.notices && address ? { channel: c.ctx.channel.notices, address } : null;
}

async function alreadyGranted(c: NodeContext): Promise<boolean> {
  const dni = verifiedDni(c);
  const to = target(c);
  return dni !== null && to !== null && (await c.ctx.services.notices.granted({ dni, ...to }));
}

function answer(given: boolean) {
  return (c: NodeContext): Transition => {
    const dni = verifiedDni(c);
    const to = target(c);
    if (!dni || !to) return { to: "lookup.dni", data: { lookup: {} }, notice: expired, replace: true };
    if (!given) return { to: "lookup.menu", notice: [{ key: "notices:declined" }], replace: true };
    return { to: "lookup.menu", notice: [{ key: "notices:granted" }], replace: true, effects: [{ type: "consent.given", dni, ...to, lang: c.lang }] };
  };
}

export const noticeNodes: FlowNode[] = [
  {
    id: "notices.offer",
    personal: true,
    prompt: async (c) => {
      if (!verifiedDni(c)) return expired;
      const to = target(c);
      if (!to) return [{ key: "notices:no_phone" }];
      return (await alreadyGranted(c)) ? [{ key: "notices:already" }] : [{ key: `notices:offer.${to.channel}` }];
    },
    choices: async (c) => {
      if (!verifiedDni(c) || !target(c)) return [];
      if (await alreadyGranted(c)) {
        return [
          {
            label: { key: "notices:stop_option" },
            go: (c2) => ({ to: "lookup.menu", notice: [{ key: "notices:revoked" }], replace: true, effects: [{ type: "consent.revoked", via: "menu", dni: verifiedDni(c2)!, address: target(c2)!.address }] }),
          },
          { label: { key: "notices:keep_option" }, go: () => ({ to: "lookup.menu", replace: true }) },
        ];
      }
      return [
        { label: { key: "notices:offer.yes" }, go: answer(true) },
        { label: { key: "notices:offer.no" }, go: answer(false) },
      ];
    },
  },
];
