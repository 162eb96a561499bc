import { afterEach, describe, expect, it } from "vitest";
import { outbox } from "../../../src/db/schema";
import { retryDelay } from "../../../src/services/outbox/dispatch";
import { makeTestApp } from "../../helpers/app";
import { graphError, startFakeGraph } from "../../helpers/fake-graph";
import { postWebhook, textWebhook, whatsappEnv } from "../../helpers/whatsapp";

let graph: Awaited<ReturnType<typeof startFakeGraph>>;
afterEach(async () => graph?.close());

type Sent = {
  to: string;
  type: string;
  text?: { body: string };
  interactive?: { type: string; body: { text: string }; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string; description?: string }[] }[] } };
};
/** What the person sees of one message: its text and the choices as "id title". */
function seen(m: Sent): { text: string; choices: string[] } {
  const i = m.interactive;
  if (!i) return { text: m.text!.body, choices: [] };
  const choices =
    i.type === "button"
      ? i.action.buttons!.map((b) => `${b.reply.id} ${b.reply.title}`)
      : i.action.sections!.flatMap((s) => s.rows.map((r) => `${r.id} ${r.title}${r.description ? ` — ${r.description}` : ""}`));
  return { text: i.body.text, choices };
}

describe("a whole WhatsApp conversation over signed Meta webhooks and a fake Graph API", () => {
  it("language → main menu → programs → Pensión 65, pages and back; each reply reaches Graph exactly once although Meta delivers twice and Graph fails for a while", async () => {
    graph = await startFakeGraph();
    const t = makeTestApp({ env: whatsappEnv(graph.url) });
    const ctx = t.ctx();
    let n = 0;
    const delivered: { text: string; choices: string[] }[] = [];

    // the person's phone: sends one message (Meta may deliver it twice), the dispatcher sends, the phone shows
    async function send(input: { text?: string; buttonId?: string; listId?: string }, opts: { deliverTwice?: boolean } = {}) {
      n += 1;
      const body = textWebhook({ id: `wamid.CONV${n}`, timestamp: t.clock.now(), ...input });
      expect((await postWebhook(t.app, body)).status).toBe(200);
      if (opts.deliverTwice) {
        t.clock.advance(4 * 60_000); // Meta's retry, minutes later
        expect((await postWebhook(t.app, body)).status).toBe(200);
      }
      const before = graph.requests.length;
      await ctx.dispatchOutbox();
      for (const r of graph.requests.slice(before)) if (r.status === 200) delivered.push(seen(r.body as Sent));
      t.clock.advance(20_000);
      return delivered[delivered.length - 1];
    }

    const language = await send({ text: "Hola" });
    expect(language.choices).toEqual(["1 Español", "2 Runasimi (quechua)", "3 Aymar aru (aymara)"]);

    const main = await send({ buttonId: "1" }, { deliverTwice: true });
    expect(main.text).toBe("MIDIS Orienta. Elija:");
    expect(main.choices[0]).toBe("1 Programas sociales");

    const programs = await send({ listId: "1" });
    expect(programs.choices).toContain("2 Pensión 65");
    expect(programs.choices.slice(-2)).toEqual(["0 Atrás", "00 Menú"]);

    // Graph is down for a while when Pensión 65 is chosen: the reply waits in the outbox
    graph.respond({ status: 503, body: graphError(2, "Service temporarily unavailable") }, { status: 500, body: graphError(1, "An unknown error occurred") });
    const countBefore = delivered.length;
    await send({ listId: "2" }, { deliverTwice: true });
    expect(delivered.length).toBe(countBefore); // nothing shown yet
    t.clock.advance(retryDelay(1));
    await ctx.dispatchOutbox();
    t.clock.advance(retryDelay(2));
    const before = graph.requests.length;
    await ctx.dispatchOutbox();
    for (const r of graph.requests.slice(before)) if (r.status === 200) delivered.push(seen(r.body as Sent));
    const detail = delivered[delivered.length - 1];
    // the whole program in one message (a chat scrolls; only keypad screens page)
    expect(detail.text).toMatch(/^Pensión 65\nS\/ 350 cada 2 meses/);
    expect(detail.text).toMatch(/65 años o más/);
    expect(detail.choices).toEqual(["0 Atrás", "00 Menú"]);

    const back = await send({ buttonId: "0" });
    expect(back.choices).toContain("2 Pensión 65");

    const home = await send({ text: "menu" });
    expect(home.text).toBe("MIDIS Orienta. Elija:");

    // exactly one successful Graph request per outbox row, one row per distinct message
    const rows = await t.deps.db.select().from(outbox).all();
    expect(rows).toHaveLength(n);
    expect(rows.every((r) => r.status === "sent" && r.providerId)).toBe(true);
    expect(graph.requests.filter((r) => r.status === 200)).toHaveLength(n);
    expect(graph.requests.filter((r) => r.status !== 200)).toHaveLength(2);
    expect(delivered).toHaveLength(n);
  });

  it("a tap on an older menu is not applied to the current screen: the current one comes back with a word of explanation", async () => {
    graph = await startFakeGraph();
    const t = makeTestApp({ env: whatsappEnv(graph.url) });
    const ctx = t.ctx();
    let n = 0;
    async function tap(input: { text?: string; buttonId?: string; listId?: string; answers?: string }) {
      t.clock.advance(10_000);
      await postWebhook(t.app, textWebhook({ id: `wamid.TAP${++n}`, timestamp: t.clock.now(), ...input }));
      await ctx.dispatchOutbox();
      const last = graph.requests[graph.requests.length - 1];
      const sent = (last.body as Sent);
      const rows = await t.deps.db.select().from(outbox).all();
      return { ...seen(sent), wamid: rows[rows.length - 1].providerId! };
    }
    const language = await tap({ text: "Hola" });
    const main = await tap({ buttonId: "1", answers: language.wamid });
    const programs = await tap({ listId: "1", answers: main.wamid });
    expect(programs.choices).toContain("2 Pensión 65");
    // "2" on the old main menu would be "¿Puedo recibirlo?"; on the program list it is Pensión 65
    const stale = await tap({ listId: "2", answers: main.wamid });
    expect(stale.text).toBe(`${ctx.i18n.t("es", "whatsapp:stale_menu")}\n${programs.text}`);
    expect(stale.choices).toEqual(programs.choices);
    const detail = await tap({ listId: "2", answers: stale.wamid });
    expect(detail.text).toMatch(/^Pensión 65\n/);
    // typing works whatever menu is on screen
    const typed = await tap({ text: "00" });
    expect(typed.text).toBe("MIDIS Orienta. Elija:");
  });

  it("in Quechua: language → ¿Chaskiymanchu? → five questions (typed age, taps) → results → a program's reasons, each reply once", async () => {
    graph = await startFakeGraph();
    const t = makeTestApp({ env: whatsappEnv(graph.url) });
    const ctx = t.ctx();
    let n = 0;
    async function send(input: { text?: string; buttonId?: string; listId?: string }, twice = false) {
      t.clock.advance(15_000);
      const body = textWebhook({ id: `wamid.ELIG${++n}`, timestamp: t.clock.now(), ...input });
      await postWebhook(t.app, body);
      if (twice) await postWebhook(t.app, body);
      const before = graph.requests.length;
      await ctx.dispatchOutbox();
      expect(graph.requests.length - before).toBe(1);
      return seen(graph.requests[graph.requests.length - 1].body as Sent);
    }
    await send({ text: "Napaykullayki" });
    expect((await send({ buttonId: "2" })).text).toBe("MIDIS Orienta. Akllay:");
    expect((await send({ listId: "2" })).text).toMatch(/¿Chaskiymanchu\?/);
    const age = await send({ buttonId: "1" }, true);
    expect(age.text).toMatch(/¿Hayk'a watayuqmi kanki\?/);
    expect(age.choices).toEqual(["0 Qhipaman", "00 Menu"]); // a typed answer, navigation still one tap away
    expect((await send({ text: "30" })).text).toMatch(/Sinchi discapacidad/);
    expect((await send({ buttonId: "2" })).text).toMatch(/wiksayuq warmi/);
    expect((await send({ buttonId: "2" }, true)).text).toMatch(/19 wata/);
    expect((await send({ buttonId: "1" })).text).toMatch(/SISFOH/);
    const results = await send({ listId: "3" });
    // one message lists every program with its outcome; each is a list row to open
    expect(results.text).toMatch(/^Sapanka programapaq tukukuynin/);
    expect(results.text).toMatch(/• Juntos: yaqapascha manam/);
    const rowNames = results.choices.slice(0, 6).map((c) => c.split(" — ")[0].replace(/^\d+ /, "")).sort();
    expect(rowNames).toEqual(["Contigo", "Cuna Más", "Haku Wiñay", "Juntos", "Pensión 65", "Yachaywasi mikhuy"]);
    expect(results.choices.slice(6)).toEqual(["0 Qhipaman", "00 Menu"]);
    const juntosRow = results.choices.find((c) => c.includes("Juntos"))!;
    expect(juntosRow).toMatch(/Juntos — yaqapascha manam/);
    const detail = await send({ listId: juntosRow.split(" ")[0] });
    // the whole result at once: outcome, why, what it gives, what to do
    expect(detail.text).toMatch(/^Juntos: yaqapascha manam\nImarayku:/);
    expect(detail.text).toMatch(/Ima ruranaykipaq:/);
    expect(await t.deps.db.select().from(outbox).all()).toHaveLength(n);
  });
});
