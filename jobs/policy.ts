// The reminder policy, in one place. Every number the jobs use comes from here.

export interface ReminderPolicy {
  /** reminders N working days before the due date */
  stagesBefore: number[];
  /** a reminder on the due day itself (the last working day on or before it) */
  dueDay: boolean;
  /** while overdue: one ping every N working days… */
  overdueEvery: number;
  /** …at most this many */
  overdueMax: number;
  /** month/quarter windows also get a reminder on their first working day */
  windowStart: boolean;
  /** a stage missed while the bot was down (or before a group was bound) is still sent
   *  up to this many working days late, unless a later stage has begun */
  catchUpWorkdays: number;
  /** the daily run, local time */
  runAt: { hour: number; minute: number };
  timezone: string;
  /** Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975 */
  utcOffsetMinutes: number;
  /** overdue by this many working days → reported once to the coordinator group */
  escalateAfter: number;
  /** weekly digest to the coordinator: ISO weekday (1 = Monday), at runAt */
  digestWeekday: number;
  /** the digest lists occurrences due from this many days back… */
  digestLookbackDays: number;
  /** …and pending ones due within this many days ahead */
  digestLookaheadDays: number;
  /** "↩️ Hoàn tác" stays valid this long after a confirmation */
  undoHours: number;
  /** /tiendo shows occurrences whose reminders have begun and whose due date is at most this many days ago */
  statusLookbackDays: number;
  /** Bot API limits: 20 messages/minute in one group, about 30/s overall (we keep 25) */
  throttle: { perChatPerMinute: number; perSecond: number; maxRetryAfterSeconds: number };
}

export const defaultPolicy: ReminderPolicy = {
  stagesBefore: [7, 3, 1],
  dueDay: true,
  overdueEvery: 2,
  overdueMax: 5,
  windowStart: true,
  catchUpWorkdays: 5,
  runAt: { hour: 8, minute: 0 },
  timezone: "Asia/Ho_Chi_Minh",
  utcOffsetMinutes: 7 * 60,
  escalateAfter: 3,
  digestWeekday: 1,
  digestLookbackDays: 92,
  digestLookaheadDays: 14,
  undoHours: 24,
  statusLookbackDays: 31,
  throttle: { perChatPerMinute: 20, perSecond: 25, maxRetryAfterSeconds: 120 },
};
