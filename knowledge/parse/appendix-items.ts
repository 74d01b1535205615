// Appendix rows → Tasks (every row and sub-row, with lead, support, product and deadline) and
// Targets (the numbers a row's objective, task or activity states).
import { parseDeadline } from "../deadlines.ts";
import type { Target } from "../schema.ts";
import type { AppendixRow } from "./appendix.ts";
import { capitalise, nextId, NO_DEADLINE, type ItemContext } from "./context.ts";
import { areaOf, extractValues } from "./targets.ts";

function sameValues(a: Target["values"], b: Target["values"]): boolean {
  return a.every((v) => b.some((w) => w.value === v.value && w.unit === v.unit && w.comparator === v.comparator));
}

export function appendixRowsToItems(rows: AppendixRow[], ctx: ItemContext): void {
  for (const row of rows) {
    if (row.group) continue;
    const sectionTitle = row.section ? `${row.section.roman}. ${row.section.title}` : "";
    const section = ["Phụ lục", sectionTitle, row.no].filter(Boolean).join(" › ");
    const rowId = row.section ? `${row.section.roman}.${row.no}` : row.no;
    const rowValues: Target["values"][] = [];
    row.subs.forEach((sub, i) => {
      const lead = ctx.units.ids(sub.lead);
      const support = ctx.units.ids(sub.support).filter((id) => !lead.includes(id));
      const first = sub.task || (i === 0 ? row.objective : "") || sub.activity;
      const text = sub.activity && sub.activity !== first ? `${first} — ${sub.activity}` : first;
      ctx.tasks.push({
        id: nextId(ctx, "task"),
        planId: ctx.planId,
        kind: "task",
        section,
        text,
        source: { file: ctx.file, line: sub.line },
        objective: row.objective || null,
        task: sub.task || null,
        activity: sub.activity || null,
        product: sub.product || null,
        lead,
        support,
        leadText: sub.lead || null,
        supportText: sub.support || null,
        deadline: sub.deadline ? parseDeadline(sub.deadline, { year: ctx.year }) : NO_DEADLINE,
        budget: sub.budget || null,
        row: rowId,
      });
      // a number in the objective (first sub-row only), else in the task, activity or product
      const cells = [i === 0 ? row.objective : "", sub.task, sub.activity, sub.product];
      const cell = cells.find((c) => c && extractValues(c).length > 0);
      if (!cell) return;
      const values = extractValues(cell);
      if (rowValues.some((seen) => sameValues(values, seen))) return;
      rowValues.push(values);
      ctx.targets.push({
        id: nextId(ctx, "target"),
        planId: ctx.planId,
        kind: "target",
        section,
        text: capitalise(cell.replace(/[.;]+$/, "")),
        source: { file: ctx.file, line: cell === row.objective ? row.line : sub.line },
        area: areaOf(row.section ? [row.section.title] : [], cell),
        values,
        horizon: ctx.defaultHorizon,
        horizonText: null,
        lead,
        support,
      });
    });
  }
}
