// /tiendo (/status): per current occurrence, which units submitted (when, by whom), which are pending,
// which are overdue. A unit's group sees its own items; the coordinator's group and private chats see whole plans.
import type { Incoming, Outgoing } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import { bindingFor, matchCommand } from "../common.ts";
import { adhocPlanId, agencyOfPlanId, expandOccurrences, responsibleUnits, unitMap, unitName, type Occurrence } from "../../../jobs/occurrences.ts";
import { stagesOf } from "../../../jobs/reminders.ts";
import { daysLeftText, planLabel } from "../../../jobs/messages.ts";
import { defaultPolicy } from "../../../jobs/policy.ts";
import { addDays, defaultCalendar, localDate } from "../../../jobs/workdays.ts";
import { activeSubmission, whenText } from "./actions.ts";
import { agenciesFor, authorize } from "../roles.ts";
import { classify, onTimeRate, percentText } from "../../../jobs/report-build.ts";

const commands = [{ name: "tiendo", aliases: ["status"], description: "Tình hình nộp của các đơn vị (việc đang đến hạn)" }];

/** Occurrences whose reminders have begun and whose due date is at most statusLookbackDays ago. */
export function currentOccurrences(deps: CoreDeps): Occurrence[] {
  const today = localDate(deps.now());
  const oldest = addDays(today, -defaultPolicy.statusLookbackDays);
  return expandOccurrences(deps.knowledge.knowledge, deps.store.state).filter((o) => {
    if (o.due < oldest) return false;
    const first = stagesOf(o, defaultPolicy, defaultCalendar)[0];
    return !!first && first.date <= today;
  });
}

function unitLine(deps: CoreDeps, occ: Occurrence, unitId: string, today: string): string {
  const name = unitName(unitMap(deps.knowledge.knowledge), unitId);
  const sub = activeSubmission(deps, occ.id, unitId);
  if (sub) return `  ✅ ${name}: đã nộp lúc ${whenText(sub.at)} (${sub.userName})${sub.evidence ? ` — tệp ${sub.evidence.name}` : ""}`;
  const bound = deps.store.state.bindings.some((b) => b.unitId === unitId);
  const note = bound ? "" : " (nhóm chưa đăng ký)";
  if (occ.due < today) return `  ⚠️ ${name}: chưa nộp — ${daysLeftText(occ.due, today)}${note}`;
  return `  ⏳ ${name}: chưa nộp${note}`;
}

function render(deps: CoreDeps, occs: Occurrence[], onlyUnit: string | null, title: string): string {
  const k = deps.knowledge.knowledge;
  const units = unitMap(k);
  const today = localDate(deps.now());
  const lines = [title];
  const tally = { onTime: 0, late: 0, overdue: 0 };
  let lastPlan = "";
  const ordered = onlyUnit ? occs : [...occs].sort((a, b) => a.planId.localeCompare(b.planId) || (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  for (const occ of ordered) {
    const who = responsibleUnits(occ, units, deps.store.state.bindings).filter((u) => !onlyUnit || u === onlyUnit);
    if (who.length === 0) continue;
    if (!onlyUnit && occ.planId !== lastPlan) {
      lines.push("", `📁 ${planLabel(k, occ.planId)}`);
      lastPlan = occ.planId;
    }
    lines.push(`• ${occ.title} [${occ.code}] — hạn ${occ.dueText} (${daysLeftText(occ.due, today)})`);
    for (const u of who) {
      lines.push(unitLine(deps, occ, u, today));
      // counted as the digest and the report count: units whose group is registered
      if (!deps.store.state.bindings.some((b) => b.unitId === u)) continue;
      const sub = activeSubmission(deps, occ.id, u);
      const status = classify(occ.due, sub?.at ?? null, today);
      if (status === "on-time") tally.onTime++;
      else if (status === "late") tally.late++;
      else if (status === "overdue") tally.overdue++;
    }
  }
  if (lines.length > 1 && tally.onTime + tally.late + tally.overdue > 0) lines.push("", `Tỷ lệ đúng hạn (các việc trên): ${percentText(onTimeRate(tally))}`);
  return lines.length > 1 ? lines.join("\n") : "";
}

async function status(msg: Incoming, deps: CoreDeps): Promise<Outgoing[]> {
  const k = deps.knowledge.knowledge;
  const binding = bindingFor(deps, msg.channel, msg.chatId);
  const occs = currentOccurrences(deps);
  const nothing = "Hiện không có việc nào đang trong kỳ nhắc hạn. Gõ /han để xem các hạn sắp tới.";
  if (msg.chatType === "group" && !binding) {
    return [{ text: "Nhóm này chưa gắn với đơn vị nào. Quản trị viên gõ /dangky <tên đơn vị> để đăng ký nhóm; /tiendo trong chat riêng với bot cho xem toàn bộ." }];
  }
  if (binding) {
    const coordinatedPlans = k.plans.filter((p) => p.coordinatorUnitId === binding.unitId);
    // the agency's ad-hoc tasks (/giao) are followed by the coordinator of its plans too
    const coordinated = [...coordinatedPlans.map((p) => p.id), ...new Set(coordinatedPlans.map((p) => adhocPlanId(p.agencyId)))];
    const own = render(deps, occs, binding.unitId, `📊 Tiến độ — ${unitName(unitMap(k), binding.unitId)}`);
    const plans = coordinated.length > 0 ? render(deps, occs.filter((o) => coordinated.includes(o.planId)), null, "📊 Tiến độ các đơn vị (kế hoạch do đơn vị này theo dõi)") : "";
    const text = [coordinated.length > 0 ? plans : own].filter(Boolean).join("\n\n");
    return [{ text: text || nothing }];
  }
  // outside a unit's group: super-admins see every agency; agency admins and leaders their own
  const allowed = authorize(deps, msg, "view");
  if (!allowed.ok) return [{ text: allowed.reply }];
  const scope = agenciesFor(deps, msg, "view");
  const visible = scope === "all" ? occs : occs.filter((o) => scope.includes(agencyOfPlanId(k, o.planId) ?? ""));
  return [{ text: render(deps, visible, null, "📊 Tiến độ các việc đang đến hạn") || nothing }];
}

export const reminderStatusFeature: CoreFeature = {
  name: "reminders-status",
  commands,
  async onMessage(msg, deps) {
    if (!matchCommand(msg, commands)) return null;
    return status(msg, deps);
  },
};
