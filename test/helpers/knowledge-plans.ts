// The five bundled plans, parsed once per test file, and small lookups for pinning items.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePlan, type ParsedPlan } from "../../knowledge/parse/index.ts";
import type { ReportSchedule, Target, Task } from "../../knowledge/schema.ts";

export const PLANS_DIR = new URL("../../data/plans/", import.meta.url).pathname;

export const FILES = {
  sonLa: "son-la_so-gtvt_cchc-2024.txt",
  tienGiang: "tien-giang_so-gtvt_cchc-2021-2025.txt",
  dakLak: "dak-lak_so-gtvt_cchc-2021-2030.txt",
  langSon: "lang-son_so-gtvt_par-sipas-2024.txt",
  quangTri: "quang-tri_so-ldtbxh_cchc-2024.txt",
} as const;

export function readPlan(file: string): string {
  return readFileSync(join(PLANS_DIR, file), "utf8");
}

const cache = new Map<string, ParsedPlan>();
export function parsed(file: string): ParsedPlan {
  let p = cache.get(file);
  if (!p) cache.set(file, (p = parsePlan(file, readPlan(file))));
  return p;
}

/** The one item cited at this line whose text starts with these words (fails loudly otherwise). */
function at<T extends { source: { line: number }; text: string }>(items: T[], line: number, start = ""): T {
  const hits = items.filter((i) => i.source.line === line && i.text.startsWith(start));
  if (hits.length !== 1) throw new Error(`expected one item at line ${line} starting "${start}", found ${hits.length}`);
  return hits[0];
}

export const taskAt = (p: ParsedPlan, line: number, start = ""): Task => at(p.tasks, line, start);
export const targetAt = (p: ParsedPlan, line: number, start = ""): Target => at(p.targets, line, start);
export const reportAt = (p: ParsedPlan, name: string): ReportSchedule => {
  const r = p.reports.find((x) => x.name === name);
  if (!r) throw new Error(`no report "${name}"`);
  return r;
};

/** "van-phong-so" from "quang-tri/so-ldtbxh/van-phong-so". */
export const slugs = (ids: string[]) => ids.map((id) => id.split("/").pop());

/** Values as "min 80%" strings, easy to read in expectations. */
export const vals = (t: Target) => t.values.map((v) => `${v.comparator} ${v.value}${v.upper !== undefined ? `-${v.upper}` : ""}${v.unit === "%" ? "%" : ` ${v.unit}`}`);
