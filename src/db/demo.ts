import type { Db } from "./client";
import type { Logger } from "../logging/logger";
import { staffDemoLoader } from "../staff/demo";
import { complaintsDemoLoader } from "../services/complaints/demo";
import { registryDemoLoader } from "./demo-registry";

/**
 * Demo data for `npm start` on an empty database. Each area (registry, complaints, staff)
 * adds a loader here; a loader must be idempotent and load only from `db/demo/`.
 */
export type DemoLoader = { name: string; load(db: Db, logger: Logger): Promise<number> };

// order matters: complaints name their assignees by the staff demo's e-mails
export const demoLoaders: DemoLoader[] = [staffDemoLoader, complaintsDemoLoader, registryDemoLoader];

export async function loadDemoData(db: Db, logger: Logger, loaders: DemoLoader[] = demoLoaders): Promise<void> {
  for (const loader of loaders) {
    const rows = await loader.load(db, logger);
    logger.info({ loader: loader.name, rows }, "demo data loaded");
  }
}
