// One plan text → Plan, Units, Tasks, Targets, ReportSchedules (with problems to report).
// Pure: the caller reads the file; nothing here touches the disk or the clock.
import type { Plan, Problem, ReportSchedule, Target, Task, Unit } from "../schema.ts";
import { foldVietnamese, normalizeText, slugify } from "../text.ts";
import { looksLikeUnit, UnitRegistry } from "../units.ts";
import { appendixRowsToItems } from "./appendix-items.ts";
import { parseAppendix, pipeRowToTabs } from "./appendix.ts";
import { toSourceLines } from "./blocks.ts";
import type { ItemContext } from "./context.ts";
import { layoutOf } from "./detect.ts";
import { parseHeader } from "./header.ts";
import { initials } from "./issuer.ts";
import { textItems } from "./items.ts";
import { buildOutline, pathOf } from "./outline.ts";

export class PlanParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(message);
    this.name = "PlanParseError";
  }
}

export interface ParsedPlan {
  plan: Plan;
  units: Unit[];
  tasks: Task[];
  targets: Target[];
  reports: ReportSchedule[];
  statements: Task[];
  problems: Problem[];
}

const APPENDIX_REF = /\(((?:Chi tiết|Thể hiện)[^()]*?[Pp]hụ lục[^()]*?)\)/u;

/**
 * @param fallbackYear the year for a plan that states none anywhere (ingest passes the build date's year)
 */
export function parsePlan(file: string, raw: string, fallbackYear = 2024): ParsedPlan {
  const lines = toSourceLines(normalizeText(raw)).map((l) => ({ ...l, text: pipeRowToTabs(l.text) }));
  const { paragraphs, appendix } = layoutOf(lines);
  const nodes = buildOutline(paragraphs);

  // the body runs from the first "I." heading to "Trên đây là…" / "Nơi nhận"
  // a copy that lost its "I." headings still numbers its items: the body starts at the first one
  const roman = nodes.findIndex((n) => n.marker?.type === "roman");
  const bodyStart = roman >= 0 ? roman : nodes.findIndex((n) => n.marker !== null && ["num", "sub", "letter"].includes(n.marker.type));
  const endAt = nodes.findIndex((n, i) => i > bodyStart && bodyStart >= 0 && /^(Trên đây là|Nơi nhận)/u.test(n.block.text));
  const bodyEnd = endAt >= 0 ? endAt : nodes.length;
  const header = parseHeader(paragraphs, bodyStart >= 0 ? bodyStart : paragraphs.length, bodyEnd);
  const rows = parseAppendix(appendix);

  if (!header.title) {
    const kind = documentKind(paragraphs);
    throw new PlanParseError(
      file,
      null,
      kind
        ? `Tệp ${file} là ${kind}, không phải một kế hoạch: không có tiêu đề "KẾ HOẠCH" hay quyết định ban hành kế hoạch.`
        : `Tệp ${file} không phải một kế hoạch: không tìm thấy tiêu đề "KẾ HOẠCH" hay quyết định ban hành kế hoạch.`,
    );
  }
  if (bodyStart < 0 && rows.length === 0) {
    throw new PlanParseError(file, null, `Tệp ${file} không có cấu trúc kế hoạch: không tìm thấy các mục I., II., … hay bảng phụ lục.`);
  }
  const problems: Problem[] = [];
  const warn = (line: number | null, message: string) => problems.push({ file, line, message, severity: "warning" });

  const stem = file.replace(/\.[^.]+$/, "");
  const province = header.province ?? "";
  const provinceSlug = slugify(province) || slugify(stem.split(/[_\s]/)[0]) || "ke-hoach";
  if (!header.province) warn(null, `Không xác định được tỉnh của kế hoạch; dùng "${provinceSlug}" (theo tên tệp) trong mã kế hoạch.`);
  // an issuer that cannot be read is named after the file, never after a generic word ("Sở")
  const agency = header.agency ?? { name: stem, short: stem, slug: slugify(stem) || "ke-hoach", kind: "other" as const, parent: null };
  if (!header.agency) warn(null, `Không đọc được cơ quan ban hành kế hoạch (tiêu đề văn bản, "Số: …/KH-…", chữ ký); kế hoạch được ghi theo tên tệp "${stem}".`);
  const year = header.issueDate.year ?? header.period?.to ?? fallbackYear;
  const period = header.period ?? { from: year, to: year, text: "" };
  if (!header.period) warn(null, "Không xác định được thời kỳ của kế hoạch.");

  // units belong to the agency, not to one plan: bindings survive next year's plan
  const agencyId = `${provinceSlug}/${agency.slug}`;
  const planId = planIdOf(provinceSlug, agency.slug, period);
  const ctx: ItemContext = {
    planId,
    file,
    units: new UnitRegistry(agencyId, agency.kind === "department" ? "Sở" : agency.kind === "board" ? "Ban" : null, agency.name),
    year: period.from === period.to ? period.to : year,
    defaultHorizon: header.mainTo,
    tasks: [],
    statements: [],
    targets: [],
    reports: [],
  };
  // the issuer naming itself ("Ban Quản lý … (sau đây gọi là Ban Quản lý)") is not one of its units
  for (const d of definedNames(paragraphs.map((p) => p.text))) {
    if (!foldVietnamese(d.name).startsWith(foldVietnamese(agency.name))) ctx.units.define(d.name, d.short);
  }
  textItems(nodes, bodyStart >= 0 ? bodyStart : 0, bodyEnd, ctx);
  appendixRowsToItems(rows, ctx);
  dropRestatedTasks(ctx);

  // appendices the plan points to but does not contain
  const refs: string[] = [];
  if (rows.length === 0) {
    for (const n of nodes.slice(0, bodyEnd)) {
      const m = APPENDIX_REF.exec(n.block.text);
      if (!m) continue;
      const where = n.label ?? pathOf(n).pop() ?? null;
      refs.push(where ? `${where}: ${m[1]}` : m[1]);
      warn(n.block.line, `Kế hoạch dẫn chiếu phụ lục không có trong văn bản: "${m[1]}".`);
    }
  }

  for (const t of ctx.tasks) {
    if (t.deadline.kind === "unknown" && t.deadline.text !== "") {
      warn(t.source.line, `Không đọc được thời hạn "${t.deadline.text}".`);
    }
  }

  const plan: Plan = {
    id: planId,
    title: header.title,
    agency: agency.name,
    agencyShort: agencyShortOf(agency.short, province),
    issuerKind: agency.kind,
    parentBody: agency.parent,
    agencyId,
    province,
    number: header.number,
    issueDate: header.issueDate,
    period,
    signer: header.signer,
    baseDocuments: header.baseDocuments.map((d) => ({ text: d.text, source: { file, line: d.line } })),
    coordinatorUnitId: coordinatorOf(ctx),
    missingAppendix: refs.length > 0 ? [...new Set(refs)].join("; ") : null,
    sourceFile: file,
  };
  return { plan, units: ctx.units.list(), tasks: ctx.tasks, targets: ctx.targets, reports: ctx.reports, statements: ctx.statements, problems };
}

// The kinds of administrative document (Nghị định 30/2020, Điều 7) other than a plan.
const DOCUMENT_KINDS: [RegExp, string][] = [
  [/^bao cao$/, "một báo cáo"],
  [/^cong van$|^v\/v\b/, "một công văn"],
  [/^thong bao$/, "một thông báo"],
  [/^to trinh$/, "một tờ trình"],
  [/^quyet dinh$/, "một quyết định"],
  [/^chi thi$/, "một chỉ thị"],
  [/^nghi quyet$/, "một nghị quyết"],
  [/^bien ban$/, "một biên bản"],
  [/^giay moi$/, "một giấy mời"],
  [/^huong dan$/, "một văn bản hướng dẫn"],
];

/** What the document says it is ("BÁO CÁO", "THÔNG BÁO"…), for the refusal. */
function documentKind(paragraphs: { text: string }[]): string | null {
  for (const p of paragraphs.slice(0, 15)) {
    const f = foldVietnamese(p.text).replace(/[^a-z/ ]/g, "").replace(/\s+/g, " ").trim();
    const hit = DOCUMENT_KINDS.find(([re]) => re.test(f));
    if (hit) return hit[1];
  }
  return null;
}

const wordsOf = (s: string) => new Set(foldVietnamese(s).split(/[^a-z0-9]+/).filter((w) => w.length > 1));

/**
 * A task stated twice — in the text and again as an appendix row — is one task: the row (with its
 * owners, deadline and product) stays; the sentence goes when it says nothing the row does not.
 */
function dropRestatedTasks(ctx: ItemContext): void {
  const rows = ctx.tasks.filter((t) => t.row !== null);
  if (rows.length === 0) return;
  const rowWords = rows.map((r) => ({ r, w: wordsOf(`${r.task ?? ""} ${r.activity ?? ""} ${r.objective ?? ""} ${r.text}`) }));
  const keep = ctx.tasks.filter((t) => {
    if (t.row !== null) return true;
    const w = wordsOf(t.task ?? t.text);
    if (w.size < 4) return true;
    // the sentence may sum up two rows ("kiện toàn …; xây dựng Chương trình …"): the two closest together
    const closest = rowWords
      .map(({ r, w: rw }) => {
        let hit = 0;
        for (const x of w) if (rw.has(x)) hit++;
        return { r, rw, hit };
      })
      .sort((x, y) => y.hit - x.hit)
      .slice(0, 2)
      .filter((c) => c.hit / w.size >= 0.4);
    if (closest.length === 0) return true;
    const union = new Set(closest.flatMap((c) => [...c.rw]));
    let covered = 0;
    for (const x of w) if (union.has(x)) covered++;
    const same = covered / w.size >= 0.8;
    // only a vague time of its own ("định kỳ", "thường xuyên") beside the rows' dated ones
    const vague = !["date", "month", "quarter"].includes(t.deadline.kind);
    const leads = closest.flatMap((c) => c.r.lead);
    const nothingNew = t.lead.every((id) => leads.includes(id)) && (vague || closest.some((c) => c.r.deadline.due === t.deadline.due));
    return !(same && nothingNew);
  });
  if (keep.length === ctx.tasks.length) return;
  // ids stay in document order without gaps
  const renumber = new Map<string, string>();
  keep.forEach((t, i) => renumber.set(t.id, `${ctx.planId}:task:${i + 1}`));
  ctx.tasks.splice(0, ctx.tasks.length, ...keep.map((t) => ({ ...t, id: renumber.get(t.id)! })));
}

/** "Sở GTVT" + "Sơn La"; a name that already holds its place ("UBND huyện Cam Lộ") stays as it is. */
function agencyShortOf(short: string, province: string): string {
  if (!province || foldVietnamese(short).includes(foldVietnamese(province))) return short;
  if (/^(UBND|HĐND|Ủy ban nhân dân)\s+(huyện|quận|thị xã|xã|phường|thị trấn)\b/u.test(short)) return short;
  return `${short} ${province}`;
}

const NOT_IN_NAME = /(?:^|\s)(?:với|phối hợp|chủ trì|thực hiện|tham mưu|giao|là|được|của các|và các)(?=\s|$)/u;

/** The unit's name that ends right before `at` ("… Trung tâm Phục vụ hành chính công tỉnh"). */
function nameBefore(text: string, at: number): string | null {
  const words = text.slice(0, at).replace(/[\s,]+$/, "").split(/\s+/);
  for (let k = Math.min(14, words.length); k >= 1; k--) {
    const cand = words.slice(words.length - k).join(" ").replace(/^[("“]+/, "");
    if (/[.;:()]/.test(cand) || NOT_IN_NAME.test(cand)) continue;
    if (looksLikeUnit(cand) && /^\p{Lu}/u.test(cand)) return cand;
  }
  return null;
}

/**
 * Short names a plan defines for its units, read as general drafting usage: "(sau đây gọi tắt là
 * Trung tâm)", "(gọi tắt là Văn phòng)", "(viết tắt là BQL)", or an acronym in brackets "(TTPVHCC)".
 */
export function definedNames(texts: string[]): { name: string; short: string }[] {
  const out: { name: string; short: string }[] = [];
  for (const t of texts) {
    for (const m of t.matchAll(/\((?:sau đây\s+)?(?:được\s+)?(?:gọi tắt là|viết tắt là|gọi chung là|gọi là)\s+([^()]{2,60}?)\)/giu)) {
      const name = nameBefore(t, m.index!);
      const short = m[1].trim().replace(/^["“]|["”]$/g, "");
      if (name && !/^các\b/iu.test(short) && short.split(/\s+/).length <= 6) out.push({ name, short });
    }
    for (const m of t.matchAll(/\(([A-ZĐ][A-ZĐ0-9&-]{1,9})\)/gu)) {
      const name = nameBefore(t, m.index!);
      // "Phòng Kinh tế và Hạ tầng (KTHT)": the initials, with or without the head word's
      if (!name) continue;
      const acr = foldVietnamese(m[1]).toUpperCase().replace(/[&-]/g, "").slice(0, 2);
      const ini = foldVietnamese(initials(name)).toUpperCase();
      if (ini.startsWith(acr) || ini.slice(1).startsWith(acr)) out.push({ name, short: m[1] });
    }
  }
  return out;
}

/**
 * One id per agency and period: "quang-tri-ldtbxh-2024", "dak-lak-gtvt-2021-2030".
 * Two different plans of one agency and period still share it; ingest then adds a suffix.
 */
export function planIdOf(provinceSlug: string, agencySlug: string, period: { from: number; to: number }): string {
  const abbrev = agencySlug.replace(/^so(-|$)/, "");
  const years = period.from === period.to ? `${period.to}` : `${period.from}-${period.to}`;
  return [provinceSlug, abbrev, years].filter(Boolean).join("-");
}

/** The same plan under another id: its items' ids follow (units do not depend on the plan id). */
export function withPlanId(p: ParsedPlan, id: string): ParsedPlan {
  const from = `${p.plan.id}:`;
  const move = <T extends { id: string; planId: string }>(x: T): T => ({
    ...x,
    id: x.id.startsWith(from) ? `${id}:${x.id.slice(from.length)}` : x.id,
    planId: id,
  });
  return { ...p, plan: { ...p.plan, id }, tasks: p.tasks.map(move), targets: p.targets.map(move), reports: p.reports.map(move), statements: p.statements.map(move) };
}

/** The unit that follows up the whole plan: the one told to "theo dõi, đôn đốc / kiểm tra" it. */
function coordinatorOf(ctx: ItemContext): string | null {
  for (const t of ctx.tasks) {
    const f = foldVietnamese(t.text);
    if (!/theo doi/.test(f) || !/don doc|kiem tra/.test(f) || t.lead.length !== 1) continue;
    const unit = ctx.units.get(t.lead[0]);
    if (unit && unit.kind === "internal") return unit.id;
  }
  return null;
}
