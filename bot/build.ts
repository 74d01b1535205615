// npm run build: bundles the bot and the command-line tools with esbuild into dist/ (ESM, Node 20),
// so servers run plain `node dist/main.mjs` without compiling TypeScript at each start. Packages in
// node_modules stay external (loaded as installed); data/holidays.json is bundled.
// `npm run serve` builds when dist/ is missing or older than any source file, then starts it.
import { build } from "esbuild";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseCli, UsageError } from "./cli.ts";

const ENTRIES = {
  main: "bot/main.ts",
  remind: "jobs/cli-remind.ts",
  report: "jobs/cli-report.ts",
  ask: "knowledge/cli-ask.ts",
  ingest: "knowledge/cli-ingest.ts",
  // the Word/PDF readers' worker thread: the bundles start it as new URL("./extract-worker.mjs"),
  // so it must sit beside them (without it no uploaded .docx/.pdf could be read)
  "extract-worker": "knowledge/extract-worker.mjs",
};
const SOURCES = ["bot", "jobs", "knowledge", "data"];
const USAGE = "Cách dùng: npm run build [-- --if-stale] [--outdir THƯ_MỤC]";
let args;
try {
  args = parseCli(process.argv.slice(2), { "if-stale": { type: "boolean" }, outdir: { type: "string" } }, USAGE).values;
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`${e.text}\n`);
  process.exit(e.message ? 2 : 0);
}
const OUT = args.outdir ?? "dist";

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|json)$/.test(e.name) && !/^(db|knowledge|demo-db|demo-knowledge)\.json/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** dist/ is missing or older than a source file (or package.json / the lock file). */
function isStale(): boolean {
  const outputs = Object.keys(ENTRIES).map((n) => join(OUT, `${n}.mjs`));
  if (outputs.some((f) => !existsSync(f))) return true;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const sources = Math.max(...SOURCES.map(newestSource), ...["package.json", "package-lock.json"].filter(existsSync).map((f) => statSync(f).mtimeMs));
  return sources > built;
}

async function bundle(): Promise<void> {
  await build({
    entryPoints: ENTRIES,
    outdir: OUT,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: true,
    logLevel: "warning",
    banner: { js: "// built by npm run build from the TypeScript sources; do not edit" },
  });
}

if (args["if-stale"] && !isStale()) process.exit(0);
const t = performance.now();
await bundle();
process.stderr.write(`Đã đóng gói ${Object.keys(ENTRIES).length} chương trình vào ${OUT}/ (${Math.round(performance.now() - t)} ms).\n`);
