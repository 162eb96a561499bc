import { defineConfig } from "vitest/config";

// `npm run test:crash`: the crash-kill test starts the real service five times as a child process
// and kills it, ~30–60 s on a busy 2-core machine, so it runs on its own (also in .ci/run), not in `npm test`
export default defineConfig({
  test: {
    include: ["test/hardening/crash-*.test.ts"],
    testTimeout: 240_000,
    pool: "forks",
  },
});
