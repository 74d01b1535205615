// Answer text: the fact first, then owner / deadline / target, then the citation.
// Vietnamese by default; English sentences around the plans' Vietnamese names for English questions.
import type { Knowledge, Plan, ReportSchedule, Target, Task, Unit } from "../schema.ts";
import type { Analysis } from "./analyze.ts";
import type { Doc } from "./docs.ts";
import { citation, clip, dateText, deadlineText, ownerNames, taskName, unitName, type Lang } from "./labels.ts";
import { bigramsOf, canonTokens } from "./tokens.ts";
import { foldVietnamese } from "../text.ts";

export interface RenderCtx {
  k: Knowledge;
  plans: Map<string, Plan>;
  units: Map<string, Unit>;
  lang: Lang;
  a: Analysis;
  /** rarity weight of a canonical word or word pair */
  weight: (term: string) => number;
  objectiveOf: (t: Task) => string | null;
}

const vi = (ctx: RenderCtx) => ctx.lang === "vi";

function capitalise(s: string): string {
  return s.replace(/^[\s\-+•–]+/u, "").replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("vi"));
}

/** Clauses of a statement: "; ", sentence ends, and "trong (số) đó" asides. */
function clauses(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/;\s*|(?<=[.!?])\s+(?=\p{Lu})|,\s+(?=trong (?:số )?đó\b)/u)
    .map((c) => c.replace(/^[\s\-+•–]+|[\s.;,]+$/gu, "").trim())
    .filter((c) => c.length > 2);
}

/** The clause of `text` that best answers the question (a number first for target questions). */
export function bestClause(ctx: RenderCtx, text: string, max = 320): string {
  const whole = text.replace(/\s+/g, " ").trim();
  const parts = clauses(whole);
  if (parts.length <= 1 || whole.length <= 200) return capitalise(clip(whole.replace(/^[\s\-+•–]+/u, ""), max));
  const qTerms = new Set([...ctx.a.terms, ...ctx.a.bigrams]);
  const wantNumber = ctx.a.intent === "target";
  let best = parts[0];
  let bestScore = -1;
  for (const c of parts) {
    const toks = canonTokens(c);
    const have = new Set([...toks, ...bigramsOf(toks)]);
    let s = 0;
    for (const t of qTerms) if (have.has(t)) s += ctx.weight(t);
    if (wantNumber && /\d\s*(%|phút)/.test(c)) s *= 1.15;
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return capitalise(clip(best, max));
}

function owners(ctx: RenderCtx, ids: string[], text: string | null | undefined): string {
  return ownerNames(ctx.units, ids, text).join(", ");
}

function coordinatorNote(ctx: RenderCtx, p: Plan): string {
  if (!p.coordinatorUnitId) return "";
  const name = unitName(ctx.units, p.coordinatorUnitId);
  return vi(ctx)
    ? ` ${name} là đơn vị theo dõi, đôn đốc chung việc thực hiện kế hoạch.`
    : ` ${name} follows up the plan as a whole.`;
}

/** The parts of a plan's missing-appendix note that match the question (all when none stands out). */
export function appendixParts(ctx: RenderCtx, note: string): string {
  const parts = note.split(/;\s+/).map((x) => x.trim()).filter(Boolean);
  if (parts.length < 2) return note.trim();
  const q = new Set([...ctx.a.terms, ...ctx.a.bigrams]);
  const scored = parts.map((part) => {
    const toks = canonTokens(part);
    const have = new Set([...toks, ...bigramsOf(toks)]);
    let sc = 0;
    for (const t of q) if (have.has(t)) sc += ctx.weight(t);
    return { part, sc };
  });
  const best = Math.max(...scored.map((x) => x.sc));
  const chosen = scored.filter((x) => x.sc >= best * 0.75 && best > 0);
  return (chosen.length && chosen.length < parts.length ? chosen : scored).map((x) => x.part).join("; ");
}

function appendixNote(ctx: RenderCtx, p: Plan): string {
  if (!p.missingAppendix) return "";
  const note = clip(appendixParts(ctx, p.missingAppendix), 400);
  return vi(ctx)
    ? ` Kế hoạch ghi "${note}" nhưng phụ lục đó không có trong văn bản.`
    : ` The plan refers to "${note}", which is not included in the text.`;
}

function taskBlock(ctx: RenderCtx, t: Task, p: Plan): string[] {
  // Table rows have a short task cell; prose items are whole paragraphs, shown by their best clause.
  const tableRow = !!t.row;
  const name = (tableRow && taskName(t, ctx.objectiveOf(t))) || bestClause(ctx, t.text).replace(/\.$/, "");
  const lead = owners(ctx, t.lead, t.leadText);
  const support = owners(ctx, t.support, t.supportText);
  const hasDeadline = t.deadline.kind !== "unknown" && t.deadline.text.trim() !== "";
  const when = hasDeadline ? deadlineText(t.deadline, ctx.lang) : "";
  const L = ctx.lang;
  const lines: string[] = [];
  const ownerLine = lead
    ? L === "vi"
      ? `Chủ trì: ${lead}${support ? `; phối hợp: ${support}` : ""}.`
      : `Lead: ${lead}${support ? `; support: ${support}` : ""}.`
    : "";
  const whenLine = when ? (L === "vi" ? `Thời gian: ${when}.` : `When: ${when}.`) : "";
  const intent = ctx.a.intent;
  if (intent === "owner") {
    if (ctx.a.role === "support" && support) {
      lines.push(L === "vi" ? `${name}: phối hợp: ${support}; chủ trì: ${lead || "không ghi"}.` : `${name}: supported by ${support}; led by ${lead || "not stated"}.`);
    } else if (lead) {
      lines.push(L === "vi" ? `${name}: chủ trì: ${lead}${support ? `; phối hợp: ${support}` : ""}.` : `${name}: led by ${lead}${support ? `; supported by ${support}` : ""}.`);
    } else {
      lines.push(`${name}.`);
      lines.push((L === "vi" ? "Kế hoạch không nêu đơn vị chủ trì riêng cho việc này." : "The plan names no lead unit for this.") + coordinatorNote(ctx, p));
    }
    if (whenLine) lines.push(whenLine);
  } else if (intent === "deadline") {
    if (when) {
      // a clause that already says its date is the answer; the deadline follows as its own line
      if (foldVietnamese(name).includes(foldVietnamese(t.deadline.text).trim())) lines.push(`${name}.`, L === "vi" ? `Thời hạn: ${when}.` : `Due: ${when}.`);
      else lines.push(L === "vi" ? `${name}: ${when}.` : `${name}: due ${when}.`);
      // only a vague time here: the dated detail may be in the appendix the text lacks
      if (!["date", "month", "quarter", "year"].includes(t.deadline.kind) && p.missingAppendix) lines.push(appendixNote(ctx, p).trim());
    } else {
      lines.push(`${name}.`);
      lines.push((L === "vi" ? "Kế hoạch không ghi thời hạn cụ thể cho việc này." : "The plan gives no deadline for this.") + appendixNote(ctx, p));
    }
    if (ownerLine) lines.push(ownerLine);
  } else {
    lines.push(`${name}.`);
    const activity = t.activity?.replace(/\s+/g, " ").trim();
    if (tableRow && activity && !foldVietnamese(name).includes(foldVietnamese(activity))) lines.push(L === "vi" ? `Hoạt động: ${activity}.` : `Activity: ${activity}.`);
    if (whenLine) lines.push(whenLine);
    if (ownerLine) lines.push(ownerLine);
  }
  return lines;
}

function targetBlock(ctx: RenderCtx, t: Target, p: Plan): string[] {
  const clause = bestClause(ctx, t.text);
  const L = ctx.lang;
  // a one-year plan's targets are for that year; a multi-year plan's are horizons
  const oneYear = p.period.from === p.period.to && t.horizon === p.period.to;
  const year =
    t.horizon && !clause.includes(String(t.horizon))
      ? L === "vi"
        ? oneYear ? ` (năm ${t.horizon})` : ` (đến năm ${t.horizon})`
        : oneYear ? ` (for ${t.horizon})` : ` (by ${t.horizon})`
      : "";
  const lines = [L === "vi" ? `${clause}${year}.` : `Target: ${clause}${year}.`];
  const lead = owners(ctx, t.lead, null);
  if (lead) lines.push(L === "vi" ? `Chủ trì: ${lead}.` : `Lead: ${lead}.`);
  else if (ctx.a.intent === "owner") lines.push((L === "vi" ? "Kế hoạch không nêu đơn vị chủ trì riêng cho chỉ tiêu này." : "The plan names no lead unit for this target.") + coordinatorNote(ctx, p));
  return lines;
}

function reportBlock(ctx: RenderCtx, r: ReportSchedule): string[] {
  const L = ctx.lang;
  const due = r.due.due
    ? L === "vi"
      ? `gửi trước ngày ${dateText(r.due.due, L)}`
      : `due by ${dateText(r.due.due, L)} (${dateText(r.due.due, "vi")})`
    : deadlineText(r.due, L);
  const cut = r.cutoff
    ? L === "vi"
      ? `Chốt số liệu: ${/\d/.test(r.cutoff.text) ? r.cutoff.text.replace(/\s+/g, " ").trim().replace(/[.;]$/, "") : `từ ${dateText(r.cutoff.from, L)} đến ${dateText(r.cutoff.to, L)}`}.`
      : `Data cut-off: ${dateText(r.cutoff.from, L)} – ${dateText(r.cutoff.to, L)} (${r.cutoff.text.replace(/\s+/g, " ").trim().replace(/[.;]$/, "")}).`
    : "";
  const lines = ctx.a.cutoff && cut ? [`${r.name}: ${cut.replace(/^(Chốt số liệu|Data cut-off): /, L === "vi" ? "chốt số liệu " : "data cut-off ")}`, L === "vi" ? `Hạn gửi: ${due.replace(/^gửi /, "")}.` : `Due: ${due.replace(/^due /, "")}.`] : [`${r.name}: ${due}.`];
  if (!ctx.a.cutoff && cut) lines.push(cut);
  const from = owners(ctx, r.from, null);
  if (r.to) lines.push(L === "vi" ? `Gửi về: ${r.to}${from ? ` (đơn vị gửi: ${from})` : ""}.` : `Sent to: ${r.to}${from ? ` (from: ${from})` : ""}.`);
  else if (from) lines.push(L === "vi" ? `Đơn vị gửi: ${from}.` : `Sent by: ${from}.`);
  return lines;
}

function planBlock(ctx: RenderCtx, p: Plan): string[] {
  const name = p.coordinatorUnitId ? unitName(ctx.units, p.coordinatorUnitId) : "";
  return vi(ctx)
    ? [`${name} chủ trì theo dõi, đôn đốc, kiểm tra việc thực hiện kế hoạch.`]
    : [`${name} leads the follow-up and monitoring of the plan.`];
}

/** One item: its fact lines, then the citation. */
export function renderDoc(ctx: RenderCtx, d: Doc): string {
  const p = ctx.k.plans[d.planIdx];
  const it = d.item;
  let lines: string[];
  if (!it) lines = planBlock(ctx, p);
  else if (it.kind === "task") lines = taskBlock(ctx, it, p);
  else if (it.kind === "target") lines = targetBlock(ctx, it, p);
  else lines = reportBlock(ctx, it);
  const cite = it
    ? citation(p, it.section, it.kind === "task" ? it.row : null, it.source.line, ctx.lang)
    : citation(p, "", null, null, ctx.lang);
  return [...lines, cite].join("\n");
}

/** Several plans: a header per agency, the items under it. */
export function renderGroups(ctx: RenderCtx, groups: { plan: Plan; docs: Doc[] }[]): string {
  if (groups.length === 1) return groups[0].docs.map((d) => renderDoc(ctx, d)).join("\n\n");
  const head = vi(ctx) ? `Có trong ${groups.length} kế hoạch:` : `Found in ${groups.length} plans:`;
  const body = groups.map((g) => `▸ ${g.plan.agencyShort}\n${g.docs.map((d) => renderDoc(ctx, d)).join("\n")}`);
  return [head, ...body].join("\n\n");
}

export function renderNotFound(ctx: { lang: Lang; plans: Plan[] }, reason: string): string {
  const agencies = [...new Set(ctx.plans.map((p) => p.agencyShort))];
  const shown = agencies.slice(0, 5).join(", ") + (agencies.length > 5 ? (ctx.lang === "vi" ? ` và ${agencies.length - 5} cơ quan khác` : ` and ${agencies.length - 5} more`) : "");
  if (ctx.lang === "en") {
    return `${reason || "Sorry, I could not find this in the plans I have"} (plans of: ${shown}). I answer about deadlines, owners and targets in those plans — try for example "When is the Q3 report of Sở GTVT Sơn La due?" or "Who leads the asset inventory?".`;
  }
  return `${reason || "Xin lỗi, tôi không tìm thấy thông tin này trong các kế hoạch hiện có"} (kế hoạch của: ${shown}). Tôi trả lời về thời hạn, đơn vị chủ trì và chỉ tiêu trong các kế hoạch đó — bạn thử hỏi, ví dụ: "Báo cáo quý III của Sở GTVT Sơn La hạn khi nào?" hoặc "Ai chủ trì kiểm kê tài sản?".`;
}
