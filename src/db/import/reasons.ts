/**
 * Why a line of a registry file was rejected: a code (the report's totals count by it) and the
 * default Spanish text. The report is for the programs' operations staff, who fix the file in
 * Excel and load it again, so it is written in Spanish only (issue 18); the validators add the
 * specifics (the known values, the plausible range) to these texts where they help.
 */
export const REJECT_REASONS = {
  columnas: "Número de columnas distinto del encabezado",
  csv: "Línea ilegible como CSV",
  dni: "El DNI debe tener 8 dígitos",
  fecha: "No es una fecha válida AAAA-MM-DD",
  fecha_futura: "La fecha es posterior a hoy",
  nombre: "Obligatorio, hasta 100 caracteres",
  ubigeo: "El ubigeo debe tener 6 dígitos",
  ubigeo_desconocido: "No es un código de distrito INEI conocido",
  telefono: "No es un celular peruano (9 dígitos que empiezan con 9)",
  programa: "Programa desconocido",
  estado: "Estado desconocido",
  nivel: "Nivel de clasificación desconocido",
  motivo: "Motivo desconocido",
  periodo: "No es un periodo AAAA-MM",
  fuera_de_vigencia: "Fecha fuera de la existencia del programa",
  monto: "No es un monto en soles con punto decimal, p. ej. 200.00",
  monto_fuera_de_rango: "Monto fuera del rango del programa",
  monto_no_multiplo: "Monto que el programa no paga",
  programa_sin_pagos: "El programa da un servicio, no pagos en dinero",
  fechas_invertidas: "available_until es anterior a available_from",
  texto_largo: "Hasta 80 caracteres",
  duplicado: "La misma clave aparece en otra fila con otros datos: se rechazan ambas",
  huerfano: "Este DNI no está en el padrón de personas",
} as const;

export type RejectCode = keyof typeof REJECT_REASONS;

/** The totals' label per code (the report's last rows: "rechazadas: <label>"). */
export const REJECT_LABELS: Record<RejectCode, string> = {
  columnas: "columnas de más o de menos",
  csv: "CSV ilegible",
  dni: "DNI inválido",
  fecha: "fecha inválida",
  fecha_futura: "fecha futura",
  nombre: "nombre vacío o largo",
  ubigeo: "ubigeo inválido",
  ubigeo_desconocido: "distrito desconocido",
  telefono: "celular inválido",
  programa: "programa desconocido",
  estado: "estado desconocido",
  nivel: "nivel desconocido",
  motivo: "motivo desconocido",
  periodo: "periodo inválido",
  fuera_de_vigencia: "fuera de la existencia del programa",
  monto: "monto ilegible",
  monto_fuera_de_rango: "monto fuera de rango",
  monto_no_multiplo: "monto que el programa no paga",
  programa_sin_pagos: "pago de un programa sin pagos",
  fechas_invertidas: "fechas invertidas",
  texto_largo: "texto demasiado largo",
  duplicado: "clave repetida con otros datos",
  huerfano: "DNI que no está en el padrón",
};
