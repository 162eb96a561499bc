import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the Worker suite has its own config (vitest.worker.config.ts, `npm run test:worker`)
    // and the crash-kill test runs on its own (vitest.crash.config.ts, `npm run test:crash`)
    exclude: ["test/worker/**", "test/hardening/crash-*.test.ts", "node_modules/**"],
    // generous: CI machines are small and shared; a test that hangs still fails, just later
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
