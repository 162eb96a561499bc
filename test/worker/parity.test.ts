import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp } from "../helpers/app";
import { nodeClient } from "../parity/client";
import { apiScenarios, channelScenarios, complaintScenarios, eligibilityScenarios, PARITY_ENV, ussdScenarios, type Scenario } from "../parity/scenarios";
import { startWorker, type LocalWorker } from "./harness";

// The same scenarios against both builds, from the same source: the Node app over in-memory
// SQLite (better-sqlite3) and the Worker bundle in workerd over a local D1.
let worker: LocalWorker;
beforeAll(async () => {
  worker = await startWorker({ vars: PARITY_ENV });
});
afterAll(async () => {
  await worker?.dispose();
});

describe.each([
  { area: "USSD", scenarios: ussdScenarios },
  { area: "API", scenarios: apiScenarios },
  { area: "eligibility", scenarios: eligibilityScenarios },
  { area: "other channels", scenarios: channelScenarios },
  { area: "complaints", scenarios: complaintScenarios },
])("$area parity", ({ scenarios }: { scenarios: Scenario[] }) => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s: the Worker answers exactly as Node", async (_name, scenario) => {
    // the real clock on both sides (the Worker has no other): dates such as deadlines then agree
    const node = await scenario.run(nodeClient(makeTestApp({ env: PARITY_ENV, now: () => Date.now() }).app));
    const onWorker = await scenario.run(worker.fetch);
    expect(onWorker.exchanges).toEqual(node.exchanges);
  });
});

describe("Worker runtime", () => {
  it("logs JSON lines without phone numbers", async () => {
    expect(worker.logs.length).toBeGreaterThan(0);
    const records = worker.logs.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.some((r) => r.msg === "request" && r.path === "/channels/ussd")).toBe(true);
    for (const line of worker.logs) expect(line).not.toMatch(/98700000\d/);
  });
});
