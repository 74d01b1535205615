// The stages of one occurrence, and which one is current on a given day.
import type { ReminderPolicy } from "./policy.ts";
import type { HolidayCalendar } from "./workdays.ts";
import { addWorkdays, workdayOnOrAfter, workdayOnOrBefore, workdaysBetween } from "./workdays.ts";

export interface Stage {
  /** "start", "d-7", "d-3", "d-1", "due", "over-2" … "over-10" */
  name: string;
  date: string;
}

/** Stages in date order; two stages falling on one day keep the later one (due on a Saturday: d-1 and due are the same Friday). */
export function stagesFor(occ: { due: string; start: string | null }, policy: ReminderPolicy, cal: HolidayCalendar): Stage[] {
  const list: Stage[] = [];
  for (const n of [...policy.stagesBefore].sort((a, b) => b - a)) list.push({ name: `d-${n}`, date: addWorkdays(occ.due, -n, cal) });
  if (policy.dueDay) list.push({ name: "due", date: workdayOnOrBefore(occ.due, cal) });
  for (let k = 1; k <= policy.overdueMax; k++) {
    const n = k * policy.overdueEvery;
    list.push({ name: `over-${n}`, date: addWorkdays(occ.due, n, cal) });
  }
  const byDate: Stage[] = [];
  for (const s of list) {
    if (byDate.length > 0 && byDate[byDate.length - 1].date === s.date) byDate[byDate.length - 1] = s;
    else byDate.push(s);
  }
  if (policy.windowStart && occ.start && occ.start < occ.due) {
    const date = workdayOnOrAfter(occ.start, cal);
    if (byDate.length === 0 || date < byDate[0].date) byDate.unshift({ name: "start", date });
  }
  return byDate;
}

/** The stage to send on `today`: the latest one begun, if it is at most catchUpWorkdays late. */
export function currentStage(stages: Stage[], today: string, policy: ReminderPolicy, cal: HolidayCalendar): Stage | null {
  let cur: Stage | null = null;
  for (const s of stages) if (s.date <= today) cur = s;
  if (!cur) return null;
  return workdaysBetween(cur.date, today, cal) <= policy.catchUpWorkdays ? cur : null;
}

/** The day an unsubmitted occurrence is reported to the coordinator. */
export function escalationDate(due: string, policy: ReminderPolicy, cal: HolidayCalendar): string {
  return addWorkdays(due, policy.escalateAfter, cal);
}
