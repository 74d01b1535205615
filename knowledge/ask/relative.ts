// "tháng này", "tuần sau", "sắp đến hạn", "quá hạn": time words that need today's date (given by the caller).
import { foldVietnamese } from "../text.ts";
import type { Analysis } from "./analyze.ts";

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the ISO week that holds `iso` (Vietnamese weeks start on Monday: "thứ Hai"). */
function mondayOf(iso: string): string {
  const wd = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(iso, -((wd + 6) % 7));
}

/** How far back "quá hạn" looks: deadlines of the past year (older ones are history, not work). */
const OVERDUE_LOOKBACK_DAYS = 365;
/** "sắp tới / sắp đến hạn": the next 30 days. */
const UPCOMING_DAYS = 30;

/**
 * "việc nào quá hạn?", "quá hạn rồi", "overdue": asks for items past their date — not a condition
 * ("trễ hạn thì phải làm gì") nor a target ("không có hồ sơ quá hạn", "tỷ lệ quá hạn").
 */
function asksOverdue(f: string): boolean {
  if (/\boverdue\b|\bpast due\b/.test(f)) return true;
  if (!/\b(?:qua|tre) han\b/.test(f)) return false;
  if (/\b(?:qua|tre) han thi\b|\bkhong (?:co )?(?:ho so )?(?:bi )?(?:qua|tre) han\b|\b(?:ty le|phan tram)\b/.test(f)) return false;
  return /\b(?:nao|gi|nhung|cac viec)\b|\b(?:qua|tre) han (?:roi|chua)\b|\bda (?:qua|tre) han\b/.test(f);
}

/** Fills the time slots from relative words, when the question gave no explicit period. */
export function relativeTime(a: Analysis, today: string): void {
  const t = a.time;
  if (t.quarter || t.month || t.monthSpan || t.date || t.half || t.range || t.invalid) return;
  const f = foldVietnamese(a.question);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const q = Math.ceil(m / 3);
  const setYear = (yy: number) => {
    if (!t.years.length) t.years.push(yy);
  };
  if (/\bthang (nay|hien tai)\b|\bthis month\b/.test(f)) {
    t.month = m;
    setYear(y);
  } else if (/\bthang (toi|sau)\b|\bnext month\b/.test(f)) {
    t.month = m === 12 ? 1 : m + 1;
    setYear(m === 12 ? y + 1 : y);
  } else if (/\bquy (nay|hien tai)\b|\bthis quarter\b/.test(f)) {
    t.quarter = q;
    setYear(y);
  } else if (/\bquy (toi|sau)\b|\bnext quarter\b/.test(f)) {
    t.quarter = q === 4 ? 1 : q + 1;
    setYear(q === 4 ? y + 1 : y);
  } else if (/\btuan (nay|hien tai)\b|\bthis week\b/.test(f)) {
    const mon = mondayOf(today);
    t.range = { start: mon, end: addDays(mon, 6) };
    t.rangeKind = "week";
  } else if (/\btuan (toi|sau)\b|\bnext week\b/.test(f)) {
    const mon = addDays(mondayOf(today), 7);
    t.range = { start: mon, end: addDays(mon, 6) };
    t.rangeKind = "week";
  } else if (/\bhom nay\b|\btoday\b/.test(f)) {
    t.range = { start: today, end: today };
    t.rangeKind = "today";
  } else if (asksOverdue(f)) {
    t.range = { start: addDays(today, -OVERDUE_LOOKBACK_DAYS), end: addDays(today, -1) };
    t.rangeKind = "overdue";
  } else if (/\bsap (toi|den han|het han|den)\b|\bupcoming\b|\bcoming up\b|\bsoon\b/.test(f)) {
    t.range = { start: today, end: addDays(today, UPCOMING_DAYS) };
    t.rangeKind = "upcoming";
  } else return;
  if (a.intent === "unknown" || a.intent === "deadline" || a.intent === "fact") a.intent = "list";
}

/**
 * A period and "what / which" without a value asked ("tháng 11 có hạn gì?", "quý III phải làm những
 * việc gì?", "cuối tháng 8 phải xong gì?"): a list of what is due then.
 */
export function periodAsksList(a: Analysis): void {
  const t = a.time;
  if (!(t.quarter || t.month || t.monthSpan || t.date || t.half || t.range)) return;
  if (a.intent === "list" || a.intent === "owner" || a.intent === "target") return;
  const f = foldVietnamese(a.question);
  if (/\b(?:bao nhieu|ai|who|how many|how much|percent|ty le|ngay nao|khi nao|bao gio|when)\b/.test(f)) return;
  if (/\b(?:gi|nao|nhung|cac viec|what|which|anything)\b/.test(f)) a.intent = "list";
}
