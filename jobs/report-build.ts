// The coordinating office's report (pure): for a period, every occurrence × bound responsible unit with
// its due date (and extension), submission, evidence and the four-way status of the Government Office's
// task-tracking system; per unit and in total, the percentage done on time. /baocao, the report CLI,
// /tiendo and the weekly digest all count with these functions.
import type { Knowledge } from "../knowledge/schema.ts";
import type { Binding, Extension, State, Submission } from "../data/store.ts";
import { agencyOfPlanId, expandOccurrences, latestExtensions, responsibleUnits, unitMap, unitName, type Occurrence } from "./occurrences.ts";
import { planLabel } from "./messages.ts";
import { localDate } from "./workdays.ts";

/** The four statuses (hoàn thành đúng hạn / hoàn thành quá hạn / chưa hoàn thành nhưng còn hạn / chưa hoàn thành và đã quá hạn). */
export type ReportStatus = "on-time" | "late" | "open" | "overdue";

export const STATUS_LABEL: Record<ReportStatus, string> = {
  "on-time": "Hoàn thành đúng hạn",
  late: "Hoàn thành quá hạn",
  open: "Chưa hoàn thành nhưng còn hạn",
  overdue: "Chưa hoàn thành và đã quá hạn",
};

/** Judged against the current due date (an extended one when extended); days are Viet Nam days. */
export function classify(due: string, submittedAt: string | null, today: string): ReportStatus {
  if (submittedAt) return localDate(new Date(submittedAt)) <= due ? "on-time" : "late";
  return due < today ? "overdue" : "open";
}

export interface Tally {
  onTime: number;
  late: number;
  overdue: number;
}

/** Done on time over what is decided (done, or past its date); null when nothing is. Open items within their deadline do not count yet. */
export function onTimeRate(t: Tally): number | null {
  const n = t.onTime + t.late + t.overdue;
  return n === 0 ? null : t.onTime / n;
}

/** "66,7%" (Vietnamese decimal comma), "—" when there is nothing to count. */
export function percentText(rate: number | null): string {
  if (rate === null) return "—";
  const pct = Math.round(rate * 1000) / 10;
  return `${String(pct).replace(".", ",")}%`;
}

export interface ReportRow {
  occurrenceId: string;
  code: string;
  kind: Occurrence["kind"];
  planId: string;
  plan: string;
  agencyId: string;
  item: string;
  unitId: string;
  unit: string;
  /** the due date now (extended when extended) */
  due: string;
  /** the due date before the extension, null when not extended */
  originalDue: string | null;
  extension: Pick<Extension, "to" | "reason" | "userName" | "at"> | null;
  submittedAt: string | null;
  submittedBy: string | null;
  evidence: Submission["evidence"];
  status: ReportStatus;
}

export interface UnitSummary extends Tally {
  unitId: string;
  unit: string;
  agencyId: string;
  due: number;
  open: number;
  rate: number | null;
}

export interface Report {
  from: string;
  to: string;
  label: string;
  today: string;
  agencyIds: string[];
  rows: ReportRow[];
  units: UnitSummary[];
  total: Omit<UnitSummary, "unitId" | "unit" | "agencyId">;
}

export interface ReportInput {
  knowledge: Knowledge;
  state: Pick<State, "bindings" | "submissions" | "extensions" | "adhocTasks">;
  from: string;
  to: string;
  /** "quý I/2024" */
  label: string;
  now: Date;
  /** the agencies the asker may see: "all" (super-admin) or a list */
  agencies: "all" | readonly string[];
  /** one unit only */
  unitId?: string;
}

const inPeriod = (d: string, from: string, to: string) => d >= from && d <= to;

/** The rows of a period: occurrences due in it (before or after an extension) × their bound responsible units. */
export function buildReport(input: ReportInput): Report {
  const k = input.knowledge;
  const today = localDate(input.now);
  const units = unitMap(k);
  const bindings: readonly Binding[] = input.state.bindings;
  const bound = new Set(bindings.map((b) => b.unitId));
  const subs = new Map<string, Submission>();
  for (const s of input.state.submissions) if (!s.undoneAt) subs.set(`${s.occurrenceId}|${s.unitId}`, s);
  const ext = latestExtensions(input.state.extensions);
  const rows: ReportRow[] = [];
  for (const occ of expandOccurrences(k, input.state)) {
    if (!inPeriod(occ.due, input.from, input.to) && !(occ.originalDue && inPeriod(occ.originalDue, input.from, input.to))) continue;
    const agencyId = agencyOfPlanId(k, occ.planId) ?? "";
    if (input.agencies !== "all" && !input.agencies.includes(agencyId)) continue;
    for (const unitId of responsibleUnits(occ, units, bindings)) {
      if (!bound.has(unitId)) continue; // a unit without a group is never reminded: the digest does not count it either
      if (input.unitId && unitId !== input.unitId) continue;
      const sub = subs.get(`${occ.id}|${unitId}`) ?? null;
      const e = occ.originalDue ? ext.get(occ.id) : undefined;
      rows.push({
        occurrenceId: occ.id,
        code: occ.code,
        kind: occ.kind,
        planId: occ.planId,
        plan: occ.kind === "adhoc" ? "Nhiệm vụ được giao (ngoài kế hoạch)" : planLabel(k, occ.planId),
        agencyId,
        item: occ.title,
        unitId,
        unit: unitName(units, unitId),
        due: occ.due,
        originalDue: occ.originalDue ?? null,
        extension: e ? { to: e.to, reason: e.reason, userName: e.userName, at: e.at } : null,
        submittedAt: sub?.at ?? null,
        submittedBy: sub?.userName ?? null,
        evidence: sub?.evidence ?? null,
        status: classify(occ.due, sub?.at ?? null, today),
      });
    }
  }
  rows.sort((a, b) => a.unit.localeCompare(b.unit, "vi") || a.due.localeCompare(b.due) || a.code.localeCompare(b.code));
  const byUnit = new Map<string, UnitSummary>();
  for (const r of rows) {
    const s = byUnit.get(r.unitId) ?? { unitId: r.unitId, unit: r.unit, agencyId: r.agencyId, due: 0, onTime: 0, late: 0, open: 0, overdue: 0, rate: null };
    byUnit.set(r.unitId, s);
    s.due++;
    if (r.status === "on-time") s.onTime++;
    else if (r.status === "late") s.late++;
    else if (r.status === "open") s.open++;
    else s.overdue++;
  }
  const summaries = [...byUnit.values()].map((s) => ({ ...s, rate: onTimeRate(s) }));
  const sum = (f: (s: UnitSummary) => number) => summaries.reduce((n, s) => n + f(s), 0);
  const total = { due: sum((s) => s.due), onTime: sum((s) => s.onTime), late: sum((s) => s.late), open: sum((s) => s.open), overdue: sum((s) => s.overdue), rate: null as number | null };
  total.rate = onTimeRate(total);
  const agencyIds = [...new Set(rows.map((r) => r.agencyId))];
  return { from: input.from, to: input.to, label: input.label, today, agencyIds, rows, units: summaries, total };
}

/** The summary as text (Zalo, and the caption of the Telegram document). */
export function reportSummaryText(r: Report, title: string): string {
  const lines = [`📊 ${title} — ${r.label}`];
  for (const s of r.units) lines.push(`• ${s.unit}: ${s.due} việc · ${s.onTime} đúng hạn · ${s.late} quá hạn · ${s.open} còn hạn · ${s.overdue} chưa nộp quá hạn · ${percentText(s.rate)} đúng hạn`);
  const t = r.total;
  lines.push(`Tổng: ${t.due} việc · ${t.onTime} đúng hạn · ${t.late} quá hạn · ${t.open} còn hạn · ${t.overdue} chưa nộp quá hạn · tỷ lệ đúng hạn ${percentText(t.rate)}`);
  return lines.join("\n");
}

const ROMAN = ["", "I", "II", "III", "IV"];
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const dmy = (iso: string) => iso.split("-").reverse().join("/");

/** "quý I/2024", "tháng 9/2024", "năm 2024" when the window is one; else "01/07/2024–30/09/2024". */
export function periodLabel(from: string, to: string): string {
  const [fy, fm, fd] = from.split("-").map(Number);
  const [ty, tm, td] = to.split("-").map(Number);
  if (fy === ty && fd === 1 && td === lastDay(ty, tm)) {
    if (fm === 1 && tm === 12) return `năm ${fy}`;
    if (fm === tm) return `tháng ${fm}/${fy}`;
    if (tm - fm === 2 && fm % 3 === 1) return `quý ${ROMAN[(fm + 2) / 3]}/${fy}`;
  }
  return `${dmy(from)}–${dmy(to)}`;
}
