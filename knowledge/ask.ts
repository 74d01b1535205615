// Question → answer over the knowledge model: intent and slots, retrieval re-ranked by the slots,
// the fact first and a citation. Pure: the same knowledge and question give the same answer.
import type { Item, Knowledge, Plan, Task, Unit } from "./schema.ts";
import { analyzeQuestion, catalogPhrase, foreignLists, type Analysis, type Catalog } from "./ask/analyze.ts";
import { buildDocs, docTokens, objectiveOf, rowObjectives, type Doc } from "./ask/docs.ts";
import { answerFact } from "./ask/facts.ts";
import { answerList, answerTopicList, wantsList } from "./ask/list.ts";
import { ownerNames, planLabel, type Lang } from "./ask/labels.ts";
import { renderGroups, renderNotFound, type RenderCtx } from "./ask/render.ts";
import { buildSearchIndex, checkSpelling, correctTerms, fieldOf, hasTerm, search, weightOf, type SearchIndex } from "./ask/retrieve.ts";
import { relativeTime } from "./ask/relative.ts";
import { slotWindow } from "./ask/slots.ts";
import { canonTokens } from "./ask/tokens.ts";
import { foldVietnamese } from "./text.ts";

export type { Intent } from "./ask/analyze.ts";
import type { Intent } from "./ask/analyze.ts";

export interface Hit {
  planId: string;
  kind: "task" | "target" | "report" | "plan";
  text: string;
  lead: string[]; // unit display names
  support: string[];
  due: string | null; // ISO date
  dueText: string | null;
  value: string | null; // "tối thiểu 80%"
  source: { file: string; line: number };
}

export interface Answer {
  question: string;
  found: boolean;
  intent: Intent;
  /** exactly the text the bot sends */
  answer: string;
  hits: Hit[]; // at most 5
  /** the language of the reply */
  lang: "vi" | "en";
}

export interface AskIndex {
  knowledge: Knowledge;
  catalog: Catalog;
  search: SearchIndex;
  plans: Map<string, Plan>;
  planIdx: Map<string, number>;
  units: Map<string, Unit>;
  /** first and last year each plan speaks about (period, horizons, dates) */
  years: [number, number][];
  objectiveOf: (t: Task) => string | null;
}

/** Builds the search index once per knowledge version. */
export function buildAskIndex(knowledge: Knowledge): AskIndex {
  const { docs, ranges, titles } = buildDocs(knowledge);
  const objectives = rowObjectives(knowledge);
  // sections, objectives and headings repeat across items and plans: read each text once
  const memo = new Map<string, string[]>();
  const tok = (text: string) => {
    let t = memo.get(text);
    if (!t) memo.set(text, (t = canonTokens(text)));
    return t;
  };
  const index = buildSearchIndex(docs, (id) => docTokens(docs[id], knowledge.plans[docs[id].planIdx], objectives, tok), ranges, titles);
  const provinces = knowledge.plans.map((p) => catalogPhrase(p.province));
  const agencies = knowledge.plans.map((p) => catalogPhrase(p.agency));
  const corpusHas = (phrase: string) => {
    const words = phrase.split(" ");
    const pairs = words.slice(1).map((w, i) => `${words[i]}_${w}`);
    return pairs.length > 0 && pairs.every((b) => hasTerm(index, b));
  };
  const catalog: Catalog = {
    plans: knowledge.plans.map((p, i) => ({ id: p.id, agencyId: p.agencyId, province: provinces[i], agency: agencies[i] })),
    units: knowledge.units.flatMap((u) =>
      [u.name, ...u.aliases].map((n) => ({ id: u.id, agencyId: u.agencyId, phrase: catalogPhrase(n) })).filter((x) => x.phrase.length >= 4),
    ),
    ...foreignLists(provinces, agencies, corpusHas),
  };
  const years = planYears(knowledge);
  return {
    knowledge,
    catalog,
    search: index,
    plans: new Map(knowledge.plans.map((p) => [p.id, p])),
    planIdx: new Map(knowledge.plans.map((p, i) => [p.id, i])),
    units: new Map(knowledge.units.map((u) => [u.id, u])),
    years,
    objectiveOf: (t) => objectiveOf(objectives, t),
  };
}

/** First and last year each plan speaks about: its period, issue year, horizons and dates (one pass). */
function planYears(k: Knowledge): [number, number][] {
  const at = new Map(k.plans.map((p, i) => [p.id, i]));
  const years = k.plans.map((p): [number, number] => [
    Math.min(p.period.from, p.issueDate.year ?? p.period.from),
    Math.max(p.period.to, p.issueDate.year ?? p.period.to),
  ]);
  const see = (planId: string, y: number | null | undefined) => {
    const i = at.get(planId);
    if (i === undefined || !y) return;
    years[i][0] = Math.min(years[i][0], y);
    years[i][1] = Math.max(years[i][1], y);
  };
  const yearOf = (iso: string | null | undefined) => (iso ? Number(iso.slice(0, 4)) : null);
  for (const t of k.targets) see(t.planId, t.horizon);
  for (const t of k.tasks) see(t.planId, yearOf(t.deadline.due));
  for (const r of k.reports) {
    see(r.planId, yearOf(r.due.due));
    see(r.planId, yearOf(r.cutoff?.from));
  }
  return years;
}

export interface AskOptions {
  /** restrict to one agency (a registered group's unit) when the question names none */
  agencyId?: string;
  /** today (for "sắp tới", "tháng này") */
  today?: string;
}

const MIN_COVER = 0.56;
const PRECISION_WEIGHT = 0.15;
const GROUP_MARGIN = 0.06;
/** A lone matching word must be at least this rare to count as an answer. */
const RARE_IDF = 3.5;
const MAX_ANSWER = 2800;

export function ask(index: AskIndex, question: string, opts: AskOptions = {}): Answer {
  const q = question.trim();
  const a = analyzeQuestion(q, index.catalog);
  if (opts.today) relativeTime(a, opts.today);
  const lang: Lang = a.lang;
  const k = index.knowledge;
  const notFound = (reason = "", plans: Plan[] = k.plans): Answer => ({
    question,
    found: false,
    intent: a.intent,
    answer: renderNotFound({ lang, plans }, reason),
    hits: [],
    lang,
  });

  if (!q) return notFound(lang === "vi" ? "Bạn chưa nhập câu hỏi" : "The question is empty");
  if (a.time.invalid) return notFound(invalidReason(a, lang));
  if (a.outside) {
    const place = a.outside === "agency" ? "" : a.outside.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    return notFound(
      lang === "vi"
        ? `Tôi không có kế hoạch nào của ${place || "cơ quan này"} nên không trả lời được câu này`
        : `I have no plan of ${place || "that agency"}, so I cannot answer this`,
    );
  }

  // Scope: the plans the question names, else the group's agency, else all.
  let scope = a.planIds;
  if (!scope && opts.agencyId) {
    const own = k.plans.filter((p) => p.agencyId === opts.agencyId).map((p) => p.id);
    if (own.length) scope = own;
  }
  const scopePlans = scope ? k.plans.filter((p) => scope!.includes(p.id)) : k.plans;
  if (a.time.years.length) {
    const covered = scopePlans.filter((p) => {
      const [lo, hi] = index.years[index.planIdx.get(p.id)!];
      return a.time.years.some((y) => y >= lo && y <= hi);
    });
    if (!covered.length) {
      const yrs = a.time.years.join(", ");
      return notFound(lang === "vi" ? `Các kế hoạch hiện có không nói về năm ${yrs}` : `The plans I have say nothing about ${yrs}`, scopePlans);
    }
  }

  const ctx: RenderCtx = {
    k,
    plans: index.plans,
    units: index.units,
    lang,
    a,
    weight: (t) => weightOf(index.search, t),
    objectiveOf: index.objectiveOf,
  };

  if (a.intent === "fact" && a.fact && a.fact !== "appendix") {
    const r = answerFact(ctx, index, scopePlans, a.fact);
    if (r) return finish(question, a, r.text, r.hits, true);
  }
  if (a.fact === "appendix") {
    const withAppendix = scopePlans.filter((p) => p.missingAppendix);
    // a named plan is answered either way; across plans, only those whose appendix is missing
    const plans = scope && scopePlans.length === 1 ? scopePlans : withAppendix;
    if (plans.length && (scope || plans.length === 1)) {
      const r = answerFact(ctx, index, plans, "appendix");
      if (r) return finish(question, a, r.text, r.hits, true);
    }
  }
  if (a.intent === "fact" && !a.fact && /\b(?:the nao|bang cach nao|lam gi|gom nhung gi|how)\b/.test(foldVietnamese(q))) {
    const topic = answerTopicList(ctx, index, scopePlans, a, 2);
    if (topic) return finish(question, a, topic.text, topic.hits, true);
  }
  if (a.intent === "list" || wantsList(a)) {
    const r = answerList(ctx, index, scopePlans, a);
    if (r) return finish(question, { ...a, intent: "list" }, r.text, r.hits, r.found);
    const topic = answerTopicList(ctx, index, scopePlans, a);
    if (topic) return finish(question, a, topic.text, topic.hits, true);
  }

  // Retrieval, then re-ranking by the slots.
  const terms = correctTerms(index.search, a.terms);
  const scopeIdx = scope ? scope.map((id) => index.planIdx.get(id)!) : null;
  const { hits, total } = search(index.search, terms, a.bigrams, scopeIdx, 60, a.unknownEnglish.length);
  checkSpelling(index.search, hits, terms, total, a.accents);
  // a plan that does not reach the year asked about cannot answer for it
  const reaches = (pi: number) => !a.time.years.length || a.time.years.some((y) => y >= index.years[pi][0] && y <= index.years[pi][1]);
  const ranked = hits
    .filter((h) => h.cover >= MIN_COVER && reaches(index.search.docs[h.id].planIdx))
    .map((h) => ({ ...h, score: h.cover + PRECISION_WEIGHT * h.precision + bonus(index, a, h.id) }))
    .sort((x, y) => y.score - x.score);
  const top = ranked[0];
  // enough of the question matched — and more than one common word ("giá đất" is not "tham gia")
  if (!top || top.cover < MIN_COVER || terms.length === 0 || !enoughSupport(index, top.id, terms, a.bigrams)) {
    return notFound("", scopePlans);
  }

  // The best doc of each plan close to the top; within a plan, near-ties too.
  // what the question asks for: a date, an owner, a number
  const answers = (d: Doc) =>
    a.intent === "deadline" ? d.due !== null && d.item?.kind !== "target"
    : a.intent === "owner" ? d.lead.length > 0 || (d.item?.kind === "report" && !!d.item.to)
    : a.intent === "target" ? d.numeric
    : true;
  const topAnswers = answers(index.search.docs[top.id]);
  const groups = new Map<number, { doc: Doc; id: number; score: number }[]>();
  for (const h of ranked) {
    const d = index.search.docs[h.id];
    const g = groups.get(d.planIdx);
    if (!g) {
      // other plans join when they answer the question about as fully as the best one
      if (groups.size >= 4 || h.cover < top.cover - GROUP_MARGIN || h.score < top.score - 2 * GROUP_MARGIN - PRECISION_WEIGHT) continue;
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
  return finish(question, a, text, hitsOut, true);
}

function finish(question: string, a: Analysis, text: string, hits: Hit[], found: boolean): Answer {
  return { question, found, intent: a.intent, answer: text, hits: hits.slice(0, 5), lang: a.lang };
}

function enoughSupport(index: AskIndex, id: number, terms: string[], bigrams: string[]): boolean {
  const has = (t: string) => {
    const f = fieldOf(index.search, id, t);
    return f === 0 || f === 1;
  };
  const words = terms.filter(has);
  if (words.length >= 2) return true;
  if (bigrams.some(has)) return true;
  return words.length === 1 && weightOf(index.search, words[0]) >= RARE_IDF;
}

/** Two docs from the same line of the plan (a bullet read as task and as target) say one thing. */
function sameStatement(x: Doc, y: Doc): boolean {
  return !!x.item && !!y.item && (x.item.text === y.item.text || x.item.source.line === y.item.source.line);
}

function invalidReason(a: Analysis, lang: Lang): string {
  const what = a.time.invalid;
  if (lang === "en") {
    if (what === "quarter") return "A year has only four quarters (Q1–Q4), so the plans have nothing for that quarter";
    if (what === "month") return "A year has only twelve months, so the plans have nothing for that month";
    return "That date does not exist, so the plans have nothing for it";
  }
  if (what === "quarter") return "Một năm chỉ có 4 quý (quý I–IV), nên kế hoạch không có quý bạn hỏi";
  if (what === "month") return "Một năm chỉ có 12 tháng, nên kế hoạch không có tháng bạn hỏi";
  return "Ngày bạn hỏi không có thật trên lịch, nên kế hoạch không có việc nào vào ngày đó";
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
  if (d.due && it?.kind !== "target" && (t.quarter || t.month || t.date || t.half)) {
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

export function toHit(index: AskIndex, d: Doc): Hit {
  const p = index.knowledge.plans[d.planIdx];
  const it: Item | null = d.item;
  if (!it) {
    return {
      planId: p.id,
      kind: "plan",
      text: `${planLabel(p)}: ${ownerNames(index.units, d.lead, null).join(", ")} chủ trì theo dõi, đôn đốc thực hiện kế hoạch.`,
      lead: ownerNames(index.units, d.lead, null),
      support: [],
      due: null,
      dueText: null,
      value: null,
      source: { file: p.sourceFile, line: 1 },
    };
  }
  const base = { planId: it.planId, kind: it.kind, text: it.text, source: { file: it.source.file, line: it.source.line } };
  if (it.kind === "task") {
    return {
      ...base,
      lead: ownerNames(index.units, it.lead, it.leadText),
      support: ownerNames(index.units, it.support, it.supportText),
      due: it.deadline.due,
      dueText: it.deadline.text || null,
      value: null,
    };
  }
  if (it.kind === "target") {
    return {
      ...base,
      lead: ownerNames(index.units, it.lead, null),
      support: ownerNames(index.units, it.support, null),
      due: it.horizon ? `${it.horizon}-12-31` : null,
      dueText: it.horizonText ?? (it.horizon ? `Năm ${it.horizon}` : null),
      value: it.values.map((v) => v.raw).join("; ") || null,
    };
  }
  return {
    ...base,
    lead: ownerNames(index.units, it.from, null),
    support: [],
    due: it.due.due,
    dueText: it.due.text || null,
    value: null,
  };
}

