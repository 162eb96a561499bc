import { describe, expect, it } from "vitest";
import { consoleFixture } from "../helpers/console";
import { StaffBrowser } from "../helpers/staff";

describe("issue 14 item 9: an agent may take only unassigned cases", () => {
  it("the finding: an agent took a case already assigned to a colleague; now 409 and the colleague keeps it", async () => {
    const f = await consoleFixture();
    const page = `/staff/complaints/${f.reclamo.code}`;
    const first = new StaffBrowser(f.app);
    await first.login(f.staff.agent.email, f.staff.agent.password);
    expect((await first.submit(page, `${page}/assign`, { assignee: f.staff.agent.id })).status).toBe(303);
    const second = new StaffBrowser(f.app);
    await second.login(f.staff.agent2.email, f.staff.agent2.password);
    const res = await second.submit(page, `${page}/assign`, { assignee: f.staff.agent2.id });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("ya está asignado");
    const row = f.database.sqlite.prepare("select assignee_id from complaints where code = ?").get(f.reclamo.code) as { assignee_id: string };
    expect(row.assignee_id).toBe(f.staff.agent.id);
    // taking it again oneself is fine; a supervisor still reassigns
    expect((await first.submit(page, `${page}/assign`, { assignee: f.staff.agent.id })).status).toBe(303);
    const supervisor = new StaffBrowser(f.app);
    await supervisor.login(f.staff.supervisor.email, f.staff.supervisor.password);
    expect((await supervisor.submit(page, `${page}/assign`, { assignee: f.staff.agent2.id })).status).toBe(303);
  });
});
