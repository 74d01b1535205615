// Answerers tried in order before the retrieval pipeline: small talk, short definitions, counts,
// comparisons. Each is (ctx) => Reply | null; the first that answers wins (like bot/core's features).
// After any answer, the value-kind check turns a near-match into a plain "not found".
import type { AskIndex, Hit } from "../ask.ts";
import type { Plan, ReportSchedule, Target, Task } from "../schema.ts";
import { foldVietnamese } from "../text.ts";
import type { Analysis, Intent } from "./analyze.ts";
import { DISPLAY, DISPLAY_EN } from "./definitions.ts";
import { planLabel, unitName } from "./labels.ts";
import { slotWindow } from "./slots.ts";
import { GOODBYE, GREETING, THANKS } from "./talk.ts";

export interface Reply {
  text: string;
  hits: Hit[];
  found: boolean;
  intent?: Intent;
}

export interface RouteCtx {
  index: AskIndex;
  a: Analysis;
  /** folded question, punctuation dropped */
  folded: string;
  /** the plans in scope (named, else the chat's default, else all) */
  plans: Plan[];
  /** the scope came from the question or the chat, not "all plans" */
  scoped: boolean;
  /** asks the same pipeline within one plan (comparisons) */
  askIn: (question: string, planId: string) => Reply;
  /** the retrieval and list pipeline for this question, without the answerers */
  plain: () => Reply;
}

export type Answerer = (ctx: RouteCtx) => Reply | null;

const EXAMPLE_VI = "“Việc gì đến hạn trong quý III?” hoặc “Ai chủ trì kiểm kê tài sản?”";
const EXAMPLE_EN = "“What is due in Q3?” or “Who leads the asset inventory?”";

export const smallTalk: Answerer = ({ a, folded }) => {
  const f = folded.replace(/[^a-z0-9' ]+/g, " ").replace(/\s+/g, " ").trim();
  const en = /^(?:hello|hi|hey|good|thank|thanks|thx|many|bye|goodbye)\b/.test(f);
  let text: string | null = null;
  if (GREETING.test(f)) {
    text = en
      ? `Hello! I answer questions about the plans: deadlines, owners, targets. Try ${EXAMPLE_EN}`
      : `Chào bạn! Tôi trả lời về thời hạn, đơn vị chủ trì và chỉ tiêu trong các kế hoạch. Bạn thử hỏi ${EXAMPLE_VI}`;
  } else if (THANKS.test(f)) {
    text = en ? "You're welcome! Ask me anything else about the plans." : "Không có gì ạ! Cần gì thêm về kế hoạch, bạn cứ hỏi.";
  } else if (GOODBYE.test(f)) {
    text = en ? "Goodbye! Ask again any time." : "Chào bạn, khi cần cứ hỏi tôi nhé!";
  }
  return text ? { text, hits: [], found: false, intent: "unknown" } : (void a, null);
};

/** "CCHC là gì?", "TTHC viết tắt của gì?", "What does SIPAS stand for?": one line. */
export const define: Answerer = ({ folded, a }) => {
  const f = folded.replace(/[?!.]+/g, " ").replace(/\s+/g, " ").trim();
  const m =
    /^(?:cho (?:minh|toi|em) hoi |hoi )?(?:tu |chu )?([a-z0-9 ]{2,12}?) (?:la gi|nghia la gi|co nghia la gi|la cai gi|viet tat (?:cua|la) (?:tu )?gi|la viet tat cua (?:tu )?gi|la chu viet tat cua gi)$/.exec(f) ??
    /^what (?:is|does|'s) (?:the )?([a-z0-9 ]{2,12}?)(?: stand for| mean)?$/.exec(f) ??
    /^(?:meaning of|define) ([a-z0-9 ]{2,12})$/.exec(f);
  if (!m) return null;
  const key = m[1].trim();
  const vi = DISPLAY[key] ?? DISPLAY[key.replace(/\s+/g, "")];
  if (!vi) return null;
  const shown = key.length <= 6 ? key.toUpperCase() : key.toUpperCase();
  if (a.lang === "en") {
    const en = DISPLAY_EN[key] ?? DISPLAY_EN[key.replace(/\s+/g, "")] ?? vi;
    return { text: `${shown} stands for “${vi}” (${en}).`, hits: [], found: true, intent: "fact" };
  }
  return { text: `${shown} là viết tắt của “${vi}”.`, hits: [], found: true, intent: "fact" };
};

/** A count over many plans shows this many lines. */
const MAX_COUNT_LINES = 6;

type CountWhat = "task" | "target" | "report";
const COUNT_RE = /\b(?:bao nhieu|may|so luong|tong so|tong cong|dem)\s+(?:cac\s+)?(nhiem vu|viec|dau viec|hoat dong|cong viec|chi tieu|muc tieu|bao cao)\b|\bhow many (tasks|activities|items|targets|goals|reports)\b|\b(?:number|count) of (tasks|activities|targets|reports)\b/;

function countWhat(word: string): CountWhat {
  if (/chi tieu|muc tieu|targets|goals/.test(word)) return "target";
  if (/bao cao|reports/.test(word)) return "report";
  return "task";
}

type PlanItems = { tasks: Task[]; targets: Target[]; reports: ReportSchedule[] };
// the knowledge's items grouped by plan, built once per index (a count must not scan every plan's items)
const byPlanMemo = new WeakMap<AskIndex, Map<string, PlanItems>>();
function itemsByPlan(index: AskIndex): Map<string, PlanItems> {
  let m = byPlanMemo.get(index);
  if (m) return m;
  m = new Map();
  const k = index.knowledge;
  const of = (id: string) => {
    let e = m!.get(id);
    if (!e) m!.set(id, (e = { tasks: [], targets: [], reports: [] }));
    return e;
  };
  for (const t of k.tasks) of(t.planId).tasks.push(t);
  for (const t of k.targets) of(t.planId).targets.push(t);
  for (const r of k.reports) of(r.planId).reports.push(r);
  byPlanMemo.set(index, m);
  return m;
}

/** A deadline that names a day, month or quarter (not "thường xuyên", not a horizon year). */
const concrete = (t: Task) => ["date", "month", "quarter"].includes(t.deadline.kind);

/** "Kế hoạch có bao nhiêu nhiệm vụ?", "Văn phòng chủ trì mấy việc?", "How many tasks are due in Q4?" */
export const count: Answerer = ({ index, a, folded, plans, plain }) => {
  const m = COUNT_RE.exec(folded);
  if (!m) return null;
  const what = countWhat(m[1] ?? m[2] ?? m[3]);
  const vi = a.lang === "vi";
  const items = itemsByPlan(index);
  const none: PlanItems = { tasks: [], targets: [], reports: [] };
  const units = new Set(a.unitIds);
  const t = a.time;
  const windowed = !!(t.quarter || t.month || t.monthSpan || t.date || t.half || t.range);
  // each plan's windows once (its years), not once per item
  const windowsOf = new Map<string, { start: string; end: string }[]>();
  const inWindow = (due: string | null, planId: string) => {
    if (!windowed) return true;
    if (!due) return false;
    let ws = windowsOf.get(planId);
    if (!ws) {
      const [lo, hi] = index.years[index.planIdx.get(planId)!];
      const years = t.years.length ? t.years : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      ws = years.map((y) => slotWindow(t, y)).filter((w): w is { start: string; end: string } => !!w);
      windowsOf.set(planId, ws);
    }
    return ws.some((w) => due >= w.start && due <= w.end);
  };
  const lines: string[] = [];
  for (const p of plans) {
    const label = planLabel(p);
    if (what === "task") {
      let tasks = (items.get(p.id) ?? none).tasks;
      if (units.size) tasks = tasks.filter((x) => x.lead.some((u) => units.has(u)));
      if (windowed) tasks = tasks.filter((x) => concrete(x) && inWindow(x.deadline.due, p.id));
      if (!tasks.length && (units.size || windowed)) continue;
      const inAppendix = tasks.filter((x) => x.row).length;
      const dated = tasks.filter(concrete).length;
      const who = units.size ? [...units].map((u) => unitName(index.units, u)).join(", ") : "";
      if (vi) {
        const head = who ? `${label}: ${who} chủ trì ${tasks.length} nhiệm vụ` : `${label}: ${tasks.length} nhiệm vụ`;
        const parts = [inAppendix && inAppendix !== tasks.length ? `${inAppendix} trong phụ lục` : inAppendix ? "đều trong phụ lục" : "", windowed ? "" : `${dated} có hạn cụ thể`].filter(Boolean);
        lines.push(`${head}${parts.length ? ` (${parts.join(", ")})` : ""}.`);
      } else {
        const head = who ? `${label}: ${who} leads ${tasks.length} tasks` : `${label}: ${tasks.length} tasks`;
        const parts = [inAppendix && inAppendix !== tasks.length ? `${inAppendix} in the appendix` : inAppendix ? "all in the appendix" : "", windowed ? "" : `${dated} with a set deadline`].filter(Boolean);
        lines.push(`${head}${parts.length ? ` (${parts.join(", ")})` : ""}.`);
      }
    } else if (what === "target") {
      const n = (items.get(p.id) ?? none).targets.length;
      if (n) lines.push(vi ? `${label}: ${n} chỉ tiêu.` : `${label}: ${n} targets.`);
    } else {
      const reps = (items.get(p.id) ?? none).reports.filter((x) => inWindow(x.due.due, p.id));
      if (reps.length) lines.push(vi ? `${label}: ${reps.length} kỳ báo cáo (${reps.map((r) => r.name).join("; ")}).` : `${label}: ${reps.length} reports (${reps.map((r) => r.name).join("; ")}).`);
    }
  }
  if (!lines.length) return null;
  // a count within a period or of a unit in one plan: the items follow the figure
  if (what === "task" && (windowed || units.size) && lines.length === 1) {
    const list = plain();
    if (list.found) return { text: `${lines.join("\n")}\n${list.text}`, hits: list.hits, found: true, intent: "list" };
  }
  const nPlans = lines.length;
  // many plans: the first few, then how many more (a phone screen, not a report)
  if (lines.length > MAX_COUNT_LINES) {
    const more = lines.length - MAX_COUNT_LINES;
    lines.splice(MAX_COUNT_LINES, more, vi ? `… và ${more} kế hoạch khác — hãy nêu tên Sở hoặc tỉnh để xem.` : `… and ${more} more plans — name the agency or province to see them.`);
  }
  const head = nPlans > 1 ? (vi ? `Theo ${nPlans} kế hoạch:\n` : `Across ${nPlans} plans:\n`) : "";
  return { text: head + lines.map((l) => (lines.length > 1 ? `• ${l}` : l)).join("\n"), hits: [], found: true, intent: "list" };
};

const COMPARE_RE = /\bso sanh\b|\bkhac (?:nhau|gi|nhau the nao)\b|\bgiong (?:nhau|va khac)\b|\bcompare\b|\bcompared\b|\bdifference\b|\bversus\b|\bvs\b/;

/** "So sánh chỉ tiêu hài lòng của Sơn La và Đắk Lắk": the same question answered in each named plan. */
export const compare: Answerer = ({ a, folded, plans, askIn }) => {
  if (!COMPARE_RE.test(folded) || !a.planIds || a.planIds.length < 2) return null;
  const vi = a.lang === "vi";
  const core = a.question.replace(/so sánh|so sanh|compare(?:d)?(?: to| with)?|khác nhau|giống nhau|versus|\bvs\.?/giu, " ");
  const parts = plans.map((p) => ({ p, r: askIn(core, p.id) }));
  const found = parts.filter((x) => x.r.found);
  if (found.length < 2) return null;
  const body = parts
    .map(({ p, r }) => `▸ ${planLabel(p)}: ${r.found ? r.text.replace(/\n+/g, " ").slice(0, 700) : vi ? "kế hoạch không nói về việc này." : "the plan does not say."}`)
    .join("\n");
  return { text: `${vi ? "So sánh" : "Comparison"}:\n${body}`, hits: found.flatMap((x) => x.r.hits).slice(0, 5), found: true, intent: a.intent };
};

export const ANSWERERS: Answerer[] = [smallTalk, define, count, compare];

export function route(ctx: RouteCtx): Reply | null {
  for (const answer of ANSWERERS) {
    const r = answer(ctx);
    if (r) return r;
  }
  return null;
}

export const foldQuestion = (q: string) => foldVietnamese(q.normalize("NFC")).toLowerCase().replace(/\s+/g, " ").trim();
