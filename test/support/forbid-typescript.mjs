// `node --import ./test/support/forbid-typescript.mjs …`: see forbid-typescript-hooks.mjs
import { register } from "node:module";
register("./forbid-typescript-hooks.mjs", import.meta.url);
