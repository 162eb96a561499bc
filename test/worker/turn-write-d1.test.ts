import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type LocalWorker } from "./harness";

// The failure-injection case of test/conversation/one-turn-one-write.test.ts on workerd's D1:
// the turn's statements go in one db.batch, so a failing session write keeps no complaint either.
let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker();
});
afterAll(async () => {
  await worker?.dispose();
});

const TO_CONFIRM = ["1", "4", "1", "1", "2", "1", "1", "3", "1", "1", "No me llega el pago", "12345678", "1"];

async function ussd(sessionId: string, text: string) {
  const res = await worker.fetch("/channels/ussd", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ sessionId, serviceCode: "*123#", phoneNumber: "+51987654321", networkCode: "71610", text }).toString(),
  });
  return res.text();
}

describe("one turn, one write on D1", () => {
  it("a session write that fails at the confirm press files nothing; the gateway's retry files once", async () => {
    const sessionId = "ATUid_d1_retry";
    const inputs: string[] = [];
    await ussd(sessionId, "");
    for (const p of TO_CONFIRM) {
      inputs.push(p);
      await ussd(sessionId, inputs.join("*"));
    }
    inputs.push("1");
    await worker.d1.prepare("CREATE TRIGGER fail_session_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'injected'); END").run();
    const failed = await ussd(sessionId, inputs.join("*"));
    expect(failed).toMatch(/^END No pudimos guardar su respuesta/);
    const none = await worker.d1.prepare("SELECT count(*) AS n FROM complaints").first<{ n: number }>();
    expect(none?.n).toBe(0);
    await worker.d1.prepare("DROP TRIGGER fail_session_update").run();
    const retried = await ussd(sessionId, inputs.join("*"));
    expect(retried).toMatch(/^END .*MO-2026-000001/);
    expect(await ussd(sessionId, inputs.join("*"))).toBe(retried);
    const counts = await worker.d1.prepare("SELECT (SELECT count(*) FROM complaints) AS complaints, (SELECT count(*) FROM outbox WHERE ref LIKE 'complaint:%') AS sms").first();
    expect(counts).toEqual({ complaints: 1, sms: 1 });
  });
});
