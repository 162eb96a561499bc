import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { registryDemoLoader } from "../../src/db/demo-registry";
import { openNodeDatabase } from "../../src/db/node";
import { silentLogger } from "../../src/logging/logger";
import { createMetrics } from "../../src/ops/metrics";
import { createKeyedHash } from "../../src/services/lookups/keyed-hash";
import { grantConsent } from "../../src/services/notices/consent";
import { consoleFixture } from "../helpers/console";
import { DEMO } from "../helpers/registry";
import { StaffBrowser } from "../helpers/staff";
import { testClock } from "../helpers/app";

const lima = (local: string) => Date.parse(`${local}-05:00`);

async function withNotices() {
  const f = await consoleFixture();
  await registryDemoLoader.load(f.deps.db, silentLogger);
  const deps = { db: f.deps.db, hash: createKeyedHash(f.deps.config.appSecret), now: f.clock.now };
  await grantConsent(deps, { dni: DEMO.juntosActive.dni, channel: "sms", address: "+51976543210", lang: "es", via: "ussd", actor: "citizen:ussd" });
  await grantConsent(deps, { dni: DEMO.juntosActive.dni, channel: "whatsapp", address: "+51911222333", lang: "qu", via: "whatsapp", actor: "citizen:whatsapp" });
  const ctx = f.ctx();
  await ctx.runNotices({ now: lima("2026-12-14T02:00") }); // found at night: held by quiet hours
  await ctx.runNotices({ now: lima("2026-12-14T08:00") }); // sent in the morning
  // the provider reported one delivered and one failed
  await f.deps.db.run(sql`update outbox set delivery = 'delivered' where channel = 'sms'`);
  await f.deps.db.run(sql`update outbox set status = 'failed' where channel = 'whatsapp'`);
  f.clock.set(lima("2026-12-15T10:00"));
  return f;
}

describe("staff notices page (issue 21 item 5)", () => {
  it("supervisor: counts by day, kind, program and channel — sent, held by quiet hours, delivered, failed", async () => {
    const f = await withNotices();
    const browser = new StaffBrowser(f.app);
    await browser.login(f.staff.supervisor.email, f.staff.supervisor.password);
    const res = await browser.get("/staff/notices");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Avisos de pago");
    const rows = [...html.matchAll(/<tr><td>(.*?)<\/tr>/g)].map((m) => m[1].replace(/<\/td><td>/g, "|").replace(/<\/?td>/g, ""));
    expect(rows).toEqual(["2026-12-14|Pago disponible|Juntos|SMS|1|1|1|0|0|0|1|0", "2026-12-14|Pago disponible|Juntos|WhatsApp|1|1|1|0|0|0|0|1"]);
    expect(html).not.toMatch(/976543210|911222333|23456789/);
  });

  it("agents and help desks may not see it", async () => {
    const f = await consoleFixture();
    for (const who of [f.staff.agent, f.staff.helpdesk]) {
      const browser = new StaffBrowser(f.app);
      await browser.login(who.email, who.password);
      expect((await browser.get("/staff/notices")).status).toBe(403);
    }
  });

  it("/metrics: notices by kind and status, and the job's outcomes", async () => {
    const database = openNodeDatabase(":memory:");
    const { config } = loadConfig({ NODE_ENV: "test" });
    await registryDemoLoader.load(database.db, silentLogger);
    const clock = testClock();
    const metrics = createMetrics(database.db, { defaultMetrics: false });
    const app = createApp({ db: database.db, config, logger: silentLogger, metrics, now: clock.now });
    const { createContext } = await import("../../src/app");
    const ctx = createContext({ db: database.db, config, logger: silentLogger, metrics, now: clock.now });
    await grantConsent({ db: database.db, hash: createKeyedHash(config.appSecret), now: clock.now }, { dni: DEMO.juntosActive.dni, channel: "sms", address: "+51976543210", lang: "es", via: "ussd", actor: "citizen:ussd" });
    await ctx.runNotices({ now: lima("2026-12-14T02:00") });
    await ctx.runNotices({ now: lima("2026-12-14T08:00") });
    const text = await (await app.request("/metrics")).text();
    expect(text).toContain('orienta_notices{kind="payment_available",status="sent"} 1');
    expect(text).toContain('orienta_notices_job_total{outcome="held_quiet"} 1');
    expect(text).toContain('orienta_notices_job_total{outcome="sent"} 1');
    expect(text).toContain('orienta_notices_job_total{outcome="found_payment_available"} 2');
  });
});
