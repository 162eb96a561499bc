import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { openNodeDatabase, SERVICE_BUSY_TIMEOUT_MS } from "../../src/db/node";
import { foldToGsm7 } from "../../src/i18n/gsm7";
import { createTranslator } from "../../src/i18n/translator";
import { auditLog, complaints, contacts, lookupThrottle, outbox, sessions } from "../../src/db/schema";
import { makeTestApp } from "../helpers/app";
import { reclamoBody } from "../helpers/complaints";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import { postTwilio, SMS_ENV, twilioForm } from "../helpers/sms";
import { dial, postUssd, ussdForm } from "../helpers/ussd";
import { chat } from "../helpers/web";
import { postWebhook, textWebhook, whatsappEnv } from "../helpers/whatsapp";

/**
 * Issue 14 item 8: when the database cannot be written, each channel answers in its own words
 * (USSD END, SMS TwiML, chat 503, WhatsApp non-2xx so Meta redelivers, JSON APIs 503) and
 * nothing is stored. `query_only` makes every write fail with SQLITE_READONLY, as a read-only or
 * vanished file does; the lock held from a second connection is real SQLITE_BUSY.
 */
const readOnly = (database: { sqlite: Database.Database }) => {
  database.sqlite.pragma("query_only = ON");
  return () => database.sqlite.pragma("query_only = OFF");
};

async function counts(db: ReturnType<typeof makeTestApp>["deps"]["db"]) {
  return {
    contacts: (await db.select().from(contacts).all()).length,
    sessions: (await db.select().from(sessions).all()).length,
    complaints: (await db.select().from(complaints).all()).length,
    outbox: (await db.select().from(outbox).all()).length,
    audit: (await db.select().from(auditLog).all()).length,
  };
}

describe("storage failures answered in each channel's own words, nothing stored", () => {
  it("USSD: a new caller and a caller mid-flow both get END 'could not save … Línea 101' (200 text/plain)", async () => {
    const { app, deps, database } = makeTestApp();
    const mid = dial(app, "+51987000001");
    await mid.start();
    await mid.press("1"); // Español: the main menu is stored
    const before = await counts(deps.db);
    const heal = readOnly(database);
    const fresh = await postUssd(app, ussdForm({ sessionId: "ATUid_new", phoneNumber: "+51987000002", text: "" }));
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatch(/^END No pudimos guardar su respuesta.*Linea 101/s);
    const pressed = await mid.press("1");
    expect(pressed.body).toMatch(/^END No pudimos guardar/);
    expect(await counts(deps.db)).toEqual(before);
    heal();
    // what the person gave before is still there: a redial in their language, no language question
    const again = (await dial(app, "+51987000001").start()).body;
    expect(again).toMatch(/^CON /);
    expect(again).not.toMatch(/Runasimi/);
  });

  it("a Quechua caller is told in Quechua", async () => {
    const { app, database } = makeTestApp();
    const phone = dial(app, "+51987000003");
    await phone.start();
    await phone.press("2"); // Runasimi
    readOnly(database);
    const failed = await phone.press("1");
    // the Quechua notice itself (as the USSD screen folds it), not the Spanish one
    expect(failed.body).toBe(`END ${foldToGsm7(createTranslator().t("qu", "common:save_failed"))}`);
  });

  it("SMS: TwiML with the same words; chat: 503 with them; JSON API: 503 storage_unavailable; /healthz 503", async () => {
    const { app, deps, database } = makeTestApp({ env: SMS_ENV });
    const before = await counts(deps.db);
    readOnly(database);
    const sms = await postTwilio(app, twilioForm({ Body: "MENU", From: "+51987000004" }));
    expect(sms.status).toBe(200);
    expect(sms.message).toMatch(/No pudimos guardar.*L[ií]nea 101/s);

    const web = await chat(app, { lang: "es" });
    expect(web.status).toBe(503);
    expect(web.headers.get("retry-after")).toBeTruthy();
    expect(await web.json()).toMatchObject({ error: "storage_unavailable", message: expect.stringMatching(/No pudimos guardar.*Línea 101/s) });

    const api = await app.request("/api/v1/complaints", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reclamoBody) });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: "storage_unavailable", message: expect.stringContaining("Línea 101") });

    expect((await app.request("/healthz")).status).toBe(503);
    expect(await counts(deps.db)).toEqual(before);
  });

  it("WhatsApp: non-2xx, so Meta delivers the message again later; nothing recorded", async () => {
    const { app, deps, database, clock } = makeTestApp({ env: whatsappEnv() });
    const before = await counts(deps.db);
    readOnly(database);
    const res = await postWebhook(app, textWebhook({ id: "wamid.storage1", text: "hola", timestamp: clock.now() }));
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await counts(deps.db)).toEqual(before);
  });

  it("an identity check whose turn cannot be stored records no attempt and reveals nothing", async () => {
    const { app, deps, database } = await makeRegistryApp();
    const phone = dial(app, "+51987000005");
    await phone.start();
    await phone.press("1");
    await phone.press("3");
    await phone.press("1");
    await phone.press(DEMO.juntosActive.dni);
    await phone.press(DEMO.juntosActive.date); // read back in words
    const auditBefore = (await deps.db.select().from(auditLog).all()).length;
    const heal = readOnly(database);
    const right = await phone.press("1"); // yes: the check
    heal();
    expect(right.body).toMatch(/^END No pudimos guardar/);
    expect(right.body).not.toMatch(/Hola|R\*\*\*/);
    expect((await deps.db.select().from(auditLog).all()).length).toBe(auditBefore);
    expect(await deps.db.select().from(lookupThrottle).all()).toEqual([]);
  });
});

describe("a write lock held by another process", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function fileApp() {
    dir = mkdtempSync(join(tmpdir(), "orienta-busy-"));
    const path = join(dir, "orienta.db");
    const database = openNodeDatabase(path, { busyTimeoutMs: SERVICE_BUSY_TIMEOUT_MS });
    const t = makeTestApp({ db: database.db });
    const other = new Database(path);
    return { ...t, file: database, other };
  }

  it("never blocks the event loop for long: USSD waits asynchronously and answers once the lock is gone", async () => {
    const { app, file, other } = fileApp();
    const phone = dial(app, "+51987000006");
    await phone.start();
    other.exec("BEGIN IMMEDIATE");
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const ticks: number[] = [];
    const ticker = setInterval(() => ticks.push(Date.now()), 20);
    const answer = phone.press("1");
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    other.exec("COMMIT");
    const screen = await answer;
    clearInterval(ticker);
    lag.disable();
    expect(screen.body).toMatch(/^CON /);
    expect(screen.body).not.toMatch(/No pudimos/);
    // the loop kept turning while the request waited: no stall near the old 5 s busy_timeout
    const gaps = ticks.slice(1).map((t, i) => t - ticks[i]);
    expect(Math.max(...gaps)).toBeLessThan(400);
    expect(lag.max / 1e6).toBeLessThan(400);
    other.close();
    file.close();
  });

  it("a lock that stays: the caller is told to try again (END … Línea 101) within about 5 s, nothing stored", async () => {
    const { app, file, other } = fileApp();
    const phone = dial(app, "+51987000007");
    await phone.start();
    other.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    const screen = await phone.press("1");
    const waited = Date.now() - started;
    other.exec("ROLLBACK");
    expect(screen.body).toMatch(/^END No pudimos guardar/);
    expect(waited).toBeGreaterThan(3_000);
    expect(waited).toBeLessThan(9_000);
    other.close();
    file.close();
  }, 20_000);
});
