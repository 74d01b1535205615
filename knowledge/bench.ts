// npm run -s bench: knowledge build time, answer latency (p50/p95) on the five plans and on a
// synthetic corpus of the five plans ×100 under other agency names, the same for plain Fuse.js
// over all item texts, and peak RSS. The last line is one JSON object with the figures.
import { existsSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import Fuse from "fuse.js";
import { ask, buildAskIndex } from "./ask.ts";
import { PROVINCES } from "./ask/lexicon.ts";
import { buildKnowledge } from "./ingest.ts";
import { readPlanFiles } from "./load.ts";
import type { Knowledge } from "./schema.ts";
import { foldVietnamese, slugify } from "./text.ts";

const COPIES = 100;
const TARGET_P95_MS = 5;
const TARGET_RSS_MB = 200;

interface Case {
  q: string;
  all?: string[][];
  min?: { n: number; alts: string[] };
  found?: false;
}

function loadCases(): Case[] {
  const files = ["test/eval/questions.jsonl", "../shared/eval/dev-questions.jsonl"].filter((f) => existsSync(f));
  return files.flatMap((f) =>
    readFileSync(f, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Case),
  );
}

const norm = (s: string) => foldVietnamese(s).replace(/\s+/g, " ");
function correct(c: Case, found: boolean, answer: string): boolean {
  if (c.found === false) return !found;
  if (!found || answer.length > 3000) return false;
  const a = norm(answer);
  if (c.min) return c.min.alts.filter((x) => a.includes(norm(x))).length >= c.min.n;
  return (c.all ?? []).every((g) => g.some((x) => a.includes(norm(x))));
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function timeEach<T>(items: T[], fn: (x: T) => void): { p50: number; p95: number; n: number } {
  for (const x of items.slice(0, 20)) fn(x); // warm-up
  const times = items.map((x) => {
    const t = performance.now();
    fn(x);
    return performance.now() - t;
  });
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { p50: r(percentile(times, 50)), p95: r(percentile(times, 95)), n: times.length };
}

/** Place names that are no real province: "Tân Lộc", "Phú Giang"… */
function syntheticNames(count: number, avoid: string[]): string[] {
  const first = ["An", "Bảo", "Cẩm", "Đông", "Hòa", "Hưng", "Kim", "Lạc", "Minh", "Ngọc", "Phú", "Quế", "Tân", "Thạch", "Trung", "Vạn", "Xuân", "Mỹ"];
  const second = ["Châu", "Đức", "Giang", "Hải", "Lâm", "Lộc", "Nguyên", "Phong", "Thủy", "Tiến", "Tường", "Xương", "Khê", "Điền", "Hiệp", "Trạch"];
  const bad = new Set([...PROVINCES, ...avoid.map(foldVietnamese)]);
  const out: string[] = [];
  for (const a of first) for (const b of second) {
    const name = `${a} ${b}`;
    if (!bad.has(foldVietnamese(name))) out.push(name);
  }
  if (out.length < count) throw new Error(`only ${out.length} synthetic names`);
  return out.slice(0, count);
}

/** The plans ×copies: each copy of a plan under another province name (ids, texts, units). */
function replicate(k: Knowledge, copies: number): Knowledge {
  const out: Knowledge = { ...k, plans: [], units: [], tasks: [], targets: [], reports: [], problems: [] };
  const names = syntheticNames(copies * k.plans.length, k.plans.map((p) => p.province));
  let n = 0;
  for (const p of k.plans) {
    const own = {
      plan: p,
      units: k.units.filter((u) => u.agencyId === p.agencyId),
      tasks: k.tasks.filter((t) => t.planId === p.id),
      targets: k.targets.filter((t) => t.planId === p.id),
      reports: k.reports.filter((r) => r.planId === p.id),
    };
    const json = JSON.stringify(own);
    const province = new RegExp(p.province.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
    const slug = new RegExp(`(?<![\\w-])${p.id}(?=[:/_"])`, "g");
    for (let i = 0; i < copies; i++) {
      const copy: typeof own =
        i === 0
          ? own
          : JSON.parse(json.replace(province, names[n]).replace(slug, `${slugify(names[n])}-${p.id}`));
      if (i > 0) n++;
      out.plans.push(copy.plan);
      out.units.push(...copy.units);
      out.tasks.push(...copy.tasks);
      out.targets.push(...copy.targets);
      out.reports.push(...copy.reports);
    }
  }
  return out;
}

function plainFuse(k: Knowledge) {
  const items = [...k.tasks, ...k.targets, ...k.reports];
  const fuse = new Fuse(items, { keys: ["text"], includeScore: true, ignoreLocation: true });
  return (q: string) => fuse.search(q, { limit: 5 });
}

async function main(): Promise<void> {
  const cases = loadCases();
  const questions = cases.map((c) => c.q);

  let t = performance.now();
  const { files } = await readPlanFiles("data/plans");
  const readMs = performance.now() - t;
  t = performance.now();
  const { knowledge } = buildKnowledge(files, new Date().toISOString());
  const buildMs = performance.now() - t;
  t = performance.now();
  const index = buildAskIndex(knowledge);
  const indexMs = performance.now() - t;
  console.log(`knowledge: ${knowledge.plans.length} plans, ${knowledge.tasks.length + knowledge.targets.length + knowledge.reports.length} items; read ${readMs.toFixed(0)} ms, build ${buildMs.toFixed(0)} ms, ask index ${indexMs.toFixed(0)} ms`);

  const ask5 = timeEach(questions, (q) => ask(index, q, { today: "2024-05-10" }));
  const acc5 = cases.filter((c) => {
    const a = ask(index, c.q, { today: "2024-05-10" });
    return correct(c, a.found, a.answer);
  }).length;
  console.log(`ask ×1: p50 ${ask5.p50} ms, p95 ${ask5.p95} ms over ${ask5.n} questions; correct ${acc5}/${cases.length}`);

  const fuse5 = plainFuse(knowledge);
  const fuseT5 = timeEach(questions, (q) => fuse5(q));
  const fuseAcc = cases.filter((c) => {
    const r = fuse5(c.q);
    return correct(c, r.length > 0, r[0]?.item.text ?? "");
  }).length;
  console.log(`plain Fuse ×1: p50 ${fuseT5.p50} ms, p95 ${fuseT5.p95} ms; correct ${fuseAcc}/${cases.length} (top item text as the answer)`);

  t = performance.now();
  const big = replicate(knowledge, COPIES);
  const replicateMs = performance.now() - t;
  t = performance.now();
  const bigIndex = buildAskIndex(big);
  const bigIndexMs = performance.now() - t;
  const bigItems = big.tasks.length + big.targets.length + big.reports.length;
  console.log(`synthetic ×${COPIES}: ${big.plans.length} plans, ${bigItems} items; replicate ${replicateMs.toFixed(0)} ms, ask index ${bigIndexMs.toFixed(0)} ms`);
  const ask100 = timeEach(questions, (q) => ask(bigIndex, q, { today: "2024-05-10" }));
  console.log(`ask ×${COPIES}: p50 ${ask100.p50} ms, p95 ${ask100.p95} ms over ${ask100.n} questions`);

  // plain Fuse scans every item for every question: a sample keeps the run short
  const fuse100 = plainFuse(big);
  const sample = questions.filter((_, i) => i % 8 === 0);
  const fuseT100 = timeEach(sample, (q) => fuse100(q));
  console.log(`plain Fuse ×${COPIES}: p50 ${fuseT100.p50} ms, p95 ${fuseT100.p95} ms over ${fuseT100.n} questions`);

  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const ok = ask100.p95 <= TARGET_P95_MS && rssMb <= TARGET_RSS_MB;
  console.log(`peak RSS ${rssMb} MB; targets p95 ≤ ${TARGET_P95_MS} ms at ×${COPIES}, RSS ≤ ${TARGET_RSS_MB} MB: ${ok ? "met" : "NOT met"}`);
  console.log(
    JSON.stringify({
      plans: knowledge.plans.length,
      items: knowledge.tasks.length + knowledge.targets.length + knowledge.reports.length,
      buildMs: Math.round(buildMs),
      indexMs: Math.round(indexMs),
      ask: { x1: ask5, x100: ask100 },
      fuse: { x1: fuseT5, x100: fuseT100 },
      accuracy: { ask: `${acc5}/${cases.length}`, fuse: `${fuseAcc}/${cases.length}` },
      x100: { plans: big.plans.length, items: bigItems, indexMs: Math.round(bigIndexMs) },
      rssMb,
      targetsMet: ok,
    }),
  );
}

main().catch((e) => {
  console.error(`bench thất bại: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
