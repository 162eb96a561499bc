import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";
import { dial } from "../helpers/ussd";
import { WebChat } from "../helpers/web";

// Issue 16 item 6: a status check answers. An answered case shows the answer the staff sent (its
// date and channel), so a person whose SMS never arrived can read it — from the case's own number
// (session 9 review: elsewhere the code alone says when it was answered, not what); an overdue
// case says the deadline passed and offers Línea 101; a case in progress says which office has it.

const ANSWER =
  "Su pago de noviembre fue reprogramado por un problema en la agencia. Puede cobrarlo desde el 15 de diciembre en el Banco de la Nación de Andahuaylas, con su DNI. Si no puede viajar, llame a la Línea 101 para que el carrito pagador lo visite.";

async function filed(t: ReturnType<typeof makeTestApp>) {
  const res = await t.app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) });
  return ((await res.json()) as { code: string }).code;
}

describe("status checks that answer", () => {
  it("web chat: an answered case says when and how it was answered, not the answer's words (the code alone may not read them)", async () => {
    const t = makeTestApp();
    const code = await filed(t);
    await t.ctx().services.complaints.changeStatus({ code, to: "respondido", actor: "staff:test", answer: ANSWER });
    const web = new WebChat(t.app);
    await web.send({ lang: "es" });
    const shown = await web.send({ text: `ESTADO ${code}` });
    expect(shown.reply.text).toContain("Respondido");
    expect(shown.reply.text).toMatch(/Respuesta del \d\d\/\d\d\/\d{4}: solo se ve en el teléfono del caso o llamando gratis a la Línea 101\./);
    expect(shown.reply.text).not.toContain("reprogramado");
    expect(shown.reply.text).not.toMatch(/Mamani|12345678|987654321/);
  });

  it("session 9 review: codes are sequential, so walking them from one phone reads no one's answer; the case's own phone reads its own", async () => {
    const t = makeTestApp();
    const code = await filed(t);
    await t.ctx().services.complaints.changeStatus({ code, to: "respondido", actor: "staff:test", answer: ANSWER });
    // in each language (1 es, 2 qu, 3 ay), the screen within 182 characters
    for (const [i, lang] of ["1", "2", "3"].entries()) {
      const stranger = dial(t.app, `+5198800011${i}`);
      await stranger.start();
      await stranger.press(lang);
      await stranger.press("4");
      await stranger.press("2");
      const seen = await stranger.press(code.replace(/\D/g, ""));
      expect(seen.body.length, seen.body).toBeLessThanOrEqual(182);
      expect(seen.body).toMatch(/Línea 101|Linea 101/);
      expect(seen.body).not.toMatch(/reprogramado|agencia/);
      expect(seen.body).not.toMatch(/98 /);
    }
    // the case's number (reclamoBody answers by SMS at 987654321)
    const owner = dial(t.app, "+51987654321");
    await owner.start();
    await owner.press("1");
    await owner.press("4");
    await owner.press("2");
    expect((await owner.press(code.replace(/\D/g, ""))).body).toMatch(/98 /);
  });

  it("USSD: the answer in pages (98), nothing cut, every screen within 182 characters", async () => {
    const t = makeTestApp();
    const code = await filed(t);
    await t.ctx().services.complaints.changeStatus({ code, to: "respondido", actor: "staff:test", answer: ANSWER });
    // from the case's own number (reclamoBody: SMS to 987654321)
    const phone = dial(t.app, "+51987654321");
    await phone.start();
    await phone.press("1");
    await phone.press("4");
    await phone.press("2"); // see my case's status
    let screen = await phone.press(code.replace(/\D/g, ""));
    const screens = [screen.body];
    while (screen.body.includes("98 ") && screens.length < 10) {
      screen = await phone.press("98");
      screens.push(screen.body);
    }
    for (const s of screens) expect(s.length).toBeLessThanOrEqual(182);
    expect(screens[0]).toMatch(/Respondido/);
    const text = screens
      .slice(1)
      .map((s) => s.replace(/^CON /, "").split("\n")[0])
      .join(" ");
    // the whole answer, folded to GSM-7 (ó → o), across the pages
    expect(text.replace(/\s+/g, " ")).toBe(ANSWER.replace("Nación", "Nacion").replace("Línea", "Linea"));
  });

  it("an overdue open case says the deadline passed and offers Línea 101; a case in progress names its office", async () => {
    const t = makeTestApp();
    const code = await filed(t);
    const web = new WebChat(t.app);
    await web.send({ lang: "es" });
    const open = await web.send({ text: `ESTADO ${code}` });
    expect(open.reply.text).toContain("Lo atiende: Pagos.");
    expect(open.reply.text).toMatch(/Respuesta hasta el/);
    t.clock.advance(60 * 24 * 3_600_000); // two months later, still not answered
    const late = await web.send({ text: `ESTADO ${code}` });
    expect(late.reply.text).toMatch(/El plazo para responder venció el \d\d\/\d\d\/\d{4}\. Llame gratis a la Línea 101\./);
    expect(late.reply.text).not.toMatch(/Respuesta hasta el/);
  });
});
