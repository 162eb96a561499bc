import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the Worker suite has its own config (vitest.worker.config.ts, `npm run test:worker`)
    exclude: ["test/worker/**", "node_modules/**"],
    testTimeout: 20_000,
    pool: "forks",
  },
});
