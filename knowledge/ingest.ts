// Plans' texts → one validated Knowledge model. Pure: files come in as text, the clock as a string.
// A bad file never stops the others: it becomes a Problem with its file (and line) and is skipped.
import { parsePlan, PlanParseError, withPlanId, type ParsedPlan } from "./parse/index.ts";
import { Knowledge, Plan, ReportSchedule, Target, Task, Unit, type Problem } from "./schema.ts";
import { foldVietnamese, normalizeText } from "./text.ts";

/** Bumped when parsing changes, so a knowledge file built by older code is rebuilt. */
export const PARSER_VERSION = "2"; // 2: plan ids per agency and period ("quang-tri-ldtbxh-2024")

export interface PlanFile {
  name: string;
  text: string;
}

/** Validates one parsed plan as a whole: a schema error in one plan must not sink the rest. */
function validate(p: ParsedPlan): string | null {
  const checks = [
    Plan.safeParse(p.plan),
    ...p.units.map((u) => Unit.safeParse(u)),
    ...p.tasks.map((t) => Task.safeParse(t)),
    ...p.targets.map((t) => Target.safeParse(t)),
    ...p.reports.map((r) => ReportSchedule.safeParse(r)),
  ];
  const bad = checks.find((c) => !c.success);
  return bad && !bad.success ? bad.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : null;
}

function yearOf(iso: string): number {
  const y = new Date(iso).getUTCFullYear();
  return Number.isFinite(y) ? y : 2024;
}

/** A title compared as people read it: no diacritics, case or spacing differences. */
const titleKey = (title: string) => foldVietnamese(title).replace(/\s+/g, " ").trim();

/** 6 hex digits of FNV-1a over the title: a short, stable tag telling two plans apart. */
function titleTag(title: string): string {
  let h = 0x811c9dc5;
  for (const c of titleKey(title)) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0").slice(0, 6);
}

const issued = (p: ParsedPlan) => [p.plan.issueDate.year ?? 9999, p.plan.issueDate.month ?? 99, p.plan.issueDate.day ?? 99];

/**
 * Plans that share an id (one agency, one period) but not a title all load: the earliest issued
 * (then the first title in order) keeps the id, each other one gets "-<titleTag>". So the ids do
 * not depend on file names, and a later plan added beside a loaded one leaves the loaded one's ids.
 */
function distinctIds(plans: ParsedPlan[]): ParsedPlan[] {
  const groups = new Map<string, ParsedPlan[]>();
  for (const p of plans) groups.set(p.plan.id, [...(groups.get(p.plan.id) ?? []), p]);
  const renamed = new Map<ParsedPlan, ParsedPlan>();
  for (const [id, group] of groups) {
    if (group.length < 2) continue;
    const order = [...group].sort((a, b) => {
      const [x, y] = [issued(a), issued(b)];
      const by = x.findIndex((v, i) => v !== y[i]);
      return by >= 0 ? x[by] - y[by] : titleKey(a.plan.title) < titleKey(b.plan.title) ? -1 : 1;
    });
    for (const p of order.slice(1)) renamed.set(p, withPlanId(p, `${id}-${titleTag(p.plan.title)}`));
  }
  return plans.map((p) => renamed.get(p) ?? p);
}

/** Units of one agency named by several of its plans: one unit, with every alias. */
function mergeUnits(units: Unit[]): Unit[] {
  const byId = new Map<string, Unit>();
  for (const u of units) {
    const seen = byId.get(u.id);
    if (!seen) byId.set(u.id, { ...u, aliases: [...u.aliases] });
    else for (const a of u.aliases) if (!seen.aliases.includes(a)) seen.aliases.push(a);
  }
  return [...byId.values()];
}

export function buildKnowledge(files: PlanFile[], builtAt: string): { knowledge: Knowledge; problems: Problem[] } {
  const problems: Problem[] = [];
  const knowledge: Knowledge = { version: 1, builtAt, plans: [], units: [], tasks: [], targets: [], reports: [], problems: [], statements: [] };
  const loaded: ParsedPlan[] = [];
  // one agency, period and title already loaded from another file: a copy, not loaded twice
  const byTitle = new Map<string, string>();
  for (const file of files) {
    const text = normalizeText(file.text);
    if (text.trim() === "") {
      problems.push({ file: file.name, line: null, message: `Tệp ${file.name} rỗng.`, severity: "error" });
      continue;
    }
    let parsed: ParsedPlan;
    try {
      parsed = parsePlan(file.name, text, yearOf(builtAt));
    } catch (e) {
      const line = e instanceof PlanParseError ? e.line : null;
      const message = e instanceof PlanParseError ? e.message : `Không đọc được tệp ${file.name}: ${(e as Error).message}`;
      problems.push({ file: file.name, line, message, severity: "error" });
      continue;
    }
    const key = `${parsed.plan.id}|${titleKey(parsed.plan.title)}`;
    const first = byTitle.get(key);
    if (first) {
      problems.push({
        file: file.name,
        line: null,
        message: `Kế hoạch "${parsed.plan.id}" trong tệp ${file.name} trùng mã với tệp ${first} (cùng cơ quan, thời kỳ và tiêu đề); tệp này không được nạp.`,
        severity: "error",
      });
      continue;
    }
    const invalid = validate(parsed);
    if (invalid) {
      problems.push({ file: file.name, line: null, message: `Dữ liệu đọc từ tệp ${file.name} không hợp lệ (${invalid}).`, severity: "error" });
      continue;
    }
    byTitle.set(key, file.name);
    loaded.push(parsed);
    problems.push(...parsed.problems);
  }
  for (const parsed of distinctIds(loaded)) {
    knowledge.plans.push(parsed.plan);
    knowledge.units.push(...parsed.units);
    knowledge.tasks.push(...parsed.tasks);
    knowledge.statements.push(...parsed.statements);
    knowledge.targets.push(...parsed.targets);
    knowledge.reports.push(...parsed.reports);
  }
  knowledge.units = mergeUnits(knowledge.units);
  knowledge.problems = problems;
  return { knowledge: Knowledge.parse(knowledge), problems };
}

export interface PlanSummary {
  planId: string;
  file: string;
  tasks: number;
  targets: number;
  /** tasks and reports whose deadline has a concrete last day */
  dated: number;
  reports: number;
  units: number;
  unknown: { text: string; line: number }[];
}

/** Per-plan counts for the ingest table. */
export function summarize(k: Knowledge): PlanSummary[] {
  return k.plans.map((p) => {
    const tasks = k.tasks.filter((t) => t.planId === p.id);
    const reports = k.reports.filter((r) => r.planId === p.id);
    const unknown = tasks
      .filter((t) => t.deadline.kind === "unknown" && t.deadline.text !== "")
      .map((t) => ({ text: t.deadline.text, line: t.source.line }));
    return {
      planId: p.id,
      file: p.sourceFile,
      tasks: tasks.length,
      targets: k.targets.filter((t) => t.planId === p.id).length,
      dated: tasks.filter((t) => t.deadline.due !== null).length + reports.filter((r) => r.due.due !== null).length,
      reports: reports.length,
      units: k.units.filter((u) => u.agencyId === p.agencyId).length,
      unknown,
    };
  });
}
