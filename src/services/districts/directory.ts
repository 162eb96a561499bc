import rawDistricts from "../../../db/reference/districts.json";
import { foldForMatch } from "../../engine/text";
import { placeName } from "../../domain/place-name";
import type { Department, District, DistrictData, Province } from "./types";

/**
 * Peru's districts by department → province → district, searchable by the first letters of
 * a name, with RENIEC → INEI translation. Built once per app from the bundled JSON (no file
 * access at runtime, so the same code runs on Workers).
 */
export interface DistrictDirectory {
  departments(): Department[];
  provinces(departmentCode: string): Province[];
  districts(provinceCode: string): District[];
  /** a district by its INEI ubigeo */
  get(ubigeo: string): District | undefined;
  province(code: string): Province | undefined;
  department(code: string): Department | undefined;
  /** districts whose name starts with `prefix` (accents, case and extra spaces ignored), by name */
  search(prefix: string, limit?: number): District[];
  /** the INEI ubigeo of a district given by its RENIEC ubigeo (as printed on a DNI) */
  fromReniec(reniec: string): string | undefined;
  size: number;
}

export function createDistrictDirectory(data: DistrictData = rawDistricts as DistrictData): DistrictDirectory {
  const departments: Department[] = [];
  const provincesByDept = new Map<string, Province[]>();
  const districtsByProv = new Map<string, District[]>();
  const byUbigeo = new Map<string, District>();
  const byReniec = new Map<string, string>();
  const provinceByCode = new Map<string, Province>();
  const folded: { key: string; district: District }[] = [];

  for (const d of data.departments) {
    departments.push({ code: d.code, name: d.name, label: d.label ?? placeName(d.name) });
    const provinces: Province[] = [];
    for (const p of d.provinces) {
      const province: Province = { code: p.code, name: p.name, label: p.label ?? placeName(p.name), department: d.code };
      provinces.push(province);
      provinceByCode.set(p.code, province);
      const districts = p.districts.map(([ubigeo, name, reniec, povertyPct, extremePovertyPct, label]): District => ({
        ubigeo,
        reniec,
        name,
        label: label ?? placeName(name),
        province: p.code,
        department: d.code,
        povertyPct,
        extremePovertyPct,
      }));
      districtsByProv.set(p.code, districts);
      for (const district of districts) {
        byUbigeo.set(district.ubigeo, district);
        if (district.reniec) byReniec.set(district.reniec, district.ubigeo);
        folded.push({ key: foldForMatch(district.name), district });
      }
    }
    provincesByDept.set(d.code, provinces);
  }
  folded.sort((a, b) => a.key.localeCompare(b.key) || a.district.ubigeo.localeCompare(b.district.ubigeo));
  const departmentByCode = new Map(departments.map((d) => [d.code, d]));

  return {
    departments: () => departments,
    provinces: (code) => provincesByDept.get(code) ?? [],
    districts: (code) => districtsByProv.get(code) ?? [],
    get: (ubigeo) => byUbigeo.get(ubigeo),
    province: (code) => provinceByCode.get(code),
    department: (code) => departmentByCode.get(code),
    search(prefix, limit = Infinity) {
      const key = foldForMatch(prefix);
      if (key === "") return [];
      const found: District[] = [];
      for (const entry of folded) {
        if (entry.key.startsWith(key)) found.push(entry.district);
        if (found.length >= limit) break;
      }
      return found;
    },
    fromReniec: (reniec) => byReniec.get(reniec.trim()),
    size: byUbigeo.size,
  };
}

export { placeName } from "../../domain/place-name";
