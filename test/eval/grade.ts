// Grading shared by the staff-style sets: like ../shared/eval/grade-qa.mjs (folded substrings,
// `min` n of alternatives, found:false must not be answered, answers over 3000 chars wrong),
// plus a per-case clock (`today`) and per-kind figures.
import { readFileSync } from "node:fs";
import { ask, type AskIndex } from "../../knowledge/ask.ts";

export interface Case {
  id: string;
  kind?: string;
  plan: string;
  q: string;
  all?: string[][];
  min?: { n: number; alts: string[] };
  found?: false;
  today?: string;
}

export const norm = (s: unknown) =>
  String(s ?? "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/\s+/g, " ");

export function loadCases(file: string): Case[] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Case);
}

export interface Score {
  pass: number;
  n: number;
  pct: number;
  byKind: Record<string, { pass: number; n: number }>;
  /** unanswerable questions answered with found:true */
  falseFound: number;
  fails: string[];
}

export function gradeCases(index: AskIndex, cases: Case[], defaultToday = "2024-05-10"): Score {
  const byKind: Score["byKind"] = {};
  const fails: string[] = [];
  let pass = 0;
  let falseFound = 0;
  for (const c of cases) {
    const o = ask(index, c.q, { today: c.today ?? defaultToday });
    const a = norm(o.answer);
    let ok: boolean;
    if (c.found === false) {
      ok = o.found === false;
      if (!ok) falseFound++;
    } else if (!o.found || !o.answer || o.answer.length > 3000) ok = false;
    else if (c.min) ok = c.min.alts.filter((alt) => a.includes(norm(alt))).length >= c.min.n;
    else ok = (c.all ?? []).every((g) => g.some((alt) => a.includes(norm(alt))));
    const k = (byKind[c.kind ?? c.plan] ??= { pass: 0, n: 0 });
    k.n++;
    if (ok) {
      k.pass++;
      pass++;
    } else fails.push(`${c.id} [${c.kind}] ${c.q} → ${o.answer.replace(/\s+/g, " ").slice(0, 160)}`);
  }
  return { pass, n: cases.length, pct: (100 * pass) / cases.length, byKind, falseFound, fails };
}

export function formatScore(name: string, s: Score): string {
  const kinds = Object.entries(s.byKind)
    .map(([k, x]) => `${k} ${x.pass}/${x.n} (${Math.round((100 * x.pass) / x.n)}%)`)
    .join(", ");
  return `${name}: ${s.pass}/${s.n} (${s.pct.toFixed(1)}%), unanswerable answered: ${s.falseFound} — ${kinds}`;
}
