import { unstable_splitSqlQuery } from "wrangler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportForD1 } from "../../src/db/d1-export";
import { registryDemoLoader } from "../../src/db/demo-registry";
import { silentLogger } from "../../src/logging/logger";
import { makeTestApp } from "../helpers/app";
import { nodeClient, type Client } from "../parity/client";
import {
  apiScenarios,
  channelScenarios,
  complaintScenarios,
  eligibilityScenarios,
  lookupScenarios,
  PARITY_ENV,
  ussdScenarios,
  type Scenario,
} from "../parity/scenarios";
import { startWorker, type LocalWorker } from "./harness";

// The same scenarios against both builds, from the same source: the Node app over in-memory
// SQLite (better-sqlite3) and the Worker bundle in workerd over a local D1. Each build keeps one
// database for the whole file and the scenarios run in the same order on both, so what one
// scenario leaves (a complaint code counter, a remembered language) is the same on both sides.
let worker: LocalWorker;
let node: Client;
beforeAll(async () => {
  worker = await startWorker({ vars: PARITY_ENV });
  // the real clock on both sides (the Worker has no other): dates such as deadlines then agree
  const app = makeTestApp({ env: PARITY_ENV, now: () => Date.now() });
  node = nodeClient(app.app);
  // the demo registry: loaded on Node by the importer, carried to D1 the way the README loads
  // the registry there (npm run d1:export → wrangler d1 execute), here as one D1 batch
  await registryDemoLoader.load(app.deps.db, silentLogger);
  const chunks: string[] = [];
  exportForD1(app.database.sqlite, (c) => chunks.push(c), { tables: ["persons", "enrolments", "classifications", "payments"] });
  const statements = unstable_splitSqlQuery(chunks.join(""));
  await worker.d1.batch(statements.map((s) => worker.d1.prepare(s)));
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
  { area: "verified lookups", scenarios: lookupScenarios },
])("$area parity", ({ scenarios }: { scenarios: Scenario[] }) => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s: the Worker answers exactly as Node", async (_name, scenario) => {
    const onNode = await scenario.run(node);
    const onWorker = await scenario.run(worker.fetch);
    expect(onWorker.exchanges).toEqual(onNode.exchanges);
  });
});

describe("Worker runtime", () => {
  it("logs JSON lines without phone numbers or DNIs", async () => {
    expect(worker.logs.length).toBeGreaterThan(0);
    const records = worker.logs.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.some((r) => r.msg === "request" && r.path === "/channels/ussd")).toBe(true);
    for (const line of worker.logs) expect(line).not.toMatch(/9870000\d\d|12345678|23456789/);
  });
});
