// The knowledge file on disk: read the plans folder, build, write atomically, and reuse the file
// while it is still current. Used by `npm start`, `npm run ask` and `npm run ingest`.
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ExtractError, extractPlanText } from "./extract.ts";
import { buildKnowledge, PARSER_VERSION, type PlanFile } from "./ingest.ts";
import { Knowledge, type Problem } from "./schema.ts";

/** Plan files in a folder: every regular file except README.md and dotfiles, by name. */
export async function listPlanFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith(".") && !/^readme(\.md)?$/i.test(e.name))
    .map((e) => e.name)
    .sort();
}

/** Reads and extracts every plan file; a file that cannot be read becomes a problem. */
export async function readPlanFiles(dir: string): Promise<{ files: PlanFile[]; problems: Problem[] }> {
  const files: PlanFile[] = [];
  const problems: Problem[] = [];
  for (const name of await listPlanFiles(dir)) {
    try {
      const bytes = new Uint8Array(await readFile(join(dir, name)));
      const { text } = await extractPlanText(bytes, name);
      files.push({ name, text });
    } catch (e) {
      const message = e instanceof ExtractError ? e.message : `Không đọc được tệp ${name}: ${(e as Error).message}`;
      problems.push({ file: name, line: null, message, severity: "error" });
    }
  }
  return { files, problems };
}

/** Builds the knowledge from a plans folder (reading only; nothing is written). */
export async function ingestDirectory(dir: string, builtAt: string): Promise<Knowledge> {
  const { files, problems } = await readPlanFiles(dir);
  const { knowledge } = buildKnowledge(files, builtAt);
  return Knowledge.parse({ ...knowledge, problems: [...problems, ...knowledge.problems] });
}

/** Replaces the file in one step (temp file + rename): readers see the old or the new file, never half. */
export async function writeKnowledgeFile(file: string, knowledge: Knowledge): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`; // same folder, so rename is atomic
  try {
    await writeFile(tmp, `${JSON.stringify({ ...knowledge, parser: PARSER_VERSION }, null, 2)}\n`, "utf8");
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** The knowledge in the file, or null when it is missing, unreadable, invalid or from older code. */
export async function readKnowledgeFile(file: string): Promise<Knowledge | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch {
    return null;
  }
  if ((raw as { parser?: unknown })?.parser !== PARSER_VERSION) return null;
  const parsed = Knowledge.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

async function isCurrent(file: string, plansDir: string, k: Knowledge): Promise<boolean> {
  const names = await listPlanFiles(plansDir);
  const known = new Set([...k.plans.map((p) => p.sourceFile), ...k.problems.map((p) => p.file)]);
  if (names.length !== known.size || names.some((n) => !known.has(n))) return false;
  const built = (await stat(file)).mtimeMs;
  for (const n of names) if ((await stat(join(plansDir, n))).mtimeMs > built) return false;
  return true;
}

export interface LoadOptions {
  plansDir: string;
  file: string;
  now?: () => Date;
}

/**
 * The current knowledge: the file when it is valid and newer than every plan, else rebuilt from
 * the plans and written back (atomically). A rebuild that loads no plan at all leaves the file as it was.
 */
export async function loadKnowledge({ plansDir, file, now = () => new Date() }: LoadOptions): Promise<Knowledge> {
  const existing = await readKnowledgeFile(file);
  if (existing && (await isCurrent(file, plansDir, existing))) return existing;
  const knowledge = await ingestDirectory(plansDir, now().toISOString());
  if (knowledge.plans.length > 0) await writeKnowledgeFile(file, knowledge);
  return knowledge;
}
