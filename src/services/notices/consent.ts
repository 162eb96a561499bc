import type { BatchItem } from "drizzle-orm/batch";
import { and, eq, inArray, sql } from "drizzle-orm";
import { atomic } from "../../db/atomic";
import type { Db } from "../../db/client";
import { auditStatement } from "../../db/repos/audit";
import { noticeConsents, outbox, type ConsentChannel, type NoticeConsentRow } from "../../db/schema";
import type { Lang } from "../../i18n/langs";
import { CONSENT_OFFER_KEY, consentTextVersion } from "./consent-text";

/**
 * Consent to payment notices (issue 21 item 1): grant, revoke, and who consents. Writes are
 * statements for the caller's atomic write (a conversation turn commits them with the session);
 * `grant`/`revoke` commit them alone (the help desk). Every change writes its audit row in the
 * same write; the audit names the person by the keyed hash and the address by its last digits.
 */
export interface ConsentDeps {
  db: Db;
  /** the keyed hash (createKeyedHash(APP_SECRET)) */
  hash(value: string): Promise<string>;
  now(): number;
}

export interface GrantInput {
  dni: string;
  channel: ConsentChannel;
  /** E.164 phone */
  address: string;
  lang: Lang;
  /** where the yes was given: "ussd" | "sms" | "whatsapp" | "helpdesk" */
  via: string;
  /** "citizen:<channel>" | "staff:<id>" */
  actor: string;
}

export interface RevokeInput {
  /** one person's consents (the menu, the help desk); omitted: every consent on `address` (BAJA) */
  dni?: string;
  /** omitted with a `dni`: every address of that person */
  address?: string;
  channel?: ConsentChannel;
  /** "keyword" | "menu" | "helpdesk" */
  via: string;
  actor: string;
}

export type ConsentRecord = Pick<NoticeConsentRow, "id" | "personKey" | "channel" | "address" | "lang" | "status" | "grantedAt" | "grantedVia" | "textKey" | "textVersion" | "revokedAt" | "revokedVia">;

/** The key a person is stored under: the audit log's subject for the same DNI. */
export async function personKeyOf(hash: ConsentDeps["hash"], dni: string): Promise<string> {
  return `dni:${await hash(`dni:${dni}`)}`;
}

const lastDigits = (address: string) => `…${address.replace(/\D/g, "").slice(-3)}`;

export async function grantConsentStatements(deps: ConsentDeps, input: GrantInput): Promise<BatchItem<"sqlite">[]> {
  const now = deps.now();
  const personKey = await personKeyOf(deps.hash, input.dni);
  const textKey = CONSENT_OFFER_KEY[input.channel];
  const textVersion = await consentTextVersion(input.lang, textKey);
  const grant = { status: "granted" as const, lang: input.lang, grantedAt: now, grantedVia: input.via, grantedBy: input.actor, textKey, textVersion, revokedAt: null, revokedVia: null, revokedBy: null, updatedAt: now };
  return [
    deps.db
      .insert(noticeConsents)
      .values({ id: crypto.randomUUID(), personKey, channel: input.channel, address: input.address, ...grant })
      .onConflictDoUpdate({ target: [noticeConsents.personKey, noticeConsents.channel, noticeConsents.address], set: grant }),
    auditStatement(deps.db, {
      at: now,
      actor: input.actor,
      action: "notices.consent.grant",
      subject: personKey,
      channel: input.via,
      outcome: "granted",
      detail: { channel: input.channel, address: lastDigits(input.address), lang: input.lang, textKey, textVersion },
    }),
  ];
}

/** The consents a revocation ends (granted ones only), read first so each gets its audit row. */
async function toRevoke(deps: ConsentDeps, input: RevokeInput): Promise<ConsentRecord[]> {
  const where = [eq(noticeConsents.status, "granted")];
  if (input.dni) where.push(eq(noticeConsents.personKey, await personKeyOf(deps.hash, input.dni)));
  if (input.address) where.push(eq(noticeConsents.address, input.address));
  if (input.channel) where.push(eq(noticeConsents.channel, input.channel));
  if (!input.dni && !input.address) return [];
  return deps.db.select().from(noticeConsents).where(and(...where)).all();
}

export async function revokeConsentStatements(deps: ConsentDeps, input: RevokeInput): Promise<BatchItem<"sqlite">[]> {
  const now = deps.now();
  const rows = await toRevoke(deps, input);
  return rows.flatMap((row): BatchItem<"sqlite">[] => [
    // guarded by status: a concurrent revocation leaves the row as it found it
    deps.db
      .update(noticeConsents)
      .set({ status: "revoked", revokedAt: now, revokedVia: input.via, revokedBy: input.actor, updatedAt: now })
      .where(and(eq(noticeConsents.id, row.id), eq(noticeConsents.status, "granted"))),
    cancelQueuedFor(deps.db, row, now),
    auditStatement(deps.db, {
      at: now,
      actor: input.actor,
      action: "notices.consent.revoke",
      subject: row.personKey,
      channel: input.via,
      outcome: "revoked",
      detail: { channel: row.channel, address: lastDigits(row.address), via: input.via },
    }),
  ]);
}

/** Why a queued notice or broadcast message was never handed to a provider. */
export const REVOKED_BEFORE_SENDING = "consent revoked before sending";

/**
 * The payment notices and broadcast messages already in the outbox for this consent (this person,
 * channel and number) and not yet handed to a provider: marked `not_sent`, in the revocation's own
 * write. The jobs check consent before queuing, but a message waits in the outbox for the
 * dispatcher, and for hours when the provider is failing and it is retried; without this a "no"
 * given in that time was not honoured (session 8 review). Another person's messages to a shared
 * phone stay: each outbox id names its notice or recipient row, whose person is checked by its
 * primary key.
 */
function cancelQueuedFor(db: Db, row: ConsentRecord, now: number) {
  return db
    .update(outbox)
    .set({ status: "not_sent", lastError: REVOKED_BEFORE_SENDING, updatedAt: now })
    .where(
      and(
        eq(outbox.status, "pending"),
        eq(outbox.channel, row.channel),
        eq(outbox.address, row.address),
        sql`(
          (${outbox.id} like 'notice:%' and exists (select 1 from notices n where n.id = substr(${outbox.id}, 8) and n.person_key = ${row.personKey}))
          or (${outbox.id} like 'broadcast-recipient:%' and exists (select 1 from broadcast_recipients r where r.id = cast(substr(${outbox.id}, 21) as integer) and r.person_key = ${row.personKey}))
        )`,
      ),
    );
}

export async function grantConsent(deps: ConsentDeps, input: GrantInput): Promise<void> {
  await atomic(deps.db, await grantConsentStatements(deps, input));
}

/** Revokes and says how many consents ended (0: there was nothing to revoke). */
export async function revokeConsent(deps: ConsentDeps, input: RevokeInput): Promise<number> {
  const statements = await revokeConsentStatements(deps, input);
  await atomic(deps.db, statements);
  // three statements per consent ended: the consent, its queued messages, the audit row
  return statements.length / 3;
}

/** Every consent of one person, granted or revoked (the help-desk page, the lookup menu). */
export async function consentsOfPerson(deps: Pick<ConsentDeps, "db" | "hash">, dni: string): Promise<ConsentRecord[]> {
  const personKey = await personKeyOf(deps.hash, dni);
  return deps.db.select().from(noticeConsents).where(eq(noticeConsents.personKey, personKey)).all();
}

export interface ConsentingAddress {
  personKey: string;
  channel: ConsentChannel;
  address: string;
  lang: Lang;
}

const CHUNK = 90; // D1 binds at most 100 parameters per statement

/** The granted consents of these people (by person key), in chunks: the notices job and audiences. */
export async function consentingAddresses(db: Db, personKeys: string[]): Promise<ConsentingAddress[]> {
  const found: ConsentingAddress[] = [];
  for (let i = 0; i < personKeys.length; i += CHUNK) {
    const keys = personKeys.slice(i, i + CHUNK);
    const rows = await db
      .select({ personKey: noticeConsents.personKey, channel: noticeConsents.channel, address: noticeConsents.address, lang: noticeConsents.lang })
      .from(noticeConsents)
      .where(and(inArray(noticeConsents.personKey, keys), eq(noticeConsents.status, "granted")))
      .all();
    found.push(...rows);
  }
  return found;
}

/** Whether this person's consent on this address is granted now (checked again just before sending). */
export async function isConsentGranted(db: Db, key: { personKey: string; channel: string; address: string }): Promise<boolean> {
  const row = await db
    .select({ status: noticeConsents.status })
    .from(noticeConsents)
    .where(sql`${noticeConsents.personKey} = ${key.personKey} and ${noticeConsents.channel} = ${key.channel} and ${noticeConsents.address} = ${key.address}`)
    .get();
  return row?.status === "granted";
}
