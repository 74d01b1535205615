// Question → answer over the knowledge model: intent and slots, retrieval re-ranked by the slots,
// the fact first and a citation. Pure: the same knowledge and question give the same answer.
import type { Knowledge, Plan, Task, Unit } from "./schema.ts";
import { analyzeQuestion, catalogPhrase, foreignLists, type Analysis, type Catalog } from "./ask/analyze.ts";
import { buildDocs, docTokens, objectiveOf, rowObjectives } from "./ask/docs.ts";
import { answerFact } from "./ask/facts.ts";
import { answerList, answerTopicList, wantsList } from "./ask/list.ts";
import type { Lang } from "./ask/labels.ts";
import { answerByRetrieval } from "./ask/rank.ts";
import { renderNotFound, type RenderCtx } from "./ask/render.ts";
import { buildSearchIndex, hasTerm, weightOf, type SearchIndex } from "./ask/retrieve.ts";
import { periodAsksList, relativeTime } from "./ask/relative.ts";
import { canonTokens } from "./ask/tokens.ts";
import { foldQuestion, route } from "./ask/router.ts";
import { normalizeQuestion, type NormalizeCatalog } from "./ask/normalize.ts";
import { askedTitle, askedValueKind, carriesValue, missingValueText } from "./ask/value-kind.ts";
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

/**
 * Other names of a plan's issuer a question may use: its short form without the place ("bql cac kcn",
 * "so yt"), without "các" ("ban quan ly khu cong nghiep"). Never a single generic word.
 */
function agencyAliases(p: Knowledge["plans"][number]): string[] {
  const out = new Set<string>();
  const province = catalogPhrase(p.province);
  const short = catalogPhrase(p.agencyShort).replace(new RegExp(`\\s*${province}$`), "").trim();
  for (const a of [short, catalogPhrase(p.agency).replace(/\bcac\b\s*/g, ""), short.replace(/\bcac\b\s*/g, "")]) {
    const t = a.replace(/\s+/g, " ").trim();
    if (t.split(" ").length >= 2) out.add(t);
  }
  return [...out];
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
    plans: knowledge.plans.map((p, i) => ({ id: p.id, agencyId: p.agencyId, province: provinces[i], agency: agencies[i], aliases: agencyAliases(p) })),
    units: knowledge.units.flatMap((u) => {
      const phrases = new Set([u.name, ...u.aliases].map(catalogPhrase));
      // "Ban Chỉ đạo CCHC của Sở" is also just "Ban Chỉ đạo CCHC"
      for (const ph of [...phrases]) {
        const short = ph.replace(/(?: cua| thuoc)? so$/, "");
        if (short !== ph && short.split(" ").length >= 2) phrases.add(short);
      }
      return [...phrases].filter((ph) => ph.length >= 4).map((phrase) => ({ id: u.id, agencyId: u.agencyId, phrase }));
    }),
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
  // a year a target states ("đến năm 2030", "so với năm 2024") is a year the plan speaks about
  for (const t of k.targets) {
    see(t.planId, t.horizon);
    for (const m of t.text.matchAll(/(?:năm|đến|giai đoạn)\s+(\d{4})(?!\d)/gu)) {
      const y = Number(m[1]);
      if (y >= 1990 && y <= 2100) see(t.planId, y);
    }
  }
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
  /** default plans when the question names none (a follow-up keeps the previous question's plans) */
  planIds?: string[];
  /** answer within this plan only, whatever the question names (comparisons) */
  onlyPlan?: string;
  /** the bound group's unit: "việc của đơn vị mình", "sắp đến hạn", "quá hạn" mean this unit's work */
  unitId?: string;
  /** skip the answerers (small talk, counts…): the retrieval and list pipeline only */
  plain?: boolean;
}


export function ask(index: AskIndex, question: string, opts: AskOptions = {}): Answer {
  let r = askPipeline(index, question, opts);
  // the group's unit is only a default: when it has nothing in the window, answer for the agency
  if (!r.found && opts.unitId && !OWN_UNIT.test(foldQuestion(question))) r = askPipeline(index, question, { ...opts, unitId: undefined });
  return checkValueKind(index, r);
}

/** Found only when the answer holds the kind of value asked (money, contact, person, score…). */
function checkValueKind(index: AskIndex, r: Answer): Answer {
  if (!r.found) return r;
  const f = foldQuestion(r.question);
  const kind = askedValueKind(f);
  if (!kind) return r;
  let ok = carriesValue(kind, foldVietnamese(r.answer));
  if (kind === "person") {
    // the only people a plan names are its signers: the answer must name one holding the title asked
    const title = askedTitle(f)!;
    ok = index.knowledge.plans.some((p) => p.signer && r.answer.includes(p.signer.name) && signerHolds(foldVietnamese(p.signer.title), title));
  }
  if (ok) return r;
  const lang = r.lang;
  const what = missingValueText(kind, lang);
  const near = r.hits[0]?.text ? clipText(r.hits[0].text, 220) : "";
  const text =
    lang === "vi"
      ? `Kế hoạch không ghi ${what}.${near ? ` Gần nhất, kế hoạch chỉ nói: “${near}”` : ""}`
      : `The plans do not give ${what}.${near ? ` The closest they say: “${near}”` : ""}`;
  return { ...r, found: false, answer: text, hits: r.hits.slice(0, 1) };
}

/** "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" signs as deputy: a question about the director is not about them. */
function signerHolds(signerTitle: string, asked: string): boolean {
  const deputy = /\bpho giam doc\b/.test(signerTitle);
  if (/^(?:giam doc|director)$/.test(asked)) return !deputy && /\bgiam doc\b/.test(signerTitle);
  if (/^(?:pho giam doc|deputy director)$/.test(asked)) return deputy;
  return signerTitle.includes(asked);
}

const clipText = (s: string, max: number) => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1).replace(/\s+\S*$/u, "")}…` : t;
};

/** "đơn vị mình", "bên mình", "our unit" (folded): the asker's own unit. */
const OWN_UNIT = /\b(?:(?:don vi|phong|ban|to|bo phan|ben|cho|cua) (?:minh|chung minh|chung toi|em|toi)|our (?:unit|team|office|department)|my (?:unit|team|office))\b/;

/**
 * In a unit's bound group, a question about "our" work, or a dated list naming no unit
 * ("sắp đến hạn", "quá hạn"), is about that unit within its agency.
 */
function ownUnitDefault(a: Analysis, opts: AskOptions, index: AskIndex): void {
  if (!opts.unitId || a.unitIds.length || !index.units.has(opts.unitId)) return;
  const f = foldQuestion(a.question);
  const own = OWN_UNIT.test(f);
  if (!own && !(a.intent === "list" && a.time.range)) return;
  // a collective unit ("Các phòng, đơn vị") is everyone: no narrowing
  if (index.units.get(opts.unitId)!.kind === "collective") return;
  a.unitIds = [opts.unitId];
  if (own && a.intent !== "owner") a.intent = "list";
}

const normCatalogs = new WeakMap<Catalog, NormalizeCatalog>();
function normCatalog(c: Catalog): NormalizeCatalog {
  let n = normCatalogs.get(c);
  if (!n) normCatalogs.set(c, (n = { provinces: c.plans.map((p) => p.province) }));
  return n;
}

function askPipeline(index: AskIndex, question: string, opts: AskOptions): Answer {
  const q = normalizeQuestion(question.trim(), normCatalog(index.catalog));
  const a = analyzeQuestion(q, index.catalog);
  if (opts.onlyPlan) {
    a.planIds = [opts.onlyPlan];
    a.outside = undefined;
  }
  if (opts.today) relativeTime(a, opts.today);
  periodAsksList(a);
  ownUnitDefault(a, opts, index);
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
    const place = a.outside === "agency" ? "" : originalWords(q, a.outside);
    return notFound(
      lang === "vi"
        ? `Tôi không có kế hoạch nào của ${place || "cơ quan này"} nên không trả lời được câu này`
        : `I have no plan of ${place || "that agency"}, so I cannot answer this`,
    );
  }

  // Scope: the plans the question names, else the conversation's, else the group's agency, else all.
  let scope = a.planIds;
  if (!scope && opts.planIds?.length) scope = opts.planIds.filter((id) => index.planIdx.has(id));
  if (!scope?.length) scope = a.planIds;
  if (!scope && opts.agencyId) {
    const own = k.plans.filter((p) => p.agencyId === opts.agencyId).map((p) => p.id);
    if (own.length) scope = own;
  }
  const scopePlans = scope ? k.plans.filter((p) => scope!.includes(p.id)) : k.plans;
  const routed = opts.plain ? null : route({
    index,
    a,
    folded: foldQuestion(q),
    plans: scopePlans,
    scoped: !!scope,
    askIn: (sub, planId) => {
      const r = ask(index, sub, { ...opts, onlyPlan: planId });
      return { text: r.answer, hits: r.hits, found: r.found };
    },
    plain: () => {
      const r = askPipeline(index, question, { ...opts, plain: true });
      return { text: r.answer, hits: r.hits, found: r.found };
    },
  });
  if (routed) return finish(question, routed.intent ? { ...a, intent: routed.intent } : a, routed.text, routed.hits, routed.found);
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

  // "báo cáo quý II/2023" when the plan's periodic reports are those of another year
  const staleReport = reportOfOtherYear(k, scopePlans, a);
  if (staleReport) {
    return notFound(
      lang === "vi" ? `Kế hoạch chỉ có lịch báo cáo năm ${staleReport}, không có năm ${a.time.years.join(", ")}` : `The plan only schedules reports for ${staleReport}, not ${a.time.years.join(", ")}`,
      scopePlans,
    );
  }

  // "báo cáo quý III" of one plan that schedules its reports, but none for that period
  const missingPeriod = scopePlans.length === 1 ? reportOfOtherPeriod(k, scopePlans[0], a) : null;
  if (missingPeriod) {
    return notFound(
      lang === "vi" ? `Kế hoạch chỉ có lịch ${missingPeriod}, không có kỳ báo cáo bạn hỏi` : `The plan only schedules: ${missingPeriod}; not the report you asked about`,
      scopePlans,
    );
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
    const r = answerFact(ctx, scopePlans, a.fact);
    if (r) return finish(question, a, r.text, r.hits, true);
  }
  if (a.fact === "appendix") {
    const withAppendix = scopePlans.filter((p) => p.missingAppendix);
    // a named plan is answered either way; across plans, only those whose appendix is missing
    const plans = scope && scopePlans.length === 1 ? scopePlans : withAppendix;
    if (plans.length && (scope || plans.length === 1)) {
      const r = answerFact(ctx, plans, "appendix");
      if (r) return finish(question, a, r.text, r.hits, true);
    }
  }
  if (a.intent === "fact" && !a.fact && /\b(?:the nao|bang cach nao|lam gi|gom nhung gi|how)\b/.test(foldVietnamese(q))) {
    // only when a heading says all the question says; else the best single item answers
    const topic = answerTopicList(ctx, index, scopePlans, a, 2, 0.9);
    if (topic) return finish(question, a, topic.text, topic.hits, true);
  }
  if (a.intent === "list" || wantsList(a)) {
    const r = answerList(ctx, index, scopePlans, a);
    if (r) return finish(question, { ...a, intent: "list" }, r.text, r.hits, r.found);
    const topic = answerTopicList(ctx, index, scopePlans, a);
    if (topic) return finish(question, a, topic.text, topic.hits, true);
  }

  const r = answerByRetrieval(index, ctx, scope);
  return r ? finish(question, a, r.text, r.hits, true) : notFound("", scopePlans);
}

const PERIOD_OF_QUARTER = ["", "Q1", "Q2", "Q3", "Q4"];

/** A report period asked with a year: the year(s) the plans schedule that report for, when none is the one asked. */
function reportOfOtherYear(k: Knowledge, plans: Plan[], a: Analysis): string | null {
  const t = a.time;
  if (!t.years.length || !(t.quarter || t.half || t.annual) || !/\bbao cao\b/.test(a.canon)) return null;
  const want = t.quarter ? [PERIOD_OF_QUARTER[t.quarter], ...(t.quarter === 2 ? ["H1"] : t.quarter === 4 ? ["Y"] : [])] : t.half ? ["H1"] : ["Y"];
  const ids = new Set(plans.map((p) => p.id));
  const years = k.reports
    .filter((r) => ids.has(r.planId) && want.includes(r.period) && r.due.due)
    .map((r) => Number(r.due.due!.slice(0, 4)));
  if (!years.length) return null;
  const ok = t.years.some((y) => years.includes(y));
  return ok ? null : [...new Set(years)].join(", ");
}

/** The plan's report names when it schedules reports of fixed periods but not the one asked about. */
function reportOfOtherPeriod(k: Knowledge, plan: Plan, a: Analysis): string | null {
  const t = a.time;
  if (!(t.quarter || t.half || t.annual) || !/\bbao cao\b/.test(a.canon)) return null;
  const want = t.quarter ? [PERIOD_OF_QUARTER[t.quarter], ...(t.quarter === 2 ? ["H1"] : t.quarter === 4 ? ["Y"] : [])] : t.half ? ["H1"] : ["Y"];
  const reports = k.reports.filter((r) => r.planId === plan.id);
  // a schedule without fixed periods ("định kỳ hằng quý") may well cover it
  if (reports.length === 0 || reports.some((r) => r.period === "other" || r.period === "M")) return null;
  if (reports.some((r) => want.includes(r.period))) return null;
  return [...new Set(reports.map((r) => r.name))].join("; ");
}

/** The question's own words for a folded phrase ("ha giang" → "Hà Giang"), as the user wrote them. */
function originalWords(question: string, phrase: string): string {
  const words = question.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  const n = phrase.split(" ").length;
  for (let i = 0; i + n <= words.length; i++) {
    const span = words.slice(i, i + n);
    if (foldVietnamese(span.join(" ")) === phrase) return span.join(" ");
  }
  return phrase;
}

function finish(question: string, a: Analysis, text: string, hits: Hit[], found: boolean): Answer {
  return { question, found, intent: a.intent, answer: text, hits: hits.slice(0, 5), lang: a.lang };
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
