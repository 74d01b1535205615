// "Việc được giao tuần này?", "nhiệm vụ phát sinh tháng 9", "assigned tasks": the ad-hoc tasks (/giao) of a
// window, answered like the plans' tasks — in a unit's group its own, for the coordinator's group and
// admins/leaders their agency's. Mounted before the free-text answerer, which knows only the plans.
import type { Incoming, Outgoing } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import { addDays, bindingFor, formatDay, isoDay } from "../common.ts";
import { agenciesFor } from "../roles.ts";
import { parsePeriod } from "../period.ts";
import { simplify } from "../resolve-unit.ts";
import { activeSubmission } from "../reminders/actions.ts";
import { agencyOfPlanId, responsibleUnits, unitMap, unitName } from "../../../jobs/occurrences.ts";
import { daysLeftText } from "../../../jobs/messages.ts";
import { occurrencesOf } from "./common.ts";

const ASKS = /\b(?:(?:viec|nhiem vu|cong viec)\s+(?:duoc\s+)?giao|(?:viec|nhiem vu)\s+phat sinh|giao viec|assigned tasks?|ad hoc tasks?)\b/;

/** Monday–Sunday of the week of `today` (ISO weekday). */
function week(today: string, offset: number): { from: string; to: string; label: string } {
  const wd = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(today, -wd + 7 * offset);
  const to = addDays(from, 6);
  return { from, to, label: `${offset === 0 ? "tuần này" : "tuần sau"} (${formatDay(from)}–${formatDay(to)})` };
}

function windowOf(q: string, today: string): { from: string; to: string; label: string } {
  if (/\b(?:tuan nay|this week)\b/.test(q)) return week(today, 0);
  if (/\b(?:tuan sau|tuan toi|next week)\b/.test(q)) return week(today, 1);
  const { period } = parsePeriod(q, today);
  if (period) return { from: period.from, to: period.to, label: period.label };
  return { from: addDays(today, -31), to: addDays(today, 60), label: `từ ${formatDay(addDays(today, -31))} đến ${formatDay(addDays(today, 60))}` };
}

async function answer(msg: Incoming, deps: CoreDeps): Promise<Outgoing[] | null> {
  if (msg.text.trim().startsWith("/") || msg.file) return null;
  if (msg.chatType === "group" && !msg.addressed) return null;
  const q = simplify(msg.text);
  if (!ASKS.test(q)) return null;
  const k = deps.knowledge.knowledge;
  const today = isoDay(deps.now());
  const win = windowOf(q, today);
  const binding = bindingFor(deps, msg.channel, msg.chatId);
  const coordinator = binding && k.plans.some((p) => p.coordinatorUnitId === binding.unitId);
  const agencies: "all" | string[] = binding ? [binding.agencyId] : agenciesFor(deps, msg, "view");
  if (!binding && agencies !== "all" && agencies.length === 0) return [{ text: "Danh sách việc được giao xem được trong nhóm của đơn vị, hoặc bởi quản trị viên và lãnh đạo cơ quan." }];
  const onlyUnit = binding && !coordinator ? binding.unitId : null;
  const units = unitMap(k);
  const lines: string[] = [];
  for (const o of occurrencesOf(deps)) {
    if (o.kind !== "adhoc" || o.due < win.from || o.due > win.to) continue;
    if (agencies !== "all" && !agencies.includes(agencyOfPlanId(k, o.planId) ?? "")) continue;
    for (const u of responsibleUnits(o, units, deps.store.state.bindings)) {
      if (onlyUnit && u !== onlyUnit) continue;
      const done = activeSubmission(deps, o.id, u);
      const state = done ? "✅ đã nộp" : o.due < today ? `⚠️ ${daysLeftText(o.due, today)}` : `⏳ ${daysLeftText(o.due, today)}`;
      lines.push(`• ${o.title} [${o.code}] — ${unitName(units, u)}, hạn ${o.dueText} — ${state}`);
    }
  }
  if (lines.length === 0) return [{ text: `Không có việc được giao (ngoài kế hoạch) nào có hạn trong ${win.label}${onlyUnit ? ` cho ${unitName(units, onlyUnit)}` : ""}.` }];
  return [{ text: [`📌 Việc được giao (ngoài kế hoạch) có hạn trong ${win.label}${onlyUnit ? ` — ${unitName(units, onlyUnit)}` : ""}:`, ...lines.slice(0, 30), ...(lines.length > 30 ? [`… và ${lines.length - 30} việc khác.`] : [])].join("\n") }];
}

export const adhocQuestionFeature: CoreFeature = { name: "desk-adhoc-question", onMessage: answer };
