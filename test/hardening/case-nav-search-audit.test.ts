import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "../../src/db/schema";
import { dniSubject } from "../../src/staff/helpdesk/subject";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

/**
 * Session 8 review: a search by DNI, phone or name in the queue is audited (`complaint.search`),
 * but a case page takes the same search in `nav=` for its previous/next links, and that search
 * was run unaudited: an agent could walk every case of a DNI with `?nav=q=<DNI>` from any case,
 * and the audit showed no search at all.
 */
describe("the previous/next links of a case page run their search audited, as the queue does", () => {
  it("an agent walks a DNI's cases through nav= from an unrelated case: the search is in the audit, by the DNI's keyed hash", async () => {
    const f = await consoleFixture();
    const second = await f.file({ description: "Tampoco cobré diciembre" });
    const agent = new StaffBrowser(f.app);
    await agent.login(f.staff.agent.email, f.staff.agent.password);
    const before = await f.deps.db.select().from(auditLog).where(eq(auditLog.action, "complaint.search")).all();
    expect(before).toEqual([]);
    // from the consulta (no reporter), ask for neighbours among Rosa's cases
    const res = await agent.get(`/staff/complaints/${f.consulta.code}?${new URLSearchParams({ nav: new URLSearchParams({ q: "41234567" }).toString() })}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    // the links do lead to her cases (the search ran)...
    expect(html.includes(f.reclamo.code) || html.includes(second.code)).toBe(true);
    // ...and it is audited like the same search in the queue: kind, outcome, the DNI only as its keyed hash
    const rows = await f.deps.db.select().from(auditLog).where(eq(auditLog.action, "complaint.search")).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: `staff:${f.staff.agent.id}`, subject: await dniSubject(f.deps.config.appSecret, "41234567"), outcome: "found" });
    expect(rows[0].detail).toMatchObject({ kinds: ["dni"], via: "case_nav" });
    expect(JSON.stringify(rows)).not.toContain("41234567");
  });

  it("a nav= without personal data (status, queue, a tracking code) writes no search row", async () => {
    const f = await consoleFixture();
    const agent = new StaffBrowser(f.app);
    await agent.login(f.staff.agent.email, f.staff.agent.password);
    await agent.get(`/staff/complaints/${f.reclamo.code}?${new URLSearchParams({ nav: "status=open" })}`);
    await agent.get(`/staff/complaints/${f.reclamo.code}?${new URLSearchParams({ nav: `q=${f.consulta.code}` })}`);
    expect(await f.deps.db.select().from(auditLog).where(eq(auditLog.action, "complaint.search")).all()).toEqual([]);
  });
});
