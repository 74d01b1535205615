// What the item builders share while one plan is parsed: ids, the unit registry, the years.
import type { Deadline, ReportSchedule, Target, Task } from "../schema.ts";
import type { UnitRegistry } from "../units.ts";

export interface ItemContext {
  planId: string;
  file: string;
  units: UnitRegistry;
  /** the year a date without one belongs to */
  year: number;
  /** the year targets are for when they do not say (the plan's year, or the end of its main phase) */
  defaultHorizon: number | null;
  tasks: Task[];
  /** purposes and requirements: quoted in answers, not tasks */
  statements: Task[];
  targets: Target[];
  reports: ReportSchedule[];
}

/** A statement that gives no time at all: nothing to read, nothing to remind (and not listed as unreadable). */
export const NO_DEADLINE: Deadline = { kind: "unknown", start: null, due: null, text: "" };

/** Stable ids in document order: "son-la-gtvt-2024:task:12". */
export function nextId(ctx: ItemContext, kind: "task" | "target" | "report"): string {
  const n = (kind === "task" ? ctx.tasks : kind === "target" ? ctx.targets : ctx.reports).length + 1;
  return `${ctx.planId}:${kind}:${n}`;
}

export function capitalise(s: string): string {
  return s.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("vi"));
}
