// Plans' texts → one validated Knowledge model. Pure: files come in as text, the clock as a string.
// A bad file never stops the others: it becomes a Problem with its file (and line) and is skipped.
import { parsePlan, PlanParseError, type ParsedPlan } from "./parse/index.ts";
import { Knowledge, Plan, ReportSchedule, Target, Task, Unit, type Problem } from "./schema.ts";
import { normalizeText } from "./text.ts";

/** Bumped when parsing changes, so a knowledge file built by older code is rebuilt. */
export const PARSER_VERSION = "1";

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

export function buildKnowledge(files: PlanFile[], builtAt: string): { knowledge: Knowledge; problems: Problem[] } {
  const problems: Problem[] = [];
  const knowledge: Knowledge = { version: 1, builtAt, plans: [], units: [], tasks: [], targets: [], reports: [], problems: [] };
  const byId = new Map<string, string>();
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
    const first = byId.get(parsed.plan.id);
    if (first) {
      problems.push({
        file: file.name,
        line: null,
        message: `Kế hoạch "${parsed.plan.id}" trong tệp ${file.name} trùng mã với tệp ${first}; tệp này không được nạp.`,
        severity: "error",
      });
      continue;
    }
    const invalid = validate(parsed);
    if (invalid) {
      problems.push({ file: file.name, line: null, message: `Dữ liệu đọc từ tệp ${file.name} không hợp lệ (${invalid}).`, severity: "error" });
      continue;
    }
    byId.set(parsed.plan.id, file.name);
    knowledge.plans.push(parsed.plan);
    knowledge.units.push(...parsed.units);
    knowledge.tasks.push(...parsed.tasks);
    knowledge.targets.push(...parsed.targets);
    knowledge.reports.push(...parsed.reports);
    problems.push(...parsed.problems);
  }
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
