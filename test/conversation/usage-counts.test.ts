import { describe, expect, it } from "vitest";
import { complaints, contacts, usageCounts } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { dial, postUssd, ussdForm } from "../helpers/ussd";

// es, 4 complaints, 1 new, 1 reclamo, 2 Pensión 65, 1 payment not received, Abancay by list, text, DNI, 1 SMS here, 1 send
const FILE_COMPLAINT = ["1", "4", "1", "1", "2", "1", "1", "3", "1", "1", "No me llega el pago", "12345678", "1", "1"];

type Db = ReturnType<typeof makeTestApp>["deps"]["db"];
/** every usage row as `section outcome node @department lang channel day = count` (no identity can be in it: the table has no such column) */
async function usage(db: Db): Promise<string[]> {
  const rows = await db.select().from(usageCounts).all();
  return rows.map((r) => `${r.section} ${r.outcome}${r.node ? ` ${r.node}` : ""} @${r.department} ${r.lang} ${r.channel} ${r.day} = ${r.count}`).sort();
}

describe("anonymous usage counts (usage.counted, written with the turn)", () => {
  it("counts entering, completing and abandoning sections; nothing of the person", async () => {
    const { app, deps } = makeTestApp();
    const phone = dial(app, "+51987654321");
    await phone.start();
    await phone.press("1"); // Español
    await phone.press("1"); // programs
    await phone.press("1"); // the first program's page: completed
    await phone.press("00"); // main menu: left after completing, not abandoned
    await phone.press("4"); // complaints
    await phone.press("00"); // left at its first screen: abandoned there
    await phone.press("6"); // help
    expect(await usage(deps.db)).toEqual([
      "complaints abandoned complaints.start @unknown es ussd 2026-11-23 = 1",
      "complaints entered @unknown es ussd 2026-11-23 = 1",
      "help completed @unknown es ussd 2026-11-23 = 1",
      "help entered @unknown es ussd 2026-11-23 = 1",
      "programs completed @unknown es ussd 2026-11-23 = 1",
      "programs entered @unknown es ussd 2026-11-23 = 1",
    ]);
    expect(Object.keys((await deps.db.select().from(usageCounts).all())[0]).sort()).toEqual(["channel", "count", "day", "department", "lang", "node", "outcome", "section"]);
  });

  it("a filed complaint completes its section, under the department of the district given (kept on the contact as a department only)", async () => {
    const { app, deps } = makeTestApp();
    const phone = dial(app, "+51987654321");
    await phone.start();
    for (const p of FILE_COMPLAINT) await phone.press(p);
    expect(await deps.db.select().from(complaints).all()).toHaveLength(1);
    expect(await usage(deps.db)).toEqual(["complaints completed @03 es ussd 2026-11-23 = 1", "complaints entered @unknown es ussd 2026-11-23 = 1"]);
    const [contact] = await deps.db.select().from(contacts).all();
    expect(contact.department).toBe("03");
    // the next conversation of the same phone counts under its last known department
    const again = dial(app, "+51987654321");
    await again.start();
    await again.press("1");
    expect(await usage(deps.db)).toContain("programs entered @03 es ussd 2026-11-23 = 1");
  });

  it("a turn that fails to store counts nothing; its retry counts once", async () => {
    const { app, deps, database } = makeTestApp();
    const sessionId = "ATUid_usage_failure";
    const phoneNumber = "+51987654321";
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "" }));
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "1" }));
    database.sqlite.exec("CREATE TRIGGER fail_session_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'injected: session write failed'); END");
    const failed = await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "1*2" }));
    expect(failed.body).toMatch(/^END No pudimos guardar su respuesta/);
    expect(await usage(deps.db)).toEqual([]);
    database.sqlite.exec("DROP TRIGGER fail_session_update");
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "1*2" }));
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "1*2" })); // the gateway's retry: shown again, not counted again
    expect(await usage(deps.db)).toEqual(["eligibility entered @unknown es ussd 2026-11-23 = 1"]);
  });

  it("a refused complaint (it does not validate) stores no count either", async () => {
    const { app, deps, database } = makeTestApp();
    const phone = dial(app, "+51987654321");
    await phone.start();
    for (const p of FILE_COMPLAINT.slice(0, -1)) await phone.press(p);
    const before = await usage(deps.db);
    // the complaints table refuses every insert, as a failing validation or write would
    database.sqlite.exec("CREATE TRIGGER fail_complaint BEFORE INSERT ON complaints BEGIN SELECT RAISE(ABORT, 'injected'); END");
    await phone.press("1");
    expect(await deps.db.select().from(complaints).all()).toEqual([]);
    expect(await usage(deps.db)).toEqual(before);
  });

  it("a call that drops mid-section is counted abandoned when the next conversation does not take it up", async () => {
    const { app, deps, clock } = makeTestApp();
    const first = dial(app, "+51987654321");
    await first.start();
    await first.press("1");
    await first.press("2"); // eligibility
    await first.press("1"); // an answer: now on its next question; then the call drops
    const dropped = (await usage(deps.db)).length;
    clock.advance(3 * 86_400_000); // past the resume window: a new conversation, not an offer
    const second = dial(app, "+51987654321");
    await second.start();
    const rows = await usage(deps.db);
    expect(rows.length).toBe(dropped + 1);
    expect(rows.find((r) => r.startsWith("eligibility abandoned eligibility."))).toMatch(/@unknown es ussd 2026-11-26 = 1$/);
  });
});
