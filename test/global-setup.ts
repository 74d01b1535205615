// Built once for the whole run (not once per test file or per spawned bot): the knowledge of the
// five bundled plans, as a knowledge file that tests read or copy (test/helpers/shared-knowledge.ts),
// and the bot's bundle (npm run build), which the end-to-end tests start as servers run it: plain
// node, no TypeScript compiled at each of their ~30 starts (test/helpers/bot-process.ts).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ingestDirectory, writeKnowledgeFile } from "../knowledge/load.ts";
import { startTestCluster } from "./helpers/postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** the knowledge file of data/plans, built at the start of the run */
    bundledKnowledgeFile: string;
    /** a throw-away PostgreSQL cluster on 127.0.0.1 (test/helpers/postgres.ts); each test file makes its own database */
    postgresUrl: string;
    /** the folder of `npm run build`'s output for this run (main.mjs, remind.mjs, …) */
    botBundleDir: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "shared-knowledge-"));
  const file = join(dir, "knowledge.json");
  const plansDir = new URL("../data/plans/", import.meta.url).pathname;
  await writeKnowledgeFile(file, await ingestDirectory(plansDir, "2024-01-02T00:00:00.000Z"));
  project.provide("bundledKnowledgeFile", file);
  const cluster = await startTestCluster();
  project.provide("postgresUrl", cluster.url);
  // inside the repository, so the bundle finds node_modules (packages stay external)
  const root = new URL("..", import.meta.url).pathname;
  const bundleDir = join(root, "node_modules", ".cache", `test-bundle-${process.pid}`);
  const built = spawnSync(process.execPath, ["--import", "tsx", "bot/build.ts", "--outdir", bundleDir], { cwd: root, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stderr}`);
  project.provide("botBundleDir", bundleDir);
  return () => {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  };
}
