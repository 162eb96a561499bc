import { defineConfig } from "vitest/config";

// The Worker suite (`npm run test:worker`): builds the bundle with `wrangler deploy --dry-run`,
// then runs it in workerd with a local D1 through Miniflare. No network.
export default defineConfig({
  test: {
    include: ["test/worker/**/*.test.ts"],
    globalSetup: ["test/worker/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // each file starts its own workerd; two cores are shared, so one file at a time
    fileParallelism: false,
  },
});
