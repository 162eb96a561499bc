import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { dial } from "../helpers/ussd";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";

// A stand-in for Twilio's Messages API on loopback: records what would reach the phone.
let twilio: Server;
let twilioUrl = "";
const delivered: { to: string; body: string }[] = [];

beforeAll(async () => {
  twilio = createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      const form = new URLSearchParams(raw);
      delivered.push({ to: form.get("To") ?? "", body: form.get("Body") ?? "" });
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: `SM${delivered.length}`, status: "queued" }));
    });
  });
  await new Promise<void>((r) => twilio.listen(0, "127.0.0.1", r));
  twilioUrl = `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => twilio.close(() => r())));

describe("issue 5, done when", () => {
  it("a Quechua complaint is answered in the console, the person gets the answer in Quechua by SMS, and the dashboard counts it", async () => {
    const t = makeTestApp({
      env: { ...TEST_ENV, TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: "secret", TWILIO_FROM: "+5114000000", TWILIO_API_URL: twilioUrl, PUBLIC_BASE_URL: "https://orienta.example" },
    });
    const ctx = t.ctx();
    // from a basic phone, in Quechua: runasimi, reclamos, new, reclamo, Pensión 65, payment not
    // received, Apurímac › Abancay › Abancay, a short text, DNI, SMS to this number, send
    const phone = dial(t.app, "+51987654321");
    await phone.start();
    for (const p of ["2", "4", "1", "1", "2", "1", "1", "3", "1", "1", "Noviembre pagoy mana chayamunchu", "12345678", "1"]) await phone.press(p);
    const done = (await phone.press("1")).body;
    const code = /MO-\d{4}-\d{6}/.exec(done)![0];
    const complaint = (await ctx.services.complaints.getByCode(code))!;
    expect(complaint).toMatchObject({ lang: "qu", queue: "payments", channel: "ussd" });
    const agent = await addStaff(t.deps, "quality_agent");
    const browser = new StaffBrowser(t.app);
    await browser.login(agent.email, agent.password);

    // in the right queue with its deadline
    const queue = await (await browser.get("/staff/complaints?queue=payments")).text();
    expect(queue).toContain(complaint.code);
    expect(queue).toContain(complaint.deadline.split("-").reverse().join("/"));

    const page = `/staff/complaints/${complaint.code}`;
    await browser.submit(page, `${page}/assign`, { assignee: agent.id });
    const answer = ctx.i18n.t("qu", "complaints:replies.payment_rescheduled");
    expect((await browser.submit(page, `${page}/status`, { to: "respondido", answer })).status).toBe(303);

    delivered.length = 0;
    await ctx.dispatchOutbox();
    const sms = delivered.map((d) => d.body).join("\n");
    expect(delivered.every((d) => d.to === "+51987654321")).toBe(true);
    // the status notice and the answer, in Quechua (GSM-7 folding may drop accents)
    const fold = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    expect(fold(sms)).toContain(fold(ctx.i18n.t("qu", "complaints:notify.status.respondido", { code: complaint.code })));
    expect(fold(sms)).toContain(fold(answer));

    const dashboard = await (await browser.get("/staff/dashboard")).text();
    expect(/id="k-ontime"[^]*?class="stat">([^<]*)</.exec(dashboard)![1]).toBe("100 %");
    expect((await browser.get(page).then((r) => r.text()))).toContain("Enviado");
  });
});
