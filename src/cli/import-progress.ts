// Progress of `npm run import` on stderr. On a terminal: a bar (cli-progress: maintained, no
// native parts, one small dependency, handles the redraw, the terminal width and the ETA) with
// rows per second and time left, first over the file's bytes, then over the rows to write.
// Elsewhere (logs, cron): one plain line per 100,000 rows read and per ~100,000 rows written.
import cliProgress from "cli-progress";
import type { ImportProgress } from "../db/import/importer";

export interface ProgressView {
  update(p: ImportProgress): void;
  stop(): void;
}

const n = (v: number) => v.toLocaleString("es-PE");

export function progressView(stream: NodeJS.WriteStream, fileBytes: number, label: string): ProgressView {
  const started = performance.now();
  const rate = (rows: number, since: number) => Math.round(rows / Math.max((performance.now() - since) / 1000, 0.001));
  if (!stream.isTTY) {
    let nextRead = 100_000;
    let nextWrite = 100_000;
    return {
      update(p) {
        if (p.phase === "read" && p.rows >= nextRead) {
          nextRead += 100_000;
          stream.write(`${label}: ${n(p.rows)} filas leídas (${n(rate(p.rows, started))} filas/s)\n`);
        } else if (p.phase === "write" && (p.rows >= nextWrite || p.rows === p.total)) {
          nextWrite = p.rows + 100_000;
          stream.write(`${label}: ${n(p.rows)} de ${n(p.total)} filas escritas\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} {phase} [{bar}] {percentage}% | {rows} filas | {rate} filas/s | quedan {eta_formatted}`,
      etaBuffer: 50,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: ImportProgress["phase"] | null = null;
  let phaseStarted = started;
  bar.start(Math.max(fileBytes, 1), 0, { phase: "leyendo", rows: "0", rate: "0" });
  phase = "read";
  return {
    update(p) {
      if (p.phase === "read") bar.update(p.bytes, { rows: n(p.rows), rate: n(rate(p.rows, phaseStarted)) });
      else {
        if (phase !== "write") {
          bar.update(Math.max(fileBytes, 1));
          bar.stop();
          phase = "write";
          phaseStarted = performance.now();
          bar.start(Math.max(p.total, 1), 0, { phase: "escribiendo", rows: "0", rate: "0" });
        }
        bar.update(p.rows, { rows: n(p.rows), rate: n(rate(p.rows, phaseStarted)) });
      }
    },
    stop() {
      bar.stop();
    },
  };
}
