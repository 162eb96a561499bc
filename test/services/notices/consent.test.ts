import { describe, expect, it } from "vitest";
import { auditLog, noticeConsents } from "../../../src/db/schema";
import { createKeyedHash } from "../../../src/services/lookups/keyed-hash";
import { audienceAddresses } from "../../../src/services/notices/consent-audience";
import { consentOfferText, consentTextVersion } from "../../../src/services/notices/consent-text";
import { consentingAddresses, consentsOfPerson, grantConsent, isConsentGranted, personKeyOf, revokeConsent } from "../../../src/services/notices/consent";
import { DEMO, makeRegistryApp } from "../../helpers/registry";

async function setup() {
  const t = await makeRegistryApp();
  const deps = { db: t.deps.db, hash: createKeyedHash(t.deps.config.appSecret), now: t.clock.now };
  return { t, deps };
}

const PHONE = "+51987654321";
const OTHER = "+51912345678";

describe("notice consent", () => {
  it("stores the grant with its proof (channel, time, text version, language) under the keyed hash, and audits it", async () => {
    const { t, deps } = await setup();
    await grantConsent(deps, { dni: DEMO.pension65Available.dni, channel: "sms", address: PHONE, lang: "qu", via: "ussd", actor: "citizen:ussd" });
    const [row] = await t.deps.db.select().from(noticeConsents).all();
    expect(row).toMatchObject({ channel: "sms", address: PHONE, lang: "qu", status: "granted", grantedVia: "ussd", textKey: "notices:offer.sms", grantedAt: t.clock.now() });
    expect(row.textVersion).toBe(await consentTextVersion("qu", "notices:offer.sms"));
    expect(row.personKey).toBe(await personKeyOf(deps.hash, DEMO.pension65Available.dni));
    expect(JSON.stringify(row)).not.toContain(DEMO.pension65Available.dni);
    const audit = await t.deps.db.select().from(auditLog).all();
    expect(audit.map((a) => [a.action, a.subject])).toContainEqual(["notices.consent.grant", row.personKey]);
    expect(JSON.stringify(audit)).not.toContain(PHONE);
  });

  it("gives each language's offer its own version, and a reworded offer a new one", async () => {
    const versions = await Promise.all((["es", "qu", "ay"] as const).map((l) => consentTextVersion(l, "notices:offer.sms")));
    expect(new Set(versions).size).toBe(3);
    expect(consentOfferText("es", "notices:offer.sms")).toContain("SMS");
  });

  it("revokes at once: by the person on one address, or every consent of an address (BAJA), each audited", async () => {
    const { t, deps } = await setup();
    const a = DEMO.pension65Available.dni;
    const b = DEMO.juntosActive.dni;
    await grantConsent(deps, { dni: a, channel: "sms", address: PHONE, lang: "es", via: "sms", actor: "citizen:sms" });
    await grantConsent(deps, { dni: a, channel: "whatsapp", address: OTHER, lang: "es", via: "whatsapp", actor: "citizen:whatsapp" });
    await grantConsent(deps, { dni: b, channel: "sms", address: PHONE, lang: "es", via: "helpdesk", actor: "staff:1" });
    const keyA = await personKeyOf(deps.hash, a);
    expect(await consentingAddresses(t.deps.db, [keyA])).toHaveLength(2);

    expect(await revokeConsent(deps, { dni: a, address: OTHER, via: "menu", actor: "citizen:whatsapp" })).toBe(1);
    expect(await isConsentGranted(t.deps.db, { personKey: keyA, channel: "whatsapp", address: OTHER })).toBe(false);
    expect(await isConsentGranted(t.deps.db, { personKey: keyA, channel: "sms", address: PHONE })).toBe(true);

    expect(await revokeConsent(deps, { address: PHONE, via: "keyword", actor: "citizen:sms" })).toBe(2);
    expect(await consentingAddresses(t.deps.db, [keyA, await personKeyOf(deps.hash, b)])).toEqual([]);
    // nothing left to revoke: nothing written
    expect(await revokeConsent(deps, { address: PHONE, via: "keyword", actor: "citizen:sms" })).toBe(0);
    const revokes = (await t.deps.db.select().from(auditLog).all()).filter((r) => r.action === "notices.consent.revoke");
    expect(revokes).toHaveLength(3);
    // the proof stays: the rows are kept, revoked
    const rows = await consentsOfPerson(deps, a);
    expect(rows.map((r) => r.status)).toEqual(["revoked", "revoked"]);
  });

  it("a new yes after a revocation grants again", async () => {
    const { t, deps } = await setup();
    const dni = DEMO.pension65Available.dni;
    await grantConsent(deps, { dni, channel: "sms", address: PHONE, lang: "es", via: "sms", actor: "citizen:sms" });
    await revokeConsent(deps, { dni, via: "helpdesk", actor: "staff:1" });
    t.clock.advance(60_000);
    await grantConsent(deps, { dni, channel: "sms", address: PHONE, lang: "ay", via: "helpdesk", actor: "staff:1" });
    const rows = await consentsOfPerson(deps, dni);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "granted", lang: "ay", revokedAt: null, grantedVia: "helpdesk" });
  });

  it("finds an audience by program, place and language, one entry per address", async () => {
    const { t, deps } = await setup();
    await grantConsent(deps, { dni: DEMO.pension65Available.dni, channel: "sms", address: PHONE, lang: "qu", via: "sms", actor: "citizen:sms" });
    await grantConsent(deps, { dni: DEMO.juntosActive.dni, channel: "sms", address: OTHER, lang: "es", via: "sms", actor: "citizen:sms" });
    await grantConsent(deps, { dni: DEMO.notEnrolled.dni, channel: "sms", address: OTHER, lang: "es", via: "sms", actor: "citizen:sms" });
    const all = await audienceAddresses(deps, {});
    expect(all.map((a) => a.address).sort()).toEqual([OTHER, PHONE].sort());
    expect((await audienceAddresses(deps, { programs: ["pension65"] })).map((a) => a.address)).toEqual([PHONE]);
    expect((await audienceAddresses(deps, { programs: ["juntos"] })).map((a) => a.address)).toEqual([OTHER]);
    expect(await audienceAddresses(deps, { langs: ["ay"] })).toEqual([]);
    expect(await audienceAddresses(deps, { ubigeoPrefix: "99" })).toEqual([]);
    expect(t).toBeTruthy();
  });
});
