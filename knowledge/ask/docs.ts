// The searchable form of the knowledge: one doc per task, target and report (and one per plan
// for "who coordinates the plan"), with canonical tokens split into a main part and context.
import type { Item, Knowledge, Plan, ReportSchedule, Target, Task } from "../schema.ts";
import { canonTokens } from "./tokens.ts";

export interface Doc {
  planIdx: number;
  kind: "task" | "target" | "report" | "plan";
  item: Item | null;
  /** tokens of what the item is (its activity, the report's name, the target's statement) */
  main: string[];
  /** tokens of where it sits (objective, section, other cells) */
  context: string[];
  /** last day of its deadline window, when it has one */
  due: string | null;
  start: string | null;
  /** the year a target (or a year-horizon task) must be reached */
  horizon: number | null;
  lead: string[];
  support: string[];
  /** mentions a number with a unit (%, phút…) */
  numeric: boolean;
}

const NUMERIC = /\d\s*(%|phút|ngày|giờ|hồ sơ|sáng kiến)|\d+\s*phần trăm|\b(ISO|TCVN)\b/i;

function joinText(parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.trim() !== "").join(" . ");
}

/** The heading right above an item says what it is about ("2.1 Chỉ số hài lòng về Tiếp cận dịch vụ"). */
function splitSection(section: string): { head: string; path: string } {
  const parts = section.split("›").map((x) => x.trim());
  return { head: parts[parts.length - 1] ?? "", path: parts.slice(0, -1).join(" . ") };
}

function taskDoc(t: Task, planIdx: number, objectiveOf: Map<string, string>): Doc {
  const fields = [t.task, t.activity, t.product].filter((x): x is string => !!x && x.trim() !== "");
  const { head, path } = splitSection(t.section);
  const main = joinText([...(fields.length ? fields : [t.text]), head]);
  // A row continued from the one above (empty STT) shares its objective.
  const objective = t.objective ?? (t.row ? objectiveOf.get(`${t.planId}|${t.row}`) : undefined);
  const context = joinText([objective, path, fields.length ? t.text : null]);
  const d = t.deadline;
  return {
    planIdx,
    kind: "task",
    item: t,
    main: canonTokens(main),
    context: canonTokens(context),
    due: d.due,
    start: d.start,
    horizon: d.kind === "year" && d.due ? Number(d.due.slice(0, 4)) : null,
    lead: t.lead,
    support: t.support,
    numeric: NUMERIC.test(t.text),
  };
}

function targetDoc(t: Target, planIdx: number): Doc {
  return {
    planIdx,
    kind: "target",
    item: t,
    main: canonTokens(joinText([t.text, splitSection(t.section).head])),
    context: canonTokens(joinText([splitSection(t.section).path, t.area, t.horizonText])),
    due: t.horizon ? `${t.horizon}-12-31` : null,
    start: null,
    horizon: t.horizon,
    lead: t.lead,
    support: t.support,
    numeric: t.values.length > 0 || NUMERIC.test(t.text),
  };
}

function reportDoc(r: ReportSchedule, planIdx: number): Doc {
  return {
    planIdx,
    kind: "report",
    item: r,
    main: canonTokens(joinText([r.name, "báo cáo", r.text])),
    context: canonTokens(joinText([r.section, r.to])),
    due: r.due.due,
    start: r.due.start,
    horizon: null,
    lead: r.from,
    support: [],
    numeric: false,
  };
}

/** "Who follows up the plan": the coordinating unit named by the plan itself. */
function planDoc(p: Plan, planIdx: number): Doc | null {
  if (!p.coordinatorUnitId) return null;
  return {
    planIdx,
    kind: "plan",
    item: null,
    main: canonTokens("chủ trì theo dõi đôn đốc kiểm tra triển khai thực hiện kế hoạch tổng hợp báo cáo kết quả"),
    context: canonTokens(p.title),
    due: null,
    start: null,
    horizon: null,
    lead: [p.coordinatorUnitId],
    support: [],
    numeric: false,
  };
}

/** The words of a doc as written (lower case, with diacritics), for checking the question's spelling. */
export function docWords(d: Doc): Set<string> {
  const it = d.item;
  let text = "";
  if (it?.kind === "task") text = [it.task, it.activity, it.product, it.objective, it.section, it.text].filter(Boolean).join(" ");
  else if (it?.kind === "target") text = [it.text, it.section, it.area, it.horizonText].filter(Boolean).join(" ");
  else if (it?.kind === "report") text = [it.name, it.text, it.section, it.to].filter(Boolean).join(" ");
  return new Set(text.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Docs in plan order (the index relies on each plan's docs being contiguous). */
export function buildDocs(k: Knowledge): { docs: Doc[]; ranges: [number, number][]; titles: string[][] } {
  const planIdx = new Map(k.plans.map((p, i) => [p.id, i]));
  const byPlan: Doc[][] = k.plans.map(() => []);
  const objectiveOf = new Map<string, string>();
  for (const t of k.tasks) {
    const key = `${t.planId}|${t.row}`;
    if (t.row && t.objective && !objectiveOf.has(key)) objectiveOf.set(key, t.objective);
  }
  const push = (planId: string, make: (i: number) => Doc | null) => {
    const i = planIdx.get(planId);
    if (i === undefined) return;
    const d = make(i);
    if (d) byPlan[i].push(d);
  };
  for (const t of k.tasks) push(t.planId, (i) => taskDoc(t, i, objectiveOf));
  for (const t of k.targets) push(t.planId, (i) => targetDoc(t, i));
  for (const r of k.reports) push(r.planId, (i) => reportDoc(r, i));
  k.plans.forEach((p) => push(p.id, (i) => planDoc(p, i)));
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
