// The reminder planner (pure): (now, knowledge, bindings, submissions, snoozes, outbox) → the reminders due now.
// One reminder per (occurrence, responsible unit, bound chat) and per stage; a stage already in the
// outbox (pending, sent or cancelled) is never planned again, so runs are idempotent.
import type { Knowledge } from "../knowledge/schema.ts";
import type { Binding, OutboxRecord, State, Submission } from "../data/store.ts";
import type { ChannelName } from "../bot/core/types.ts";
import { defaultPolicy, type ReminderPolicy } from "./policy.ts";
import { defaultCalendar, localDate, workdaysBetween, type HolidayCalendar } from "./workdays.ts";
import { expandOccurrences, responsibleUnits, unitMap, unitName, type Desk, type Occurrence } from "./occurrences.ts";
import { currentStage, stagesFor, type Stage } from "./stages.ts";
import { renderItem } from "./messages.ts";

export interface PlannerInput {
  now: Date;
  knowledge: Knowledge;
  bindings: readonly Binding[];
  submissions: readonly Submission[];
  snoozes: State["snoozes"];
  /** the outbox: what was already planned (any status) */
  sent: readonly Pick<OutboxRecord, "id">[];
  policy?: ReminderPolicy;
  calendar?: HolidayCalendar;
  /** extensions and ad-hoc tasks (state.extensions, state.adhocTasks) */
  desk?: Desk;
}

export interface PlannedReminder {
  /** outbox id: `${occurrenceId}|${unitId}|${stage}|${chatId}` */
  id: string;
  occurrence: Occurrence;
  unitId: string;
  unitName: string;
  stage: string;
  stageDate: string;
  channel: ChannelName;
  chatId: string;
  /** the item's block of the message */
  text: string;
}

export const outboxId = (occurrenceId: string, unitId: string, stage: string, chatId: string) => `${occurrenceId}|${unitId}|${stage}|${chatId}`;
export const unitKey = (occurrenceId: string, unitId: string) => `${occurrenceId}|${unitId}`;

const stageCache = new WeakMap<ReminderPolicy, WeakMap<HolidayCalendar, Map<string, Stage[]>>>();

/** Stages of an occurrence, memoised per policy and calendar (a year of runs re-asks them daily). */
export function stagesOf(occ: Occurrence, policy: ReminderPolicy, cal: HolidayCalendar): Stage[] {
  let byCal = stageCache.get(policy);
  if (!byCal) stageCache.set(policy, (byCal = new WeakMap()));
  let byOcc = byCal.get(cal);
  if (!byOcc) byCal.set(cal, (byOcc = new Map()));
  const key = `${occ.id}#${occ.start ?? ""}#${occ.due}`;
  let s = byOcc.get(key);
  if (!s) byOcc.set(key, (s = stagesFor(occ, policy, cal)));
  return s;
}

/** occurrence×unit pairs confirmed (and not undone) */
export function submittedKeys(submissions: readonly Submission[]): Set<string> {
  return new Set(submissions.filter((s) => !s.undoneAt).map((s) => unitKey(s.occurrenceId, s.unitId)));
}

export function planReminders(input: PlannerInput): PlannedReminder[] {
  const policy = input.policy ?? defaultPolicy;
  const cal = input.calendar ?? defaultCalendar;
  const today = localDate(input.now, policy.utcOffsetMinutes);
  const units = unitMap(input.knowledge);
  const done = submittedKeys(input.submissions);
  const planned = new Set(input.sent.map((r) => r.id));
  const snoozedUntil = new Map<string, string>();
  for (const s of input.snoozes) {
    const k = unitKey(s.occurrenceId, s.unitId);
    if (!snoozedUntil.has(k) || snoozedUntil.get(k)! < s.until) snoozedUntil.set(k, s.until);
  }
  const chatsOf = new Map<string, Binding[]>();
  for (const b of input.bindings) chatsOf.set(b.unitId, [...(chatsOf.get(b.unitId) ?? []), b]);

  const out: PlannedReminder[] = [];
  for (const occ of expandOccurrences(input.knowledge, input.desk)) {
    const stages = stagesOf(occ, policy, cal);
    if (stages.length === 0 || stages[0].date > today) continue;
    const cur = currentStage(stages, today, policy, cal);
    if (!cur) continue;
    for (const unitId of responsibleUnits(occ, units, input.bindings)) {
      const chats = chatsOf.get(unitId);
      if (!chats || done.has(unitKey(occ.id, unitId))) continue;
      // an extended occurrence's stages are new ones (d-3 of the new date is not the d-3 already sent)
      let stage = occ.originalDue ? `${cur.name}@${occ.due}` : cur.name;
      let stageDate = cur.date;
      const until = snoozedUntil.get(unitKey(occ.id, unitId));
      if (until && today < until) continue; // "⏰ Nhắc lại sau": quiet until that working day
      if (until && cur.date < until) {
        // the snooze ran out after the current stage began: remind once on its day
        if (workdaysBetween(until, today, cal) > policy.catchUpWorkdays) continue;
        stage = `snooze-${until}`;
        stageDate = until;
      }
      for (const b of chats) {
        const id = outboxId(occ.id, unitId, stage, b.chatId);
        if (planned.has(id)) continue;
        out.push({
          id,
          occurrence: occ,
          unitId,
          unitName: unitName(units, unitId),
          stage,
          stageDate,
          channel: b.channel,
          chatId: b.chatId,
          text: renderItem(occ, input.knowledge, today),
        });
      }
    }
  }
  return out;
}
