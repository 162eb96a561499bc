import { SMS_PROFILE } from "../../src/channels/sms/handle";
import { describe, expect, it } from "vitest";
import { COMPLAINT_TEXT_KEY } from "../../src/engine/flows/complaints";
import type { Reply, SessionState } from "../../src/engine/types";
import { makeTestApp } from "../helpers/app";

// SMS `RECLAMO <text>`: the text the person already sent becomes the description; the
// complaints flow must not ask for it again, and must use it only once.
describe("a complaint text given with a keyword", () => {
  it("is used as the description and the description screen is skipped", async () => {
    const { ctx } = makeTestApp();
    const context = ctx();
    const stepCtx = { now: context.now(), channel: { ...SMS_PROFILE, pageSize: 8 }, services: context.services, urn: "tel:+51987654321" };
    let state: SessionState = { lang: "es", node: "complaints.kind", page: 0, stack: [], ended: false, data: { [COMPLAINT_TEXT_KEY]: "No recibí mi pago de Pensión 65" } };
    let reply: Reply = await context.engine.render(state, stepCtx as never);
    const pick = async (key: string) => {
      const option = reply.options.find((o) => o.label.key === key);
      expect(option, `${key} on ${state.node}`).toBeDefined();
      ({ state, reply } = await context.engine.step(state, option!.id, stepCtx as never));
    };
    await pick("complaints:kind.reclamo");
    await pick("programs:pension65.name");
    await pick("complaints:categories.pago_no_recibido");
    if (state.node === "complaints.urgent") await pick("complaints:urgent.no");
    for (let i = 0; i < 6 && state.node.startsWith("complaints.district"); i++) ({ state, reply } = await context.engine.step(state, "1", stepCtx as never));
    expect(state.node).toBe("complaints.dni");
    expect((state.data.cx as { description?: string }).description).toBe("No recibí mi pago de Pensión 65");
    expect(state.data[COMPLAINT_TEXT_KEY]).toBeUndefined();
  });
});
