import { and, asc, eq, gt, inArray, like, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { enrolments, persons } from "../../db/schema";
import type { Lang } from "../../i18n/langs";
import { consentingAddresses, personKeyOf, type ConsentDeps, type ConsentingAddress } from "./consent";

/** Who a broadcast goes to: consenting people filtered by program, place and language. */
export interface AudienceFilter {
  /** enrolled (status `activo`) in any of these programs; omitted: any person */
  programs?: string[];
  /** INEI ubigeo prefix: 2 digits a department, 4 a province, 6 a district */
  ubigeoPrefix?: string;
  /** the language the consent was given in (the notices' language) */
  langs?: Lang[];
}

const PAGE = 2_000;

/**
 * The consenting addresses of an audience, one per channel and address (two people sharing a
 * phone hear a broadcast once). The registry knows programs and places by DNI and the consents
 * know people only by keyed hash, so the registry is read in DNI order, page by page, each DNI
 * hashed and matched against the consents.
 */
export async function audienceAddresses(deps: Pick<ConsentDeps, "db" | "hash">, filter: AudienceFilter): Promise<ConsentingAddress[]> {
  const seen = new Map<string, ConsentingAddress>();
  let after = "";
  for (;;) {
    const dnis = await audiencePage(deps.db, filter, after);
    if (dnis.length === 0) break;
    after = dnis[dnis.length - 1];
    const keys = await Promise.all(dnis.map((dni) => personKeyOf(deps.hash, dni)));
    for (const consent of await consentingAddresses(deps.db, keys)) {
      if (filter.langs && !filter.langs.includes(consent.lang)) continue;
      const id = `${consent.channel}:${consent.address}`;
      if (!seen.has(id)) seen.set(id, consent);
    }
    if (dnis.length < PAGE) break;
  }
  return [...seen.values()];
}

async function audiencePage(db: Db, filter: AudienceFilter, after: string): Promise<string[]> {
  const where = [gt(persons.dni, after)];
  if (filter.ubigeoPrefix) where.push(like(persons.ubigeo, `${filter.ubigeoPrefix}%`));
  if (filter.programs && filter.programs.length > 0) {
    where.push(sql`exists (select 1 from ${enrolments} where ${enrolments.dni} = ${persons.dni} and ${inArray(enrolments.program, filter.programs)} and ${eq(enrolments.status, "activo")})`);
  }
  const rows = await db.select({ dni: persons.dni }).from(persons).where(and(...where)).orderBy(asc(persons.dni)).limit(PAGE).all();
  return rows.map((r) => r.dni);
}
