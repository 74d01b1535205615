// Built once for the whole run (not once per test file or per spawned bot): the knowledge of the
// five bundled plans, as a knowledge file that tests read or copy (test/helpers/shared-knowledge.ts).
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
  return () => {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
