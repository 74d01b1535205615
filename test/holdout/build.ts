// Builds a plans folder for scoring the holdout set:
//   npx tsx test/holdout/build.ts OUTDIR FORMAT      (FORMAT: txt | docx | pdf)
// OUTDIR gets a copy of data/plans/* (the bundled plans, unchanged) and each holdout plan
// (test/holdout/*.txt) in FORMAT: the text itself, a Word document (letterhead and signature as
// borderless 2-column tables, real Word tables with a repeated header row and group rows merged
// across, the appendix on landscape pages) or a PDF drawn with pdfkit in DejaVu Sans.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { planDocx, planPdf } from "./render.ts";

const HERE = new URL(".", import.meta.url).pathname;
const BUNDLED = new URL("../../data/plans/", import.meta.url).pathname;

export const holdoutPlans = (): string[] =>
  readdirSync(HERE)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => join(HERE, f));

async function main() {
  const [outDir, format] = process.argv.slice(2);
  if (!outDir || !["txt", "docx", "pdf"].includes(format)) {
    console.error("usage: npx tsx test/holdout/build.ts OUTDIR txt|docx|pdf");
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(BUNDLED)) {
    const from = join(BUNDLED, f);
    if (statSync(from).isFile()) copyFileSync(from, join(outDir, f));
  }
  for (const file of holdoutPlans()) {
    const text = readFileSync(file, "utf8");
    const stem = basename(file, ".txt");
    const bytes = format === "txt" ? new TextEncoder().encode(text) : format === "docx" ? await planDocx(text) : await planPdf(text);
    writeFileSync(join(outDir, `${stem}.${format}`), bytes);
    console.log(`${stem}.${format}\t${bytes.length} bytes`);
  }
}

if (process.argv[1] && basename(process.argv[1]).startsWith("build")) await main();
