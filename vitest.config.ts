import { defineConfig } from "vitest/config";

// Test files share their worker's modules (isolate: false): re-importing the knowledge and bot
// modules for each of ~80 files cost more than a minute of a run. A file that mocks a module
// (vi.mock) needs a fresh module graph, so it runs in the isolated project.
const MOCKING = ["test/bot/core/ask.test.ts"];

export default defineConfig({
  test: {
    // the bundled plans' knowledge, built once for the run (test/helpers/shared-knowledge.ts)
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // e2e tests spawn the bot; two cores, so keep parallelism modest
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: "isolated", include: MOCKING, isolate: true } },
    ],
  },
});
