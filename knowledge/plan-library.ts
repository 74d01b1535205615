// The plans folder as a library: read an uploaded document into a plan, summarise it for the admin,
// and store it — the document into the plans folder (an older version of the same plan is kept,
// renamed with the date), then the knowledge file rebuilt from the whole folder and replaced atomically.
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Knowledge, Plan } from "./schema.ts";
import { extractPlanText, type PlanFormat } from "./extract.ts";
import { buildKnowledge, summarize } from "./ingest.ts";
import { ingestDirectory, readPlanFiles, writeKnowledgeFile } from "./load.ts";
import { foldVietnamese } from "./text.ts";

/** Where replaced plan documents go (inside the plans folder, which ingest reads without subfolders). */
export const ARCHIVE_DIR = "archive";

export class NotAPlanError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "NotAPlanError";
  }
}

/** An uploaded document read into its own one-plan knowledge. */
export interface ParsedPlan {
  fileName: string;
  format: PlanFormat;
  plan: Plan;
  /** this document alone, as ingest builds it */
  knowledge: Knowledge;
}

export interface PlanSummary {
  fileName: string;
  format: PlanFormat;
  agency: string;
  title: string;
  number: string;
  period: string;
  tasks: number;
  targets: number;
  reports: number;
  /** tasks and reports whose deadline has a last day (as `npm run ingest` counts them) */
  datedDeadlines: number;
  /** the earliest exact days, as examples for the admin to check */
  firstDeadlines: { date: string; what: string }[];
  units: string[];
  /** time expressions the parser could not read, with their line */
  unread: { text: string; line: number }[];
  /** the parser's other warnings (an appendix the plan points to but does not contain…) */
  notes: { text: string; line: number | null }[];
}

const FORMAT_LABEL: Record<PlanFormat, string> = { docx: "Word", pdf: "PDF", text: "văn bản" };
const EXTENSION: Record<PlanFormat, string> = { docx: ".docx", pdf: ".pdf", text: ".txt" };

/** Reads a document (any format) into a plan. Throws ExtractError (unreadable) or NotAPlanError. */
export async function readPlanDocument(bytes: Uint8Array, fileName: string, now = new Date()): Promise<ParsedPlan> {
  const { text, format } = await extractPlanText(bytes, fileName);
  const name = safePlanFileName(fileName, format);
  const { knowledge } = buildKnowledge([{ name, text }], now.toISOString());
  const plan = knowledge.plans[0];
  if (!plan) {
    // the parser's own reason ("không tìm thấy tiêu đề KẾ HOẠCH"…), named after the file the admin sent
    const why = knowledge.problems.find((p) => p.severity === "error")?.message.replaceAll(name, fileName);
    throw new NotAPlanError(fileName, why ?? `Tệp ${fileName} không phải một kế hoạch.`);
  }
  if (countOf(knowledge, plan.id) === 0) {
    throw new NotAPlanError(fileName, `Tệp ${fileName} không giống một kế hoạch: không tìm thấy nhiệm vụ, chỉ tiêu hay hạn báo cáo nào.`);
  }
  return { fileName: name, format, plan, knowledge };
}

function countOf(k: Knowledge, planId: string): number {
  const mine = <T extends { planId: string }>(xs: T[]) => xs.filter((x) => x.planId === planId).length;
  return mine(k.tasks) + mine(k.targets) + mine(k.reports);
}

/** A name safe in any file system: folded to ASCII, no path, the extension of the real format. */
export function safePlanFileName(original: string, format: PlanFormat): string {
  const base = basename(original.replace(/\\/g, "/"))
    .replace(/\.(docx|pdf|txt|doc|text)$/i, "");
  const slug = foldVietnamese(base)
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[.-]+|[.-]+$/g, "")
    .replace(/-{2,}/g, "-")
    .slice(0, 80)
    .replace(/[.-]+$/, "");
  return `${slug || "ke-hoach"}${EXTENSION[format]}`;
}

/** Where an uploaded plan goes among the loaded ones. */
export type Placement =
  | { kind: "new" }
  /** the same agency and title: the old plan is replaced, after the admin confirms */
  | { kind: "replace"; old: Plan };

const titleKey = (p: Pick<Plan, "agencyId" | "title">) => `${p.agencyId}|${foldVietnamese(p.title).replace(/\s+/g, " ").trim()}`;

/** Any other plan (another agency of the province, the agency's next plan) loads beside the others. */
export function placePlan(current: Knowledge, plan: Pick<Plan, "agencyId" | "title">): Placement {
  const same = current.plans.find((p) => titleKey(p) === titleKey(plan));
  return same ? { kind: "replace", old: same } : { kind: "new" };
}

/** The admin's explanation of a placement ("" for a new plan). */
export function placementNote(placement: Placement): string {
  if (placement.kind === "new") return "";
  return `Đã có kế hoạch cùng cơ quan và tiêu đề (tệp ${placement.old.sourceFile}).`;
}

export function summarizePlan(parsed: ParsedPlan): PlanSummary {
  const { knowledge: k, plan } = parsed;
  // the counts of the `npm run ingest` table, so the chat and the command line say the same
  const counts = summarize(k).find((c) => c.planId === plan.id)!;
  const dated: { date: string; what: string }[] = [];
  for (const t of k.tasks) {
    if (t.planId !== plan.id || t.deadline.kind === "year") continue;
    const days = t.deadline.dates?.length ? t.deadline.dates : t.deadline.due ? [t.deadline.due] : [];
    for (const d of days) dated.push({ date: d, what: t.task ?? t.activity ?? t.text });
  }
  for (const r of k.reports) {
    if (r.planId !== plan.id) continue;
    const days = r.due.dates?.length ? r.due.dates : r.due.due ? [r.due.due] : [];
    for (const d of days) dated.push({ date: d, what: r.name });
  }
  dated.sort((a, b) => a.date.localeCompare(b.date));
  const unreadLines = new Set(counts.unknown.map((u) => u.line));
  // the parser's other warnings, without repeating the unreadable deadlines it also lists
  const notes = k.problems.filter((p) => !(p.line !== null && unreadLines.has(p.line) && /thời hạn/i.test(p.message))).map((p) => ({ text: p.message, line: p.line }));
  return {
    fileName: parsed.fileName,
    format: parsed.format,
    agency: plan.agencyShort || plan.agency,
    title: plan.title,
    number: plan.number,
    period: plan.period.text || (plan.period.from === plan.period.to ? `${plan.period.from}` : `${plan.period.from}–${plan.period.to}`),
    tasks: counts.tasks,
    targets: counts.targets,
    reports: counts.reports,
    datedDeadlines: counts.dated,
    firstDeadlines: dated.slice(0, 3),
    units: k.units.filter((u) => u.agencyId === plan.agencyId).map((u) => u.name),
    unread: counts.unknown,
    notes,
  };
}

const dmy = (iso: string) => iso.split("-").reverse().join("/");
const clip = (s: string, n: number) => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length <= n ? t : `${t.slice(0, n - 1).replace(/\s+\S*$/, "")}…`;
};

/** The summary as the admin reads it in the chat (plain text; channels escape it). */
export function formatPlanSummary(s: PlanSummary): string {
  const lines = [
    `📄 ${s.fileName} (${FORMAT_LABEL[s.format]})`,
    `Cơ quan: ${s.agency}`,
    `Kế hoạch: ${clip(s.title, 200)}${s.number && !/^\/|^$/.test(s.number) ? ` (số ${s.number})` : ""}`,
    `Thời kỳ: ${s.period}`,
    `Nhiệm vụ: ${s.tasks} · Chỉ tiêu: ${s.targets} · Lịch báo cáo: ${s.reports}`,
    `Hạn có ngày cụ thể: ${s.datedDeadlines}`,
    ...s.firstDeadlines.map((d) => `  • ${dmy(d.date)}: ${clip(d.what, 90)}`),
    `Đơn vị (${s.units.length}): ${s.units.length ? clip(s.units.join(", "), 300) : "không có"}`,
  ];
  if (s.unread.length) {
    lines.push(`Thời hạn không đọc được (${s.unread.length}):`);
    for (const u of s.unread.slice(0, 8)) lines.push(`  • «${clip(u.text, 100)}» (dòng ${u.line})`);
    if (s.unread.length > 8) lines.push(`  … và ${s.unread.length - 8} mục khác`);
  } else lines.push("Thời hạn không đọc được: không có");
  for (const n of s.notes.slice(0, 5)) lines.push(`Lưu ý: ${clip(n.text, 200)}${n.line ? ` (dòng ${n.line})` : ""}`);
  return lines.join("\n");
}

/** /kehoach: the loaded plans with their period and counts. */
export function formatPlanList(k: Knowledge): string {
  if (k.plans.length === 0) return "Chưa có kế hoạch nào được nạp.";
  const count = <T extends { planId: string }>(xs: T[], id: string) => xs.filter((x) => x.planId === id).length;
  const lines = k.plans.map((p, i) => {
    const period = p.period.text || `${p.period.from}–${p.period.to}`;
    return [
      `${i + 1}. ${p.agencyShort || p.agency} — ${clip(p.title, 160)}`,
      `   Thời kỳ: ${period} · ${count(k.tasks, p.id)} nhiệm vụ · ${count(k.targets, p.id)} chỉ tiêu · ${count(k.reports, p.id)} lịch báo cáo`,
      `   Tệp: ${p.sourceFile}`,
    ].join("\n");
  });
  return [`Các kế hoạch đang dùng (${k.plans.length}):`, ...lines].join("\n");
}

export interface StoreOptions {
  plansDir: string;
  knowledgeFile: string;
  bytes: Uint8Array;
  /** the name the admin's file had; stored under its safe form */
  fileName: string;
  /** the document of the plan this one replaces (a plan file name in plansDir), confirmed by the admin */
  replaces?: string | null;
  now: Date;
}

export interface StoreResult {
  /** the document's name in the plans folder */
  file: string;
  /** where the replaced document went, relative to the plans folder ("archive/…"), or null */
  archived: string | null;
  /** the rebuilt knowledge, as written to the knowledge file */
  knowledge: Knowledge;
}

export class StorePlanError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "StorePlanError";
  }
}

/**
 * Stores an uploaded plan. First the knowledge is built in memory from the folder as it will be,
 * so a document that would not load (a copy of a loaded plan…) changes nothing. Then the old version
 * is renamed into archive/ with the date (never deleted), the new document written (temp file +
 * rename), the folder ingested like `npm run ingest` does, and the knowledge file replaced atomically.
 */
export async function storePlan(opts: StoreOptions): Promise<StoreResult> {
  const { plansDir, now } = opts;
  const { text, format } = await extractPlanText(opts.bytes, opts.fileName);
  const replaced = opts.replaces && existsSync(join(plansDir, opts.replaces)) ? opts.replaces : null;
  const file = freeName(plansDir, safePlanFileName(opts.fileName, format), replaced);
  const builtAt = now.toISOString();

  // 1. the folder as it will be, in memory
  const { files } = await readPlanFiles(plansDir);
  const next = files.filter((f) => f.name !== replaced && f.name !== file);
  next.push({ name: file, text });
  next.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const trial = buildKnowledge(next, builtAt).knowledge;
  const newPlan = trial.plans.find((p) => p.sourceFile === file);
  if (!newPlan) {
    const why = trial.problems.find((p) => p.file === file && p.severity === "error")?.message;
    throw new StorePlanError(why ?? `Kế hoạch trong tệp ${file} không nạp được cùng các kế hoạch đang có.`);
  }
  // nor may it push out a plan that loads today (a copy of it sent without confirming the replacement)
  const before = buildKnowledge(files, builtAt).knowledge.plans;
  const lost = before.find((p) => p.sourceFile !== replaced && !trial.plans.some((q) => q.sourceFile === p.sourceFile));
  if (lost) {
    throw new StorePlanError(`Kế hoạch mới trùng với kế hoạch «${lost.title}» (tệp ${lost.sourceFile}); nạp nó sẽ làm mất kế hoạch kia.`);
  }

  // 2. the files: old one kept under archive/, new one written whole or not at all
  const day = agencyDay(now);
  const archived = replaced ? archiveName(plansDir, replaced, day) : null;
  await mkdir(plansDir, { recursive: true });
  if (replaced && archived) {
    await mkdir(join(plansDir, ARCHIVE_DIR), { recursive: true });
    await rename(join(plansDir, replaced), join(plansDir, archived));
  }
  const tmp = join(plansDir, `.${file}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, opts.bytes);
    await rename(tmp, join(plansDir, file));
    // 3. the knowledge file, from the folder exactly as ingest reads it
    const knowledge = await ingestDirectory(plansDir, builtAt);
    if (!knowledge.plans.some((p) => p.sourceFile === file)) throw new StorePlanError(`Kế hoạch trong tệp ${file} không nạp được.`);
    await writeKnowledgeFile(opts.knowledgeFile, knowledge);
    return { file, archived, knowledge };
  } catch (e) {
    // back to the folder as it was: the new document out, the old one back in its place
    await unlink(tmp).catch(() => undefined);
    await unlink(join(plansDir, file)).catch(() => undefined);
    if (replaced && archived) await rename(join(plansDir, archived), join(plansDir, replaced)).catch(() => undefined);
    throw e instanceof StorePlanError ? e : new StorePlanError("Không ghi được kế hoạch vào thư mục kế hoạch.", e);
  }
}

/** The calendar day in Viet Nam (plans' days are days in Asia/Ho_Chi_Minh), for the archive name. */
function agencyDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** `name`, or `name-2`, `name-3`… when another plan's document already has it. */
function freeName(dir: string, name: string, replacing: string | null): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    if (candidate === replacing || !existsSync(join(dir, candidate))) return candidate;
  }
}

/** archive/<stem>.<YYYY-MM-DD><ext>, numbered when the same plan is replaced twice in a day. */
function archiveName(dir: string, file: string, day: string): string {
  const ext = extname(file);
  const stem = file.slice(0, file.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${ARCHIVE_DIR}/${stem}.${day}${n === 1 ? "" : `-${n}`}${ext}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}
