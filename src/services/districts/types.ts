/**
 * [INEI ubigeo, name (upper case, no accents), RENIEC ubigeo, % poverty, % extreme poverty,
 * accented Spanish name where it differs from the name in title case]
 */
export type DistrictRow = [string, string, string | null, number | null, number | null, string?];

/** The compact tree in db/reference/districts.json (generated from the CSV). */
export interface DistrictData {
  source: string;
  /** source rows left out (no INEI code), with why */
  skipped: string[];
  /** `label`: the accented Spanish name, where it differs from `name` in title case */
  departments: { code: string; name: string; label?: string; provinces: { code: string; name: string; label?: string; districts: DistrictRow[] }[] }[];
}

export interface Department {
  code: string;
  /** as INEI writes it: capitals, no accents ("APURIMAC"); what search and matching read */
  name: string;
  /** the Spanish name to show: accented where known ("Apurímac"), else `name` in title case */
  label: string;
}

export interface Province {
  code: string;
  name: string;
  label: string;
  department: string;
}

export interface District {
  /** INEI ubigeo: the code the service stores */
  ubigeo: string;
  /** null where the source has no RENIEC code (a district newer than its data) */
  reniec: string | null;
  name: string;
  label: string;
  province: string;
  department: string;
  /** INEI poverty-map estimates (% of the population); null where INEI gives none */
  povertyPct: number | null;
  extremePovertyPct: number | null;
}
