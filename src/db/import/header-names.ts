import type { ImportKind } from "./rows";

/**
 * The Spanish names a column may have in a file the programs' staff export or type themselves
 * (`Fecha de nacimiento`, `Programa`, `Monto`), already folded by `foldHeader` (lower case, no
 * accents, spaces as `_`), mapped to the column the importer knows. Per kind, because the same
 * word means different columns (`desde`: an enrolment's start, a payment's window).
 */
const SPANISH: Record<ImportKind, Record<string, string>> = {
  persons: {
    numero_de_dni: "dni",
    nro_dni: "dni",
    fecha_de_nacimiento: "birth_date",
    fecha_nacimiento: "birth_date",
    nombres: "first_names",
    apellidos: "last_names",
    ubigeo_inei: "ubigeo",
    telefono: "phone",
    celular: "phone",
  },
  enrolments: {
    numero_de_dni: "dni",
    nro_dni: "dni",
    programa: "program",
    estado: "status",
    desde: "since",
    fecha_de_inicio: "since",
    fecha_inicio: "since",
    motivo: "status_reason",
    motivo_del_estado: "status_reason",
  },
  classifications: {
    numero_de_dni: "dni",
    nro_dni: "dni",
    nivel: "level",
    clasificacion: "level",
    clasificacion_socioeconomica: "level",
    vigente_hasta: "valid_until",
    vigencia: "valid_until",
  },
  payments: {
    numero_de_dni: "dni",
    nro_dni: "dni",
    programa: "program",
    periodo: "period",
    monto: "amount",
    importe: "amount",
    estado: "status",
    disponible_desde: "available_from",
    desde: "available_from",
    disponible_hasta: "available_until",
    hasta: "available_until",
    punto_de_pago: "payment_point",
    lugar_de_pago: "payment_point",
  },
};

/** A folded header cell as the column it names: the importer's own name, or its Spanish name. */
export function canonicalHeader(kind: ImportKind, folded: string): string {
  return SPANISH[kind][folded] ?? folded;
}

/** How the header refusal names each column in Spanish (each folds to a name `canonicalHeader` knows). */
const DISPLAY: Record<string, string> = {
  dni: "DNI",
  birth_date: "Fecha de nacimiento",
  first_names: "Nombres",
  last_names: "Apellidos",
  ubigeo: "Ubigeo",
  phone: "Teléfono",
  program: "Programa",
  status: "Estado",
  since: "Desde",
  status_reason: "Motivo",
  level: "Nivel",
  valid_until: "Vigente hasta",
  period: "Período",
  amount: "Monto",
  available_from: "Disponible desde",
  available_until: "Disponible hasta",
  payment_point: "Punto de pago",
};

/** The Spanish names of these columns, for the header refusal. */
export function spanishNames(columns: readonly string[]): string[] {
  return columns.map((c) => DISPLAY[c] ?? c);
}
