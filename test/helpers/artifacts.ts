import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { axeScan } from "./browser";

/** Screenshots kept as test artifacts (test-results/ is gitignored; CI can upload it). */
export const ARTIFACTS = join(process.cwd(), "test-results", "browser");

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** axe-core's serious and critical violations only, in a form that prints well when a test fails. */
export async function axeSerious(page: Page) {
  return (await axeScan(page))
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}
