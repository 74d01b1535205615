// Retrieval: an inverted index over the docs' canonical words and word pairs, scored by how much
// of the question (weighted by rarity) a doc covers. One small index segment per plan: a question
// about one agency reads one segment, and a corpus of hundreds of plans is built plan by plan.
// Fuse.js (built once) maps a misspelt or unknown question word to the nearest word of the plans.
import Fuse from "fuse.js";
import { docWords, type Doc, type DocTokens } from "./docs.ts";

// Weight of a word pair the plans never use, relative to its rarer word.
const UNSEEN_PAIR = 0.35;
const unseenPairFree = (w: string) => w.length < 2 || /^\d+$/.test(w);

// Where a word sits in a doc: its main text, its context, or only the plan's title.
const WEIGHT = [1, 0.6, 0.3];
const TITLE = 2;

// A word or pair listed for more than this share of docs (plan titles included) is "common":
// it weighs little, so it is added to the best candidates only (see search).
const COMMON = 0.2;

// A word matched only after folding ("lượng" for "lương") counts this much less.
const ACCENT_MISS = 0.5;

// pair key = first word's number × PAIR_KEY + second's: a small integer while words < 32768
const PAIR_KEY = 1 << 15;
// docs per segment (at most 1 << 14, so a local doc id and its 2-bit "where" fit 16 bits)
const SEGMENT_DOCS = 4096;

/**
 * Postings of a run of whole plans: for term terms[k], entries post[start[k] … start[k+1]), each
 * (doc id − first) × 4 + where (an index into WEIGHT), ascending.
 */
interface Segment {
  first: number;
  end: number;
  terms: Int32Array; // ascending
  start: Int32Array;
  post: Uint16Array;
}

export interface SearchIndex {
  docs: Doc[];
  /** [first, end) doc index of each plan */
  ranges: [number, number][];
  segments: Segment[];
  /** the segment holding each plan */
  segmentOf: Int32Array;
  /** word → term number */
  words: Map<string, number>;
  /** word → word number (dense, for pair keys) */
  wordNos: Map<string, number>;
  /** word pair (key from two word numbers) → term number */
  pairs: Map<number, number>;
  /** docs that use the term in their own text (a plan title says nothing about rarity) */
  df: Int32Array;
  /** postings of the term, plan titles included (the work a search would do) */
  size: Int32Array;
  vocab: Fuse<string>;
  n: number;
  /** rarity-weighted size of each doc's own words (for how much of a doc the question explains) */
  mass: Float32Array;
  scratch: Float64Array;
  scratchWords: Float64Array;
  /** reused per search: the docs touched, and their scores for finding the cut */
  scratchIds: Int32Array;
  scratchValues: Float64Array;
}

function bsearch(a: Int32Array | Uint16Array, from: number, to: number, x: number): number {
  // x is compared with a[i] as stored (for postings: local id × 4 + where)
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The [from, to) postings of term t in a segment (empty when the plan does not use it). */
function postingsOf(seg: Segment, t: number): [number, number] {
  const k = bsearch(seg.terms, 0, seg.terms.length, t);
  return k < seg.terms.length && seg.terms[k] === t ? [seg.start[k], seg.start[k + 1]] : [0, 0];
}

export function buildSearchIndex(docs: Doc[], tokensOf: (id: number) => DocTokens, ranges: [number, number][], titles: string[][] = []): SearchIndex {
  // Word pairs are numbered from their two word numbers: no pair strings are ever built.
  const words = new Map<string, number>();
  const wordNos = new Map<string, number>();
  const noOfTerm: number[] = [];
  const pairs = new Map<number, number>();
  let count = 0;
  const wordId = (t: string) => {
    let i = words.get(t);
    if (i === undefined) {
      words.set(t, (i = count++));
      noOfTerm[i] = wordNos.size;
      wordNos.set(t, wordNos.size);
    }
    return i;
  };
  const pairId = (a: number, b: number) => {
    const key = noOfTerm[a] * PAIR_KEY + noOfTerm[b];
    let i = pairs.get(key);
    if (i === undefined) pairs.set(key, (i = count++));
    return i;
  };
  // runs of words read in order: a pair spans the end of one field and the start of the next
  const termsOf = (runs: string[][], out: (t: number) => void) => {
    let prev = -1;
    for (const run of runs) {
      for (const t of run) {
        const id = wordId(t);
        out(id);
        if (prev >= 0) out(pairId(prev, id));
        prev = id;
      }
    }
  };
  const titleTerms = titles.map((t) => {
    const set = new Set<number>();
    termsOf([t], (k) => set.add(k));
    return [...set];
  });

  let df = new Int32Array(1024);
  let size = new Int32Array(1024);
  // per-segment counts by term (then write positions), reset after each segment
  let segCount = new Int32Array(1024);
  const bump = (t: number, own: boolean) => {
    if (t >= df.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(Math.max(a.length * 2, t + 1));
        b.set(a);
        return b;
      };
      df = grow(df);
      size = grow(size);
      segCount = grow(segCount);
    }
    size[t]++;
    if (own) df[t]++;
  };

  // Buffers reused from plan to plan: building hundreds of plans makes little garbage.
  let flatTerms = new Int32Array(1 << 14);
  let flatWhere = new Uint8Array(1 << 14);
  let flatDoc = new Int32Array(1 << 14);
  const seen = new Map<number, number>();
  const inMain = (k: number) => seen.set(k, 0);
  const inContext = (k: number) => {
    if (!seen.has(k)) seen.set(k, 1);
  };
  const groups: { first: number; end: number }[] = [];
  const segmentOf = new Int32Array(ranges.length);
  ranges.forEach(([first, end], planIdx) => {
    const last = groups[groups.length - 1];
    if (end - first > SEGMENT_DOCS) throw new Error(`plan with ${end - first} items: more than one index segment holds`);
    if (last && last.end - last.first + (end - first) <= SEGMENT_DOCS) last.end = end;
    else groups.push({ first, end });
    segmentOf[planIdx] = groups.length - 1;
  });
  const segments: Segment[] = groups.map(({ first, end }) => {
    let len = 0;
    const used: number[] = [];
    for (let id = first; id < end; id++) {
      const { main, context } = tokensOf(id);
      seen.clear();
      termsOf(main, inMain);
      termsOf(context, inContext);
      for (const k of titleTerms[docs[id].planIdx] ?? []) if (!seen.has(k)) seen.set(k, TITLE);
      if (len + seen.size > flatTerms.length) {
        const cap = Math.max(flatTerms.length * 2, len + seen.size);
        const t2 = new Int32Array(cap);
        t2.set(flatTerms);
        const w2 = new Uint8Array(cap);
        w2.set(flatWhere);
        const d2 = new Int32Array(cap);
        d2.set(flatDoc);
        [flatTerms, flatWhere, flatDoc] = [t2, w2, d2];
      }
      for (const [k, w] of seen) {
        flatTerms[len] = k;
        flatWhere[len] = w;
        flatDoc[len++] = id - first;
        bump(k, w !== TITLE);
        if (segCount[k]++ === 0) used.push(k);
      }
    }
    const terms = Int32Array.from(used).sort();
    const start = new Int32Array(terms.length + 1);
    terms.forEach((t, k) => {
      start[k + 1] = start[k] + segCount[t];
      segCount[t] = start[k]; // from here on: where the term's next entry goes
    });
    const post = new Uint16Array(len);
    // docs were read in order, so each term's entries come out ascending
    for (let j = 0; j < len; j++) {
      const t = flatTerms[j];
      post[segCount[t]++] = flatDoc[j] * 4 + flatWhere[j];
    }
    for (const t of used) segCount[t] = 0;
    return { first, end, terms, start, post };
  });

  const n = docs.length;
  const mass = new Float32Array(n);
  const vocabWords: string[] = [];
  // a doc's mass is weighed with its own plan's rarities: what other plans say never changes it
  const planOfDoc = new Int32Array(n);
  docs.forEach((d, id) => (planOfDoc[id] = d.planIdx));
  const planDf = new Int32Array(ranges.length);
  const touchedPlans: number[] = [];
  for (const [term, t] of words) {
    if (/^[a-z]{3,}$/.test(term)) vocabWords.push(term);
    for (const seg of segments) {
      const [from, to] = postingsOf(seg, t);
      for (let j = from; j < to; j++) {
        const e = seg.post[j];
        if ((e & 3) === TITLE) continue;
        const p = planOfDoc[seg.first + (e >> 2)];
        if (planDf[p]++ === 0) touchedPlans.push(p);
      }
    }
    for (const seg of segments) {
      const [from, to] = postingsOf(seg, t);
      for (let j = from; j < to; j++) {
        const e = seg.post[j];
        if ((e & 3) === TITLE) continue;
        const id = seg.first + (e >> 2);
        const p = planOfDoc[id];
        const np = ranges[p][1] - ranges[p][0];
        mass[id] += Math.log(1 + (np - planDf[p] + 0.5) / (planDf[p] + 0.5)) * WEIGHT[e & 3];
      }
    }
    for (const p of touchedPlans) planDf[p] = 0;
    touchedPlans.length = 0;
  }
  const vocab = new Fuse(vocabWords, { threshold: 0.3, includeScore: true, ignoreLocation: true, minMatchCharLength: 2 });
  return {
    docs,
    ranges,
    segments,
    segmentOf,
    words,
    wordNos,
    pairs,
    df: df.slice(0, count),
    size: size.slice(0, count),
    vocab,
    n,
    mass,
    scratch: new Float64Array(n),
    scratchWords: new Float64Array(n),
    scratchIds: new Int32Array(n),
    scratchValues: new Float64Array(n),
  };
}

export function idf(index: SearchIndex, df: number): number {
  return Math.log(1 + (index.n - df + 0.5) / (df + 0.5));
}

/**
 * The plans a question is about, with their own statistics: rarity weights counted over those
 * plans only, so loading another agency's plan never changes an answer about this one.
 */
export interface Scope {
  parts: { seg: Segment; lo: number; hi: number; plan: number }[];
  n: number;
  stats: Map<number, { df: number; size: number }>;
  /** per-plan counts, kept on the index across questions */
  cache: Map<number, Map<number, { df: number; size: number }>>;
}

const planStatsCache = new WeakMap<SearchIndex, Map<number, Map<number, { df: number; size: number }>>>();

export function scopeOf(index: SearchIndex, plans: number[] | null): Scope | null {
  if (plans === null) return null;
  const parts = plans.map((p) => {
    const seg = index.segments[index.segmentOf[p]];
    return { seg, lo: index.ranges[p][0] - seg.first, hi: index.ranges[p][1] - seg.first, plan: p };
  });
  let cache = planStatsCache.get(index);
  if (!cache) planStatsCache.set(index, (cache = new Map()));
  return { parts, n: plans.reduce((a, p) => a + index.ranges[p][1] - index.ranges[p][0], 0), stats: new Map(), cache };
}

function statsIn(scope: Scope, t: number): { df: number; size: number } {
  let st = scope.stats.get(t);
  if (st) return st;
  st = { df: 0, size: 0 };
  for (const { seg, lo, hi, plan } of scope.parts) {
    let byTerm = scope.cache.get(plan);
    if (!byTerm) scope.cache.set(plan, (byTerm = new Map()));
    let one = byTerm.get(t);
    if (!one) {
      one = { df: 0, size: 0 };
      const [from0, to] = postingsOf(seg, t);
      if (from0 < to) {
        for (let k = bsearch(seg.post, from0, to, lo * 4); k < to && seg.post[k] >> 2 < hi; k++) {
          one.size++;
          if ((seg.post[k] & 3) !== TITLE) one.df++;
        }
      }
      byTerm.set(t, one);
    }
    st.df += one.df;
    st.size += one.size;
  }
  scope.stats.set(t, st);
  return st;
}

function dfIn(index: SearchIndex, scope: Scope | null, t: number): number {
  return scope ? statsIn(scope, t).df : index.df[t];
}

function idfIn(index: SearchIndex, scope: Scope | null, df: number): number {
  const n = scope ? scope.n : index.n;
  return Math.log(1 + (Math.max(n, df) - df + 0.5) / (df + 0.5));
}

/** The term number of a word or a word pair ("kiem_ke"), if the plans use it. */
export function termId(index: SearchIndex, term: string): number | undefined {
  const cut = term.indexOf("_");
  if (cut < 0) return index.words.get(term);
  const a = index.wordNos.get(term.slice(0, cut));
  const b = index.wordNos.get(term.slice(cut + 1));
  return a === undefined || b === undefined ? undefined : index.pairs.get(a * PAIR_KEY + b);
}

/** Does the corpus know this word or word pair? */
export function hasTerm(index: SearchIndex, term: string): boolean {
  return termId(index, term) !== undefined;
}

/** How many docs use a word in their own text (0 for a word the plans never use). */
export function dfOf(index: SearchIndex, term: string): number {
  const t = termId(index, term);
  return t === undefined ? 0 : index.df[t];
}

/** Rarity weight of a word or word pair (within the scope's plans when given). */
export function weightOf(index: SearchIndex, term: string, scope: Scope | null = null): number {
  const t = termId(index, term);
  return idfIn(index, scope, t === undefined ? 0 : dfIn(index, scope, t));
}

function fieldOfTerm(index: SearchIndex, id: number, t: number): number {
  const seg = index.segments[index.segmentOf[index.docs[id].planIdx]];
  const [from, to] = postingsOf(seg, t);
  const local = id - seg.first;
  const k = bsearch(seg.post, from, to, local * 4);
  return k < to && seg.post[k] >> 2 === local ? seg.post[k] & 3 : -1;
}

/** Where a doc has a word or word pair: 0 main text, 1 context, 2 plan title only, -1 nowhere. */
export function fieldOf(index: SearchIndex, id: number, term: string): number {
  const t = termId(index, term);
  return t === undefined ? -1 : fieldOfTerm(index, id, t);
}

/** Replaces words the plans never use by their nearest plan word, when one is close enough. */
export function correctTerms(index: SearchIndex, terms: string[], scope: Scope | null = null): string[] {
  const inScope = (w: string) => {
    const t = index.words.get(w);
    return t !== undefined && (!scope || statsIn(scope, t).size > 0);
  };
  return terms.map((t) => {
    if (inScope(t) || t.length < 4 || !/^[a-z]+$/.test(t)) return t;
    if (scope && index.words.has(t)) return t; // a word of other plans: missing here, not misspelt
    // the nearest word of the plans asked about (ties broken by spelling, not by load order)
    const found = index.vocab
      .search(t, { limit: 20 })
      .filter((r) => (r.score ?? 1) <= 0.25 && inScope(r.item))
      .sort((a, b) => (a.score ?? 1) - (b.score ?? 1) || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    return found[0]?.item ?? t;
  });
}

export interface Scored {
  id: number;
  /** share of the question's weight the doc covers, 0–1 */
  cover: number;
  /** share of the doc's own words the question names, 0–1 (prefers the item that is just that) */
  precision: number;
}

/**
 * Scores the docs of the given plans (all plans when `plans` is null) against the question's
 * words and word pairs. Returns the docs near the best, best first, capped at `limit`.
 */
export function search(
  index: SearchIndex,
  terms: string[],
  bigrams: string[],
  plans: number[] | null,
  limit = 60,
  /** words that count as half missing (unknown English words) */
  weakMissing = 0,
): { hits: Scored[]; total: number; unseen: string[] } {
  const acc = index.scratch;
  const accWords = index.scratchWords;
  const touched = index.scratchIds; // touched[0 … nTouched)
  let nTouched = 0;
  let total = 0;
  const unseen: string[] = [];
  // whole segments, or the slices of them that hold the plans asked about
  const scope = scopeOf(index, plans);
  const parts: { seg: Segment; lo: number; hi: number }[] = scope ? scope.parts : index.segments.map((seg) => ({ seg, lo: 0, hi: seg.end - seg.first }));
  const dfOfT = (t: number) => dfIn(index, scope, t);
  const sizeOfT = (t: number) => (scope ? statsIn(scope, t).size : index.size[t]);
  const nAll = scope ? scope.n : index.n;
  const visit = (t: number, weight: number, word: boolean) => {
    for (const { seg, lo, hi } of parts) {
      const [from0, to] = postingsOf(seg, t);
      if (from0 === to) continue;
      const from = lo === 0 ? from0 : bsearch(seg.post, from0, to, lo * 4);
      const post = seg.post;
      for (let k = from; k < to && post[k] >> 2 < hi; k++) {
        const e = post[k];
        const id = seg.first + (e >> 2);
        const add = weight * WEIGHT[e & 3];
        if (acc[id] === 0) touched[nTouched++] = id;
        acc[id] += add;
        if (word && (e & 3) !== TITLE) accWords[id] += add;
      }
    }
  };
  const scored: { t: number; w: number; word: boolean }[] = [];
  total += weakMissing * 0.5 * idfIn(index, scope, 0);
  const known = (t: number | undefined) => t !== undefined && (!scope || sizeOfT(t) > 0);
  for (const term of terms) {
    const t = index.words.get(term);
    const w = idfIn(index, scope, known(t) ? dfOfT(t!) : 0);
    total += w;
    if (!known(t)) unseen.push(term);
    else scored.push({ t: t!, w, word: true });
  }
  for (const b of bigrams) {
    const t = termId(index, b);
    if (t === undefined || !known(t) || dfOfT(t) === 0) {
      // a phrase the plans never use ("đăng kiểm") is partly missing content
      const [x, y] = b.split("_");
      const has = (w: string) => known(index.words.get(w));
      if (has(x) && has(y) && !unseenPairFree(x) && !unseenPairFree(y)) {
        total += UNSEEN_PAIR * Math.max(weightOf(index, x, scope), weightOf(index, y, scope));
      }
      continue;
    }
    const w = idfIn(index, scope, dfOfT(t));
    total += w;
    scored.push({ t, w, word: false });
  }
  // Words most docs use weigh little: they are added afterwards, to the best candidates only.
  scored.sort((x, y) => sizeOfT(x.t) - sizeOfT(y.t) || x.t - y.t);
  const common = scored.filter((s, i) => i > 0 && sizeOfT(s.t) > nAll * COMMON);
  for (const s of scored) if (!common.includes(s)) visit(s.t, s.w, s.word);

  const keep = common.length ? limit * 3 : limit;
  let cut = 0;
  if (nTouched > keep) {
    const values = index.scratchValues.subarray(0, nTouched);
    for (let i = 0; i < nTouched; i++) values[i] = acc[touched[i]];
    values.sort();
    cut = values[nTouched - keep];
  }
  const hits: Scored[] = [];
  for (let i = 0; i < nTouched; i++) {
    const id = touched[i];
    if (acc[id] >= cut && hits.length < keep * 2) {
      let a = acc[id];
      let aw = accWords[id];
      for (const c of common) {
        const at = fieldOfTerm(index, id, c.t);
        if (at < 0) continue;
        a += c.w * WEIGHT[at];
        if (c.word && at !== TITLE) aw += c.w * WEIGHT[at];
      }
      hits.push({ id, cover: total > 0 ? a / total : 0, precision: index.mass[id] > 0 ? Math.min(1, aw / index.mass[id]) : 0 });
    }
    acc[id] = 0;
    accWords[id] = 0;
  }
  hits.sort((a, b) => b.cover - a.cover || a.id - b.id);
  return { hits: hits.slice(0, limit), total, unseen };
}

/**
 * When the question is typed with diacritics, a word that matches a doc only once both are
 * folded is a weaker match ("mức lương" is not "số lượng"). Lowers `cover` of the best hits.
 */
export function checkSpelling(index: SearchIndex, hits: Scored[], terms: string[], total: number, accents: Map<string, string[]>, limit = 25, scope: Scope | null = null): void {
  if (!accents.size || total <= 0) return;
  const spelled = terms.filter((t) => accents.has(t));
  if (!spelled.length) return;
  for (const h of hits.slice(0, limit)) {
    const words = docWords(index.docs[h.id]);
    let loss = 0;
    for (const t of spelled) {
      const at = fieldOf(index, h.id, t);
      const field = at === 0 || at === 1 ? WEIGHT[at] : 0;
      if (!field || accents.get(t)!.some((w) => words.has(w))) continue;
      loss += ACCENT_MISS * field * weightOf(index, t, scope);
    }
    h.cover = Math.max(0, h.cover - loss / total);
  }
}
