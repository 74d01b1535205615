// Retrieval: an inverted index over the docs' canonical words and word pairs, scored by how much
// of the question (weighted by rarity) a doc covers. Fuse.js (built once) maps a misspelt or
// unknown question word to the nearest word of the plans.
import Fuse from "fuse.js";
import { docWords, type Doc } from "./docs.ts";
import { bigramsOf } from "./tokens.ts";

// Weight of a word pair the plans never use, relative to its rarer word.
const UNSEEN_PAIR = 0.35;
const unseenPairFree = (w: string) => w.length < 2 || /^\d+$/.test(w);

// Where a word sits in a doc: its main text, its context, or only the plan's title.
const WEIGHT = [1, 0.6, 0.3];
const TITLE = 2;

interface Posting {
  ids: Int32Array; // doc indices, ascending
  w: Uint8Array; // index into WEIGHT
  /** docs that use the word in their own text (a plan title says nothing about rarity) */
  df: number;
}

// A word matched only after folding ("lượng" for "lương") counts this much less.
const ACCENT_MISS = 0.5;

export interface SearchIndex {
  docs: Doc[];
  /** [first, end) doc index of each plan */
  ranges: [number, number][];
  postings: Map<string, Posting>;
  vocab: Fuse<string>;
  n: number;
  /** rarity-weighted size of each doc's own words (for how much of a doc the question explains) */
  mass: Float32Array;
  scratch: Float64Array;
  scratchWords: Float64Array;
  /** docs' own spellings, filled on demand */
  spellings: Map<number, Set<string>>;
}

export function buildSearchIndex(docs: Doc[], ranges: [number, number][], titles: string[][] = []): SearchIndex {
  const lists = new Map<string, { ids: number[]; w: number[] }>();
  const add = (term: string, id: number, w: number) => {
    let l = lists.get(term);
    if (!l) lists.set(term, (l = { ids: [], w: [] }));
    l.ids.push(id);
    l.w.push(w);
  };
  const titleTerms = titles.map((t) => new Set([...t, ...bigramsOf(t)]));
  docs.forEach((d, id) => {
    const main = new Set([...d.main, ...bigramsOf(d.main)]);
    const context = new Set([...d.context, ...bigramsOf(d.context)]);
    for (const t of main) add(t, id, 0);
    for (const t of context) if (!main.has(t)) add(t, id, 1);
    for (const t of titleTerms[d.planIdx] ?? []) if (!main.has(t) && !context.has(t)) add(t, id, TITLE);
  });
  const postings = new Map<string, Posting>();
  const words: string[] = [];
  const n = docs.length;
  const mass = new Float32Array(n);
  for (const [term, l] of lists) {
    const df = l.w.filter((x) => x !== TITLE).length;
    postings.set(term, { ids: Int32Array.from(l.ids), w: Uint8Array.from(l.w), df });
    if (term.includes("_")) continue;
    if (/^[a-z]{3,}$/.test(term)) words.push(term);
    const w = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    for (let k = 0; k < l.ids.length; k++) if (l.w[k] !== TITLE) mass[l.ids[k]] += w * WEIGHT[l.w[k]];
  }
  const vocab = new Fuse(words, { threshold: 0.3, includeScore: true, ignoreLocation: true, minMatchCharLength: 2 });
  return { docs, ranges, postings, vocab, n, mass, scratch: new Float64Array(n), scratchWords: new Float64Array(n), spellings: new Map() };
}

export function idf(index: SearchIndex, df: number): number {
  return Math.log(1 + (index.n - df + 0.5) / (df + 0.5));
}

/** Replaces words the plans never use by their nearest plan word, when one is close enough. */
export function correctTerms(index: SearchIndex, terms: string[]): string[] {
  return terms.map((t) => {
    if (index.postings.has(t) || t.length < 4 || !/^[a-z]+$/.test(t)) return t;
    const [best] = index.vocab.search(t, { limit: 1 });
    return best && (best.score ?? 1) <= 0.25 ? best.item : t;
  });
}

export interface Scored {
  id: number;
  /** share of the question's weight the doc covers, 0–1 */
  cover: number;
  /** share of the doc's own words the question names, 0–1 (prefers the item that is just that) */
  precision: number;
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Scores the docs of the given plans (all plans when `plans` is null) against the question's
 * words and word pairs. Returns every doc that matched anything, best first, capped at `limit`.
 */
export function search(
  index: SearchIndex,
  terms: string[],
  bigrams: string[],
  plans: number[] | null,
  limit = 60,
): { hits: Scored[]; total: number; unseen: string[] } {
  const acc = index.scratch;
  const accWords = index.scratchWords;
  const touched: number[] = [];
  let total = 0;
  const unseen: string[] = [];
  const ranges = plans === null ? [[0, index.n] as [number, number]] : plans.map((i) => index.ranges[i]);
  const visit = (p: Posting, weight: number, word: boolean) => {
    for (const [from, to] of ranges) {
      for (let k = lowerBound(p.ids, from); k < p.ids.length && p.ids[k] < to; k++) {
        const id = p.ids[k];
        if (acc[id] === 0) touched.push(id);
        acc[id] += weight * WEIGHT[p.w[k]];
        if (word && p.w[k] !== TITLE) accWords[id] += weight * WEIGHT[p.w[k]];
      }
    }
  };
  for (const t of terms) {
    const p = index.postings.get(t);
    const w = idf(index, p ? p.df : 0);
    total += w;
    if (!p) unseen.push(t);
    else visit(p, w, true);
  }
  for (const b of bigrams) {
    const p = index.postings.get(b);
    if (!p || p.df === 0) {
      // a phrase the plans never use ("đăng kiểm") is partly missing content
      const [x, y] = b.split("_");
      const px = index.postings.get(x);
      const py = index.postings.get(y);
      if (px && py && !unseenPairFree(x) && !unseenPairFree(y)) total += UNSEEN_PAIR * Math.max(idf(index, px.df), idf(index, py.df));
      continue;
    }
    const w = idf(index, p.df);
    total += w;
    visit(p, w, false);
  }
  // Only the docs near the best are worth sorting (thousands match a common word at scale).
  let best = 0;
  for (const id of touched) if (acc[id] > best) best = acc[id];
  const hits: Scored[] = [];
  for (const id of touched) {
    if (acc[id] >= best * 0.35) {
      const precision = index.mass[id] > 0 ? Math.min(1, accWords[id] / index.mass[id]) : 0;
      hits.push({ id, cover: total > 0 ? acc[id] / total : 0, precision });
    }
    acc[id] = 0;
    accWords[id] = 0;
  }
  hits.sort((a, b) => b.cover - a.cover);
  return { hits: hits.slice(0, limit), total, unseen };
}

/**
 * When the question is typed with diacritics, a word that matches a doc only once both are
 * folded is a weaker match ("mức lương" is not "số lượng"). Lowers `cover` of the best hits.
 */
export function checkSpelling(index: SearchIndex, hits: Scored[], terms: string[], total: number, accents: Map<string, string[]>, limit = 40): void {
  if (!accents.size || total <= 0) return;
  const spelled = terms.filter((t) => accents.has(t));
  if (!spelled.length) return;
  for (const h of hits.slice(0, limit)) {
    const d = index.docs[h.id];
    let words = index.spellings.get(h.id);
    if (!words) index.spellings.set(h.id, (words = docWords(d)));
    let loss = 0;
    for (const t of spelled) {
      const field = d.main.includes(t) ? 1 : d.context.includes(t) ? WEIGHT[1] : 0;
      if (!field || accents.get(t)!.some((w) => words!.has(w))) continue;
      loss += ACCENT_MISS * field * idf(index, index.postings.get(t)?.df ?? 0);
    }
    h.cover = Math.max(0, h.cover - loss / total);
  }
}
