// Node-only: the reject report, a CSV for the staff who fix the file in Excel: UTF-8 with a BOM
// (Excel reads it as UTF-8 only then), the input's separator (the Excel that saved `;` opens `;`
// in columns), one row per rejected line with its row number as Excel shows it, and the totals.
import { closeSync, openSync, writeSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { REJECT_LABELS, type RejectCode } from "./reasons";
import { inertCell as inert } from "../../csv/inert";
import type { StagedReject } from "./stage";

export interface ReportTotals {
  read: number;
  fresh: number;
  changed: number;
  unchanged: number;
  repeated: number;
  orphansKept: number;
  rejectedBy: Map<RejectCode, number>;
  dryRun: boolean;
}

export const REPORT_HEADER = ["fila", "columna", "valor", "motivo", "sugerencia"];


export function writeReport(path: string, separator: "," | ";", rejects: Iterable<StagedReject>, totals: ReportTotals): void {
  const fd = openSync(path, "w");
  try {
    const csv = (rows: (string | number)[][]) => stringify(rows, { delimiter: separator, record_delimiter: "\r\n" });
    writeSync(fd, "\uFEFF" + csv([REPORT_HEADER]));
    let buffer: (string | number)[][] = [];
    for (const r of rejects) {
      buffer.push([r.line, r.field, inert(r.value), r.reason, r.hint]);
      if (buffer.length === 5_000) {
        writeSync(fd, csv(buffer));
        buffer = [];
      }
    }
    const total = (label: string, n: number) => ["Total", "", n, label, ""];
    buffer.push(
      [],
      total("filas leídas", totals.read),
      total(totals.dryRun ? "nuevas (simulación: no se guardaron)" : "nuevas", totals.fresh),
      total(totals.dryRun ? "cambiadas (simulación: no se guardaron)" : "cambiadas", totals.changed),
      total("sin cambios", totals.unchanged),
      total("repetidas idénticas (contadas una vez)", totals.repeated),
    );
    if (totals.orphansKept > 0) buffer.push(total("guardadas con un DNI que no está en el padrón (--allow-orphans)", totals.orphansKept));
    let rejected = 0;
    for (const [code, n] of totals.rejectedBy) {
      buffer.push(total(`rechazadas: ${REJECT_LABELS[code]}`, n));
      rejected += n;
    }
    buffer.push(total("rechazadas en total", rejected));
    writeSync(fd, csv(buffer));
  } finally {
    closeSync(fd);
  }
}
