// The searchable form of the knowledge: one doc per task, target and report (and one per plan
// for "who coordinates the plan"). A doc's words are split into its main text and its context,
// and are computed only while the index is built.
import type { Item, Knowledge, Plan, Task } from "../schema.ts";
import { canonTokens } from "./tokens.ts";

/** A doc's words for the index, as runs of words (one run per field, read in order). */
export interface DocTokens {
  /** what the item is (its activity, the report's name, the target's statement) */
  main: string[][];
  /** where it sits (objective, section, other cells) */
  context: string[][];
}

export interface Doc {
  planIdx: number;
  kind: "task" | "target" | "report" | "plan";
  item: Item | null;
  /** last day of its deadline window, when it has one */
  due: string | null;
  start: string | null;
  /** the year a target (or a year-horizon task) must be reached */
  horizon: number | null;
  lead: string[];
  support: string[];
  /** mentions a number with a unit (%, phút…) */
  numeric: boolean;
  /** a purpose or requirement of the plan (Mục đích, yêu cầu): it assigns nothing to anyone */
  statement?: boolean;
}

const NUMERIC = /\d\s*(%|phút|ngày|giờ|hồ sơ|sáng kiến)|\d+\s*phần trăm|\b(ISO|TCVN)\b/i;
const PLAN_DOC_TEXT = "chủ trì theo dõi đôn đốc kiểm tra triển khai thực hiện kế hoạch tổng hợp báo cáo kết quả";

/** The heading right above an item says what it is about ("2.1 Chỉ số hài lòng về Tiếp cận dịch vụ"). */
const sections = new Map<string, { head: string; path: string }>();
function splitSection(section: string): { head: string; path: string } {
  let s = sections.get(section);
  if (!s) {
    const parts = section.split("›").map((x) => x.trim());
    s = { head: parts[parts.length - 1] ?? "", path: parts.slice(0, -1).join(" . ") };
    if (sections.size < 50_000) sections.set(section, s);
  }
  return s;
}

function doc(planIdx: number, item: Item | null, fields: Omit<Doc, "planIdx" | "item" | "kind">, kind: Doc["kind"]): Doc {
  return { planIdx, kind, item, ...fields };
}

/** Docs in plan order (the index relies on each plan's docs being contiguous). */
export function buildDocs(k: Knowledge): { docs: Doc[]; ranges: [number, number][]; titles: string[][] } {
  const planIdx = new Map(k.plans.map((p, i) => [p.id, i]));
  const byPlan: Doc[][] = k.plans.map(() => []);
  const push = (planId: string, d: (i: number) => Doc) => {
    const i = planIdx.get(planId);
    if (i !== undefined) byPlan[i].push(d(i));
  };
  // purposes are searchable like tasks but are never listed, counted or reminded (k.tasks only)
  const statements = new Set(k.statements ?? []);
  for (const t of [...k.tasks, ...statements]) {
    const dl = t.deadline;
    const stated = statements.has(t);
    push(t.planId, (i) =>
      doc(i, t, { due: dl.due, start: dl.start, horizon: dl.kind === "year" && dl.due ? Number(dl.due.slice(0, 4)) : null, lead: stated ? [] : t.lead, support: stated ? [] : t.support, numeric: NUMERIC.test(t.text), ...(stated ? { statement: true } : {}) }, "task"),
    );
  }
  for (const t of k.targets) {
    push(t.planId, (i) =>
      doc(i, t, { due: t.horizon ? `${t.horizon}-12-31` : null, start: null, horizon: t.horizon, lead: t.lead, support: t.support, numeric: t.values.length > 0 || NUMERIC.test(t.text) }, "target"),
    );
  }
  for (const r of k.reports) {
    push(r.planId, (i) => doc(i, r, { due: r.due.due, start: r.due.start, horizon: null, lead: r.from, support: [], numeric: false }, "report"));
  }
  k.plans.forEach((p) => {
    if (p.coordinatorUnitId) push(p.id, (i) => doc(i, null, { due: null, start: null, horizon: null, lead: [p.coordinatorUnitId!], support: [], numeric: false }, "plan"));
  });
  const docs: Doc[] = [];
  const ranges: [number, number][] = [];
  for (const list of byPlan) {
    ranges.push([docs.length, docs.length + list.length]);
    docs.push(...list);
  }
  // Every item of a plan is about the plan's subject ("cải cách hành chính"): its title is weak context.
  const titles = k.plans.map((p) => canonTokens(p.title));
  return { docs, ranges, titles };
}

/**
 * A table row continued from the one above (empty STT) shares its objective: the objective of each
 * task that has none but whose row has one.
 */
export function rowObjectives(k: Knowledge): WeakMap<Task, string> {
  const byRow = new Map<string, string>();
  for (const t of k.tasks) {
    const key = `${t.planId}|${t.row}`;
    if (t.row && t.objective && !byRow.has(key)) byRow.set(key, t.objective);
  }
  const inherited = new WeakMap<Task, string>();
  for (const t of k.tasks) {
    const o = !t.objective && t.row ? byRow.get(`${t.planId}|${t.row}`) : undefined;
    if (o) inherited.set(t, o);
  }
  return inherited;
}

export function objectiveOf(objectives: WeakMap<Task, string>, t: Task): string | null {
  return t.objective ?? objectives.get(t) ?? null;
}

/** Canonical words of a text; the index passes a memoised version (plans repeat many texts). */
export type Tokenize = (text: string) => string[];

function wordsOf(tok: Tokenize, parts: (string | null | undefined)[]): string[][] {
  return parts.filter((p): p is string => !!p && p.trim() !== "").map(tok);
}

/** A doc's words, main and context, computed from its item. */
export function docTokens(d: Doc, plan: Plan, objectives: WeakMap<Task, string>, tok: Tokenize = canonTokens): DocTokens {
  const it = d.item;
  if (!it) return { main: [tok(PLAN_DOC_TEXT)], context: [tok(plan.title)] };
  const { head, path } = splitSection(it.section);
  if (it.kind === "task") {
    const fields = [it.task, it.activity, it.product].filter((x): x is string => !!x && x.trim() !== "");
    return {
      main: wordsOf(tok, [...(fields.length ? fields : [it.text]), head]),
      context: wordsOf(tok, [objectiveOf(objectives, it), path, fields.length ? it.text : null]),
    };
  }
  if (it.kind === "target") return { main: wordsOf(tok, [it.text, head]), context: wordsOf(tok, [path, it.area, it.horizonText]) };
  return { main: wordsOf(tok, [it.name, "báo cáo", it.text]), context: wordsOf(tok, [it.section, it.to]) };
}

// built once per doc, on first use (most docs are never a top hit; RSS stays low at ×100)
const wordsMemo = new WeakMap<Doc, Set<string>>();

/** The words of a doc as written (lower case, with diacritics), for checking the question's spelling. */
export function docWords(d: Doc): Set<string> {
  let w = wordsMemo.get(d);
  if (!w) wordsMemo.set(d, (w = readDocWords(d)));
  return w;
}

function readDocWords(d: Doc): Set<string> {
  const it = d.item;
  let text = "";
  if (it?.kind === "task") text = [it.task, it.activity, it.product, it.objective, it.section, it.text].filter(Boolean).join(" ");
  else if (it?.kind === "target") text = [it.text, it.section, it.area, it.horizonText].filter(Boolean).join(" ");
  else if (it?.kind === "report") text = [it.name, it.text, it.section, it.to].filter(Boolean).join(" ");
  return new Set(text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}
