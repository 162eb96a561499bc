import { describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { WebChat } from "../helpers/web";
import { SMS_ENV, texter } from "../helpers/sms";
import { countsOfDay } from "../../src/db/repos/eligibility-counts";

/** The self-check is one flow of the engine: the web chat and SMS run it as USSD does. */
describe("the self-check on the web chat", () => {
  it("in Quechua, with buttons, gives the outcomes the API gives for the same answers", async () => {
    const { app, database } = makeTestApp();
    const web = new WebChat(app);
    await web.send({ lang: "qu" });
    await web.press("¿Chaskiymanchu?");
    await web.press("Qallariy");
    expect(web.last!.reply.input).toBe("digits");
    await web.send({ text: "67" });
    await web.press("Manam"); // pregnant
    await web.press("Mana pipas"); // nobody under 19
    await web.press("Ari"); // DNI
    await web.press("Ancha wakcha");
    await web.press("Manam"); // ONP/AFP
    await web.press("Manam"); // EsSalud
    await web.press("Mana yachanichu"); // district
    // one message lists every program with its outcome (it stays in the transcript once tapped);
    // every program is a button on the same screen, no paging
    const results = web.last!.reply;
    expect(results.text.split("\n")[0]).toMatch(/^Sapanka programapaq tukukuynin/);
    expect(results.options.map((o) => o.id)).toEqual(["1", "2", "3", "4", "5", "6", "0", "00"]);
    for (const option of results.options.slice(0, 6)) expect(results.text).toContain(`• ${option.label}`);
    expect(results.options[0].label).toBe("Pensión 65: yaqapascha ari");
    // the program's result in one message: why, what it gives, what to do, with Línea 101 to tap
    await web.press("Pensión 65: yaqapascha ari");
    const detail = web.last!.reply;
    expect(detail.text).toMatch(/^Pensión 65: yaqapascha ari\n\nImarayku:/);
    expect(detail.text).toContain("Ima ruranaykipaq:");
    expect(detail.options.map((o) => o.id)).toEqual(["0", "00"]);
    expect(detail.links).toEqual([{ text: "Línea 101", href: "tel:101" }]);

    const api = await (
      await app.request("/api/v1/eligibility", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ lang: "qu", answers: { age: 67, hasDni: true, cse: "pobre_extremo", contributoryPension: false, essalud: false, household: { pregnant: false, childrenUnder19: 0 } } }),
      })
    ).json();
    expect(api.results.find((r: any) => r.program === "pension65").outcome).toBe("likely");
    expect(api.results.find((r: any) => r.program === "hakuwinay").outcome).toBe("likely"); // depends on the district
    const rows = await countsOfDay(database.db, "2026-11-23");
    expect(rows.filter((r) => r.channel === "web")).toHaveLength(6);
  });
});

describe("the self-check by SMS", () => {
  it("works with digits in Spanish, each reply a numbered menu", async () => {
    const { app } = makeTestApp({ env: SMS_ENV });
    const phone = texter(app);
    const replies: string[] = [];
    for (const text of ["MENU", "1", "2", "1", "30", "2", "2", "1", "3"]) replies.push(String(await phone.send(text)));
    const last = replies.at(-1)!;
    expect(last).toMatch(/Resultado:/);
    expect(last).toMatch(/probablemente no/);
  });
});
