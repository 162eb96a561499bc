/** [INEI ubigeo, name (upper case, no accents), RENIEC ubigeo, % poverty, % extreme poverty] */
export type DistrictRow = [string, string, string | null, number | null, number | null];

/** The compact tree in db/reference/districts.json (generated from the CSV). */
export interface DistrictData {
  source: string;
  /** source rows left out (no INEI code), with why */
  skipped: string[];
  departments: { code: string; name: string; provinces: { code: string; name: string; districts: DistrictRow[] }[] }[];
}

export interface Department {
  code: string;
  name: string;
}

export interface Province {
  code: string;
  name: string;
  department: string;
}

export interface District {
  /** INEI ubigeo: the code the service stores */
  ubigeo: string;
  /** null where the source has no RENIEC code (a district newer than its data) */
  reniec: string | null;
  name: string;
  province: string;
  department: string;
  /** INEI poverty-map estimates (% of the population); null where INEI gives none */
  povertyPct: number | null;
  extremePovertyPct: number | null;
}
