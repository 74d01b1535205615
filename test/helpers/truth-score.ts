// Scores extracted knowledge against a plan's ground truth (../shared/practice-plans/*.truth.json
// or test/holdout/*.truth.json), field by field: each true task's best match by word overlap, then
// its lead, support and deadline; every target value; every report's due date and cut-off window.
import type { Knowledge, Task } from "../../knowledge/schema.ts";

export interface TruthTask {
  text: string;
  lead: string[];
  support: string[];
  deadline: string;
  deadline_iso: string | null;
  deadline_period?: { from: string; to: string };
  recurring?: boolean;
}
export interface TruthFile {
  plan: string;
  issuer?: string;
  tasks: TruthTask[];
  targets: { text: string; value: string; number: number; year: number | null }[];
  reports: { kind: string; due_iso: string | null; cutoff_from: string | null; cutoff_to: string | null; cutoff_from_iso?: string; cutoff_to_iso?: string }[];
}

export interface Score {
  tasks: number;
  found: number;
  lead: number;
  support: number;
  deadline: number;
  /** found with the right lead, support and deadline */
  complete: number;
  targets: number;
  targetsFound: number;
  reports: number;
  reportsFound: number;
  misses: string[];
}

const fold = (s: string | null | undefined) =>
  String(s ?? "").normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
const words = (s: string) => new Set(fold(s).split(/[^a-z0-9]+/).filter((w) => w.length > 1));

function overlap(truth: Set<string>, doc: Set<string>): number {
  let hit = 0;
  for (const w of truth) if (doc.has(w)) hit++;
  return truth.size ? hit / truth.size : 0;
}

/** Does one true unit name match one of the extracted units (name or alias, folded; all its words)? */
function unitMatches(truth: string, names: string[]): boolean {
  const t = fold(truth).replace(/\s+/g, " ").trim();
  const tw = [...words(truth)];
  return names.some((n) => {
    const f = fold(n).replace(/\s+/g, " ").trim();
    if (f === t) return true;
    const nw = words(n);
    return tw.every((w) => nw.has(w)) && [...nw].every((w) => tw.includes(w) || ["so", "thuoc", "truc", "cac", "ban"].includes(w));
  });
}

function sameUnits(truth: string[], ids: string[], k: Knowledge): boolean {
  const units = ids.map((id) => k.units.find((u) => u.id === id)).filter((u) => u !== undefined);
  if (units.length !== truth.length) return false;
  return truth.every((t) => units.some((u) => unitMatches(t, [u.name, ...u.aliases])));
}

function deadlineOk(t: TruthTask, d: Task["deadline"]): boolean {
  if (t.deadline_iso) return d.due === t.deadline_iso;
  if (t.deadline_period) return d.start === t.deadline_period.from && d.due === t.deadline_period.to;
  if (t.recurring) return d.kind === "ongoing" || d.kind === "recurring";
  if (!t.deadline) return d.text === "";
  return d.kind !== "date" && fold(d.text).includes(fold(t.deadline).slice(0, 10));
}

export function scorePlan(k: Knowledge, file: string, truth: TruthFile): Score {
  const planIds = new Set(k.plans.filter((p) => p.sourceFile === file).map((p) => p.id));
  const mine = k.tasks.filter((t) => planIds.has(t.planId));
  const docs = mine.map((x) => ({ x, w: words([x.text, x.task, x.activity, x.objective, x.product].join(" ")) }));
  const s: Score = { tasks: 0, found: 0, lead: 0, support: 0, deadline: 0, complete: 0, targets: 0, targetsFound: 0, reports: 0, reportsFound: 0, misses: [] };
  for (const t of truth.tasks) {
    s.tasks++;
    const tw = words(t.text);
    let best: Task | null = null;
    let bestScore = 0;
    for (const d of docs) {
      const o = overlap(tw, d.w);
      if (o > bestScore) [best, bestScore] = [d.x, o];
    }
    if (!best || bestScore < 0.6) {
      s.misses.push(`not found: ${t.text}`);
      continue;
    }
    s.found++;
    const lead = sameUnits(t.lead, best.lead, k);
    const support = sameUnits(t.support, best.support, k);
    const due = deadlineOk(t, best.deadline);
    if (lead) s.lead++;
    if (support) s.support++;
    if (due) s.deadline++;
    if (lead && support && due) s.complete++;
    else {
      const names = (ids: string[]) => ids.map((id) => k.units.find((u) => u.id === id)?.name ?? id).join("; ");
      s.misses.push(
        `${t.text.slice(0, 60)}${lead ? "" : ` | lead ${t.lead.join("; ")} ≠ ${names(best.lead)}`}${support ? "" : ` | support ${t.support.join("; ")} ≠ ${names(best.support)}`}${due ? "" : ` | deadline ${t.deadline} ≠ ${JSON.stringify(best.deadline)}`}`,
      );
    }
  }
  const targets = k.targets.filter((t) => planIds.has(t.planId));
  for (const t of truth.targets) {
    s.targets++;
    const tw = words(t.text);
    const ok = targets.some((x) => overlap(tw, words(x.text)) >= 0.5 && x.values.some((v) => v.value === t.number || v.upper === t.number));
    if (ok) s.targetsFound++;
    else s.misses.push(`target: ${t.text} = ${t.value}`);
  }
  const reports = k.reports.filter((r) => planIds.has(r.planId));
  for (const r of truth.reports) {
    s.reports++;
    const ok = reports.some(
      (x) =>
        (r.due_iso === null || x.due.due === r.due_iso || (x.due.dates ?? []).includes(r.due_iso)) &&
        (r.cutoff_from === null || (x.cutoff?.from === (r.cutoff_from_iso ?? r.cutoff_from) && x.cutoff?.to === (r.cutoff_to_iso ?? r.cutoff_to))),
    );
    if (ok) s.reportsFound++;
    else s.misses.push(`report: ${r.kind} due ${r.due_iso} cut-off ${r.cutoff_from}–${r.cutoff_to}`);
  }
  return s;
}

export const pct = (a: number, n: number) => (n === 0 ? 100 : Math.round((100 * a) / n));
