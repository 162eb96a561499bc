import { describe, expect, it } from "vitest";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

/**
 * Session 9 review: a help desk's insight page counts its own district's cases with exact figures
 * over any period it types, by kind, channel and language. A denuncia reports an irregularity —
 * often by the very local staff or intermediaries a municipal help desk works beside — and its
 * reporter is protected (DL 1327: a help desk may not open one). "1 denuncia, the week of the 7th,
 * by USSD, in Aymara" in a district of a few hundred people points at one person. A help desk's
 * figures leave denuncias out; the office's (supervisor, admin) keep them.
 */
describe("a help desk's insight figures say nothing about denuncias in its district", () => {
  it("weekly by kind, the map and its CSV: the reclamo counts, the denuncia filed in the same district does not", async () => {
    const f = await consoleFixture();
    // a denuncia from the help desk's own district (Abancay, 030101), by USSD, in Aymara
    await f.file({ kind: "denuncia", category: "cobro_indebido", program: "juntos", ubigeo: "030101", anonymous: true, reporter: undefined, contact: { channel: "none" }, lang: "ay", description: "La promotora cobra por inscribir" });
    const as = async (who: "helpdesk" | "supervisor") => {
      const b = new StaffBrowser(f.app);
      await b.login(f.staff[who].email, f.staff[who].password);
      return b;
    };
    const desk = await as("helpdesk");
    const weekly = await (await desk.get("/staff/insight.csv?chart=weekly")).text();
    expect(weekly).not.toMatch(/denuncia/i);
    expect(weekly).toMatch(/reclamo/i);
    expect(await (await desk.get("/staff/insight.csv?chart=map")).text()).toMatch(/0301,Abancay,1,/);
    const page = await (await desk.get("/staff/insight")).text();
    expect(page).toContain("Las denuncias no se cuentan en las cifras de un distrito");
    // the office still sees it
    const office = await as("supervisor");
    expect(await (await office.get("/staff/insight.csv?chart=weekly")).text()).toMatch(/denuncia/i);
  });
});
