// Occurrences: each report date of a ReportSchedule and each dated deadline of a Task (every day
// of a recurring rule in the plan's years),
// with a stable id (`${itemId}@${due}`) and a short human code for replies ("đã nộp K7MXR").
import type { Knowledge, Task, ReportSchedule, Unit, Deadline, Plan } from "../knowledge/schema.ts";
import type { AdhocTask, Binding, Extension } from "../data/store.ts";
import { formatDateVi, formatDeadline, ruleDates } from "../knowledge/deadlines.ts";

export interface Occurrence {
  id: string;
  code: string;
  itemId: string;
  planId: string;
  /** adhoc: a task assigned with /giao, outside the plans (planId is adhocPlanId(agencyId)) */
  kind: "task" | "report" | "adhoc";
  /** what is to be done, short */
  title: string;
  /** what to hand in (Sản phẩm), when the plan says */
  product: string | null;
  /** last day (ISO) */
  due: string;
  /** first day of a month/quarter window, else null */
  start: string | null;
  /** the due date as the plan puts it, for messages */
  dueText: string;
  /** lead unit ids as written in the plan (collectives not expanded) */
  lead: string[];
  /** the due date before an extension (/giahan), when the occurrence was extended */
  originalDue?: string;
}

/** What the coordinating office adds to the plans (state.extensions, state.adhocTasks). */
export interface Desk {
  extensions: readonly Extension[];
  adhocTasks: readonly AdhocTask[];
}

const ADHOC_PLAN = "adhoc:";

/** The pseudo plan of an agency's ad-hoc tasks: occurrences, submissions and outbox records carry it as planId. */
export function adhocPlanId(agencyId: string): string {
  return `${ADHOC_PLAN}${agencyId}`;
}

/** The plan an agency's ad-hoc tasks are followed under (its coordinator, its digest): the first with a coordinator. */
export function homePlanOf(k: Knowledge, agencyId: string): Knowledge["plans"][number] | undefined {
  const plans = k.plans.filter((p) => p.agencyId === agencyId);
  return plans.find((p) => p.coordinatorUnitId) ?? plans[0];
}

/** The agency of a plan id, ad-hoc pseudo plans included. */
export function agencyOfPlanId(k: Knowledge, planId: string): string | null {
  if (planId.startsWith(ADHOC_PLAN)) return planId.slice(ADHOC_PLAN.length);
  return k.plans.find((p) => p.id === planId)?.agencyId ?? null;
}

const DATED = new Set<Deadline["kind"]>(["date", "month", "quarter"]);

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G: codes are read aloud and typed on phones. */
export const CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679";

function hash32(s: string, seed: number): number {
  // FNV-1a, then murmur3's finaliser so every input bit reaches every output bit
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function hashCode(s: string, length: number, salt = 0): string {
  let out = "";
  for (let seed = salt * 64; out.length < length; seed++) {
    let x = hash32(s, seed);
    for (let i = 0; i < 4 && out.length < length; i++) {
      out += CODE_ALPHABET[x % CODE_ALPHABET.length];
      x = Math.floor(x / CODE_ALPHABET.length);
    }
  }
  return out;
}

/** 5-character codes; ids whose codes collide all get 6 characters, so a code never names two occurrences. */
export function assignCodes(ids: readonly string[]): Map<string, string> {
  const unique = [...new Set(ids)].sort();
  const five = new Map(unique.map((id) => [id, hashCode(id, 5)]));
  const count = new Map<string, number>();
  for (const c of five.values()) count.set(c, (count.get(c) ?? 0) + 1);
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const [id, c] of five) {
    if (count.get(c) !== 1) continue;
    out.set(id, c);
    used.add(c);
  }
  for (const [id, c] of five) {
    if (count.get(c) === 1) continue;
    let salt = 1;
    while (used.has(hashCode(id, 6, salt))) salt++;
    out.set(id, hashCode(id, 6, salt));
    used.add(out.get(id)!);
  }
  return out;
}

function shorten(s: string, max = 140): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

/** "- Tờ trình - Quyết định" (a table cell's bullet list) → "Tờ trình; Quyết định" */
function cleanProduct(s: string): string {
  return shorten(s.replace(/^\s*[-–•+]\s*/, "").replace(/\s+[-–•+]\s+/g, "; "), 120);
}

function taskTitle(t: Task): string {
  return shorten(t.task ?? t.activity ?? t.objective ?? t.text);
}

function datesOf(d: Deadline): string[] {
  if (d.dates && d.dates.length > 0) return [...new Set(d.dates)].sort();
  return DATED.has(d.kind) && d.due ? [d.due] : [];
}

/** A plan's years, at most ten: a rule ("trước ngày 20 hằng tháng") recurs in each of them. */
type Years = { from: number; to: number };

/**
 * A task's days: a rule's days in every year of the plan (a five-year plan reminds every year),
 * else the days the deadline lists, else its one due day.
 */
function taskDatesOf(d: Deadline, years: Years | undefined): string[] {
  if (!d.rule || !years || d.kind !== "recurring" && d.dates) return datesOf(d);
  const out = new Set<string>(d.kind === "recurring" ? [] : datesOf(d));
  for (let y = years.from; y <= years.to && y < years.from + 10; y++) for (const x of ruleDates(d.rule, y) ?? []) out.add(x);
  return out.size > 0 ? [...out].sort() : datesOf(d);
}

function dueTextOf(d: Deadline, date: string, several: boolean): string {
  // "trước ngày 20 hằng tháng (hạn 20/3/2025)": the rule, then this occurrence's day
  if (several && d.rule) return `${formatDeadline(d, "vi")} (hạn ${formatDateVi(date)})`;
  if (several) return formatDateVi(date);
  const text = formatDeadline(d, "vi");
  return text.includes(formatDateVi(date)) ? text : `${text} (hạn ${formatDateVi(date)})`;
}

type Draft = Omit<Occurrence, "code">;

function fromTask(t: Task, years: Years | undefined): Draft[] {
  const dates = taskDatesOf(t.deadline, years);
  return dates.map((due) => ({
    id: `${t.id}@${due}`,
    itemId: t.id,
    planId: t.planId,
    kind: "task",
    title: taskTitle(t),
    product: t.product ? cleanProduct(t.product) : null,
    due,
    start: dates.length === 1 && (t.deadline.kind === "month" || t.deadline.kind === "quarter") ? t.deadline.start : null,
    dueText: dueTextOf(t.deadline, due, dates.length > 1),
    lead: t.lead,
  }));
}

function fromReport(r: ReportSchedule, coordinator: string | null): Draft[] {
  const dates = datesOf(r.due);
  // a report with no sender named is the coordinating office's to send
  const lead = r.from.length > 0 ? r.from : coordinator ? [coordinator] : [];
  return dates.map((due) => ({
    id: `${r.id}@${due}`,
    itemId: r.id,
    planId: r.planId,
    kind: "report",
    title: shorten(r.name),
    product: r.to ? `${shorten(r.name, 80)} gửi ${r.to}` : shorten(r.name, 80),
    due,
    start: null,
    dueText: dueTextOf(r.due, due, dates.length > 1),
    lead,
  }));
}

/** Several rows named "Báo cáo kết quả thực hiện" in one plan: add each row's objective so people can tell them apart. */
function disambiguateTitles(drafts: Draft[], k: Knowledge): void {
  const tasks = new Map(k.tasks.map((t) => [t.id, t]));
  const items = new Map<string, Set<string>>();
  for (const d of drafts) {
    const key = `${d.planId}|${d.title}`;
    items.set(key, (items.get(key) ?? new Set()).add(d.itemId));
  }
  for (const d of drafts) {
    const objective = tasks.get(d.itemId)?.objective;
    if ((items.get(`${d.planId}|${d.title}`)?.size ?? 0) > 1 && objective && objective !== d.title) d.title = `${d.title} — ${shorten(objective, 90)}`;
  }
}

const cache = new WeakMap<Knowledge, Occurrence[]>();
const deskCache = new WeakMap<Knowledge, { key: string; all: Occurrence[] }>();

const byDue = (a: Occurrence, b: Occurrence) => (a.due === b.due ? a.id.localeCompare(b.id) : a.due < b.due ? -1 : 1);

const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The due dates of an ad-hoc task: its date, or each month's day from its first date up to `until` (default: that year's end). */
export function adhocDates(t: Pick<AdhocTask, "due" | "recurrence" | "until">): string[] {
  if (!t.recurrence) return [t.due];
  const until = t.until ?? `${t.due.slice(0, 4)}-12-31`;
  const out: string[] = [];
  let [y, m] = t.due.split("-").map(Number);
  for (let i = 0; i < 120; i++) {
    const d = `${y}-${String(m).padStart(2, "0")}-${String(Math.min(t.recurrence.day, lastDayOf(y, m))).padStart(2, "0")}`;
    if (d > until) break;
    if (d >= t.due) out.push(d);
    if (++m > 12) (m = 1), y++;
  }
  return out;
}

function fromAdhoc(t: AdhocTask): Draft[] {
  return adhocDates(t).map((due) => ({
    id: `${t.id}@${due}`,
    itemId: t.id,
    planId: adhocPlanId(t.agencyId),
    kind: "adhoc",
    title: shorten(t.title),
    product: null,
    due,
    start: null,
    dueText: formatDateVi(due),
    lead: [t.unitId],
  }));
}

/** Codes of ad-hoc occurrences: never one a plan occurrence has (those were sent first and must keep theirs). */
function adhocCodes(ids: string[], used: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of [...ids].sort()) {
    let code = hashCode(id, 5);
    for (let salt = 1; used.has(code); salt++) code = hashCode(id, 6, salt);
    used.add(code);
    out.set(id, code);
  }
  return out;
}

/** The latest extension of each occurrence (extensions are kept in the order recorded: the last wins). */
export function latestExtensions(extensions: readonly Extension[]): Map<string, Extension> {
  const out = new Map<string, Extension>();
  for (const e of extensions) out.set(e.occurrenceId, e);
  return out;
}

/**
 * Every occurrence: the plans' (memoised per knowledge object), plus the desk's ad-hoc tasks, with
 * each extended occurrence's due date moved (its id and code stay). Sorted by due date then id.
 * The one expansion the reminders, /han, /tiendo, the digest and the report all use.
 */
export function expandOccurrences(k: Knowledge, desk?: Desk): Occurrence[] {
  const base = planOccurrences(k);
  if (!desk || (desk.extensions.length === 0 && desk.adhocTasks.length === 0)) return base;
  const key = JSON.stringify([desk.extensions, desk.adhocTasks]);
  const hit = deskCache.get(k);
  if (hit && hit.key === key) return hit.all;
  const drafts = desk.adhocTasks.filter((t) => !t.cancelledAt).flatMap(fromAdhoc);
  const codes = adhocCodes(drafts.map((d) => d.id), new Set(base.map((o) => o.code)));
  const ext = latestExtensions(desk.extensions);
  const extend = (o: Occurrence): Occurrence => {
    const e = ext.get(o.id);
    if (!e) return o;
    return { ...o, due: e.to, start: null, originalDue: o.due, dueText: `${formatDateVi(e.to)} (gia hạn; hạn cũ ${o.dueText})` };
  };
  const all = [...base, ...drafts.map((d) => ({ ...d, code: codes.get(d.id)! }))].map(extend).sort(byDue);
  deskCache.set(k, { key, all });
  return all;
}

function planOccurrences(k: Knowledge): Occurrence[] {
  const hit = cache.get(k);
  if (hit) return hit;
  const coordinators = new Map(k.plans.map((p) => [p.id, p.coordinatorUnitId]));
  const years = new Map(k.plans.map((p: Plan) => [p.id, { from: p.period.from, to: p.period.to }]));
  const drafts = [...k.tasks.flatMap((t) => fromTask(t, years.get(t.planId))), ...k.reports.flatMap((r) => fromReport(r, coordinators.get(r.planId) ?? null))];
  disambiguateTitles(drafts, k);
  const codes = assignCodes(drafts.map((d) => d.id));
  const all = drafts.map((d) => ({ ...d, code: codes.get(d.id)! })).sort(byDue);
  cache.set(k, all);
  return all;
}

export function findByCode(k: Knowledge, code: string, desk?: Desk): Occurrence | undefined {
  const c = code.toUpperCase();
  return expandOccurrences(k, desk).find((o) => o.code === c);
}

export function findById(k: Knowledge, id: string, desk?: Desk): Occurrence | undefined {
  return expandOccurrences(k, desk).find((o) => o.id === id);
}

/**
 * The units that must act on an occurrence: its lead units, where a collective lead
 * ("Các phòng, đơn vị thuộc Sở") stands for every bound internal unit of that agency.
 */
export function responsibleUnits(occ: Occurrence, units: ReadonlyMap<string, Unit>, bindings: readonly Binding[]): string[] {
  const out = new Set<string>();
  for (const id of occ.lead) {
    const u = units.get(id);
    if (u?.kind !== "collective") {
      out.add(id);
      continue;
    }
    for (const b of bindings) {
      const bound = units.get(b.unitId);
      if (b.agencyId === u.agencyId && (!bound || bound.kind === "internal")) out.add(b.unitId);
    }
  }
  return [...out];
}

export function unitMap(k: Knowledge): Map<string, Unit> {
  return new Map(k.units.map((u) => [u.id, u]));
}

export function unitName(units: ReadonlyMap<string, Unit>, id: string): string {
  return units.get(id)?.name ?? id.split("/").pop() ?? id;
}
