import { describe, expect, it } from "vitest";
import { auditLog, complaints, outbox } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { postUssd, ussdForm } from "../helpers/ussd";

// es, 4 complaints, 1 new, 1 reclamo, 2 Pensión 65, 1 payment not received, Abancay by list, text, DNI, 1 SMS here
const TO_CONFIRM = ["1", "4", "1", "1", "2", "1", "1", "3", "1", "1", "No me llega el pago", "12345678", "1"];

/** A SQLite trigger that makes every session write fail, as a full disk or an I/O error would. */
function breakSessionWrites(database: ReturnType<typeof makeTestApp>["database"]) {
  const raw = database.sqlite;
  raw.exec("CREATE TRIGGER fail_session_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'injected: session write failed'); END");
  return () => raw.exec("DROP TRIGGER fail_session_update");
}

describe("one turn, one write (the gateway retry after a failed session write)", () => {
  it("USSD: the confirm press fails to store → nothing filed; the gateway's retry files once: one code, one SMS", async () => {
    const { app, deps, database } = makeTestApp();
    const sessionId = "ATUid_retry_after_failure";
    const phoneNumber = "+51987654321";
    const inputs: string[] = [];
    await postUssd(app, ussdForm({ sessionId, phoneNumber, text: "" }));
    for (const p of TO_CONFIRM) {
      inputs.push(p);
      await postUssd(app, ussdForm({ sessionId, phoneNumber, text: inputs.join("*") }));
    }
    inputs.push("1"); // send
    const heal = breakSessionWrites(database);
    const failed = await postUssd(app, ussdForm({ sessionId, phoneNumber, text: inputs.join("*") }));
    expect(failed.status).toBe(200);
    // the person is told, in the channel's own words (END: dial again or call Línea 101); what
    // they gave is still stored at the confirmation (a redial offers to continue there)
    expect(failed.body).toMatch(/^END No pudimos guardar su respuesta/);
    expect(failed.body).toMatch(/L[ií]nea 101/);
    expect(await deps.db.select().from(complaints).all()).toEqual([]);
    expect(await deps.db.select().from(outbox).all()).toEqual([]);
    expect((await deps.db.select().from(auditLog).all()).filter((a) => a.action === "complaint.file")).toEqual([]);

    heal();
    const retried = await postUssd(app, ussdForm({ sessionId, phoneNumber, text: inputs.join("*") }));
    expect(retried.body).toMatch(/^END .*MO-2026-000001/);
    // and a second retry of the same request (its answer lost) shows the same closing screen
    const again = await postUssd(app, ussdForm({ sessionId, phoneNumber, text: inputs.join("*") }));
    expect(again.body).toBe(retried.body);
    const rows = await deps.db.select().from(complaints).all();
    expect(rows.map((r) => r.code)).toEqual(["MO-2026-000001"]);
    const messages = (await deps.db.select().from(outbox).all()).filter((m) => m.ref?.startsWith("complaint:"));
    expect(messages).toHaveLength(1);
  });
});
