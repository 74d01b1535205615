// Working-day arithmetic on ISO dates (YYYY-MM-DD, a day in Asia/Ho_Chi_Minh):
// Monday–Friday minus the public holidays of data/holidays.json, plus announced make-up Saturdays.
import holidayData from "../data/holidays.json" with { type: "json" };
import { defaultPolicy } from "./policy.ts";

export interface HolidayCalendar {
  /** date → holiday name (weekdays only) */
  holidays: ReadonlyMap<string, string>;
  /** Saturdays worked in exchange for a bridge day */
  makeupWorkdays: ReadonlySet<string>;
  /** years the file covers; outside them only weekends are known */
  years: readonly number[];
}

interface HolidayFile {
  years: Record<string, { source: string; days: { date: string; name: string }[]; makeupWorkdays?: string[] }>;
}

export function holidayCalendar(file: HolidayFile): HolidayCalendar {
  const holidays = new Map<string, string>();
  const makeup = new Set<string>();
  for (const year of Object.values(file.years)) {
    for (const d of year.days) holidays.set(d.date, d.name);
    for (const d of year.makeupWorkdays ?? []) makeup.add(d);
  }
  return { holidays, makeupWorkdays: makeup, years: Object.keys(file.years).map(Number) };
}

export const defaultCalendar: HolidayCalendar = holidayCalendar(holidayData as HolidayFile);

const DAY_MS = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(iso: string, n: number): string {
  return fromMs(toMs(iso) + n * DAY_MS);
}

/** calendar days from a to b (b − a) */
export function daysBetween(a: string, b: string): number {
  return Math.round((toMs(b) - toMs(a)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday */
export function isoWeekday(iso: string): number {
  return new Date(toMs(iso)).getUTCDay() || 7;
}

export function isWorkday(iso: string, cal: HolidayCalendar = defaultCalendar): boolean {
  if (cal.makeupWorkdays.has(iso)) return true;
  return isoWeekday(iso) <= 5 && !cal.holidays.has(iso);
}

/** n > 0: the n-th working day after iso; n < 0: the |n|-th working day before; 0: iso itself */
export function addWorkdays(iso: string, n: number, cal: HolidayCalendar = defaultCalendar): string {
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = iso;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkday(d, cal)) left--;
  }
  return d;
}

export function workdayOnOrBefore(iso: string, cal: HolidayCalendar = defaultCalendar): string {
  return isWorkday(iso, cal) ? iso : addWorkdays(iso, -1, cal);
}

export function workdayOnOrAfter(iso: string, cal: HolidayCalendar = defaultCalendar): string {
  return isWorkday(iso, cal) ? iso : addWorkdays(iso, 1, cal);
}

/** working days in (a, b]; negative when b < a */
export function workdaysBetween(a: string, b: string, cal: HolidayCalendar = defaultCalendar): number {
  if (a === b) return 0;
  const [from, to, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(d, cal)) n++;
  return n * sign;
}

/** the local calendar date of an instant (Asia/Ho_Chi_Minh: a fixed UTC+7) */
export function localDate(instant: Date, offsetMinutes = defaultPolicy.utcOffsetMinutes): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** local "HH:MM" of an instant */
export function localTime(instant: Date, offsetMinutes = defaultPolicy.utcOffsetMinutes): string {
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(11, 16);
}

/** the instant of a local date at hour:minute */
export function localInstant(iso: string, hour: number, minute: number, offsetMinutes = defaultPolicy.utcOffsetMinutes): Date {
  return new Date(toMs(iso) + (hour * 60 + minute - offsetMinutes) * 60_000);
}

/** true when the calendar knows the holidays of that year */
export function coversYear(year: number, cal: HolidayCalendar = defaultCalendar): boolean {
  return cal.years.includes(year);
}
