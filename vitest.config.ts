import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the bundled plans' knowledge, built once for the run (test/helpers/shared-knowledge.ts)
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn the bot; two cores, so keep parallelism modest
    maxWorkers: 2,
  },
});
