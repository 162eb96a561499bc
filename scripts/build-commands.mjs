/**
 * The commands an operator runs where the service runs (a production install has no tsx):
 * `npm run <script>` → dist/node/<name>.js through scripts/cli.mjs. Development-only commands
 * (map and district builders, i18n, holidays, voice prompts) stay on tsx.
 */
export const COMMANDS = ["import", "notices", "job", "backup", "staff", "d1-export"];
