import { registryDemoLoader } from "../../src/db/demo-registry";
import { silentLogger } from "../../src/logging/logger";
import { makeTestApp } from "./app";

/** A test app with the demo registry (db/demo/*.csv) loaded through the importer. */
export async function makeRegistryApp(env: Record<string, string> = {}) {
  const t = makeTestApp({ env });
  await registryDemoLoader.load(t.deps.db, silentLogger);
  return t;
}

/** The demo people, as the README lists them. */
export const DEMO = {
  pension65Available: { dni: "12345678", date: "21041950" },
  juntosActive: { dni: "23456789", date: "15071988" },
  juntosSuspended: { dni: "34567890", date: "02031992" },
  pension65Suspended: { dni: "45678901", date: "08121955" },
  notEnrolled: { dni: "56789012", date: "30011979" },
  inEvaluation: { dni: "67890123", date: "05051948" },
};
