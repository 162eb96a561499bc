// npm run bench:widget — what a phone downloads for the widget: raw, gzip and brotli sizes of
// /widget.js as served (labels of the three languages included), against the unminified source
// as a same-run baseline. Sizes, not timings: deterministic, no load on the shared machine.
import { readFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { widgetScript } from "../src/channels/web/widget/routes";
import { createTranslator } from "../src/i18n/translator";

const served = widgetScript(createTranslator());
const source = readFileSync(new URL("../src/channels/web/widget/widget.js", import.meta.url), "utf8");
const row = (name: string, text: string) => {
  const raw = Buffer.byteLength(text);
  return { name, raw, gzip: gzipSync(text, { level: 6 }).length, brotli: brotliCompressSync(text).length };
};
const rows = [row("widget.js source (baseline)", source), row("/widget.js as served", served)];
console.table(rows);
console.log(`served/source gzip ratio: ${(rows[1].gzip / rows[0].gzip).toFixed(2)}`);
