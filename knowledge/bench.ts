// npm run -s bench: knowledge build time, answer latency (p50/p95) on the five plans and on a
// synthetic corpus of the five plans ×100 under other agency names, the same for plain Fuse.js
// over all item texts (at ×100 measured on a sample of the items and scaled: see below), and peak RSS. The last line is one JSON object with the figures.
import { parseCli, UsageError } from "../bot/cli.ts";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { loadConfigOrExit } from "../bot/env.ts";
import Fuse from "fuse.js";
import { ask, buildAskIndex } from "./ask.ts";
import { PROVINCES } from "./ask/lexicon.ts";
import { buildKnowledge } from "./ingest.ts";
import type { Knowledge } from "./schema.ts";
import { foldVietnamese, normalizeText, slugify } from "./text.ts";

const COPIES = 100;
const TARGET_P95_MS = 5;
const TARGET_RSS_MB = 200;
/** plain Fuse ×100 is timed on this fraction of the synthetic corpus's items, scaled up */
const FUSE_SAMPLE_FRACTION = 0.02;
/** …over every n-th question */
const FUSE_SAMPLE_EVERY = 16;

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

const round = (v: number) => Math.round(v * 1000) / 1000;

function summarize(times: number[]): { p50: number; p95: number; n: number } {
  return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), n: times.length };
}

function timeEach<T>(items: T[], fn: (x: T) => void): { p50: number; p95: number; n: number } {
  for (const x of items) fn(x); // warm-up: a running bot answers from a warm process
  return summarize(
    items.map((x) => {
      const t = performance.now();
      fn(x);
      return performance.now() - t;
    }),
  );
}

/** A reproducible random sample (a fixed-seed LCG; Math.random would change the figures run to run). */
function sampleItems<T>(items: T[], n: number): T[] {
  const a = [...items];
  let seed = 12345;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = i + (seed % (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/** Plain Fuse over `items`, one warm-up question, then each question once. */
function timeFuseSample(items: Array<{ text: string }>, questions: string[]) {
  const fuse = new Fuse(items, FUSE_OPTIONS);
  fuse.search(questions[0], { limit: 5 });
  return summarize(
    questions.map((q) => {
      const t = performance.now();
      fuse.search(q, { limit: 5 });
      return performance.now() - t;
    }),
  );
}

/** Place names that are no real province: "Tân Lộc", "Phú Giang"… */
function syntheticNames(count: number, avoid: string[]): string[] {
  const first = ["An", "Bảo", "Cẩm", "Đông", "Hòa", "Hưng", "Kim", "Lạc", "Minh", "Ngọc", "Phú", "Quế", "Tân", "Thạch", "Trung", "Vạn", "Xuân", "Mỹ", "Bích", "Diên", "Hoài", "Kỳ", "Lương", "Nghĩa", "Phước", "Thái", "Văn", "Vĩnh"];
  const second = ["Châu", "Đức", "Giang", "Hải", "Lâm", "Lộc", "Nguyên", "Phong", "Thủy", "Tiến", "Tường", "Xương", "Khê", "Điền", "Hiệp", "Trạch", "Bắc", "Cường", "Hòa", "Khánh", "Lợi", "Mỹ", "Thịnh", "Xá"];
  const bad = new Set([...PROVINCES, ...avoid.map(foldVietnamese)]);
  const out: string[] = [];
  for (const a of first) for (const b of second) {
    const name = `${a} ${b}`;
    if (!bad.has(foldVietnamese(name))) out.push(name);
  }
  // more plans than two-word names: three-word ones ("Tân Lộc Thượng")
  for (const c of ["Thượng", "Hạ", "Tây", "Nam", "Đoài", "Trên"]) {
    if (out.length >= count) break;
    for (const a of first) for (const b of second) {
      const name = `${a} ${b} ${c}`;
      if (!bad.has(foldVietnamese(name))) out.push(name);
    }
  }
  if (out.length < count) throw new Error(`only ${out.length} synthetic names`);
  return out.slice(0, count);
}

/**
 * The plans ×copies: each copy of a plan under another province name (ids, texts, units).
 * A copy shares every string that does not name the province with the original, as a corpus of
 * plans written from the same template would share words; only the index is built per copy.
 */
export function replicate(k: Knowledge, copies: number): Knowledge {
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
    const province = new RegExp(p.province.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "iu");
    // ids, agency and unit ids and file names all start with the province's slug ("son-la…")
    const provinceSlug = p.agencyId.split("/")[0];
    const slug = new RegExp(`(?<![\\w-])${provinceSlug}(?=[:/_-]|$)`, "u");
    for (let i = 0; i < copies; i++) {
      if (i === 0) {
        out.plans.push(p);
        out.units.push(...own.units);
        out.tasks.push(...own.tasks);
        out.targets.push(...own.targets);
        out.reports.push(...own.reports);
        continue;
      }
      const name = names[n++];
      const newSlug = slugify(name);
      const renamed = new Map<string, string>(); // one string per distinct renamed value
      // a value that names neither the province nor the plan's id is shared, not copied
      const rename = (v: unknown): unknown => {
        if (typeof v === "string") {
          if (!province.test(v) && !slug.test(v)) return v;
          let s = renamed.get(v);
          if (s === undefined) {
            s = v.replace(new RegExp(province.source, "giu"), name).replace(new RegExp(slug.source, "gu"), newSlug);
            renamed.set(v, s);
          }
          return s;
        }
        if (Array.isArray(v)) {
          const out = v.map(rename);
          return out.every((x, i) => x === v[i]) ? v : out;
        }
        if (v && typeof v === "object") {
          const entries = Object.entries(v);
          const out = entries.map(([key, x]) => [key, rename(x)] as const);
          return out.every(([, x], i) => x === entries[i][1]) ? v : Object.fromEntries(out);
        }
        return v;
      };
      out.plans.push(rename(p) as Knowledge["plans"][number]);
      out.units.push(...(rename(own.units) as Knowledge["units"]));
      out.tasks.push(...(rename(own.tasks) as Knowledge["tasks"]));
      out.targets.push(...(rename(own.targets) as Knowledge["targets"]));
      out.reports.push(...(rename(own.reports) as Knowledge["reports"]));
    }
  }
  return out;
}

/**
 * A full garbage collection between phases, so each phase's figures are its own (the bot loads
 * the knowledge and builds the index once; the synthetic corpus is only the bench's scaffolding).
 */
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

const FUSE_OPTIONS = { keys: ["text"], includeScore: true, ignoreLocation: true };
const CACHE_FILE = "node_modules/.cache/tro-ly-bench/fuse-accuracy.json";

function readCache(key: string): number | null {
  try {
    const c = JSON.parse(readFileSync(CACHE_FILE, "utf8")) as { key?: string; correct?: number };
    return c.key === key && typeof c.correct === "number" ? c.correct : null;
  } catch {
    return null;
  }
}

function writeCache(key: string, correct: number): void {
  try {
    mkdirSync(dirname(CACHE_FILE), { recursive: true });
    writeFileSync(CACHE_FILE, JSON.stringify({ key, correct }));
  } catch {
    // a read-only checkout only loses the cache
  }
}

function plainFuse(k: Knowledge) {
  const items = [...k.tasks, ...k.targets, ...k.reports];
  const fuse = new Fuse(items, FUSE_OPTIONS);
  return (q: string) => fuse.search(q, { limit: 5 });
}

async function main(noCache: boolean): Promise<void> {
  const cases = loadCases();
  const questions = cases.map((c) => c.q);

  // the bundled plans are text files; reading them directly keeps the Word/PDF readers out of the figures
  let t = performance.now();
  const plansDir = loadConfigOrExit().plansDir; // PLANS_DIR, as the bot reads it
  const files = readdirSync(plansDir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((name) => ({ name, text: normalizeText(readFileSync(join(plansDir, name), "utf8")) }));
  const readMs = performance.now() - t;
  t = performance.now();
  const { knowledge } = buildKnowledge(files, new Date().toISOString());
  const buildMs = performance.now() - t;
  t = performance.now();
  let index: ReturnType<typeof buildAskIndex> | null = buildAskIndex(knowledge);
  const indexMs = performance.now() - t;
  const items = knowledge.tasks.length + knowledge.targets.length + knowledge.reports.length;
  console.log(`knowledge: ${knowledge.plans.length} plans, ${items} items; read ${readMs.toFixed(0)} ms, build ${buildMs.toFixed(0)} ms, ask index ${indexMs.toFixed(0)} ms`);

  const one = index;
  const ask1 = timeEach(questions, (q) => ask(one, q, { today: "2024-05-10" }));
  const acc1 = cases.filter((c) => {
    const a = ask(one, c.q, { today: "2024-05-10" });
    return correct(c, a.found, a.answer);
  }).length;
  index = null; // the ×100 figures below are the large corpus's own
  console.log(`ask ×1: p50 ${ask1.p50} ms, p95 ${ask1.p95} ms over ${ask1.n} questions; correct ${acc1}/${cases.length}`);

  collect();
  t = performance.now();
  const big = replicate(knowledge, COPIES);
  const replicateMs = performance.now() - t;
  collect();
  t = performance.now();
  const bigIndex = buildAskIndex(big);
  const bigIndexMs = performance.now() - t;
  const bigItems = big.tasks.length + big.targets.length + big.reports.length;
  console.log(`synthetic ×${COPIES}: ${big.plans.length} plans, ${bigItems} items; replicate ${replicateMs.toFixed(0)} ms, ask index ${bigIndexMs.toFixed(0)} ms`);
  const ask100 = timeEach(questions, (q) => ask(bigIndex, q, { today: "2024-05-10" }));
  console.log(`ask ×${COPIES}: p50 ${ask100.p50} ms, p95 ${ask100.p95} ms over ${ask100.n} questions`);
  // peak RSS of the assistant itself, before the baselines below allocate their own indexes
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);

  // plain Fuse.js over all item texts (the baseline): it scans every item for every question.
  // ×1: timed over every FUSE_SAMPLE_EVERY-th question after one warm-up question. Its accuracy
  // (top item of every question) depends only on the item texts, the questions, Fuse's version and
  // options, so it is kept under that key in node_modules/.cache and recomputed when one changes
  // (--no-cache: always).
  const fuse1 = plainFuse(knowledge);
  const fuseQuestions = questions.filter((_, i) => i % FUSE_SAMPLE_EVERY === 0);
  fuse1(questions[0]);
  const fuseT1 = summarize(
    fuseQuestions.map((q) => {
      const t0 = performance.now();
      fuse1(q);
      return performance.now() - t0;
    }),
  );
  const allItems = [...knowledge.tasks, ...knowledge.targets, ...knowledge.reports];
  const key = createHash("sha256")
    .update(JSON.stringify({ fuse: Fuse.version, options: FUSE_OPTIONS, items: allItems.map((i) => i.text), cases }))
    .digest("hex");
  const cached = noCache ? null : readCache(key);
  const fuseAcc = cached ?? cases.filter((c) => {
    const r = fuse1(c.q);
    return correct(c, r.length > 0, r[0]?.item.text ?? "");
  }).length;
  if (cached === null) writeCache(key, fuseAcc);
  console.log(
    `plain Fuse ×1: p50 ${fuseT1.p50} ms, p95 ${fuseT1.p95} ms over ${fuseT1.n} questions; correct ${fuseAcc}/${cases.length} (top item text as the answer${cached === null ? "" : "; unchanged inputs, from the cache"})`,
  );
  // ×100 is sampled: Fuse's cost is linear in the items it scans, so a random sample of the synthetic
  // corpus's items, timed over every FUSE_SAMPLE_EVERY-th question, is scaled up by corpus/sample.
  // A sample at a quarter of that size checks the linearity (its time ratio should be about 4).
  const bigAll = [...big.tasks, ...big.targets, ...big.reports];
  const sampled = (fraction: number) => sampleItems(bigAll, Math.round(bigAll.length * fraction));
  const small = timeFuseSample(sampled(FUSE_SAMPLE_FRACTION / 4), fuseQuestions);
  const large = timeFuseSample(sampled(FUSE_SAMPLE_FRACTION), fuseQuestions);
  const scale = 1 / FUSE_SAMPLE_FRACTION;
  const fuseT100 = { p50: round(large.p50 * scale), p95: round(large.p95 * scale), n: large.n, sampled: `${Math.round(FUSE_SAMPLE_FRACTION * 100)}% of ${bigAll.length} items ×${scale}`, linearity: round(large.p50 / small.p50) };
  console.log(
    `plain Fuse ×${COPIES} (estimated): p50 ${fuseT100.p50} ms, p95 ${fuseT100.p95} ms over ${fuseT100.n} questions — measured on a random ${fuseT100.sampled} (cost linear in items: ${Math.round((FUSE_SAMPLE_FRACTION / 4) * 100 * 100) / 100}% → ${Math.round(FUSE_SAMPLE_FRACTION * 100)}% took ×${fuseT100.linearity} the time)`,
  );

  const rssAfterFuse = Math.round(process.resourceUsage().maxRSS / 1024);
  const ok = ask100.p95 <= TARGET_P95_MS && rssMb <= TARGET_RSS_MB;
  console.log(`peak RSS ${rssMb} MB answering (${rssAfterFuse} MB after the plain-Fuse baselines); targets p95 ≤ ${TARGET_P95_MS} ms at ×${COPIES}, RSS ≤ ${TARGET_RSS_MB} MB: ${ok ? "met" : "NOT met"}`);
  console.log(
    JSON.stringify({
      plans: knowledge.plans.length,
      items,
      buildMs: Math.round(buildMs),
      indexMs: Math.round(indexMs),
      ask: { x1: ask1, x100: ask100 },
      fuse: { x1: { ...fuseT1, sampled: `every ${FUSE_SAMPLE_EVERY}th question` }, x100: fuseT100 },
      accuracy: { ask: `${acc1}/${cases.length}`, fuse: `${fuseAcc}/${cases.length}`, fuseFromCache: cached !== null },
      x100: { plans: big.plans.length, items: bigItems, indexMs: Math.round(bigIndexMs) },
      rssMb,
      rssMbWithFuseBaseline: rssAfterFuse,
      targetsMet: ok,
    }),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  let noCache = false;
  try {
    noCache = parseCli(process.argv.slice(2), { "no-cache": { type: "boolean" } }, "Cách dùng: npm run -s bench -- [--no-cache]").values["no-cache"] === true;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message ? `Tham số không hợp lệ: ${e.text}` : e.text);
    process.exit(e.message ? 2 : 0);
  }
  main(noCache).catch((e) => {
    console.error(`bench thất bại: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
