import { describe, expect, it } from "vitest";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

type Fixture = Awaited<ReturnType<typeof consoleFixture>>;

async function as(f: Fixture, who: "agent" | "supervisor" | "admin") {
  const browser = new StaffBrowser(f.app);
  expect((await browser.login(f.staff[who].email, f.staff[who].password)).status).toBe(303);
  return browser;
}

/** The tracking codes listed on a queue page, in order. */
async function found(browser: StaffBrowser, q: string): Promise<string[]> {
  const res = await browser.get(`/staff/complaints?${new URLSearchParams({ q })}`);
  expect(res.status).toBe(200);
  return [...(await res.text()).matchAll(/href="\/staff\/complaints\/(MO-\d{4}-\d{6})[?"]/g)].map((m) => m[1]);
}

const searches = (f: Fixture) => f.database.sqlite.prepare("select actor, subject, outcome, detail from audit_log where action = 'complaint.search' order by id").all() as { actor: string; subject: string | null; outcome: string; detail: string }[];

describe("GET /staff/complaints?q= (the search box)", () => {
  it("finds a case by its tracking code in any form people type it, for every role, closed ones too", async () => {
    const f = await consoleFixture();
    const [, year, seq] = /^MO-(\d{4})-(\d{6})$/.exec(f.reclamo.code)!;
    const forms = [f.reclamo.code, f.reclamo.code.toLowerCase(), `${year}${Number(seq)}`, `MO ${year} ${Number(seq)}`, ` ${f.reclamo.code} `];
    for (const who of ["agent", "supervisor", "admin"] as const) {
      const browser = await as(f, who);
      for (const q of forms) expect(await found(browser, q), `${who} ${q}`).toEqual([f.reclamo.code]);
      // a code is no personal data: not audited as a search
    }
    expect(searches(f)).toEqual([]);
    const supervisor = await as(f, "supervisor");
    await supervisor.submit(`/staff/complaints/${f.consulta.code}`, `/staff/complaints/${f.consulta.code}/status`, { to: "improcedente", answer: "No corresponde." });
    expect(await found(supervisor, f.consulta.code)).toEqual([f.consulta.code]);
  });

  const personal: { label: string; q: (f: Fixture) => string; agent: (f: Fixture) => string[]; supervisor: (f: Fixture) => string[] }[] = [
    { label: "a reclamo reporter's DNI", q: () => "41234567", agent: (f) => [f.reclamo.code], supervisor: (f) => [f.reclamo.code] },
    { label: "a DNI with dots", q: () => "41.234.567", agent: (f) => [f.reclamo.code], supervisor: (f) => [f.reclamo.code] },
    { label: "a phone with country code and spaces", q: () => "+51 987 654 321", agent: (f) => [f.reclamo.code], supervisor: (f) => [f.reclamo.code] },
    { label: "a phone with dashes", q: () => "987-654-321", agent: (f) => [f.reclamo.code], supervisor: (f) => [f.reclamo.code] },
    { label: "part of a name, any case", q: () => "QUISPE", agent: (f) => [f.reclamo.code], supervisor: (f) => [f.reclamo.code] },
    // the confidential denuncia's reporter: only the supervisor finds it by who filed it
    { label: "a protected reporter's DNI", q: () => "40000001", agent: () => [], supervisor: (f) => [f.denuncia.code] },
    { label: "a protected reporter's phone", q: () => "912 345 678", agent: () => [], supervisor: (f) => [f.denuncia.code] },
    { label: "a protected reporter's name", q: () => "juana", agent: () => [], supervisor: (f) => [f.denuncia.code] },
  ];
  it.each(personal)("$label: agent and admin find only what they may see, the supervisor more; each search audited", async ({ q, agent, supervisor }) => {
    const f = await consoleFixture();
    expect(await found(await as(f, "agent"), q(f))).toEqual(agent(f));
    expect(await found(await as(f, "admin"), q(f))).toEqual(agent(f));
    expect(await found(await as(f, "supervisor"), q(f))).toEqual(supervisor(f));
    const rows = searches(f);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      // never the query itself in the audit: no DNI, phone or name
      expect(JSON.stringify(row)).not.toMatch(/41234567|40000001|987654321|912345678|quispe|juana/i);
      expect(JSON.parse(row.detail).kinds.length).toBeGreaterThan(0);
    }
    expect(rows.map((r) => r.outcome)).toEqual([agent(f).length ? "found" : "none", agent(f).length ? "found" : "none", "found"]);
  });

  it("names a searched DNI in the audit by the same keyed hash as every other lookup of it", async () => {
    const f = await consoleFixture();
    await found(await as(f, "agent"), "41234567");
    await found(await as(f, "agent"), "41 234 567");
    const [a, b] = searches(f);
    expect(a.subject).toMatch(/^dni:[0-9a-f]{16,}$/);
    expect(b.subject).toBe(a.subject);
  });

  it("takes LIKE and SQL metacharacters literally", async () => {
    const f = await consoleFixture();
    const odd = await f.file({ reporter: { dni: "42345678", name: "Ana 100%_Mamani", phone: "976543210" }, contact: { channel: "sms", address: "976543210" } });
    const agent = await as(f, "agent");
    for (const q of ["%", "_", "%%", "a%", "_a", "\\", "' or 1=1 --", "\"; drop table complaints; --", "*"]) expect(await found(agent, q), q).toEqual([]);
    expect(await found(agent, "100%_mam")).toEqual([odd.code]);
    expect(await found(agent, "%_m")).toEqual([odd.code]);
    // the table is still there and whole
    expect(f.database.sqlite.prepare("select count(*) as n from complaints").get()).toEqual({ n: 4 });
  });

  it("refuses a 500+ character query with a clear message, searching nothing", async () => {
    const f = await consoleFixture();
    const agent = await as(f, "agent");
    const res = await agent.get(`/staff/complaints?q=${"quispe ".repeat(80)}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("La búsqueda es demasiado larga (máximo 500 caracteres)");
    expect(html).toContain("0 casos");
    expect(searches(f)).toEqual([]);
    // exactly 500 is accepted
    expect((await agent.get(`/staff/complaints?q=${"a".repeat(500)}`)).status).toBe(200);
  });

  it("keeps the other filters and shows the search box on every console page", async () => {
    const f = await consoleFixture();
    const agent = await as(f, "agent");
    expect(await found(agent, "41234567")).toEqual([f.reclamo.code]);
    expect((await (await agent.get("/staff/complaints?q=41234567&program=pension65")).text()).match(/href="\/staff\/complaints\/MO/g)).toBeNull();
    for (const path of ["/staff/complaints", "/staff/dashboard", `/staff/complaints/${f.reclamo.code}`]) {
      const html = await (await agent.get(path)).text();
      expect(html, path).toMatch(/<form class="site-search" method="get" action="\/staff\/complaints" role="search"/);
    }
  });
});
