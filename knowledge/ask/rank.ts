// Retrieval answers: search, re-rank by what the question says besides its words (period,
// year, what it asks for), decide whether anything answers it, and pick the docs to show.
import type { AskIndex, Hit } from "../ask.ts";
import type { Analysis } from "./analyze.ts";
import type { Doc } from "./docs.ts";
import { toHit } from "./hits.ts";
import { renderGroups, type RenderCtx } from "./render.ts";
import { checkSpelling, correctTerms, fieldOf, scopeOf, search, weightOf, type Scope } from "./retrieve.ts";
import { slotWindow } from "./slots.ts";

const MIN_COVER = 0.56;
/** When the question names its plan, a doc that gives what is asked (owner, date, number) may cover less. */
const MIN_COVER_SCOPED = 0.45;
const PRECISION_WEIGHT = 0.15;
const GROUP_MARGIN = 0.06;
/** other plans join the answer when they cover this share of what the best covers */
const GROUP_SHARE = 0.9;
/** A lone matching word must be at least this rare to count as an answer. */
const RARE_IDF = 3.5;
const MAX_ANSWER = 2800;

/** The best docs for the question, grouped by plan and rendered; null when nothing answers it. */
export function answerByRetrieval(index: AskIndex, ctx: RenderCtx, scope: string[] | null): { text: string; hits: Hit[] } | null {
  const a = ctx.a;
  const k = index.knowledge;
  const scopeIdx = scope ? scope.map((id) => index.planIdx.get(id)!) : null;
  const view = scopeOf(index.search, scopeIdx);
  const terms = correctTerms(index.search, a.terms, view);
  const { hits, total } = search(index.search, terms, a.bigrams, scopeIdx, 60, a.unknownEnglish.length);
  checkSpelling(index.search, hits, terms, total, a.accents, 25, view);
  // a plan that does not reach the year asked about cannot answer for it
  const minCover = scope?.length === 1 && a.intent !== "unknown" && a.intent !== "list" ? MIN_COVER_SCOPED : MIN_COVER;
  const reaches = (pi: number) => !a.time.years.length || a.time.years.some((y) => y >= index.years[pi][0] && y <= index.years[pi][1]);
  const ranked = hits
    // a purpose names no owner and no deadline: it cannot answer "who" or "when"
    .filter((h) => !(index.search.docs[h.id].statement && (a.intent === "owner" || a.intent === "deadline")))
    .filter((h) => h.cover >= minCover && reaches(index.search.docs[h.id].planIdx) && !otherYearsReport(a, index.search.docs[h.id]))
    .map((h) => ({ ...h, score: h.cover + PRECISION_WEIGHT * h.precision + bonus(index, a, h.id) }))
    .sort((x, y) => y.score - x.score);
  // "who leads X, and by when": the task says both; the target read from the same sentence says neither
  if (a.intent === "owner" || a.intent === "deadline") {
    const taskLines = new Set(ranked.map((h) => index.search.docs[h.id]).filter((d) => d.kind === "task" && d.item).map((d) => `${d.item!.source.file}:${d.item!.source.line}`));
    for (let i = ranked.length - 1; i >= 0; i--) {
      const d = index.search.docs[ranked[i].id];
      if (d.kind === "target" && d.item && taskLines.has(`${d.item.source.file}:${d.item.source.line}`)) ranked.splice(i, 1);
    }
  }
  const top = ranked[0];
  // enough of the question matched — and more than one common word ("giá đất" is not "tham gia")
  if (!top || top.cover < minCover || terms.length === 0 || !enoughSupport(index, top.id, terms, a.bigrams, view)) {
    return null;
  }

  // The best doc of each plan close to the top; within a plan, near-ties too.
  // what the question asks for: a date, an owner, a number
  const answers = (d: Doc) =>
    a.intent === "deadline" ? d.due !== null && d.item?.kind !== "target"
    : a.intent === "owner" ? d.lead.length > 0 || (d.item?.kind === "report" && !!d.item.to)
    : a.intent === "target" ? d.numeric
    : true;
  const topAnswers = answers(index.search.docs[top.id]);
  // a weaker match stands only when it gives what was asked
  if (top.cover < MIN_COVER && (!topAnswers || a.intent === "fact")) return null;
  const groups = new Map<number, { doc: Doc; id: number; score: number }[]>();
  for (const h of ranked) {
    const d = index.search.docs[h.id];
    const g = groups.get(d.planIdx);
    if (!g) {
      // other plans join when they answer the question about as fully as the best one
      if (groups.size >= (a.plural ? 5 : 4) || h.cover < top.cover * (a.plural ? 0.7 : GROUP_SHARE) || h.score < top.score - 2 * GROUP_MARGIN - PRECISION_WEIGHT) continue;
      // a real answer is not diluted by other plans' items that lack what was asked
      if (topAnswers && !answers(d)) continue;
      groups.set(d.planIdx, [{ doc: d, id: h.id, score: h.score }]);
    } else if (g.length < 2 && h.score >= g[0].score - 0.02 && !g.some((x) => sameStatement(x.doc, d)) && !(answers(g[0].doc) && !answers(d))) {
      g.push({ doc: d, id: h.id, score: h.score });
    }
  }
  const ordered = [...groups.entries()].map(([pi, list]) => ({ plan: k.plans[pi], docs: list.map((x) => x.doc) }));
  let text = renderGroups(ctx, ordered);
  if (text.length > MAX_ANSWER) text = renderGroups(ctx, ordered.slice(0, 2).map((g) => ({ plan: g.plan, docs: g.docs.slice(0, 1) })));
  const shown = ordered.flatMap((g) => g.docs);
  const rest = ranked.map((h) => index.search.docs[h.id]).filter((d) => !shown.includes(d));
  const hitsOut = [...shown, ...rest].slice(0, 5).map((d) => toHit(index, d));
  return { text, hits: hitsOut };
}

/** "báo cáo quý II/2023" is not the plan's quarter-II report of 2024: a periodic report belongs to the year it falls due. */
function otherYearsReport(a: Analysis, d: Doc): boolean {
  const it = d.item;
  const t = a.time;
  if (it?.kind !== "report" || !t.years.length || !(t.quarter || t.half || t.annual) || !d.due) return false;
  if (it.period === "other" || it.period === "M") return false;
  const y = Number(d.due.slice(0, 4));
  // an annual report may fall due early the next year
  return !t.years.some((yy) => yy === y || (it.period === "Y" && yy === y - 1 && Number(d.due!.slice(5, 7)) <= 3));
}

function enoughSupport(index: AskIndex, id: number, terms: string[], bigrams: string[], view: Scope | null): boolean {
  const has = (t: string) => {
    const f = fieldOf(index.search, id, t);
    return f === 0 || f === 1;
  };
  const words = terms.filter(has);
  if (words.length >= 2) return true;
  if (bigrams.some(has)) return true;
  return words.length === 1 && weightOf(index.search, words[0], view) >= RARE_IDF;
}

/** Two docs from the same line of the plan (a bullet read as task and as target) say one thing. */
function sameStatement(x: Doc, y: Doc): boolean {
  return !!x.item && !!y.item && (x.item.text === y.item.text || x.item.source.line === y.item.source.line);
}

const REPORT_PERIOD: Record<string, string> = { "1": "Q1", "2": "Q2", "3": "Q3", "4": "Q4" };

/** Re-ranking by what the question says besides its words: period, year, what it asks for. */
function bonus(index: AskIndex, a: Analysis, id: number): number {
  const d = index.search.docs[id];
  let b = 0;
  const it = d.item;
  const t = a.time;
  const wantPeriod = t.quarter ? REPORT_PERIOD[String(t.quarter)] : t.half ? "H1" : t.annual ? "Y" : null;
  if (it?.kind === "report") {
    // the 6-month report stands for quarter II, the annual one for quarter IV (when the plan has no such quarter report)
    const stands = (wantPeriod === "Q2" && it.period === "H1") || (wantPeriod === "Q4" && it.period === "Y");
    if (wantPeriod) b += it.period === wantPeriod ? 0.35 : stands ? 0.2 : it.period !== "other" && it.period !== "M" ? -0.3 : 0;
    if (a.cutoff && it.cutoff) b += 0.15;
    if (a.intent === "deadline") b += 0.08;
    if (a.role === "recipient" && it.to) b += 0.1;
  }
  if (d.due && it?.kind !== "target" && (t.quarter || t.month || t.monthSpan || t.date || t.half)) {
    const [lo, hi] = index.years[d.planIdx];
    const years = t.years.length ? t.years : lo === hi ? [lo] : [Number(d.due.slice(0, 4))];
    const inside = years.some((y) => {
      const w = slotWindow(t, y);
      return !!w && d.due! >= w.start && d.due! <= w.end;
    });
    b += inside ? 0.15 : -0.1;
  }
  if (t.years.length) {
    const y = d.horizon ?? (d.due ? Number(d.due.slice(0, 4)) : null);
    const said = t.years.some((yy) => fieldOf(index.search, id, String(yy)) === 0);
    if (y !== null && t.years.includes(y)) b += 0.2;
    else if (said) b += 0.1;
    else if (y !== null) b -= 0.25;
  }
  switch (a.intent) {
    case "deadline":
      if (it?.kind === "task" && it.deadline.kind !== "unknown") b += 0.08;
      if (it?.kind === "target") b -= 0.08;
      break;
    case "target":
      // "bao nhiêu" needs a number: an item without one cannot answer it
      b += d.numeric ? 0.1 : -0.1;
      if (it?.kind === "report") b -= 0.1;
      break;
    case "owner":
      if (a.role === "support") b += d.support.length ? 0.15 : 0;
      else if (d.lead.length) b += 0.08;
      break;
  }
  return b;
}

