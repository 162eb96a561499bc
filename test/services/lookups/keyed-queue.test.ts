import { describe, expect, it } from "vitest";
import { createKeyedQueue } from "../../../src/services/lookups/keyed-queue";
import { DEMO, makeRegistryApp } from "../../helpers/registry";

const tick = () => new Promise((r) => setTimeout(r, 1));

describe("keyed queue (one identity check at a time per DNI and per client)", () => {
  it("runs tasks on the same key one after another, in arrival order, and tasks on other keys alongside", async () => {
    const exclusive = createKeyedQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([exclusive(["dni:a", "client:x"], task("1")), exclusive(["dni:a", "client:y"], task("2")), exclusive(["dni:b", "client:z"], task("3")), exclusive(["dni:c", "client:y"], task("4"))]);
    expect(results).toEqual(["1", "2", "3", "4"]);
    // 2 waits for 1 (same DNI), 4 waits for 2 (same client); 3 shares nothing and runs at once
    expect(log.indexOf("2 start")).toBeGreaterThan(log.indexOf("1 end"));
    expect(log.indexOf("4 start")).toBeGreaterThan(log.indexOf("2 end"));
    expect(log.indexOf("3 start")).toBeLessThan(log.indexOf("1 end"));
  });

  it("releases the key when a task throws", async () => {
    const exclusive = createKeyedQueue();
    await expect(exclusive(["k"], async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await exclusive(["k"], async () => "next")).toBe("next");
  });
});

describe("identity checks started in the same tick", () => {
  it("40 guesses at one DNI started in the same tick: 4 answered, then locked; the right date refused", async () => {
    const { app } = await makeRegistryApp();
    const target = DEMO.inEvaluation;
    const right = `${target.date.slice(4)}-${target.date.slice(2, 4)}-${target.date.slice(0, 2)}`;
    const guess = (i: number, birthDate: string) =>
      app.request("/api/v1/lookup", { method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": `203.0.113.${i}` }, body: JSON.stringify({ dni: target.dni, birthDate }) });
    // all started before any of them runs: the worst interleaving for a read-decide-write check
    const wrong = Array.from({ length: 39 }, (_, i) => guess(i + 1, `1960-01-${String((i % 28) + 1).padStart(2, "0")}`));
    const statuses = (await Promise.all([...wrong, guess(99, right)])).map((r) => r.status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(new Set(statuses.slice(4))).toEqual(new Set([429]));
  });
});
