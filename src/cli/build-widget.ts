// npm run widget:build: minifies src/channels/web/widget/widget.js into widget-bundle.ts
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { buildWidget, bundleModule } from "../channels/web/widget/build";

const dir = new URL("../channels/web/widget/", import.meta.url);
const code = await buildWidget(readFileSync(new URL("widget.js", dir), "utf8"));
writeFileSync(new URL("widget-bundle.ts", dir), bundleModule(code));
console.log(`widget: ${code.length} bytes minified, ${gzipSync(code).length} gzipped (strings not included)`);
