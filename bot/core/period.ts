// "/han tháng 3/2024", "/han quý III", "/han 2024", "/han tháng này": the window of days asked for.
// Reads folded text, so "quy 3", "Quý III/2024" and "Q3 2024" mean the same.
import { addDays } from "./common.ts";
import { simplify } from "./resolve-unit.ts";

export interface Period {
  from: string; // ISO day, inclusive
  to: string; // ISO day, inclusive
  label: string; // "quý III/2024"
  kind: "month" | "quarter" | "year";
  /** false when the year was not typed (the caller may try another year of the plans) */
  yearGiven: boolean;
  month?: number;
  quarter?: number;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const ROMAN_OUT = ["", "I", "II", "III", "IV"];

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, "0");

export function monthPeriod(year: number, month: number, yearGiven = true): Period {
  return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}`, label: `tháng ${month}/${year}`, kind: "month", yearGiven, month };
}

export function quarterPeriod(year: number, quarter: number, yearGiven = true): Period {
  const m = quarter * 3;
  return { from: `${year}-${pad(m - 2)}-01`, to: `${year}-${pad(m)}-${pad(lastDay(year, m))}`, label: `quý ${ROMAN_OUT[quarter]}/${year}`, kind: "quarter", yearGiven, quarter };
}

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31`, label: `năm ${year}`, kind: "year", yearGiven: true };
}

/** The same month or quarter in another year. */
export function inYear(p: Period, year: number): Period {
  if (p.kind === "month") return monthPeriod(year, p.month!, false);
  if (p.kind === "quarter") return quarterPeriod(year, p.quarter!, false);
  return yearPeriod(year);
}

/** Finds a period in the text; `rest` is the text without it (it may name an agency). */
export function parsePeriod(text: string, today: string): { period: Period | null; rest: string } {
  const q = simplify(text);
  const [ty, tm] = today.split("-").map(Number);
  const tq = Math.ceil(tm / 3);
  const cut = (m: RegExpExecArray) => (q.slice(0, m.index) + " " + q.slice(m.index + m[0].length)).replace(/\s+/g, " ").trim();
  const year = (s: string | undefined) => (s ? Number(s) : ty);

  let m = /\b(?:thang|month)\s+(nay|sau|toi)\b|\b(this|next) month\b/.exec(q);
  if (m) {
    const next = m[1] ? m[1] !== "nay" : m[2] === "next";
    const d = next ? addDays(`${today.slice(0, 7)}-01`, 32) : today;
    const [y, mo] = d.split("-").map(Number);
    return { period: monthPeriod(y, mo), rest: cut(m) };
  }
  m = /\b(?:quy|quarter)\s+(nay|sau|toi)\b|\b(this|next) quarter\b/.exec(q);
  if (m) {
    const next = m[1] ? m[1] !== "nay" : m[2] === "next";
    const [y, qq] = next ? (tq === 4 ? [ty + 1, 1] : [ty, tq + 1]) : [ty, tq];
    return { period: quarterPeriod(y, qq), rest: cut(m) };
  }
  m = /\b(?:quy|q|quarter)\s*(iv|iii|ii|i|[1-4])\b(?:\s+(?:nam\s+)?(\d{4})\b)?/.exec(q);
  if (m) {
    const n = ROMAN[m[1]] ?? Number(m[1]);
    return { period: quarterPeriod(year(m[2]), n, !!m[2]), rest: cut(m) };
  }
  m = /\b(?:thang|t|month)\s*(\d{1,2})\b(?:\s+(?:nam\s+)?(\d{4})\b)?/.exec(q);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { period: monthPeriod(year(m[2]), Number(m[1]), !!m[2]), rest: cut(m) };
  m = /\b(\d{1,2})\s+(\d{4})\b/.exec(q);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { period: monthPeriod(Number(m[2]), Number(m[1])), rest: cut(m) };
  m = /\b(?:nam|year\s+)?\s*((?:19|20)\d{2})\b/.exec(q);
  if (m) return { period: yearPeriod(Number(m[1])), rest: cut(m) };
  return { period: null, rest: q };
}
