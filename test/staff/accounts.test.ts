import { describe, expect, it } from "vitest";
import { LOCK_MS } from "../../src/staff/auth/sign-in";
import { makeTestApp } from "../helpers/app";
import { addStaff, StaffBrowser, TEST_ENV } from "../helpers/staff";

describe("staff accounts page (admin)", () => {
  it("unlocks a locked account, disables one (ending its sessions) and enables it again, all audited", async () => {
    const { app, deps, database } = makeTestApp({ env: TEST_ENV });
    const admin = await addStaff(deps, "admin");
    const agent = await addStaff(deps, "quality_agent");
    const agentBrowser = new StaffBrowser(app);
    for (let i = 0; i < 5; i++) await agentBrowser.login(agent.email, "wrong password 1");
    expect((await agentBrowser.login(agent.email, agent.password)).status).toBe(401);

    const browser = new StaffBrowser(app);
    await browser.login(admin.email, admin.password);
    const list = await (await browser.get("/staff/accounts")).text();
    expect(list).toContain("Bloqueada hasta");
    expect(list).not.toContain("password_hash");
    expect((await browser.submit("/staff/accounts", `/staff/accounts/${agent.id}/unlock`, {})).headers.get("location")).toBe("/staff/accounts?done=unlock");
    expect((await agentBrowser.login(agent.email, agent.password)).status).toBe(303);
    expect((await agentBrowser.get("/staff/complaints")).status).toBe(200);

    await browser.submit("/staff/accounts", `/staff/accounts/${agent.id}/disable`, {});
    expect((await agentBrowser.get("/staff/complaints")).status).toBe(303); // signed out
    expect((await agentBrowser.login(agent.email, agent.password)).status).toBe(401);
    await browser.submit("/staff/accounts", `/staff/accounts/${agent.id}/enable`, {});
    expect((await agentBrowser.login(agent.email, agent.password)).status).toBe(303);

    expect((await browser.submit("/staff/accounts", `/staff/accounts/${admin.id}/disable`, {})).status).toBe(400);
    const audit = database.sqlite.prepare("select actor, action, subject from audit_log where action like 'staff.user.%' and action != 'staff.user.create' order by id").all();
    expect(audit).toEqual(["unlock", "disable", "enable"].map((what) => ({ actor: `staff:${admin.id}`, action: `staff.user.${what}`, subject: `staff:${agent.id}` })));
    expect(LOCK_MS).toBe(15 * 60_000);
  });
});
