// Deadlines: turn the plans' time expressions into {kind, start, due, text} (DESIGN.md "Deadline model").
// Rule one: never a wrong date. Anything impossible or unreadable becomes kind "unknown".
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat.js";
import type { Deadline } from "./schema.ts";
import { foldVietnamese } from "./text.ts";

dayjs.extend(customParseFormat);

export interface DeadlineContext {
  /** the plan's year, used when the text gives none ("15/12", "Quý IV") */
  year: number;
}

type Recurring = NonNullable<Deadline["recurring"]>;
type DatedKind = "date" | "month" | "quarter" | "year";

/** One dated piece of an expression: a day, a month, a quarter (or half) or a year window. */
interface Part {
  kind: DatedKind;
  start: string;
  due: string;
}

// More specific first: "Thường xuyên, Quý IV, trước 15/12" is about 15/12.
const SPECIFICITY: DatedKind[] = ["date", "month", "quarter", "year"];
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/** The plan's words, cleaned for quoting: NFC, no Markdown bold, one line. */
export function cleanDeadlineText(text: string): string {
  return text.normalize("NFC").replace(/\*+/g, "").replace(/\s+/g, " ").trim();
}

/**
 * Folded and compacted: no diacritics, lower case, no spaces, so PDF splits ("Qu ý", "Đế n")
 * still read. Spaces between two numbers become "_" so "20 24" never turns into 2024.
 */
function compact(text: string): string {
  return (
    foldVietnamese(text.normalize("NFC"))
      .replace(/\*+/g, "")
      // Roman quarters become digits while word ends are still visible: "Quý I và…" is not "quý IV"
      .replace(/q\s*u\s*y\s*(iv|iii|ii|i)(?![a-z])/g, (_m, r: string) => `quy${ROMAN[r]}`)
      .replace(/(\d)\s+(?=\d)/g, "$1_")
      .replace(/\s+/g, "")
  );
}

function iso(y: number, m: number, d: number): string | null {
  const s = `${y}-${m}-${d}`;
  const day = dayjs(s, "YYYY-M-D", true); // strict: 31/4 and 29/2/2023 are rejected
  return day.isValid() ? day.format("YYYY-MM-DD") : null;
}

function endOfMonth(y: number, m: number): string {
  return dayjs(`${y}-${m}-1`, "YYYY-M-D", true).endOf("month").format("YYYY-MM-DD");
}

/** "2024" → 2024, "24" → 2024; anything else is not a year we trust. */
function readYear(s: string | undefined): number | null {
  if (s === undefined) return null;
  const y = s.length === 2 ? 2000 + Number(s) : s.length === 4 ? Number(s) : NaN;
  return y >= 1990 && y <= 2100 ? y : null;
}

function monthWindow(y: number, from: number, to: number): Part {
  const kind: DatedKind = from === to ? "month" : "quarter";
  return { kind, start: iso(y, from, 1)!, due: endOfMonth(y, to) };
}

/** Cuts every match out of `state.rest` (so later patterns do not read it again). */
function take(state: { rest: string }, re: RegExp, onMatch: (m: RegExpExecArray) => void): void {
  state.rest = state.rest.replace(re, (...args) => {
    onMatch(args as unknown as RegExpExecArray);
    return " ";
  });
}

interface Reading {
  parts: Part[];
  invalid: boolean; // an impossible date or month was written: never guess
  rest: string;
}

function readDatedParts(c: string, ctx: DeadlineContext): Reading {
  const state = { rest: c };
  const parts: Part[] = [];
  let invalid = false;
  const yearOr = (s: string | undefined) => (s === undefined ? ctx.year : readYear(s));

  // "ngày 15 tháng 12 năm 2021"
  take(state, /ngay(\d{1,2})thang(\d{1,2})nam(\d{4})(?!\d)/g, (m) => {
    const d = iso(Number(m[3]), Number(m[2]), Number(m[1]));
    if (d) parts.push({ kind: "date", start: d, due: d });
    else invalid = true;
  });

  // "6 tháng đầu năm 2024" (H1), "6 tháng cuối năm" (H2)
  take(state, /(?<!\d)0?6thang(dau|cuoi)nam(?:(\d{4})(?!\d))?/g, (m) => {
    const y = yearOr(m[2]);
    if (y === null) invalid = true;
    else parts.push(m[1] === "dau" ? monthWindow(y, 1, 6) : monthWindow(y, 7, 12));
  });

  // "Tháng 1/2024", "tháng 01 năm 2024", "tháng 12"
  take(state, /thang(\d{1,2})(?:(?:\/|nam)(\d{4}|\d{2}))?(?![\d/])/g, (m) => {
    const month = Number(m[1]);
    const y = yearOr(m[2]);
    if (y === null || month < 1 || month > 12) invalid = true;
    else parts.push(monthWindow(y, month, month));
  });

  // "Quý I/2024", "Quý IV năm 2024", "quý 3/2024", "Quý IV" (roman already turned to digits)
  take(state, /quy([1-4])(?!\d)(?:(?:\/|nam)(\d{4}|\d{2})(?!\d))?/g, (m) => {
    const q = Number(m[1]);
    const y = yearOr(m[2]);
    if (y === null) invalid = true;
    else parts.push({ ...monthWindow(y, q * 3 - 2, q * 3), kind: "quarter" });
  });

  // Short dates "20/01/2024", "15/3", "15/3/24"; a missing year is filled in below.
  const days: { d: number; m: number; y: number | null; bad: boolean }[] = [];
  take(state, /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g, (m) => {
    const y = m[3] === undefined ? null : readYear(m[3]);
    days.push({ d: Number(m[1]), m: Number(m[2]), y, bad: m[3] !== undefined && y === null });
  });

  // Years: "giai đoạn 2021-2025", "Đến năm 2025", "năm 2024", or the bare year alone.
  const years: Part[] = [];
  take(state, /(?<!\d)(\d{4})-(\d{4})(?!\d)/g, (m) => {
    const [a, b] = [readYear(m[1]), readYear(m[2])];
    if (a === null || b === null || a > b) invalid = true;
    else years.push({ kind: "year", start: iso(a, 1, 1)!, due: iso(b, 12, 31)! });
  });
  take(state, /(?:(?<!viet)nam|den|^)(\d{4})(?!\d)/g, (m) => {
    const y = readYear(m[1]);
    if (y === null) invalid = true;
    else years.push({ kind: "year", start: iso(y, 1, 1)!, due: iso(y, 12, 31)! });
  });

  // A day without a year takes the year written next to it ("15/3; 15/6 và 15/12/2024"),
  // else the one before it, else "năm 2024" in the text, else the plan's year.
  const textYear = years.length > 0 ? Number(years[years.length - 1].due.slice(0, 4)) : ctx.year;
  days.forEach((day, i) => {
    const next = days.slice(i + 1).find((o) => o.y !== null)?.y;
    const prev = days.slice(0, i).reverse().find((o) => o.y !== null)?.y;
    const y = day.y ?? next ?? prev ?? textYear;
    const d = day.bad ? null : iso(y, day.m, day.d);
    if (d) parts.push({ kind: "date", start: d, due: d });
    else invalid = true;
  });

  parts.push(...years);
  return { parts, invalid, rest: state.rest };
}

/** Periodic words; more than one period ("hàng quý, 06 tháng, hàng năm") is just "periodic". */
function readRecurring(c: string): { recurring?: Recurring; rest: string } {
  const state = { rest: c };
  const found = new Set<Recurring>();
  let periodic = false;
  take(state, /dinhky/g, () => (periodic = true));
  take(state, /(?:(?<!t)hang|moi)thang(?!\d)/g, () => found.add("monthly"));
  take(state, /(?:(?<!t)hang|moi)quy/g, () => found.add("quarterly"));
  take(state, /(?<!\d)0?6thang(?!\d|dau|cuoi)/g, () => found.add("half-yearly"));
  take(state, /(?:(?<!t)hang|moi)nam(?!\d)/g, () => found.add("yearly"));
  take(state, /(?:(?<!t)hang|moi)tuan/g, () => (periodic = true));
  // "Báo cáo quý, 6 tháng và báo cáo năm": report kinds named without a number are periods too
  take(state, /baocaoquy(?!\d)/g, () => found.add("quarterly"));
  take(state, /baocaonam(?!\d)/g, () => found.add("yearly"));
  if (found.size === 1) return { recurring: [...found][0], rest: state.rest };
  if (found.size > 1 || periodic) return { recurring: "periodic", rest: state.rest };
  return { rest: state.rest };
}

const ONGOING = /thuongxuyen|(?<!t)hangngay|lientuc/;
const EVENT =
  /khico|khiduoc|khinhan|saukhi|theokehoach|theoyeucau|theochidao|theoquydinh|theotiendo|dotxuat/;

export function parseDeadline(text: string, ctx: DeadlineContext): Deadline {
  const clean = cleanDeadlineText(text);
  const unknown: Deadline = { kind: "unknown", start: null, due: null, text: clean };
  const { recurring, rest: afterRecurring } = readRecurring(compact(text));
  const { parts, invalid, rest } = readDatedParts(afterRecurring, ctx);

  // An impossible date, or numbers we could not place, would mean guessing.
  if (invalid || /\d/.test(rest)) return unknown;

  const flags = recurring ? { recurring } : {};
  const kind = SPECIFICITY.find((k) => parts.some((p) => p.kind === k));
  if (kind) {
    const chosen = parts.filter((p) => p.kind === kind);
    const starts = chosen.map((p) => p.start).sort();
    const dues = [...new Set(chosen.map((p) => p.due))].sort();
    const deadline: Deadline = { kind, start: starts[0], due: dues[dues.length - 1], text: clean, ...flags };
    if (dues.length > 1 && !isRange(rest)) deadline.dates = dues;
    return deadline;
  }
  if (recurring) return { kind: "recurring", start: null, due: null, text: clean, recurring };
  if (ONGOING.test(rest)) return { kind: "ongoing", start: null, due: null, text: clean };
  if (EVENT.test(rest)) return { kind: "event", start: null, due: null, text: clean };
  return unknown;
}

/** "từ ngày 15/12/2023 đến trước ngày 14/3/2024" is one window, not two deadlines. */
function isRange(rest: string): boolean {
  return /tu(ngay)?\s*den/.test(rest);
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function ymd(isoDate: string): [number, number, number] {
  const [y, m, d] = isoDate.split("-").map(Number);
  return [y, m, d];
}

/** "2024-09-15" → "15/9/2024", as the plans write dates. */
export function formatDateVi(isoDate: string): string {
  const [y, m, d] = ymd(isoDate);
  return `${d}/${m}/${y}`;
}

/** "2024-09-15" → "15 Sep 2024". */
export function formatDateEn(isoDate: string): string {
  const [y, m, d] = ymd(isoDate);
  return `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** Does the plan's text already spell out this exact day (15/9/2024, 15/09/2024, 15/9/24)? */
function mentionsDate(c: string, isoDate: string): boolean {
  const [y, m, d] = ymd(isoDate);
  const re = new RegExp(`(?<![\\d/])0?${d}/0?${m}/(${y}|${y % 100})(?![\\d/])`);
  return re.test(c);
}

/** "15 Mar; 15 Jun; 15 Dec 2024" when one year, else each date in full. */
function formatDateListEn(dates: string[]): string {
  const years = new Set(dates.map((x) => x.slice(0, 4)));
  if (years.size > 1) return dates.map(formatDateEn).join("; ");
  return `${dates.map((x) => formatDateEn(x).slice(0, -5)).join("; ")} ${[...years][0]}`;
}

/** Quarter or half-year label from the window: "Q3/2024", "H1/2024". */
function windowLabelEn(start: string, due: string): string {
  const [y, m1] = ymd(start);
  const [, m2] = ymd(due);
  if (m2 - m1 === 5) return `H${m2 / 6}/${y}`;
  if (m2 - m1 === 2) return `Q${m2 / 3}/${y}`;
  return `${MONTHS_EN[m1 - 1]}–${MONTHS_EN[m2 - 1]} ${y}`;
}

const RECURRING_EN: Record<Recurring, string> = {
  monthly: "monthly",
  quarterly: "quarterly",
  "half-yearly": "every 6 months",
  yearly: "yearly",
  periodic: "periodic",
};

/** What answers and reminders print: the plan's words, then the concrete end when it adds something. */
export function formatDeadline(d: Deadline, lang: "vi" | "en"): string {
  const text = cleanDeadlineText(d.text);
  return lang === "vi" ? formatVi(d, text) : formatEn(d, text);
}

function formatVi(d: Deadline, text: string): string {
  if (!d.due || d.kind === "year") return text || formatYearVi(d);
  if (d.kind === "date" && mentionsDate(compact(text), d.due)) return text;
  const end = `đến ${formatDateVi(d.due)}`;
  return text ? `${text} (${end})` : end;
}

function formatYearVi(d: Deadline): string {
  return d.due ? `Năm ${d.due.slice(0, 4)}` : "";
}

function formatEn(d: Deadline, text: string): string {
  const quoted = text ? ` (${text})` : "";
  const every = d.recurring ? `, ${RECURRING_EN[d.recurring]}` : "";
  if (!d.start || !d.due) {
    const label = { recurring: RECURRING_EN[d.recurring ?? "periodic"], ongoing: "ongoing", event: "when it occurs" };
    return `${label[d.kind as keyof typeof label] ?? "unclear"}${quoted}`;
  }
  const by = ` (by ${formatDateEn(d.due)})`;
  switch (d.kind) {
    case "date":
      if (d.dates && d.dates.length > 1) return `${formatDateListEn(d.dates)}${every}`;
      if (d.start !== d.due) return `${formatDateEn(d.start)} – ${formatDateEn(d.due)}${every}`;
      return `by ${formatDateEn(d.due)}${every}`;
    case "month": {
      const [y, m] = ymd(d.due);
      return `${MONTHS_EN[m - 1]} ${y}${every}${by}`;
    }
    case "quarter":
      return `${windowLabelEn(d.start, d.due)}${every}${by}`;
    case "year": {
      const [y1, y2] = [d.start.slice(0, 4), d.due.slice(0, 4)];
      return `${y1 === y2 ? `by end of ${y2}` : `${y1}–${y2}`}${every}`;
    }
    default:
      return `unclear${quoted}`;
  }
}
