// Lists: what is due in a period, what a unit leads — several items, one compact line each.
import type { AskIndex, Hit } from "../ask.ts";
import { toHit } from "./hits.ts";
import type { Plan, ReportSchedule, Task } from "../schema.ts";
import type { Analysis } from "./analyze.ts";
import { clip, clipLines, dateText, ownerNames, planLabel, sectionRef, taskName, unitName } from "./labels.ts";
import { bestClause, type RenderCtx } from "./render.ts";
import { bigramsOf, canonTokens } from "./tokens.ts";
import { dfOf } from "./retrieve.ts";
import { slotWindow, type TimeSlots } from "./slots.ts";
import type { Doc } from "./docs.ts";

const PER_PLAN = 15;
const MAX_CHARS = 2700;
/** A list over many agencies shows this many; the rest are counted. */
const MAX_GROUPS = 5;

/** A list question's period: a quarter, month, day, half year, or a year on its own ("trong năm 2024"). */
export function hasWindow(t: TimeSlots): boolean {
  return !!(t.quarter || t.month || t.monthSpan || t.date || t.half || t.range || t.years.length);
}

/** A list question that names a period or a unit can be answered from the model directly. */
export function wantsList(a: Analysis): boolean {
  return a.intent === "list" && (hasWindow(a.time) || a.unitIds.length > 0);
}

function windows(t: TimeSlots, lo: number, hi: number): { start: string; end: string }[] {
  if (t.range) return [t.range];
  const years = t.date?.y ? [t.date.y] : t.years.length ? t.years : Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  return years.flatMap((y) => {
    if (!t.quarter && !t.month && !t.monthSpan && !t.date && !t.half) return [{ start: `${y}-01-01`, end: `${y}-12-31` }];
    const w = slotWindow(t, y);
    return w ? [w] : [];
  });
}

function dueOf(d: Doc): string | null {
  const it = d.item;
  if (!it || it.kind === "target") return null;
  if (it.kind === "report") return it.due.due;
  // horizons ("đến năm 2025") and open-ended deadlines are not "due in" a month or quarter
  return ["date", "month", "quarter"].includes(it.deadline.kind) ? it.deadline.due : null;
}

function lineOf(ctx: RenderCtx, d: Doc, showLead: boolean): string {
  const it = d.item as Task | ReportSchedule;
  const vi = ctx.lang === "vi";
  let when: string;
  let name: string;
  let lead = "";
  if (it.kind === "report") {
    when = it.due.due ? dateText(it.due.due, ctx.lang) : it.due.text;
    name = it.name;
  } else {
    when = it.deadline.text.replace(/\s+/g, " ").trim() || (vi ? "không ghi hạn" : "no deadline");
    // a table row reads as its task; prose keeps the clause that answers, not its first 130 characters
    const label = taskName(it, ctx.objectiveOf(it));
    name = label ? clip(label, 200) : clip(bestClause(ctx, it.text, 260), 260);
    // the row's product/result column, when it holds the value (a figure)
    if (it.product && /\d/.test(it.product) && !label.includes(it.product.trim())) name += vi ? ` → sản phẩm: ${clip(it.product, 140)}` : ` → product: ${clip(it.product, 140)}`;
    if (showLead) lead = ownerNames(ctx.units, it.lead, it.leadText).join(", ");
  }
  const where = it.kind === "task" && it.row ? (vi ? `PL ${it.row}` : `appx ${it.row}`) : vi ? `dòng ${it.source.line}` : `line ${it.source.line}`;
  const owner = lead ? (vi ? `; chủ trì: ${lead}` : `; lead: ${lead}`) : "";
  return `• ${when}: ${name} (${where}${owner})`;
}

export function answerList(
  ctx: RenderCtx,
  index: AskIndex,
  plans: Plan[],
  a: Analysis,
): { text: string; hits: Hit[]; found: boolean } | null {
  const t = a.time;
  const byWindow = hasWindow(t);
  const units = new Set(a.unitIds);
  if (!byWindow && !units.size) return null;
  const vi = ctx.lang === "vi";
  const groups: { plan: Plan; docs: Doc[] }[] = [];
  for (const p of plans) {
    const pi = index.planIdx.get(p.id)!;
    const [from, to] = index.search.ranges[pi];
    const [lo, hi] = index.years[pi];
    const ws = byWindow ? windows(t, lo, hi) : [];
    const docs: Doc[] = [];
    for (let i = from; i < to; i++) {
      const d = index.search.docs[i];
      if (!d.item || d.item.kind === "target") continue;
      if (units.size && !d.lead.some((u) => units.has(u))) continue;
      if (byWindow) {
        const due = dueOf(d);
        if (!due || !ws.some((w) => due >= w.start && due <= w.end)) continue;
      }
      docs.push(d);
    }
    docs.sort((x, y) => (dueOf(x) ?? "9999").localeCompare(dueOf(y) ?? "9999") || x.item!.source.line - y.item!.source.line);
    if (docs.length) groups.push({ plan: p, docs });
  }

  const what = describe(ctx, a);
  if (!groups.length) {
    const names = [...new Set(plans.map((p) => p.agencyShort))].slice(0, 5).join(", ");
    return {
      found: false,
      hits: [],
      text: vi
        ? `Không có việc nào ${what} trong kế hoạch của ${names}. Bạn có thể hỏi theo quý (quý I–IV), tháng hoặc đơn vị, ví dụ: "Việc gì hạn trong quý IV/2024?".`
        : `No task ${what} in the plans of ${names}. You can ask by quarter (Q1–Q4), month or unit, e.g. "What is due in Q4 2024?".`,
    };
  }
  const showLead = !units.size;
  const shownGroups = groups.slice(0, MAX_GROUPS);
  const hidden = groups.length - shownGroups.length;
  const render = (perPlan: number) => {
    const total = groups.reduce((n, g) => n + g.docs.length, 0);
    const head = vi ? `Việc ${what} (${total} việc):` : `Tasks ${what} (${total}):`;
    const blocks = shownGroups.map((g) => {
      const lines = g.docs.slice(0, perPlan).map((d) => lineOf(ctx, d, showLead));
      if (g.docs.length > perPlan) lines.push(vi ? `… và ${g.docs.length - perPlan} việc khác.` : `… and ${g.docs.length - perPlan} more.`);
      const title = `▸ ${g.plan.agencyShort} — ${vi ? "Nguồn" : "Source"}: ${planLabel(g.plan)}`;
      return [title, ...lines].join("\n");
    });
    if (hidden > 0) {
      blocks.push(vi ? `… và ${hidden} kế hoạch khác có việc như vậy — hãy nêu tên Sở hoặc tỉnh để xem.` : `… and ${hidden} more plans — name the agency or province to see them.`);
    }
    return [head, ...blocks].join("\n");
  };
  let text = render(PER_PLAN);
  for (let n = PER_PLAN - 3; text.length > MAX_CHARS && n >= 3; n -= 3) text = render(n);
  if (text.length > MAX_CHARS) text = clipLines(text, MAX_CHARS);
  const hits = groups.flatMap((g) => g.docs).slice(0, 5).map((d) => toHit(index, d));
  return { text, hits, found: true };
}

function addDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function describe(ctx: RenderCtx, a: Analysis): string {
  const vi = ctx.lang === "vi";
  const t = a.time;
  const y = t.years.length ? `/${t.years.join(", ")}` : "";
  const roman = ["", "I", "II", "III", "IV"];
  const parts: string[] = [];
  if (a.unitIds.length) {
    const names = [...new Set(a.unitIds.map((id) => unitName(ctx.units, id)))].join(", ");
    parts.push(vi ? `do ${names} chủ trì` : `led by ${names}`);
  }
  if (t.range && t.rangeKind === "overdue") {
    // the plan says when, not whether it was done: "quá hạn" here means the date has passed
    const until = dateText(addDay(t.range.end), ctx.lang);
    parts.push(vi ? `đã quá hạn (hạn trước ${until}; kế hoạch không ghi đã xong hay chưa)` : `overdue (due before ${until}; the plan does not record completion)`);
  } else if (t.range && t.rangeKind === "week") parts.push(vi ? `có hạn trong tuần (${dateText(t.range.start, ctx.lang)} – ${dateText(t.range.end, ctx.lang)})` : `due in the week ${dateText(t.range.start, ctx.lang)} – ${dateText(t.range.end, ctx.lang)}`);
  else if (t.range) parts.push(vi ? `có hạn từ ${dateText(t.range.start, ctx.lang)} đến ${dateText(t.range.end, ctx.lang)}` : `due ${dateText(t.range.start, ctx.lang)} – ${dateText(t.range.end, ctx.lang)}`);
  else if (t.date) parts.push(vi ? `có hạn ngày ${t.date.d}/${t.date.m}${t.date.y ? `/${t.date.y}` : ""}` : `due on ${t.date.d}/${t.date.m}${t.date.y ? `/${t.date.y}` : ""}`);
  else if (t.monthSpan) parts.push(vi ? `có hạn từ tháng ${t.monthSpan[0]} đến tháng ${t.monthSpan[1]}${y}` : `due in months ${t.monthSpan[0]}–${t.monthSpan[1]}${y}`);
  else if (t.month && t.monthPart) {
    const part = { early: ["đầu", "early"], mid: ["giữa", "mid"], late: ["cuối", "late"] }[t.monthPart];
    parts.push(vi ? `có hạn ${part[0]} tháng ${t.month}${y}` : `due ${part[1]} month ${t.month}${y}`);
  } else if (t.month) parts.push(vi ? `có hạn trong tháng ${t.month}${y}` : `due in month ${t.month}${y}`);
  else if (t.quarter) parts.push(vi ? `có hạn trong quý ${roman[t.quarter]}${y}` : `due in Q${t.quarter}${y}`);
  else if (t.half) parts.push(vi ? `có hạn trong 6 tháng đầu năm${y ? ` ${y.slice(1)}` : ""}` : `due in the first half${y ? ` of ${y.slice(1)}` : ""}`);
  else if (t.years.length) parts.push(vi ? `có hạn trong năm ${t.years.join(", ")}` : `due in ${t.years.join(", ")}`);
  return parts.join(vi ? ", " : ", ");
}

/**
 * "Cải cách tài chính công gồm những việc gì?": the items under the section whose heading the
 * question names, compactly (tasks first, then targets).
 */
export function answerTopicList(
  ctx: RenderCtx,
  index: AskIndex,
  plans: Plan[],
  a: Analysis,
  /** fewest items under the heading for a list to be the answer */
  minItems = 1,
  /** how much of the question the heading must cover */
  minScore = TOPIC_MIN,
): { text: string; hits: Hit[] } | null {
  if (!a.terms.length) return null;
  const asked = [...new Set([...a.terms, ...a.bigrams])].filter((t) => dfOf(index.search, t) > 0 || !t.includes("_"));
  let best: { plan: Plan; prefix: string; score: number; depth: number } | null = null;
  const found: { plan: Plan; prefix: string; score: number; depth: number }[] = [];
  for (const p of plans) {
    // words of the plan's own title name the plan ("kế hoạch PAR INDEX"): a heading without them
    // is not the worse for it
    const title = new Set(canonTokens(p.title));
    for (const b of bigramsOf([...canonTokens(p.title)])) title.add(b);
    if (!asked.some((t) => !title.has(t))) continue;
    const cache = new Map<string, number>();
    // words decide; word pairs only break ties (a question's pairs often span two phrases)
    const headingScore = (heading: string) => {
      const toks = canonTokens(heading);
      const have = new Set([...toks, ...bigramsOf(toks)]);
      let sc = 0;
      let total = 0;
      let pairs = 0;
      for (const t of asked) {
        if (t.includes("_")) {
          if (have.has(t)) pairs++;
        } else if (have.has(t)) {
          sc += ctx.weight(t);
          total += ctx.weight(t);
        } else if (!title.has(t)) total += ctx.weight(t);
      }
      return total > 0 ? sc / total + 0.02 * pairs : 0;
    };
    const [from, to] = index.search.ranges[index.planIdx.get(p.id)!];
    const seen = new Set<string>();
    for (let i = from; i < to; i++) {
      const it = index.search.docs[i].item;
      if (!it) continue;
      const parts = it.section.split("›").map((x) => x.trim());
      for (let k = 1; k <= parts.length; k++) {
        const prefix = parts.slice(0, k).join(" › ");
        if (seen.has(prefix)) continue;
        seen.add(prefix);
        const head = parts[k - 1];
        let sc = cache.get(head);
        if (sc === undefined) cache.set(head, (sc = headingScore(head)));
        const cand = { plan: p, prefix, score: sc, depth: k };
        if (sc >= minScore) found.push(cand);
        if (!best || sc > best.score || (sc === best.score && k < best.depth)) best = cand;
      }
    }
  }
  if (!best || best.score < minScore) return null;
  // the best heading in each plan, for plans that name the topic as well as the best
  const perPlan = new Map<string, (typeof found)[number]>();
  for (const f of found) {
    if (f.score < best.score - 0.05) continue;
    const cur = perPlan.get(f.plan.id);
    if (!cur || f.score > cur.score || (f.score === cur.score && f.depth < cur.depth)) perPlan.set(f.plan.id, f);
  }
  const vi = ctx.lang === "vi";
  const blocks: string[] = [];
  const hitDocs: Doc[] = [];
  for (const f of [...perPlan.values()].slice(0, 3)) {
    const [from, to] = index.search.ranges[index.planIdx.get(f.plan.id)!];
    const under: Doc[] = [];
    for (let i = from; i < to; i++) {
      const d = index.search.docs[i];
      if (d.item && (d.item.section === f.prefix || d.item.section.startsWith(`${f.prefix} ›`))) under.push(d);
    }
    const tasks = under.filter((d) => d.kind === "task");
    const shown = (tasks.length ? tasks : under).slice(0, perPlan.size > 1 ? 5 : 8);
    if (shown.length < minItems) continue;
    const lines = shown.map((d) => `• ${clip(bestClause(ctx, d.item!.text, 170), 170)} (${vi ? "dòng" : "line"} ${d.item!.source.line})`);
    const more = (tasks.length ? tasks : under).length - shown.length;
    if (more > 0) lines.push(vi ? `… và ${more} mục khác.` : `… and ${more} more.`);
    const where = sectionRef(f.prefix, null, ctx.lang);
    blocks.push([`▸ ${f.plan.agencyShort} — ${where}:`, ...lines, `${vi ? "Nguồn" : "Source"}: ${planLabel(f.plan)}.`].join("\n"));
    hitDocs.push(...shown);
  }
  if (!blocks.length) return null;
  return { text: clipLines(blocks.join("\n\n"), MAX_CHARS), hits: hitDocs.slice(0, 5).map((d) => toHit(index, d)) };
}

const TOPIC_MIN = 0.6;
