// When the job is due: the daily 08:00 on working days and the weekly digest (pure).
import { defaultPolicy, type ReminderPolicy } from "./policy.ts";
import { addDays, defaultCalendar, isoWeekday, isWorkday, localDate, localInstant, type HolidayCalendar } from "./workdays.ts";

/** The latest working day 08:00 at or before `now`. */
export function lastRunSlot(now: Date, policy: ReminderPolicy = defaultPolicy, cal: HolidayCalendar = defaultCalendar): Date {
  let d = localDate(now, policy.utcOffsetMinutes);
  for (let i = 0; i < 40; i++, d = addDays(d, -1)) {
    const at = localInstant(d, policy.runAt.hour, policy.runAt.minute, policy.utcOffsetMinutes);
    if (isWorkday(d, cal) && at <= now) return at;
  }
  return new Date(0);
}

/** The latest digest slot: 08:00 of the week's first working day (Monday, or later when Monday is a holiday). */
export function lastDigestSlot(now: Date, policy: ReminderPolicy = defaultPolicy, cal: HolidayCalendar = defaultCalendar): Date {
  const today = localDate(now, policy.utcOffsetMinutes);
  let weekStart = addDays(today, -(isoWeekday(today) - policy.digestWeekday + 7) % 7);
  for (let w = 0; w < 6; w++, weekStart = addDays(weekStart, -7)) {
    for (let i = 0; i < 7; i++) {
      const d = addDays(weekStart, i);
      if (!isWorkday(d, cal)) continue;
      const at = localInstant(d, policy.runAt.hour, policy.runAt.minute, policy.utcOffsetMinutes);
      if (at <= now) return at;
      break;
    }
  }
  return new Date(0);
}

/** true when no digest has gone out since the latest digest slot */
export function digestDueAt(now: Date, lastDigest: string | undefined, policy: ReminderPolicy = defaultPolicy, cal: HolidayCalendar = defaultCalendar): boolean {
  return !lastDigest || new Date(lastDigest) < lastDigestSlot(now, policy, cal);
}
