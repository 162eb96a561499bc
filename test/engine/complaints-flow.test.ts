import { describe, expect, it } from "vitest";
import { complaintReporters, complaints, outbox } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { dial } from "../helpers/ussd";
import { WebChat } from "../helpers/web";

// the district picker by list: 1 by list, 3 Apurímac, 1 Abancay (province), 1 Abancay (district)
const ABANCAY = ["1", "3", "1", "1"];

async function pressAll(phone: ReturnType<typeof dial>, presses: string[]) {
  let last = await phone.start();
  for (const p of presses) last = await phone.press(p);
  return last;
}

describe("filing a complaint from a basic phone (USSD)", () => {
  it("in Quechua: a reclamo lands in the payments queue and the person is told in Quechua by SMS", async () => {
    const { app, deps } = makeTestApp();
    const phone = dial(app, "+51987654321");
    const screens: string[] = [];
    screens.push((await phone.start()).body);
    // language 2 (runasimi), menu 4 (reclamos), 1 new, 1 reclamo, 2 Pensión 65, 1 payment not received
    for (const p of ["2", "4", "1", "1", "2", "1", ...ABANCAY, "Noviembre pagoy mana chayamunchu", "12345678", "1"]) screens.push((await phone.press(p)).body);
    expect(screens.at(-1)).toContain("Reclamo");
    expect(screens.at(-1)).toContain("Pension 65");
    expect(screens.at(-1)).toContain("Abancay");
    const done = (await phone.press("1")).body;
    expect(done).toBe("END Casoyki qillqasqa: MO-2026-000001. 08/01/2027 p'unchawkama kutichisunkiku. Codigota waqaychay.");
    for (const s of screens) expect(s.length).toBeLessThanOrEqual(182);

    const row = (await deps.db.select().from(complaints).get())!;
    expect(row).toMatchObject({ kind: "reclamo", program: "pension65", category: "pago_no_recibido", ubigeo: "030101", queue: "payments", lang: "qu", channel: "ussd", contactChannel: "sms", contactAddress: "+51987654321", deadline: "2027-01-08", description: "Noviembre pagoy mana chayamunchu" });
    expect(await deps.db.select().from(complaintReporters).get()).toMatchObject({ dni: "12345678", phone: "+51987654321" });
    const [message] = await deps.db.select().from(outbox).all();
    expect(message).toMatchObject({ channel: "sms", address: "+51987654321", lang: "qu" });
  });

  it("in Aymara: an anonymous denuncia, answered nowhere, in the integrity queue", async () => {
    const { app, deps } = makeTestApp();
    const phone = dial(app, "+51987650000");
    // 3 aymar aru, 4, 1 new, 2 denuncia, 1 Juntos, 1 cobro indebido, district, text, 1 anonymous, 3 no answer, 1 send
    const done = await pressAll(phone, ["3", "4", "1", "2", "1", "1", ...ABANCAY, "Qullqi mayipxi", "1", "3", "1"]);
    expect(done.body).toMatch(/^END Casomax qillqatawa: MO-2026-000001\./);
    expect((await deps.db.select().from(complaints).get())!).toMatchObject({ queue: "integrity", anonymous: true, contactChannel: "none", contactAddress: null, lang: "ay" });
    expect(await deps.db.select().from(complaintReporters).all()).toEqual([]);
    expect(await deps.db.select().from(outbox).all()).toEqual([]);
  });

  it("in Spanish: food at a school, urgent, one business day, on WhatsApp", async () => {
    const { app, deps } = makeTestApp();
    const phone = dial(app, "+51912345678");
    // 1 español, 4, 1, 1 reclamo, 5 PAE, 98 more, 3 alimentos (page 2: maltrato, calidad, alimentos …), 1 urgent
    const screens = [];
    for (const p of ["1", "4", "1", "1", "5"]) screens.push(await (screens.length ? phone.press(p) : phone.start().then(() => phone.press(p))));
    const categories = (await phone.press("98")).body;
    expect(categories).toContain("Problema con alimentos");
    const urgent = (await phone.press("3")).body;
    expect(urgent).toContain("¿Hay riesgo");
    await phone.press("1");
    for (const p of ABANCAY) await phone.press(p);
    await phone.press("La comida del colegio llegó malograda");
    await phone.press("87654321");
    await phone.press("2"); // WhatsApp to this number
    const done = (await phone.press("1")).body;
    expect(done).toContain("24/11/2026");
    expect((await deps.db.select().from(complaints).get())!).toMatchObject({ queue: "urgent", urgent: true, priority: 1, contactChannel: "whatsapp", deadline: "2026-11-24" });
  });

  it("a description longer than a USSD screen allows is cut at the limit, and the person confirms it or writes it again (issue 16 item 8)", async () => {
    const { app } = makeTestApp();
    const phone = dial(app, "+51987654321");
    const long = "No me pagaron el mes de octubre ni el de noviembre y en la agencia me dicen que vuelva otro dia pero vivo muy lejos de alli";
    const screen = await pressAll(phone, ["1", "4", "1", "3", "1", "1", ...ABANCAY, long]);
    expect(long.length).toBeGreaterThan(120);
    expect(screen.body).toContain("Su texto pasa de 120 letras");
    expect(screen.body.length).toBeLessThanOrEqual(182);
    // 98 to the end of the kept text, then 2: write it again, shorter
    let last = screen;
    while (last.body.includes("98 ")) last = await phone.press("98");
    expect((await phone.press("2")).body).toContain("Cuente en pocas palabras");
  });

  it("shows every character of the kept description on USSD before it is confirmed, in pages within 182, in every language (session 8 review)", async () => {
    const long = "No me pagaron el mes de octubre ni el de noviembre y en la agencia me dicen que vuelva otro dia pero vivo muy lejos de alli y no tengo pasaje";
    for (const [lang, head] of [["1", "Su texto pasa de 120 letras."], ["2", "Qillqasqaykiqa 120 letramanta aswanmi."], ["3", "Qillqatamax 120 letrat juk'ampiwa."]] as const) {
      const { app, deps } = makeTestApp();
      const phone = dial(app, "+51987654321");
      const screens = [(await pressAll(phone, [lang, "4", "1", "3", "1", "1", ...ABANCAY, long])).body];
      while (screens.at(-1)!.includes("98 ")) screens.push((await phone.press("98")).body);
      expect(screens[0]).toContain(head);
      expect(screens.length).toBeGreaterThan(1);
      for (const s of screens) expect(s.length, s).toBeLessThanOrEqual(182);
      // the kept text, read back from the screens' quotes, page after page: all of it, no "..."
      const pieces = screens.map((s) => /"([^"]*)"/.exec(s)![1]);
      const kept = pieces.join(" ");
      expect(kept.length).toBeGreaterThan(100);
      expect(long.startsWith(kept)).toBe(true);
      expect(long[kept.length]).toBe(" "); // cut between words
      screens.forEach((s, i) => expect(s).toContain(`(${i + 1}/${screens.length})`));
      // the choices only once all of it was seen: "1" on the first page is not a confirmation
      expect(screens[0]).not.toMatch(/^1 /m);
      expect(screens.at(-1)).toMatch(/^1 /m);
      await phone.press("1"); // keep the text
      await phone.press("12345678");
      await phone.press("1"); // SMS to this number
      await phone.press("1"); // send
      expect((await deps.db.select().from(complaints).get())!.description).toBe(kept);
    }
  });

  it("lets a reclamo be cancelled at the confirmation, filing nothing", async () => {
    const { app, deps } = makeTestApp();
    const done = await pressAll(dial(app, "+51987654321"), ["1", "4", "1", "4", "1", "2", ...ABANCAY, "Más horario", "3", "2"]);
    expect(done.body).toMatch(/^END No enviamos nada/);
    expect(await deps.db.select().from(complaints).all()).toEqual([]);
  });
});

describe("status check by code on USSD", () => {
  it("shows the status and the answer-by date, and says so for an unknown code", async () => {
    const { app, ctx } = makeTestApp();
    const services = ctx().services;
    const { complaint } = await services.complaints.file({
      body: { kind: "consulta", program: "juntos", category: "informacion", description: "¿Cuándo pagan?", ubigeo: "030101", contact: { channel: "none" } },
      channel: "api",
      actor: "api",
    });
    await services.complaints.changeStatus({ code: complaint.code, to: "en_revision", actor: "staff:a" });
    const phone = dial(app, "+51987654321");
    const unknown = await pressAll(phone, ["2", "4", "2", "2026999"]);
    expect(unknown.body).toContain("Manam 2026999 casota tariykuchu");
    const shown = (await phone.press("20261")).body;
    expect(shown).toContain("Caso MO-2026-000001:\nQhawarichkanku\n");
    expect(shown).toMatch(/p'unchawkama kutichisunkiku/);
  });
});

describe("nothing typed is thrown away (issue 16 item 8)", () => {
  it("web chat: a 1,500-character description is cut at 1,000 (between words), shown whole, and kept when accepted", async () => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "es" });
    for (const text of ["4", "1", "1", "2", "1"]) await web.send({ text });
    // the district question: typed letters go straight to the search, then the description
    let screen = await web.send({ text: "Abancay" });
    if (screen.reply.input !== "text") screen = await web.send({ text: "1" });
    expect(screen.reply.input).toBe("text");
    const long = "No llega el pago a mi comunidad. ".repeat(46);
    const cut = await web.send({ text: long });
    expect(cut.reply.text).toContain("Su texto pasa de 1000 letras");
    const kept = /"([^"]+)"/.exec(cut.reply.text)![1];
    expect([...kept].length).toBeLessThanOrEqual(1000);
    expect(long.startsWith(kept)).toBe(true);
    expect(long[kept.length]).toBe(" "); // cut between words
    const next = await web.press("Usar este texto");
    expect(next.reply.input).toBe("dni");
  });

  it("at the district question typed letters search at once; MAS and ATRAS navigate on a screen that asks for text", async () => {
    const { app } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "es" });
    for (const text of ["4", "1", "1", "2", "1"]) await web.send({ text });
    // "¿En qué distrito pasó?" offers a list or typing the name: typing it works at once
    const found = await web.send({ text: "Andahuay" });
    expect(found.reply.text).not.toMatch(/Opción no válida/);
    expect(found.reply.options.map((o) => o.label)).toContain("Andahuaylas (Andahuaylas)");
    // the search screen: MAS is not a district's name, ATRAS goes back
    await web.send({ text: "00" });
    for (const text of ["4", "1", "1", "2", "1", "2"]) await web.send({ text });
    const more = await web.send({ text: "mas" });
    expect(more.reply.text).toContain("No hay más");
    expect(more.reply.text).not.toMatch(/Ningún distrito/);
    const back = await web.send({ text: "ATRÁS" });
    expect(back.reply.input).toBeNull();
  });
});
