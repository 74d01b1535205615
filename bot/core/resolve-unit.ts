// "Văn phòng Sở LĐTBXH Quảng Trị" → a unit of the plans: agency hints narrow the search, then a fuzzy
// match over folded names and aliases (Fuse's ignoreDiacritics keeps đ, so we fold ourselves).
import Fuse from "fuse.js";
import type { Knowledge, Unit } from "../../knowledge/schema.ts";
import { foldVietnamese } from "../../knowledge/text.ts";

export type UnitResolution =
  | { kind: "one"; unit: Unit }
  | { kind: "many"; units: Unit[] }
  | { kind: "none"; suggestions: Unit[] };

/** Words only: folded, punctuation to spaces. */
export function simplify(s: string): string {
  return foldVietnamese(s)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const has = (text: string, phrase: string) => phrase !== "" && ` ${text} `.includes(` ${phrase} `);

interface Phrase {
  text: string;
  weight: number;
}

function agencyPhrases(knowledge: Knowledge): Map<string, Phrase[]> {
  const byAgency = new Map<string, Phrase[]>();
  for (const plan of knowledge.plans) {
    const list = byAgency.get(plan.agencyId) ?? [];
    const province = simplify(plan.province);
    const short = simplify(plan.agencyShort);
    const abbrev = simplify(short.replace(new RegExp(`\\b${province}\\b`), "").replace(/^so\b/, ""));
    const full = simplify(plan.agency).replace(/^so /, "");
    const idParts = plan.agencyId.split("/").map((p) => simplify(p.replace(/^so-/, "")));
    list.push({ text: short, weight: 5 }, { text: province, weight: 3 }, { text: abbrev, weight: 2 }, { text: full, weight: 2 });
    for (const p of idParts) list.push({ text: p, weight: 1 });
    byAgency.set(
      plan.agencyId,
      list.filter((p, i) => p.text.length >= 3 && list.findIndex((q) => q.text === p.text) === i),
    );
  }
  return byAgency;
}

/** The agencies a text names ("LĐTBXH", "Quảng Trị", "Sở GTVT Sơn La") and the text with those words removed. */
export function findAgencies(knowledge: Knowledge, text: string): { agencyIds: string[]; rest: string } {
  const q = simplify(text);
  const scores = new Map<string, number>();
  const matched: string[] = [];
  for (const [agencyId, phrases] of agencyPhrases(knowledge)) {
    let score = 0;
    for (const p of phrases) {
      if (has(q, p.text)) {
        score += p.weight;
        matched.push(p.text);
      }
    }
    if (score > 0) scores.set(agencyId, score);
  }
  const best = Math.max(0, ...scores.values());
  const agencyIds = [...scores].filter(([, s]) => s === best && best > 0).map(([id]) => id);
  let rest = ` ${q} `;
  for (const p of matched.sort((a, b) => b.length - a.length)) rest = rest.split(` ${p} `).join(" ");
  rest = rest.replace(/\s+(tinh|thuoc|cua|tai)\s*$/g, " ").trim();
  return { agencyIds, rest };
}

interface Entry {
  unit: Unit;
  key: string;
}

const indexes = new WeakMap<Knowledge, { entries: Entry[]; fuse: Fuse<Entry> }>();

function unitIndex(knowledge: Knowledge) {
  let idx = indexes.get(knowledge);
  if (!idx) {
    // a group belongs to a room or unit of an agency: not to a collective owner, an outside body or a person
    const entries = knowledge.units
      .filter((u) => u.kind === "internal")
      .flatMap((unit) => [unit.name, ...unit.aliases].map((n) => ({ unit, key: simplify(n) })))
      .filter((e) => e.key !== "");
    idx = { entries, fuse: new Fuse(entries, { keys: ["key"], includeScore: true, threshold: 0.4, ignoreLocation: true }) };
    indexes.set(knowledge, idx);
  }
  return idx;
}

const uniqueUnits = (units: Unit[]) => units.filter((u, i) => units.findIndex((v) => v.id === u.id) === i);

/** Resolves a unit name, optionally with its agency named, to one unit, several candidates, or none. */
export function resolveUnit(knowledge: Knowledge, query: string, maxChoices = 8): UnitResolution {
  const { agencyIds, rest } = findAgencies(knowledge, query);
  const inScope = (u: Unit) => agencyIds.length === 0 || agencyIds.includes(u.agencyId);
  const { entries, fuse } = unitIndex(knowledge);
  const scoped = entries.filter((e) => inScope(e.unit));
  const q = rest || simplify(query);
  if (q === "" || q === "so") return { kind: "none", suggestions: uniqueUnits(scoped.map((e) => e.unit)).slice(0, maxChoices) };

  const exact = uniqueUnits(scoped.filter((e) => e.key === q).map((e) => e.unit));
  if (exact.length === 1) return { kind: "one", unit: exact[0] };
  if (exact.length > 1) return { kind: "many", units: exact.slice(0, maxChoices) };

  const results = fuse.search(q).filter((r) => inScope(r.item.unit));
  if (results.length === 0) return { kind: "none", suggestions: uniqueUnits(scoped.map((e) => e.unit)).slice(0, maxChoices) };
  const best = results[0].score ?? 0;
  const close = uniqueUnits(results.filter((r) => (r.score ?? 0) <= best + 0.1).map((r) => r.item.unit));
  return close.length === 1 ? { kind: "one", unit: close[0] } : { kind: "many", units: close.slice(0, maxChoices) };
}
