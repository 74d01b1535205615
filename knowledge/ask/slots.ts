// Time slots of a question: quarter, half year, whole year, month, exact date, years.
// Reads the folded question and blanks what it used, so the rest is the subject.

export interface TimeSlots {
  quarter?: number; // 1–4
  half?: boolean; // "6 tháng", H1
  annual?: boolean; // "báo cáo năm", "cả năm", annual
  month?: number; // 1–12
  date?: { d: number; m: number; y?: number };
  years: number[];
  /** "từ tháng 4 đến tháng 6": first and last month */
  monthSpan?: [number, number];
  /** "đầu/giữa/cuối tháng 10": a third of the month */
  monthPart?: "early" | "mid" | "late";
  /** an explicit window (from relative words like "sắp tới") */
  range?: { start: string; end: string };
  /** what the range stands for, to name it in the answer */
  rangeKind?: "overdue" | "upcoming" | "week" | "today";
  /** a quarter, month or day that cannot exist ("quý 5", "tháng 13", "31/2") */
  invalid?: string;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8 };
const ORDINAL: Record<string, number> = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4, fifth: 5, "5th": 5 };
const MONTHS_EN: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

function validDay(d: number, m: number, y: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Extracts time slots from a folded question (lower case, no diacritics, punctuation kept).
 * Returns the slots and the text with those expressions blanked out.
 */
export function readTimeSlots(folded: string): { slots: TimeSlots; rest: string } {
  let s = ` ${folded} `;
  const slots: TimeSlots = { years: [] };
  const bad = (what: string) => (slots.invalid ??= what);
  // fn may return what stays in the text (e.g. "bao cao" of "báo cáo năm")
  const cut = (re: RegExp, fn: (m: string[]) => string | void) => {
    s = s.replace(re, (...args) => ` ${fn(args.slice(0, -2) as string[]) ?? ""} `);
  };
  const year = (y: string | undefined) => {
    if (y === undefined) return undefined;
    const n = Number(y);
    if (!slots.years.includes(n)) slots.years.push(n);
    return n;
  };

  // "ngày 15 tháng 12 năm 2021"
  cut(/\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?\b/g, (m) => {
    const y = year(m[3]);
    if (!validDay(Number(m[1]), Number(m[2]), y ?? 2024)) bad("date");
    else slots.date = { d: Number(m[1]), m: Number(m[2]), y };
  });
  // "15/01/2024", "15/3"
  cut(/(?<![\d/.:-])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\d/])/g, (m) => {
    const y = year(m[3]);
    if (!validDay(Number(m[1]), Number(m[2]), y ?? 2024)) bad("date");
    else slots.date = { d: Number(m[1]), m: Number(m[2]), y };
  });
  // half year: "6 tháng (đầu năm)", "sáu tháng", "nửa năm", H1, half-year
  cut(/\b(?:0?6|sau)\s+thang(?:\s+dau\s+nam)?\b|\bnua\s+(?:dau\s+)?nam\b|\bh1\b|\bhalf[\s-]?year(?:ly)?\b|\b(?:six|6)[\s-]month(?:s)?\b/g, () => {
    slots.half = true;
  });
  // quarters
  cut(/\bquy\s*(iv|viii|vii|vi|v|iii|ii|i|\d{1,2})\b(?:\s*(?:\/|nam)\s*(\d{4})\b)?/g, (m) => {
    const q = ROMAN[m[1]] ?? Number(m[1]);
    year(m[2]);
    if (q >= 1 && q <= 4) slots.quarter = q;
    else bad("quarter");
  });
  cut(/\bq\s?(\d{1,2})\b(?:\s*[/-]?\s*(\d{4})\b)?/g, (m) => {
    const q = Number(m[1]);
    year(m[2]);
    if (q >= 1 && q <= 4) slots.quarter = q;
    else bad("quarter");
  });
  cut(/\bquarter\s+(\d{1,2})\b|\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)\s+quarter\b/g, (m) => {
    const q = m[1] ? Number(m[1]) : ORDINAL[m[2]];
    if (q >= 1 && q <= 4) slots.quarter = q;
    else bad("quarter");
  });
  // whole year
  cut(/\bbao\s+cao\s+(?:hang\s+)?nam\b/g, () => {
    slots.annual = true;
    return "bao cao";
  });
  cut(/\b(?:ca\s+nam|annual|yearly|full[\s-]year)\b/g, () => {
    slots.annual = true;
  });
  // month spans: "từ tháng 4 đến (hết) tháng 6", "tháng 4 - tháng 6", "tháng 4 đến 6"
  cut(/\b(?:tu\s+)?thang\s+(\d{1,2})\s*(?:den|toi|-|–)\s*(?:het\s+)?(?:thang\s+)?(\d{1,2})\b(?:\s*(?:\/|nam)\s*(\d{4})\b)?/g, (m) => {
    const a = Number(m[1]);
    const b = Number(m[2]);
    year(m[3]);
    if (a >= 1 && a <= 12 && b >= a && b <= 12) slots.monthSpan = [a, b];
    else bad("month");
  });
  // a third of a month: "đầu tháng 10", "giữa tháng 9", "cuối tháng 8"
  cut(/\b(dau|giua|cuoi)\s+thang\s+(\d{1,2})\b(?:\s*(?:\/|nam)\s*(\d{4})\b)?/g, (m) => {
    const mo = Number(m[2]);
    year(m[3]);
    if (mo < 1 || mo > 12) return void bad("month");
    slots.month = mo;
    slots.monthPart = m[1] === "dau" ? "early" : m[1] === "giua" ? "mid" : "late";
  });
  // "cuối năm 2024" is its last quarter, "đầu năm" its first (not "6 tháng đầu năm", read above)
  cut(/\b(cuoi|dau)\s+nam\b(?:\s+(\d{4})\b)?/g, (m) => {
    year(m[2]);
    if (!slots.quarter && !slots.half) slots.quarter = m[1] === "cuoi" ? 4 : 1;
  });
  // months: "tháng 1/2024", "tháng 01 năm 2024", "tháng 7"
  cut(/\bthang\s+(\d{1,2})\b(?:\s*(?:\/|nam)\s*(\d{4})\b)?/g, (m) => {
    const mo = Number(m[1]);
    year(m[2]);
    if (mo >= 1 && mo <= 12) slots.month = mo;
    else bad("month");
  });
  cut(/\b(january|february|march|april|june|july|august|september|sept|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\b(?:\s+(\d{4})\b)?/g, (m) => {
    slots.month = MONTHS_EN[m[1]];
    year(m[2]);
  });
  // year ranges and years (not inside document numbers like 60/2021 or 9001:2015)
  cut(/(?<![\d/.:])((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})(?![\d/])/g, (m) => {
    year(m[1]);
    year(m[2]);
  });
  cut(/(?<![\d/.:-])((?:19|20)\d{2})(?![\d/])/g, (m) => {
    year(m[1]);
  });
  return { slots, rest: s.trim() };
}

/** The window [start, end] (ISO) a quarter, half, month or year slot covers in year `y`. */
export function slotWindow(slots: TimeSlots, y: number): { start: string; end: string } | null {
  const pad = (n: number) => String(n).padStart(2, "0");
  const endOf = (m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (slots.range) return slots.range;
  if (slots.date) {
    const iso = `${slots.date.y ?? y}-${pad(slots.date.m)}-${pad(slots.date.d)}`;
    return { start: iso, end: iso };
  }
  if (slots.monthSpan) {
    const [a, b] = slots.monthSpan;
    return { start: `${y}-${pad(a)}-01`, end: `${y}-${pad(b)}-${endOf(b)}` };
  }
  if (slots.month) {
    const m = pad(slots.month);
    // thirds of a month: days 1–10, 11–20, 21–end
    if (slots.monthPart === "early") return { start: `${y}-${m}-01`, end: `${y}-${m}-10` };
    if (slots.monthPart === "mid") return { start: `${y}-${m}-11`, end: `${y}-${m}-20` };
    if (slots.monthPart === "late") return { start: `${y}-${m}-21`, end: `${y}-${m}-${endOf(slots.month)}` };
    return { start: `${y}-${m}-01`, end: `${y}-${m}-${endOf(slots.month)}` };
  }
  if (slots.quarter) {
    const m1 = slots.quarter * 3 - 2;
    return { start: `${y}-${pad(m1)}-01`, end: `${y}-${pad(m1 + 2)}-${endOf(m1 + 2)}` };
  }
  if (slots.half) return { start: `${y}-01-01`, end: `${y}-06-30` };
  return null;
}
