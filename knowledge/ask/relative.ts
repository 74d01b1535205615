// "tháng này", "quý tới", "sắp tới": time words that need today's date (given by the caller).
import { foldVietnamese } from "../text.ts";
import type { Analysis } from "./analyze.ts";

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Fills the time slots from relative words, when the question gave no explicit period. */
export function relativeTime(a: Analysis, today: string): void {
  const t = a.time;
  if (t.quarter || t.month || t.date || t.half || t.range || t.invalid) return;
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
  } else if (/\bsap (toi|den han|het han)\b|\bupcoming\b|\bcoming up\b|\bsoon\b/.test(f)) {
    t.range = { start: today, end: addDays(today, 30) };
  } else return;
  if (a.intent === "unknown" || a.intent === "deadline") a.intent = "list";
}
