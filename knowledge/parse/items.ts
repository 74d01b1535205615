// Outline → items. Every statement under "Chỉ tiêu"/"Mục tiêu" becomes a Target (with its values,
// or none when it is qualitative); every other statement becomes a Task with its owners and time
// phrase, plus a Target for each clause that states a number.
import { parseDeadline } from "../deadlines.ts";
import type { ReportSchedule, Target, Task } from "../schema.ts";
import { foldVietnamese, type Paragraph } from "../text.ts";
import { looksLikeUnit } from "../units.ts";
import { capitalise, nextId, NO_DEADLINE, type ItemContext } from "./context.ts";
import { pathOf, type OutlineNode } from "./outline.ts";
import { fieldLine, inlineFields, type Fields } from "./fields.ts";
import { laterSubjectIn, objectUnitsIn, partnersIn, recipientsIn, rolesIn, subjectOf } from "./owners.ts";
import { datedReports, periodicReport, reportsInText, type DraftReport } from "./reports.ts";
import { areaOf, extractValues, horizonIn, splitClauses, type Horizon } from "./targets.ts";
import { timePhraseIn } from "./time-phrase.ts";

/** The path to a statement; a numbered statement adds its own number ("IV. Giải pháp › 1"). */
function sectionOf(node: OutlineNode): string {
  const path = pathOf(node);
  if (node.label) path.push(node.label); // plain bullets have none
  return path.join(" › ");
}

function isTargetSection(node: OutlineNode): boolean {
  return [...node.parents, node].some((p) => /chi tieu|muc tieu/.test(foldVietnamese(p.title ?? "")));
}

/** "I. Mục đích, yêu cầu" and "Căn cứ xây dựng kế hoạch" say why, not what to do: no tasks there. */
function isPurposeSection(node: OutlineNode): boolean {
  const top = node.parents.find((p) => p.marker?.type === "roman") ?? (node.marker?.type === "roman" ? node : null);
  return top !== null && /^(muc dich|yeu cau|quan diem|can cu)/.test(foldVietnamese(top.title ?? ""));
}

function titlesOf(node: OutlineNode): string[] {
  return [...node.parents.map((p) => p.title ?? ""), node.title ?? ""].filter((t) => t !== "");
}

/** "Đến năm 2025:" above the bullets (or in front of this statement). */
function labelHorizon(node: OutlineNode): Horizon | null {
  for (const n of [node, ...[...node.parents].reverse()]) {
    const h = n.title ? horizonIn(n.title) : null;
    if (h) return h;
  }
  return null;
}

interface Owners {
  leadText: string | null;
  supportText: string | null;
}

/**
 * Who leads and supports a duty: labelled fields ("Đơn vị chủ trì: …") first, then the roles its
 * sentences give ("Giao X chủ trì, phối hợp Y"), then its own subject, else the unit its heading
 * names ("2. Văn phòng Sở" › bullets).
 */
function ownersOf(node: OutlineNode, text: string, fields: Fields = {}, known: readonly string[] = []): Owners {
  const roles = rolesIn(text, known);
  let lead = fields.lead ?? subjectOf(text, known) ?? (roles.lead.length > 0 ? roles.lead.join("; ") : null);
  if (!lead && node.title && looksLikeUnit(node.title, known) && node.title.split(" ").length <= 12) lead = node.title;
  lead ??= laterSubjectIn(text, known);
  if (!lead) {
    const owner = [...node.parents].reverse().find((p) => p.title && looksLikeUnit(p.title, known) && p.title.split(" ").length <= 12);
    lead = owner?.title ?? null;
  }
  if (fields.support !== undefined) return { leadText: lead, supportText: fields.support };
  const recipients = lead ? recipientsIn(text, known).filter((r) => foldVietnamese(r) !== foldVietnamese(lead ?? "")) : [];
  const objects = lead ? objectUnitsIn(text, known).filter((r) => foldVietnamese(r) !== foldVietnamese(lead ?? "")) : [];
  const partners = [...new Set([...roles.support, ...partnersIn(text, known), ...recipients, ...objects])].filter((p) => !roles.lead.includes(p));
  return { leadText: lead, supportText: partners.length > 0 ? partners.join("; ") : null };
}

/**
 * "Thanh tra Sở chủ trì, Văn phòng Sở phối hợp; thường xuyên." on a paragraph of its own right after
 * a numbered duty (a PDF line break after a full stop): the owners and time of that duty.
 */
function ownerTails(nodes: OutlineNode[]): { of: Map<OutlineNode, string>; consumed: Set<OutlineNode> } {
  const of = new Map<OutlineNode, string>();
  const consumed = new Set<OutlineNode>();
  nodes.forEach((node, i) => {
    const prev = nodes[i - 1];
    const text = node.body?.text ?? "";
    if (!prev?.body || node.marker || node.children.length > 0 || !prev.marker || !["num", "sub", "letter"].includes(prev.marker.type)) return;
    if (text.split(/\s+/).length > 30 || !/(?:^|\s)(?:chủ trì|phối hợp)(?=[\s,;.]|$)/u.test(text.split(/\s+/).slice(0, 16).join(" "))) return;
    if (rolesIn(text).lead.length === 0 && !/^Giao\s/u.test(text)) return;
    of.set(prev, text);
    consumed.add(node);
  });
  return { of, consumed };
}

/** Field lines under a duty ("- Đơn vị chủ trì: …", "- Thời gian thực hiện: …") belong to it. */
function fieldChildren(nodes: OutlineNode[]): { fieldsOf: Map<OutlineNode, Fields>; consumed: Set<OutlineNode> } {
  const fieldsOf = new Map<OutlineNode, Fields>();
  const consumed = new Set<OutlineNode>();
  for (const node of nodes) {
    // fields go to the statement just above them: the heading, or a plain paragraph under it
    let owner = node;
    for (const c of node.children) {
      const f = c.body ? fieldLine(c.body.text) : null;
      if (!f) {
        // a page number left between the lines ("3") is nobody's statement
        if (c.body && !c.marker && c.children.length === 0 && !/^\d{1,3}$/.test(c.body.text.trim())) owner = c;
        continue;
      }
      const fields = fieldsOf.get(owner) ?? {};
      fields[f.name] ??= f.value;
      fieldsOf.set(owner, fields);
      consumed.add(c);
    }
  }
  return { fieldsOf, consumed };
}

/** "Ban Chỉ đạo CCHC của Sở: Trực tiếp chỉ đạo…": the owner heading stays in the searchable text. */
function statementText(node: OutlineNode, body: Paragraph): string {
  return node.title && node.marker && looksLikeUnit(node.title) ? `${node.title}: ${body.text}` : body.text;
}

/**
 * A clause that is only a time, after the owners: "…Văn phòng Sở phối hợp; thường xuyên.",
 * "…; theo thời hạn quy định.", "…; Quý IV/2025 tổ chức diễn tập".
 */
function trailingTime(text: string): string | null {
  const alone = /(?:^|;\s*)(thường xuyên|theo thời hạn quy định|theo quy định|hằng năm|hàng năm)\s*(?=[.;]|$)/iu.exec(text);
  if (alone) return alone[1];
  const period = /;\s*([Qq]uý\s+(?:I{1,3}|IV)\/\d{4}|[Tt]háng\s+\d{1,2}\/\d{4})(?=[\s.;,]|$)/u.exec(text);
  return period ? period[1] : null;
}

function taskFrom(node: OutlineNode, body: Paragraph, ctx: ItemContext, owners: Owners, fields: Fields = {}): Task {
  const phrase = fields.deadline ?? timePhraseIn(body.text) ?? trailingTime(body.text);
  const lead = ctx.units.ids(owners.leadText);
  const support = ctx.units.ids(owners.supportText).filter((id) => !lead.includes(id));
  return {
    id: nextId(ctx, "task"),
    planId: ctx.planId,
    kind: "task",
    section: sectionOf(node),
    text: statementText(node, body),
    source: { file: ctx.file, line: body.line },
    objective: null,
    task: body.text,
    activity: null,
    product: fields.product ?? null,
    lead,
    support,
    leadText: owners.leadText,
    supportText: owners.supportText,
    deadline: phrase ? parseDeadline(phrase, { year: ctx.year }) : NO_DEADLINE,
    budget: fields.budget ?? null,
    row: null,
  };
}

/** Targets from the clauses of a statement; qualitative ones too when the section is "Chỉ tiêu". */
function targetsFrom(node: OutlineNode, body: Paragraph, ctx: ItemContext, owners: Owners, qualitative: boolean): void {
  const lead = ctx.units.ids(owners.leadText);
  const support = ctx.units.ids(owners.supportText).filter((id) => !lead.includes(id));
  const titles = titlesOf(node);
  const progression = /mỗi năm tăng/u.test(body.text);
  const clauses = progression ? [{ text: body.text.replace(/[.;]+$/, ""), line: body.line, offset: 0 }] : splitClauses(body);
  let carry = labelHorizon(node);
  const push = (text: string, line: number, values: Target["values"], horizon: Horizon | null, horizonText: string | null) => {
    ctx.targets.push({
      id: nextId(ctx, "target"),
      planId: ctx.planId,
      kind: "target",
      section: sectionOf(node),
      text: capitalise(text),
      source: { file: ctx.file, line },
      area: areaOf(titles, text),
      values,
      horizon: horizon?.year ?? ctx.defaultHorizon,
      horizonText,
      lead,
      support,
    });
  };
  const withValues = clauses.map((c) => ({ c, values: extractValues(c.text, qualitative) }));
  if (qualitative && withValues.every((w) => w.values.length === 0)) {
    const h = horizonIn(body.text) ?? carry;
    push(body.text.replace(/[.;]+$/, ""), body.line, [], h, h?.text ?? null);
    return;
  }
  for (const { c, values } of withValues) {
    const own = horizonIn(c.text);
    if (own) carry = own;
    if (values.length === 0) {
      if (qualitative && c.text.split(" ").length >= 6) push(c.text, c.line, [], carry, carry?.text ?? null);
      continue;
    }
    let horizonText = carry?.text ?? null;
    let horizon = carry;
    if (progression) {
      // "Năm 2022, … 50%…; giai đoạn 2023-2025, mỗi năm tăng tối thiểu 20%": kept as words
      const first = /^(Năm \d{4})/u.exec(c.text)?.[1];
      const rate = /(giai đoạn \d{4}\s*[-–]\s*(\d{4}),\s*mỗi năm tăng[^,;.]*?\d+\s*%)/u.exec(c.text);
      horizonText = [first, rate?.[1]].filter(Boolean).join("… ") || horizonText;
      if (rate) horizon = { year: Math.max(Number(rate[2]), carry?.year ?? 0), text: horizonText ?? "" };
    }
    push(c.text, c.line, values, horizon, horizonText);
  }
}

function reportFrom(d: DraftReport, ctx: ItemContext, from: string[], section: string): ReportSchedule {
  return {
    id: nextId(ctx, "report"),
    planId: ctx.planId,
    kind: "report",
    section,
    text: d.text,
    source: { file: ctx.file, line: d.line },
    period: d.period,
    name: d.name,
    due: d.due,
    cutoff: d.cutoff,
    from,
    to: d.to,
  };
}

const SKIP = /^\((?:[^()]|\([^)]*\))*\)\.?$/u; // "(Chi tiết tại phụ lục đính kèm)."

/** Items from the body of the plan (and the decision's articles), in document order. */
export function textItems(nodes: OutlineNode[], bodyStart: number, bodyEnd: number, ctx: ItemContext): void {
  const inBody = nodes.filter((n) => (n.index >= bodyStart && n.index < bodyEnd) || (n.index < bodyStart && n.marker?.type === "dieu"));
  const { reports: dated, consumed } = datedReports(inBody, ctx.year);
  const datedSections = new Set(dated.map((d) => d.node.parents[d.node.parents.length - 1]));
  let datedDone = false;
  const { fieldsOf, consumed: fieldLines } = fieldChildren(inBody);
  const tails = ownerTails(inBody);
  for (const node of inBody) {
    if (fieldLines.has(node) || tails.consumed.has(node)) continue;
    const own = fieldsOf.get(node);
    // a duty written as a short heading with its fields below ("1.2. Thực hiện cơ chế một cửa")
    const body = node.body ?? (own && node.title ? { text: node.title, line: node.block.line, spans: [{ offset: 0, line: node.block.line }] } : null);
    if (consumed.has(node)) {
      if (!datedDone && dated.length > 0) {
        const from = ctx.units.ids(ownersOf(dated[0].node, dated[0].node.body?.text ?? "").leadText);
        for (const d of dated) ctx.reports.push(reportFrom(d, ctx, from, sectionOf(d.node)));
        datedDone = true;
      }
      continue;
    }
    if (!body || SKIP.test(body.text)) continue;
    if (isPurposeSection(node)) {
      const s = taskFrom(node, body, ctx, ownersOf(node, body.text));
      ctx.statements.push({ ...s, id: `${ctx.planId}:statement:${ctx.statements.length + 1}`, deadline: NO_DEADLINE });
      // a purpose that sets a figure ("góp phần đưa Chỉ số PCI … thuộc nhóm 10 … dẫn đầu") states a target
      targetsFrom(node, body, ctx, { leadText: null, supportText: null }, false);
      continue;
    }
    if (node.marker?.type === "dieu" && /^(Ban hành kèm theo|.*có hiệu lực)/u.test(body.text)) continue;
    const tail = tails.of.get(node);
    const full = tail ? { ...body, text: `${body.text} ${tail}` } : body;
    const inline = inlineFields(full.text);
    const fields: Fields = { ...inline.fields, ...own };
    const stated = inline.rest === full.text ? full : { ...full, text: inline.rest };
    const owners = ownersOf(node, stated.text, fields, ctx.units.knownNames());
    if (isTargetSection(node)) {
      targetsFrom(node, body, ctx, owners, true);
      continue;
    }
    const task = taskFrom(node, stated, ctx, owners, fields);
    ctx.tasks.push(task);
    targetsFrom(node, body, ctx, owners, false);
    const parent = node.parents[node.parents.length - 1];
    const scheduled = datedSections.has(parent) ? [] : reportsInText(body.text, ctx.year, body.line, node);
    for (const r of scheduled) ctx.reports.push(reportFrom(r, ctx, task.lead, task.section));
    const periodic = datedSections.has(parent) || scheduled.length > 0 ? null : periodicReport(node, ctx.year);
    if (periodic) ctx.reports.push(reportFrom(periodic, ctx, task.lead, task.section));
  }
}
