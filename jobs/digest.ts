// Escalation (overdue by N working days → once to the coordinator group) and the weekly digest (pure).
import type { Knowledge, Plan } from "../knowledge/schema.ts";
import type { Binding, State, Submission } from "../data/store.ts";
import type { NewRecord } from "./deliver.ts";
import { defaultPolicy, type ReminderPolicy } from "./policy.ts";
import { addDays, defaultCalendar, localDate, workdaysBetween, type HolidayCalendar } from "./workdays.ts";
import { adhocPlanId, agencyOfPlanId, expandOccurrences, homePlanOf, responsibleUnits, unitMap, unitName, type Desk, type Occurrence } from "./occurrences.ts";
import { escalationDate } from "./stages.ts";
import { daysLeftText, planLabel, renderEscalation } from "./messages.ts";
import { outboxId, submittedKeys, unitKey } from "./reminders.ts";
import { formatDateVi } from "../knowledge/deadlines.ts";
import { onTimeRate, percentText } from "./report-build.ts";

export interface DigestInput {
  now: Date;
  knowledge: Knowledge;
  bindings: readonly Binding[];
  submissions: readonly Submission[];
  escalations: State["escalations"];
  policy?: ReminderPolicy;
  calendar?: HolidayCalendar;
  desk?: Desk;
}

/** A message part for the coordinator's chat (an escalated item or a digest); unitId: escalation → the late unit, digest → the coordinator. */
export type PlannedNotice = Omit<NewRecord, "stage"> & { kind: "escalation" | "digest" };

function coordinatorChats(plan: Plan | undefined, bindings: readonly Binding[]): Binding[] {
  if (!plan?.coordinatorUnitId) return [];
  return bindings.filter((b) => b.unitId === plan.coordinatorUnitId);
}

/** Occurrence×unit overdue by policy.escalateAfter working days, not yet escalated, reported once per coordinator chat. */
export function planEscalations(input: DigestInput): PlannedNotice[] {
  const policy = input.policy ?? defaultPolicy;
  const cal = input.calendar ?? defaultCalendar;
  const today = localDate(input.now, policy.utcOffsetMinutes);
  const units = unitMap(input.knowledge);
  const done = submittedKeys(input.submissions);
  const escalated = new Set(input.escalations.map((e) => unitKey(e.occurrenceId, e.unitId)));
  const plans = new Map(input.knowledge.plans.map((p) => [p.id, p]));
  const out: PlannedNotice[] = [];
  for (const occ of expandOccurrences(input.knowledge, input.desk)) {
    if (occ.due >= today) continue;
    const at = escalationDate(occ.due, policy, cal);
    // not before its day, and not for an occurrence long past (a plan of earlier years)
    if (at > today || workdaysBetween(at, today, cal) > policy.catchUpWorkdays) continue;
    const agencyId = occ.kind === "adhoc" ? agencyOfPlanId(input.knowledge, occ.planId) : null;
    const plan = agencyId ? homePlanOf(input.knowledge, agencyId) : plans.get(occ.planId);
    const chats = coordinatorChats(plan, input.bindings);
    if (chats.length === 0) continue;
    for (const unitId of responsibleUnits(occ, units, input.bindings)) {
      const key = unitKey(occ.id, unitId);
      if (done.has(key) || escalated.has(key)) continue;
      if (!input.bindings.some((b) => b.unitId === unitId)) continue; // never reminded: nothing to escalate
      for (const c of chats) {
        out.push({
          id: outboxId(occ.id, unitId, "escalation", c.chatId),
          kind: "escalation",
          occurrenceId: occ.id,
          itemId: occ.itemId,
          planId: occ.planId,
          unitId,
          channel: c.channel,
          chatId: c.chatId,
          due: occ.due,
          code: occ.code,
          text: renderEscalation(occ, unitName(units, unitId), input.knowledge, today),
        });
      }
    }
  }
  return out;
}

export interface UnitTally {
  unitId: string;
  onTime: number;
  late: number;
  pending: number;
  overdue: Occurrence[];
}

/** Per bound responsible unit of a plan: on time / late / pending / overdue over the digest window. */
export function tallyPlan(input: DigestInput, planId: string): UnitTally[] {
  const policy = input.policy ?? defaultPolicy;
  const today = localDate(input.now, policy.utcOffsetMinutes);
  const from = addDays(today, -policy.digestLookbackDays);
  const to = addDays(today, policy.digestLookaheadDays);
  const units = unitMap(input.knowledge);
  const subs = new Map<string, Submission>();
  for (const s of input.submissions) if (!s.undoneAt) subs.set(unitKey(s.occurrenceId, s.unitId), s);
  const tallies = new Map<string, UnitTally>();
  const plan = input.knowledge.plans.find((p) => p.id === planId);
  // an agency's ad-hoc tasks are tallied with its home plan
  const adhoc = plan && homePlanOf(input.knowledge, plan.agencyId)?.id === planId ? adhocPlanId(plan.agencyId) : null;
  for (const occ of expandOccurrences(input.knowledge, input.desk)) {
    if ((occ.planId !== planId && occ.planId !== adhoc) || occ.due < from || occ.due > to) continue;
    for (const unitId of responsibleUnits(occ, units, input.bindings)) {
      if (!input.bindings.some((b) => b.unitId === unitId)) continue;
      const t = tallies.get(unitId) ?? { unitId, onTime: 0, late: 0, pending: 0, overdue: [] };
      tallies.set(unitId, t);
      const s = subs.get(unitKey(occ.id, unitId));
      if (s) {
        if (localDate(new Date(s.at), policy.utcOffsetMinutes) <= occ.due) t.onTime++;
        else t.late++;
      } else if (occ.due >= today) t.pending++;
      else t.overdue.push(occ);
    }
  }
  return [...tallies.values()].sort((a, b) => unitName(units, a.unitId).localeCompare(unitName(units, b.unitId), "vi"));
}

export function renderDigest(input: DigestInput, plan: Plan, tallies: UnitTally[]): string {
  const policy = input.policy ?? defaultPolicy;
  const today = localDate(input.now, policy.utcOffsetMinutes);
  const units = unitMap(input.knowledge);
  const lines = [`📋 Tổng hợp tuần — ${planLabel(input.knowledge, plan.id)} (ngày ${formatDateVi(today)})`];
  for (const t of tallies) {
    lines.push(`• ${unitName(units, t.unitId)}: ${t.onTime} đúng hạn · ${t.late} nộp trễ · ${t.pending} chưa đến hạn · ${t.overdue.length} quá hạn · ${percentText(onTimeRate({ onTime: t.onTime, late: t.late, overdue: t.overdue.length }))} đúng hạn`);
  }
  const overdue = tallies.flatMap((t) => t.overdue.map((o) => ({ unit: unitName(units, t.unitId), o })));
  if (overdue.length > 0) {
    lines.push("", "Quá hạn chưa nộp:");
    for (const { unit, o } of overdue.sort((a, b) => (a.o.due < b.o.due ? -1 : 1))) {
      lines.push(`• ${unit}: ${o.title} [mã ${o.code}] — ${daysLeftText(o.due, today)}`);
    }
  } else {
    lines.push("", "Không có việc quá hạn. 👍");
  }
  return lines.join("\n");
}

/** The weekly digest of every plan whose coordinator group is bound and which has something in the window. */
export function planDigest(input: DigestInput): PlannedNotice[] {
  const policy = input.policy ?? defaultPolicy;
  const today = localDate(input.now, policy.utcOffsetMinutes);
  const out: PlannedNotice[] = [];
  for (const plan of input.knowledge.plans) {
    const chats = coordinatorChats(plan, input.bindings);
    if (chats.length === 0) continue;
    const tallies = tallyPlan(input, plan.id);
    if (tallies.length === 0) continue;
    const text = renderDigest(input, plan, tallies);
    const occurrenceId = `digest:${plan.id}@${today}`;
    for (const c of chats) {
      out.push({
        id: outboxId(occurrenceId, plan.coordinatorUnitId!, "digest", c.chatId),
        kind: "digest",
        occurrenceId,
        itemId: `digest:${plan.id}`,
        planId: plan.id,
        unitId: plan.coordinatorUnitId!,
        channel: c.channel,
        chatId: c.chatId,
        due: today,
        code: "",
        text,
      });
    }
  }
  return out;
}
