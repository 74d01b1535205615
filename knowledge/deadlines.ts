// Deadlines: turn the plans' time expressions into {kind, start, due, text} (DESIGN.md "Deadline model").
// Rule one: never a wrong date. Anything impossible or unreadable becomes kind "unknown".
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat.js";
import type { Deadline, DeadlineRule, RelativeDeadline } from "./schema.ts";
import { foldVietnamese } from "./text.ts";

dayjs.extend(customParseFormat);

export interface DeadlineContext {
  /** the plan's year, used when the text gives none ("15/12", "Quý IV", "hằng tháng") */
  year: number;
}

type Recurring = NonNullable<Deadline["recurring"]>;
type DatedKind = "date" | "month" | "quarter" | "year";
type Every = DeadlineRule["every"];

/** One dated piece of an expression: a day, a month, a quarter (or half) or a year window, and where it was written. */
interface Part {
  kind: DatedKind;
  start: string;
  due: string;
  at: number;
  end: number;
  /** joined from a range ("Quý I - Quý II"): not opened by a "từ" before it */
  ranged?: boolean;
}

// More specific first: "Thường xuyên, Quý IV, trước 15/12" is about 15/12.
const SPECIFICITY: DatedKind[] = ["date", "month", "quarter", "year"];
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const RECURRING_OF: Record<Every, Recurring> = { month: "monthly", quarter: "quarterly", half: "half-yearly", year: "yearly" };
const MONTHS_IN: Record<Every, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** The plan's words, cleaned for quoting: NFC, no Markdown bold, one line. */
export function cleanDeadlineText(text: string): string {
  return text.normalize("NFC").replace(/\*+/g, "").replace(/\s+/g, " ").trim();
}

/**
 * Folded character by character, with the place of each folded character in `s`, so a match
 * found without diacritics can be cut out of the plan's own words.
 */
export function foldKeepingPlaces(s: string): { folded: string; at: number[] } {
  let folded = "";
  const at: number[] = [];
  let i = 0;
  for (const ch of s) {
    for (const f of foldVietnamese(ch)) {
      folded += f;
      at.push(i);
    }
    i += ch.length;
  }
  at.push(s.length);
  return { folded, at };
}

// Connectors between the items of a list or range once spaces are gone: "-", "và", "đến", ",".
const JOIN = String.raw`(?:-|–|,|;|va|hoac|den|toi)`;

/**
 * Folded and compacted: no diacritics, lower case, no spaces, so PDF splits ("Qu ý", "Đế n")
 * still read. Spaces between two numbers become "_" so "20 24" never turns into 2024.
 * The short forms of lists are spelled out: "Quý II-III" → "quy2-quy3", "tháng 3, 6, 9/2025" → "thang3,thang6,thang9/2025".
 */
function compact(text: string): string {
  return (
    foldVietnamese(text.normalize("NFC"))
      .replace(/\*+/g, "")
      // Roman quarters become digits while word ends are still visible: "Quý I và…" is not "quý IV"
      .replace(/q\s*u\s*y\s*(iv|iii|ii|i)(?![a-z])/g, (_m, r: string) => `quy${ROMAN[r]}`)
      .replace(new RegExp(String.raw`(quy\s*[1-4])((?:\s*${JOIN}\s*(?:iv|iii|ii|i|[1-4])(?![a-z\d]))+)`, "g"), (_m, head: string, tail: string) =>
        head + tail.replace(new RegExp(String.raw`(${JOIN}\s*)(iv|iii|ii|i|[1-4])(?![a-z\d])`, "g"), (_n, sep: string, r: string) => `${sep}quy${ROMAN[r] ?? r}`),
      )
      .replace(/(\d)\s+(?=\d)/g, "$1_")
      .replace(/\s+/g, "")
      // a month list item is never a day of a date: "tháng 3, 15/6" keeps 15/6 whole
      .replace(new RegExp(String.raw`thang\d{1,2}(?:${JOIN}(?:thang)?\d{1,2}(?!\d)(?!\/\d{1,2}\/)(?!\/\d(?!\d)))+`, "g"), (m) =>
        m.replace(new RegExp(String.raw`(${JOIN})(?:thang)?(\d{1,2})(?=\D|$)`, "g"), (_n, sep: string, n: string) => `${sep}thang${n}`),
      )
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

function monthWindow(y: number, from: number, to: number): { kind: DatedKind; start: string; due: string } {
  const kind: DatedKind = from === to ? "month" : "quarter";
  return { kind, start: iso(y, from, 1)!, due: endOfMonth(y, to) };
}

interface State {
  /** the compact text; what has been read is blanked out with spaces, so places stay put */
  rest: string;
}

/** Blanks every match out of `state.rest` (so later patterns do not read it again), keeping places. */
function take(state: State, re: RegExp, onMatch: (m: RegExpExecArray, at: number) => void): void {
  state.rest = state.rest.replace(re, (...args) => {
    const at = args.find((a) => typeof a === "number") as number;
    onMatch(args as unknown as RegExpExecArray, at);
    return " ".repeat(args[0].length);
  });
}

// ---------------------------------------------------------------------------
// Relative deadlines: "Chậm nhất 15 ngày kể từ ngày luật được công bố", "sau 10 ngày làm việc kể từ …".

const RELATIVE =
  /(?<![\d/])(\d{1,3})\s*(n\s*g\s*a\s*y\s*l\s*a\s*m\s*v\s*i\s*e\s*c|n\s*g\s*a\s*y|t\s*h\s*a\s*n\s*g|t\s*u\s*a\s*n)\s*,?\s*(?:(?:k\s*e|t\s*i\s*n\s*h)\s*t\s*u\s+|(?:t\s*u|s\s*a\s*u)\s+(?=k\s*h\s*i|n\s*g\s*a\s*y|t\s*h\s*o\s*i\s*d\s*i\s*e\s*m))([^;()]*?)\s*[.,]?\s*(?=[;()]|$)/;

/** Cuts a relative deadline out of the cleaned text; the words it counts from are kept as written. */
function readRelative(clean: string): { relative?: RelativeDeadline; rest: string } {
  const { folded, at } = foldKeepingPlaces(clean);
  const m = RELATIVE.exec(folded);
  if (!m || m[3].trim() === "") return { rest: clean };
  const n = Number(m[1]);
  const unit = m[2].replace(/\s+/g, "");
  const fromStart = m.index + m[0].indexOf(m[3], m[1].length + m[2].length);
  const from = clean.slice(at[fromStart], at[fromStart + m[3].length]).trim();
  const relative: RelativeDeadline =
    unit === "thang"
      ? { months: n, workingDays: false, from }
      : { days: unit === "tuan" ? n * 7 : n, workingDays: unit === "ngaylamviec", from };
  if (n === 0) return { rest: clean };
  const rest = `${clean.slice(0, at[m.index])} ${clean.slice(at[m.index + m[0].length])}`;
  return { relative, rest };
}

// ---------------------------------------------------------------------------
// Recurrences

/** Periodic words; more than one period ("hàng quý, 06 tháng, hàng năm") is just "periodic". */
function readRecurring(state: State): Recurring | undefined {
  const found = new Set<Recurring>();
  let periodic = false;
  take(state, /dinhky/g, () => (periodic = true));
  take(state, /(?:(?<!t)hang|moi)thang(?!\d)/g, () => found.add("monthly"));
  take(state, /(?:(?<!t)hang|moi)quy/g, () => found.add("quarterly"));
  take(state, /(?<![\d_])0?6thang(?:motlan|\/lan)?(?!\d|dau|cuoi)/g, () => found.add("half-yearly"));
  take(state, /(?:(?<!t)hang|moi)nam(?!\d)/g, () => found.add("yearly"));
  take(state, /(?:(?<!t)hang|moi)tuan/g, () => (periodic = true));
  // "Báo cáo quý, 6 tháng và báo cáo năm": report kinds named without a number are periods too
  take(state, /baocaoquy(?!\d)/g, () => found.add("quarterly"));
  take(state, /baocaonam(?!\d)/g, () => found.add("yearly"));
  if (found.size === 1) return [...found][0];
  if (found.size > 1 || periodic) return "periodic";
  return undefined;
}

const ORDINAL: Record<string, number> = { nhat: 1, hai: 2, ba: 3 };
const PERIOD_WORD: Record<string, Every | null> = { quy: "quarter", nam: "year", "6thang": "half", "06thang": "half", nuanam: "half", ky: null };

interface MonthOfPeriod {
  monthOfPeriod: NonNullable<DeadlineRule["monthOfPeriod"]>;
  /** null: "tháng cuối kỳ", the period comes from the recurring words */
  every: Every | null;
  next: boolean;
}

/** "(của) tháng cuối quý", "tháng đầu của quý sau", "tháng thứ hai mỗi quý", "tháng cuối kỳ". */
function readMonthOfPeriod(state: State): MonthOfPeriod | null | "invalid" {
  const found: MonthOfPeriod[] = [];
  take(
    state,
    /(?:cua)?(?<!(?:^|[^y\d_])[\d_]{1,3})thang(dau|cuoi|thu(?:nhat|hai|ba|\d{1,2}))(?:tien|cung)?(?:cua)?(?:moi|hang|cac)?(quy|ky|nam|0?6thang|nuanam)(sau|tieptheo|ketiep)?(?!\d)/g,
    (m) => {
      const which = m[1] === "dau" ? "first" : m[1] === "cuoi" ? "last" : (ORDINAL[m[1].slice(3)] ?? Number(m[1].slice(3)));
      found.push({ monthOfPeriod: which, every: PERIOD_WORD[m[2]], next: m[3] !== undefined });
    },
  );
  if (found.length > 1) return "invalid";
  const f = found[0];
  if (!f) return null;
  if (typeof f.monthOfPeriod === "number" && f.every && (f.monthOfPeriod < 1 || f.monthOfPeriod > MONTHS_IN[f.every])) return "invalid";
  return f;
}

function monthsOf(rule: DeadlineRule): number[] {
  const size = MONTHS_IN[rule.every];
  const offset = rule.monthOfPeriod === "first" || rule.monthOfPeriod === undefined ? 0 : rule.monthOfPeriod === "last" ? size - 1 : rule.monthOfPeriod - 1;
  const out: number[] = [];
  for (let first = 1; first <= 12; first += size) out.push(first + offset + (rule.next ? size : 0));
  return out;
}

/**
 * Every day a rule gives for the periods of one year ("trước ngày 10 của tháng đầu quý sau" for
 * Quý IV falls in January of the next year); null when one of them does not exist (ngày 31 hằng tháng).
 */
export function ruleDates(rule: DeadlineRule, year: number): string[] | null {
  const out: string[] = [];
  for (const month of monthsOf(rule)) {
    const y = year + Math.floor((month - 1) / 12);
    const m = ((month - 1) % 12) + 1;
    const d = rule.day === undefined ? endOfMonth(y, m) : iso(y, m, rule.day);
    if (!d) return null;
    out.push(d);
  }
  return out;
}

/** "(trước) ngày 20" without a month: only a rule can place it. */
const LONE_DAY = /(?:truoc|chamnhat|vao|den|han)?ngay(\d{1,2})(?![\d/_])(?!thang\d)(?!nam\d)/g;

function readRule(state: State, mop: MonthOfPeriod | null | "invalid", recurring: Recurring | undefined): { rule?: DeadlineRule; invalid: boolean } {
  if (mop === "invalid") return { invalid: true };
  const days = [...state.rest.matchAll(LONE_DAY)];
  if (days.length > 1) return { invalid: false }; // two days for one rule: left unread, so unknown
  const day = days.length === 1 ? Number(days[0][1]) : undefined;
  const fromWords = recurring && recurring !== "periodic" ? (Object.keys(RECURRING_OF) as Every[]).find((e) => RECURRING_OF[e] === recurring) : undefined;
  let every: Every | undefined;
  if (mop) {
    // "tháng cuối kỳ" takes its period from the recurring words; "hằng tháng" has no month of a period
    every = mop.every ?? (fromWords === "month" ? undefined : fromWords);
  } else if (day !== undefined && fromWords === "month") every = "month";
  if (!every) return { invalid: false };
  const rule: DeadlineRule = { every };
  if (day !== undefined) rule.day = day;
  if (mop) {
    rule.monthOfPeriod = mop.monthOfPeriod;
    if (mop.next) rule.next = true;
  }
  if (day !== undefined) take(state, LONE_DAY, () => undefined);
  return { rule, invalid: false };
}

// ---------------------------------------------------------------------------
// Dated pieces

interface Piece {
  kind: DatedKind;
  at: number;
  end: number;
  /** the year written with the piece, null when it has none, NaN when it is not a year we trust */
  year: number | null;
  build: (y: number) => { start: string; due: string } | null;
}

function readDatedParts(state: State, ctx: DeadlineContext): { parts: Part[]; invalid: boolean } {
  const pieces: Piece[] = [];
  const years: Piece[] = [];
  const yearOf = (s: string | undefined) => (s === undefined ? null : (readYear(s) ?? NaN));
  const add = (kind: DatedKind, m: RegExpExecArray, at: number, year: number | null, build: Piece["build"]) =>
    pieces.push({ kind, at, end: at + m[0].length, year, build });
  const day = (d: number, mo: number) => (y: number) => {
    const x = iso(y, mo, d);
    return x ? { start: x, due: x } : null;
  };
  const months = (from: number, to: number, kind?: DatedKind) => (y: number) =>
    from >= 1 && to <= 12 ? { ...monthWindow(y, from, to), ...(kind ? { kind } : {}) } : null;

  // "ngày 15 tháng 12 năm 2021", "ngày 15 tháng 12"
  take(state, /ngay(\d{1,2})thang(\d{1,2})(?:nam(\d{4}))?(?![\d/_])/g, (m, at) => add("date", m, at, yearOf(m[3]), day(Number(m[1]), Number(m[2]))));
  // "6 tháng đầu năm 2024" (H1), "6 tháng cuối năm" (H2), "9 tháng đầu năm", "03 tháng cuối năm"
  take(state, /(?<![\d_])(\d{1,2})thang(dau|cuoi)nam(?:(\d{4})(?!\d))?/g, (m, at) => {
    const n = Number(m[1]);
    add("quarter", m, at, yearOf(m[3]), n < 1 || n > 12 ? () => null : m[2] === "dau" ? months(1, n) : months(13 - n, 12));
  });
  // "Tháng 1/2024", "tháng 01 năm 2024", "tháng 12"
  take(state, /thang(\d{1,2})(?:(?:\/|nam)(\d{4}|\d{2}))?(?![\d/])/g, (m, at) => add("month", m, at, yearOf(m[2]), months(Number(m[1]), Number(m[1]))));
  // "Quý I/2024", "Quý IV năm 2024", "quý 3/2024", "Quý IV" (roman already turned to digits)
  take(state, /quy([1-4])(?!\d)(?:(?:\/|nam)(\d{4}|\d{2})(?!\d))?/g, (m, at) => {
    const q = Number(m[1]);
    add("quarter", m, at, yearOf(m[2]), months(q * 3 - 2, q * 3, "quarter"));
  });
  // Short dates "20/01/2024", "15/3", "15/3/24"
  take(state, /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g, (m, at) => add("date", m, at, yearOf(m[3]), day(Number(m[1]), Number(m[2]))));

  // Years: "giai đoạn 2021-2025", "Đến năm 2025", "năm 2024", the bare year alone, "Cả năm".
  let invalid = false;
  const span = (a: number, b: number) => () => ({ start: iso(a, 1, 1)!, due: iso(b, 12, 31)! });
  take(state, /(?<!\d)(\d{4})-(\d{4})(?!\d)/g, (m, at) => {
    const [a, b] = [readYear(m[1]), readYear(m[2])];
    if (a === null || b === null || a > b) invalid = true;
    else years.push({ kind: "year", at, end: at + m[0].length, year: b, build: span(a, b) });
  });
  take(state, /(?:(?<!viet)nam|den|^)(\d{4})(?!\d)/g, (m, at) => {
    const y = readYear(m[1]);
    if (y === null) invalid = true;
    else years.push({ kind: "year", at, end: at + m[0].length, year: y, build: span(y, y) });
  });
  take(state, /(?<![a-z])(?:ca|trong|suot|quanh)nam(?![a-z\d])/g, (m, at) => add("year", m, at, null, (y) => span(y, y)()));

  // A piece without a year takes the year written next to it ("15/3; 15/6 và 15/12/2024",
  // "Quý I - Quý II/2026"), else the one before it, else "năm 2024" in the text, else the plan's year.
  const all = [...pieces, ...years].sort((a, b) => a.at - b.at);
  const written = all.filter((p) => p.year !== null && p.kind !== "year");
  const textYear = years.length > 0 ? years[years.length - 1].year! : ctx.year;
  const parts: Part[] = [];
  for (const p of all) {
    if (p.year !== null && Number.isNaN(p.year)) {
      invalid = true;
      continue;
    }
    const y = p.year ?? written.find((o) => o.at > p.at)?.year ?? [...written].reverse().find((o) => o.at < p.at)?.year ?? textYear;
    const w = p.build(y);
    if (!w) invalid = true;
    else parts.push({ kind: p.kind, start: w.start, due: w.due, at: p.at, end: p.end });
  }
  return { parts, invalid };
}

/** The words between two places, without the blanks of what was read. */
const between = (rest: string, from: number, to: number) => rest.slice(from, to).replace(/[\s()]+/g, "");

// "Quý I - Quý II", "tháng 3 đến tháng 5", "từ ngày 15/12/2023 đến trước ngày 14/3/2024", "Từ Quý II đến hết Quý IV"
const RANGE_GAP = /^(?:ngay)?(?:-|–|—|den|toi)(?:het|truoc)?(?:ngay|nam)?$/;
// "Từ tháng 4/2025" alone: from then on, to the end of that year
const FROM_GAP = /^[,;:.]*(?:thuchien|trienkhai|batdau|ke|apdung)?tu(?:ngay|nam)?$/;

/** Joins ranges into one window and opens "từ …" windows; returns null when a range runs backwards. */
function joinRanges(parts: Part[], rest: string): Part[] | null {
  const out: Part[] = [];
  for (const p of [...parts].sort((a, b) => a.at - b.at)) {
    const prev = out[out.length - 1];
    if (prev && RANGE_GAP.test(between(rest, prev.end, p.at))) {
      if (p.due < prev.start) return null;
      const kind: DatedKind = prev.kind === p.kind && (p.kind === "date" || p.kind === "year") ? p.kind : "quarter";
      out[out.length - 1] = { kind, start: prev.start, due: p.due, at: prev.at, end: p.end, ranged: true };
      continue;
    }
    out.push({ ...p });
  }
  return out.map((p, i) => {
    if (p.ranged || p.kind === "year") return p;
    const before = between(rest, i === 0 ? 0 : out[i - 1].end, p.at);
    return FROM_GAP.test(before) ? { ...p, kind: "year" as const, due: `${p.start.slice(0, 4)}-12-31` } : p;
  });
}

const ONGOING = /thuongxuyen|(?<!t)hangngay|lientuc/;
const EVENT =
  /khico|khiduoc|khinhan|saukhi|theokehoach|theoyeucau|theochidao|theoquydinh|theotiendo|dotxuat|theo(?:thoihan|thoigian)?(?:quydinh|huongdan)/;
// "Đợt 1: Quý II/2025; đợt 2: Quý IV/2025": the step's number is not a date
const STEP_LABEL = /(?:dot|lan|buoc)(?:thu)?\d{1,2}(?![\d/_])|giaidoan\d(?![\d/_-])/g;

export function parseDeadline(text: string, ctx: DeadlineContext): Deadline {
  const clean = cleanDeadlineText(text);
  const unknown: Deadline = { kind: "unknown", start: null, due: null, text: clean };
  const { relative, rest: unrelated } = readRelative(clean);
  const state: State = { rest: compact(unrelated) };
  take(state, STEP_LABEL, () => undefined);
  // "tháng cuối mỗi quý" first: its "mỗi quý" belongs to it, not to the recurring words
  const mop = readMonthOfPeriod(state);
  let recurring = readRecurring(state);
  const { rule, invalid: badRule } = readRule(state, mop, recurring);
  const { parts: read, invalid } = readDatedParts(state, ctx);

  // An impossible date, or numbers we could not place, would mean guessing.
  if (badRule || invalid || /\d/.test(state.rest)) return unknown;
  const parts = joinRanges(read, state.rest);
  if (!parts) return unknown;
  // the rule names its period; other period words beside it ("…; báo cáo năm …") make it periodic
  if (rule) recurring = !recurring || recurring === RECURRING_OF[rule.every] || /dinhky/.test(compact(unrelated)) ? RECURRING_OF[rule.every] : "periodic";
  const flags: Partial<Deadline> = { ...(recurring ? { recurring } : {}), ...(rule ? { rule } : {}), ...(relative ? { relative } : {}) };

  // A rule alone (or with its year) gives its days in the year(s) the text names, else in the plan's year.
  if (rule && parts.every((p) => p.kind === "year")) {
    const from = parts.length > 0 ? Math.min(...parts.map((p) => Number(p.start.slice(0, 4)))) : ctx.year;
    const to = parts.length > 0 ? Math.max(...parts.map((p) => Number(p.due.slice(0, 4)))) : ctx.year;
    const dates: string[] = [];
    for (let y = from; y <= to && y < from + 10; y++) {
      const ds = ruleDates(rule, y);
      if (!ds) return unknown;
      dates.push(...ds);
    }
    return { kind: "recurring", start: dates[0], due: dates[dates.length - 1], text: clean, dates, ...flags };
  }

  const kind = SPECIFICITY.find((k) => parts.some((p) => p.kind === k));
  if (kind) {
    // The most specific parts are the deadline; a broader part around them is context
    // ("Quý IV, trước 15/12"), one that is not is an earlier or later step ("trong tháng 3; trước 31/10").
    const chosen = parts.filter((p) => p.kind === kind);
    const steps = parts.filter((p) => p.kind !== kind && !chosen.some((c) => p.start <= c.start && c.due <= p.due));
    const used = [...chosen, ...steps];
    const starts = used.map((p) => p.start).sort();
    const dues = [...new Set(used.map((p) => p.due))].sort();
    const last = used.filter((p) => p.due === dues[dues.length - 1]);
    const lastKind = SPECIFICITY.find((k) => last.some((p) => p.kind === k))!;
    // Days the plan spells out beside a rule are its schedule when they follow it
    // ("… tháng cuối quý (quý I trước ngày 10/3 …)"); other days come on top of it ("… và trước ngày 25/11").
    const fromRule = rule ? (ruleDates(rule, Number(dues[dues.length - 1].slice(0, 4))) ?? []) : [];
    const all = fromRule.length > 0 && !dues.some((d) => fromRule.includes(d)) ? [...new Set([...dues, ...fromRule])].sort() : dues;
    const deadline: Deadline = { kind: lastKind, start: [...starts, ...all].sort()[0], due: all[all.length - 1], text: clean, ...flags };
    if (all.length > 1) deadline.dates = all;
    // "hàng năm trước ngày 15/12": one day a year
    if (!rule && recurring === "yearly" && used.length === 1 && (lastKind === "date" || lastKind === "month")) {
      const [, m, d] = used[0].due.split("-").map(Number);
      deadline.rule = lastKind === "date" ? { every: "year", day: d, monthOfPeriod: m } : { every: "year", monthOfPeriod: m };
    }
    return deadline;
  }
  if (relative) return { kind: "event", start: null, due: null, text: clean, ...flags };
  if (recurring) return { kind: "recurring", start: null, due: null, text: clean, recurring };
  if (ONGOING.test(state.rest)) return { kind: "ongoing", start: null, due: null, text: clean };
  if (EVENT.test(state.rest)) return { kind: "event", start: null, due: null, text: clean };
  return unknown;
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

/** Quarter or half-year label from the window: "Q3/2024", "H1/2024", "Q2–Q3/2025", "Sep–Oct 2026", "Oct 2025–Mar 2026". */
function windowLabelEn(start: string, due: string): string {
  const [y1, m1] = ymd(start);
  const [y2, m2] = ymd(due);
  if (y1 !== y2) return `${MONTHS_EN[m1 - 1]} ${y1}–${MONTHS_EN[m2 - 1]} ${y2}`;
  if (m1 === m2) return `${MONTHS_EN[m1 - 1]} ${y1}`;
  if (m2 - m1 === 5 && (m1 === 1 || m1 === 7)) return `H${m2 / 6}/${y1}`;
  if ((m1 - 1) % 3 === 0 && m2 % 3 === 0) return m2 - m1 === 2 ? `Q${m2 / 3}/${y1}` : `Q${(m1 + 2) / 3}–Q${m2 / 3}/${y1}`;
  return `${MONTHS_EN[m1 - 1]}–${MONTHS_EN[m2 - 1]} ${y1}`;
}

const RECURRING_EN: Record<Recurring, string> = {
  monthly: "monthly",
  quarterly: "quarterly",
  "half-yearly": "every 6 months",
  yearly: "yearly",
  periodic: "periodic",
};

function ordinalEn(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
  return `${n}${suffix}`;
}

const PERIOD_VI: Record<Exclude<Every, "month">, string> = { quarter: "quý", half: "kỳ 6 tháng", year: "năm" };
const PERIOD_EN: Record<Exclude<Every, "month">, string> = { quarter: "quarter", half: "half-year", year: "year" };
const EVERY_VI: Record<Every, string> = { month: "hằng tháng", quarter: "hằng quý", half: "định kỳ 6 tháng", year: "hằng năm" };

/** A rule in words: "hằng quý, trước ngày 10 của tháng cuối quý" / "quarterly, by the 10th of the quarter's last month". */
export function describeRule(rule: DeadlineRule, lang: "vi" | "en"): string {
  const every = rule.every;
  const mop = rule.monthOfPeriod;
  if (lang === "vi") {
    if (every === "month") return rule.day === undefined ? EVERY_VI.month : `${EVERY_VI.month}, trước ngày ${rule.day}`;
    if (every === "year" && typeof mop === "number") return rule.day === undefined ? `${EVERY_VI.year}, trong tháng ${mop}` : `${EVERY_VI.year}, trước ngày ${rule.day}/${mop}`;
    const which = mop === "first" || mop === undefined ? "đầu" : mop === "last" ? "cuối" : `thứ ${mop}`;
    const month = `tháng ${which} ${rule.next ? "của " : ""}${PERIOD_VI[every]}${rule.next ? " sau" : ""}`;
    return rule.day === undefined ? `${EVERY_VI[every]}, trong ${month}` : `${EVERY_VI[every]}, trước ngày ${rule.day} của ${month}`;
  }
  const often = RECURRING_EN[RECURRING_OF[every]];
  const by = rule.day === undefined ? "" : `by the ${ordinalEn(rule.day)}`;
  if (every === "month") return rule.day === undefined ? often : `${often}, ${by}`;
  if (every === "year" && typeof mop === "number") return rule.day === undefined ? `${often}, in ${MONTHS_EN[mop - 1]}` : `${often}, by ${rule.day} ${MONTHS_EN[mop - 1]}`;
  const which = mop === "first" || mop === undefined ? "first" : mop === "last" ? "last" : ordinalEn(mop);
  const month = `the ${rule.next ? "following " : ""}${PERIOD_EN[every]}'s ${which} month`;
  return rule.day === undefined ? `${often}, in ${month}` : `${often}, ${by} of ${month}`;
}

/** "within 15 working days of …" with the plan's words for what it counts from. */
function describeRelativeEn(r: RelativeDeadline): string {
  const n = r.months ?? r.days ?? 0;
  const unit = r.months !== undefined ? "month" : r.workingDays ? "working day" : "day";
  return `within ${n} ${unit}${n === 1 ? "" : "s"} of “${r.from}”`;
}

function describeRelativeVi(r: RelativeDeadline): string {
  const unit = r.months !== undefined ? "tháng" : r.workingDays ? "ngày làm việc" : "ngày";
  return `trong ${r.months ?? r.days} ${unit} kể từ ${r.from}`;
}

/** What answers and reminders print: the plan's words, then the concrete end when it adds something. */
export function formatDeadline(d: Deadline, lang: "vi" | "en"): string {
  const text = cleanDeadlineText(d.text);
  return lang === "vi" ? formatVi(d, text) : formatEn(d, text);
}

function formatVi(d: Deadline, text: string): string {
  // a rule or a count from an event: the plan's words say it all; without them, the rule in words
  if (d.rule && (d.kind === "recurring" || !d.dates)) return text || describeRule(d.rule, "vi");
  if (d.relative && !d.due) return text || describeRelativeVi(d.relative);
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
  if (d.rule && (d.kind === "recurring" || !d.dates)) return describeRule(d.rule, "en");
  if (d.relative && !d.due) return `${describeRelativeEn(d.relative)}${quoted}`;
  if (!d.start || !d.due) {
    const label = { recurring: RECURRING_EN[d.recurring ?? "periodic"], ongoing: "ongoing", event: "when it occurs" };
    return `${label[d.kind as keyof typeof label] ?? "unclear"}${quoted}`;
  }
  const by = ` (by ${formatDateEn(d.due)})`;
  // several windows ("Đợt 1: Quý II; đợt 2: Quý IV", "tháng 3, 6, 9, 12"): their ends, not one span
  if ((d.kind === "month" || d.kind === "quarter") && d.dates && d.dates.length > 1) return `${formatDateListEn(d.dates)}${every}`;
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
      // "Từ tháng 4/2025": from a month on, to the end of the year
      if (!d.start.endsWith("-01-01")) return `from ${formatDateEn(d.start)} to end of ${y2}${every}`;
      return `${y1 === y2 ? `by end of ${y2}` : `${y1}–${y2}`}${every}`;
    }
    default:
      return `unclear${quoted}`;
  }
}
