import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { atomic } from "../../src/db/atomic";
import { broadcasts, outbox } from "../../src/db/schema";
import { createKeyedHash } from "../../src/services/lookups/keyed-hash";
import { grantConsent, revokeConsentStatements, REVOKED_BEFORE_SENDING } from "../../src/services/notices/consent";
import { sendBroadcasts } from "../../src/services/broadcasts/send";
import { sendPendingNotices } from "../../src/services/notices/send-notices";
import { DEMO, makeRegistryApp } from "../helpers/registry";
import { addStaff, TEST_ENV } from "../helpers/staff";

/**
 * Session 9 review: the notices and broadcasts jobs read consent, then write the outbox rows in a
 * later write. A "no" whose own write commits between the two (the help desk, BAJA, the menu;
 * on D1 every statement of the job is a round trip, and a big run writes page after page) finds
 * no outbox row to cancel, and the job's write then queues the message: it was sent after the no.
 * Here the revocation's write is handed to the database just before the job runs, so it commits
 * after the job read consent and before the job's own write — the order the race takes.
 */
const MARIA = "+51987654321";
const ROSA = "+51976543210";
/** an instant given as Lima wall time (UTC−5) */
const lima = (local: string) => Date.parse(`${local}-05:00`);

async function setup() {
  const t = await makeRegistryApp({ ...TEST_ENV });
  const consent = { db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now };
  return { t, consent, ctx: t.ctx() };
}

const pendingTo = async (t: Awaited<ReturnType<typeof setup>>["t"], address: string) =>
  t.deps.db.select().from(outbox).where(and(eq(outbox.address, address), eq(outbox.status, "pending"))).all();

describe("a consent revoked while the job that queues its message runs", () => {
  it("payment notices: the revoked consent's notice is not queued; the one the person kept is", async () => {
    const { t, consent, ctx } = await setup();
    // db/demo/payments.csv: Juntos (23456789) 2026-12 opens 2026-12-14; she agreed by SMS and by WhatsApp
    await grantConsent(consent, { dni: DEMO.juntosActive.dni, channel: "sms", address: ROSA, lang: "es", via: "ussd", actor: "citizen:ussd" });
    await grantConsent(consent, { dni: DEMO.juntosActive.dni, channel: "whatsapp", address: MARIA, lang: "qu", via: "ussd", actor: "citizen:ussd" });
    // found at night (quiet hours): both notices wait, pending
    expect((await ctx.runNotices({ now: lima("2026-12-14T01:30") })).sent).toMatchObject({ sent: 0, heldQuiet: 2 });
    // in the morning she says no to the SMS at the help desk while the job runs
    const revocation = await revokeConsentStatements(consent, { dni: DEMO.juntosActive.dni, address: ROSA, channel: "sms", via: "helpdesk", actor: "staff:x" });
    expect(revocation).toHaveLength(3);
    const morning = lima("2026-12-14T08:00");
    const send = { db: t.deps.db, now: morning, today: "2026-12-14", quietHours: { from: 20, until: 7 }, dailyLimit: 1000, dryRun: false };
    await Promise.all([atomic(t.deps.db, revocation), sendPendingNotices(send)]);
    expect(await pendingTo(t, ROSA)).toEqual([]);
    expect(await pendingTo(t, MARIA)).toHaveLength(1);
    // and no later run sends it either
    await ctx.runNotices({ now: lima("2026-12-14T09:00") });
    expect(await pendingTo(t, ROSA)).toEqual([]);
  });

  it("broadcasts: the revoked person's message is not sent; the other person's is", async () => {
    const { t, consent } = await setup();
    await grantConsent(consent, { dni: DEMO.pension65Available.dni, channel: "sms", address: MARIA, lang: "es", via: "sms", actor: "citizen:sms" });
    await grantConsent(consent, { dni: DEMO.juntosActive.dni, channel: "sms", address: ROSA, lang: "es", via: "sms", actor: "citizen:sms" });
    const author = await addStaff(t.deps, "quality_supervisor", "autora@orienta.test");
    const approver = await addStaff(t.deps, "admin", "aprobador@orienta.test");
    const deps = { db: t.deps.db, now: t.clock.now, hash: consent.hash };
    // written and approved by two people (the console's steps are tested in test/staff/broadcasts)
    const now = t.clock.now();
    await t.deps.db.insert(broadcasts).values({
      id: crypto.randomUUID(), title: "Carrito", audience: { programs: [], ubigeoPrefix: "", langs: ["es"] }, texts: { es: "El carrito pagador llega el 12." },
      status: "approved", scheduledAt: null, createdBy: author.id, createdAt: now, approvedBy: approver.id, approvedAt: now,
      cancelledBy: null, cancelledAt: null, startedAt: null, finishedAt: null, recipients: null, updatedAt: now,
    });
    t.clock.advance(1);
    // started (the audience fixed: both), nothing queued yet this minute
    expect(await sendBroadcasts({ ...deps, ratePerMinute: 0 })).toMatchObject({ started: 1, queued: 0 });
    const revocation = await revokeConsentStatements(consent, { dni: DEMO.pension65Available.dni, via: "menu", actor: "citizen:ussd" });
    await Promise.all([atomic(t.deps.db, revocation), sendBroadcasts({ ...deps, ratePerMinute: 100 })]);
    expect(await pendingTo(t, MARIA)).toEqual([]);
    expect(await pendingTo(t, ROSA)).toHaveLength(1);
    const [maria] = await t.deps.db.select().from(outbox).where(eq(outbox.address, MARIA)).all();
    if (maria) expect(maria).toMatchObject({ status: "not_sent", lastError: REVOKED_BEFORE_SENDING });
    expect((await t.deps.db.select({ s: broadcasts.status }).from(broadcasts).where(sql`1`).get())?.s).toBe("sent");
  });
});
