// "Văn phòng Sở LĐTBXH Quảng Trị" → a unit of the plans: agency hints narrow the search, then the
// remaining words are matched word by word against folded names and aliases. Every word typed must be
// found in the name (exactly, as initials "QLBT", or with one typo), so an unknown name is "none"
// rather than the nearest-looking unit: binding a group to the wrong unit sends it the wrong reminders.
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
    // a shortened agency name ("Sở Giao thông", "Sở Lao động") still names the agency
    const fullWords = full.split(" ");
    if (fullWords.length >= 3) list.push({ text: fullWords.slice(0, 2).join(" "), weight: 1 });
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

/** Words that do not tell units apart ("của Sở", "thuộc", "đơn vị"): ignored on both sides. */
const GENERIC = new Set(["so", "cua", "thuoc", "truc", "tinh", "va", "o", "don", "vi"]);
/** Kinds of unit ("Phòng", "Ban", "Tổ"): a match on these alone names no unit in particular. */
const UNIT_TYPE = new Set(["van", "phong", "ban", "to", "bo", "phan", "trung", "tam", "doi", "chi", "cuc", "nhom"]);
/** No unit name is this long: a pasted paragraph is not a unit name. */
const MAX_QUERY_WORDS = 16;

const words = (s: string) => simplify(s).split(" ").filter((w) => w !== "");
const significant = (ws: string[]) => ws.filter((w) => !GENERIC.has(w));

interface Key {
  unit: Unit;
  /** all words of the name or alias (initials may span "Sở") */
  all: string[];
  /** the words that must be covered for a full match */
  main: string[];
}

const indexes = new WeakMap<Knowledge, Key[]>();

function unitKeys(knowledge: Knowledge): Key[] {
  let keys = indexes.get(knowledge);
  if (!keys) {
    // a group belongs to a room or unit of an agency: not to a collective owner, an outside body or a person
    keys = knowledge.units
      .filter((u) => u.kind === "internal")
      .flatMap((unit) => [unit.name, ...unit.aliases].map((n) => ({ unit, all: words(n), main: significant(words(n)) })))
      .filter((k) => k.main.length > 0);
    indexes.set(knowledge, keys);
  }
  return keys;
}

/** Edit distance with adjacent transpositions ("thnah" → "thanh" is one edit). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

interface Match {
  unit: Unit;
  /** words of the name the query did not mention */
  uncovered: number;
  typos: number;
  /** the query named something more specific than a kind of unit */
  specific: boolean;
}

/** How the query words fit one name: each query word takes a distinct word (or run of words, by initials) of the name. */
function matchKey(query: string[], key: Key): Match | null {
  const used = new Set<number>(); // indexes into key.all
  const mainIdx = key.all.map((w, i) => (GENERIC.has(w) ? -1 : i)).filter((i) => i >= 0);
  let exact = 0;
  let typos = 0;
  let specific = false;
  const left: string[] = [];
  for (const q of query) {
    const i = key.all.findIndex((w, n) => w === q && !used.has(n));
    if (i >= 0) {
      used.add(i);
      exact++;
      specific ||= !UNIT_TYPE.has(q);
    } else left.push(q);
  }
  const rest: string[] = [];
  for (const q of left) {
    // "QLBT" = Quản Lý Bảo Trì, "VPS" = Văn Phòng Sở
    let run: number[] | null = null;
    for (let s = 0; s < key.all.length && !run; s++)
      for (let e = s + 1; e < key.all.length; e++) {
        const initials = key.all.slice(s, e + 1).map((w) => w[0]).join("");
        if (initials.length > q.length || !q.startsWith(initials)) break;
        if (initials === q) {
          const span = Array.from({ length: e - s + 1 }, (_, n) => s + n);
          if (span.every((n) => !used.has(n))) run = span;
          break;
        }
      }
    if (run) {
      run.forEach((n) => used.add(n));
      exact++;
      specific = true;
    } else rest.push(q);
  }
  for (const q of rest) {
    if (q.length < 3) return null;
    const i = key.all.findIndex((w, n) => !used.has(n) && !GENERIC.has(w) && w.length >= 3 && editDistance(q, w) <= 1);
    if (i < 0) return null;
    used.add(i);
    typos++;
  }
  // a typo is forgiven next to a word typed right, not instead of one
  if (exact === 0 || typos > exact) return null;
  return { unit: key.unit, uncovered: mainIdx.filter((i) => !used.has(i)).length, typos, specific };
}

const uniqueUnits = (units: Unit[]) => units.filter((u, i) => units.findIndex((v) => v.id === u.id) === i);

/** Every unit in scope, those sharing a word with the query first (the "did you mean" list). */
function suggestionsFor(knowledge: Knowledge, query: string[], inScope: (u: Unit) => boolean): Unit[] {
  const keys = unitKeys(knowledge).filter((k) => inScope(k.unit));
  const near = (k: Key) => query.some((q) => k.main.some((w) => w === q || (q.length >= 4 && w.length >= 4 && editDistance(q, w) <= 1)));
  const close = keys.filter(near).map((k) => k.unit);
  return uniqueUnits([...close, ...keys.map((k) => k.unit)]);
}

/** Resolves a unit name, optionally with its agency named, to one unit, several candidates, or none. */
export function resolveUnit(knowledge: Knowledge, query: string, maxChoices = 8): UnitResolution {
  const { agencyIds, rest } = findAgencies(knowledge, query);
  const inScope = (u: Unit) => agencyIds.length === 0 || agencyIds.includes(u.agencyId);
  const q = significant(words(rest));
  const none = (): UnitResolution => ({ kind: "none", suggestions: suggestionsFor(knowledge, q, inScope) });
  if (q.length === 0 || q.length > MAX_QUERY_WORDS) return none();

  const best = new Map<string, Match>();
  for (const key of unitKeys(knowledge)) {
    if (!inScope(key.unit)) continue;
    const m = matchKey(q, key);
    const old = best.get(key.unit.id);
    if (m && (!old || m.uncovered < old.uncovered || (m.uncovered === old.uncovered && m.typos < old.typos))) best.set(key.unit.id, m);
  }
  const matches = [...best.values()];
  const pick = (list: Match[]): UnitResolution =>
    list.length === 1 ? { kind: "one", unit: list[0].unit } : { kind: "many", units: list.slice(0, maxChoices).map((m) => m.unit) };

  // the whole name typed ("Văn phòng", "Thanh tra Sở"): those units, the fewest typos first
  const full = matches.filter((m) => m.uncovered === 0);
  if (full.length) {
    const fewest = Math.min(...full.map((m) => m.typos));
    return pick(full.filter((m) => m.typos === fewest));
  }
  // part of a name ("Ban QLBT", "website"): typed right, and saying more than "Phòng" or "Ban"
  const partial = matches.filter((m) => m.specific && m.typos === 0).sort((a, b) => a.uncovered - b.uncovered || a.typos - b.typos);
  return partial.length ? pick(partial) : none();
}
