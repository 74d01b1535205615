// The bundled plans' knowledge built once per run by test/global-setup.ts: read it in process, or
// seed a spawned bot's KNOWLEDGE_FILE with it so the bot does not rebuild it at start.
import { copyFileSync, existsSync, readdirSync } from "node:fs";
import { inject } from "vitest";
import type { Knowledge } from "../../knowledge/schema.ts";
import { ingestDirectory, readKnowledgeFile } from "../../knowledge/load.ts";

const PLANS_DIR = new URL("../../data/plans/", import.meta.url).pathname;
const sharedFile = (): string | undefined => inject("bundledKnowledgeFile");

let cached: Promise<Knowledge> | null = null;

/** The knowledge of data/plans (built at 2024-01-02T00:00:00Z). */
export function sharedKnowledge(): Promise<Knowledge> {
  const file = sharedFile();
  cached ??= (async () => (file && (await readKnowledgeFile(file))) || ingestDirectory(PLANS_DIR, "2024-01-02T00:00:00.000Z"))();
  return cached;
}

const names = (dir: string) => readdirSync(dir).sort().join("\n");

/**
 * Copies the shared knowledge file to `target` when `target` does not exist yet and `plansDir`
 * holds the bundled plans (a fresh copy is newer than the plans, so the bot uses it as is).
 */
export function seedKnowledgeFile(target: string, plansDir: string = PLANS_DIR): void {
  const file = sharedFile();
  if (!file || existsSync(target) || !existsSync(plansDir) || names(plansDir) !== names(PLANS_DIR)) return;
  copyFileSync(file, target);
}
