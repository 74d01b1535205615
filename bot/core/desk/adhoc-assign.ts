// Creating an ad-hoc task (/giao, in one line or at the end of the steps): reading its due date and
// recurrence, resolving the unit like /dangky (in a bound group, a name several agencies have means the
// group's agency's), saving it, telling the unit's groups, and the audit entry.
import type { CoreDeps } from "../index.ts";
import type { Outgoing } from "../types.ts";
import type { AdhocTask } from "../../../data/store.ts";
import type { Unit } from "../../../knowledge/schema.ts";
import { bindingFor, clip, pendingKey, unitById, unitLabel } from "../common.ts";
import { agenciesFor, authorize, type Actor } from "../roles.ts";
import { recordChange } from "../audit.ts";
import { resolveUnit } from "../resolve-unit.ts";
import { adhocDates } from "../../../jobs/occurrences.ts";
import { formatDateVi } from "../../../knowledge/deadlines.ts";
import { chatsOfUnit, findDay, findMonthly, newRecordId, occurrencesOf } from "./common.ts";

/** state.pending kind of /giao's steps */
export const ADHOC_PENDING = "giao";
export const MAX_TITLE = 400;

export interface Draft {
  unitId: string;
  title: string;
  due: string;
  monthlyDay: number | null;
}

/** The first day on or after `today` that is day `n` of a month (clipped to the month's end). */
function nextMonthly(today: string, n: number): string {
  const [y, m] = today.split("-").map(Number);
  const dates = adhocDates({ due: today, recurrence: { kind: "monthly", day: n }, until: `${y + 1}-${String(m).padStart(2, "0")}-28` });
  return dates[0] ?? today;
}

export type Parsed = { ok: true; due: string; monthlyDay: number | null; rest: string } | { ok: false; text: string };

/** The due date (and recurrence) in a text; the rest is the content. */
export function parseDue(text: string, today: string): Parsed {
  const monthly = findMonthly(text);
  const afterMonthly = monthly ? monthly.rest : text;
  const found = findDay(afterMonthly, today);
  if (found && "invalid" in found) return { ok: false, text: `Ngày «${found.invalid}» không có thật. Hãy gõ hạn dạng ngày/tháng/năm, ví dụ 30/9/2024. Chưa giao việc nào.` };
  if (!found && !monthly) return { ok: false, text: `Tôi chưa đọc được hạn hoàn thành. Hãy gõ dạng ngày/tháng/năm (ví dụ 30/9/2024), có thể thêm «hằng tháng ngày 20». Chưa giao việc nào.` };
  const due = found ? found.day : nextMonthly(today, monthly!.day);
  if (due < today) return { ok: false, text: `Hạn ${formatDateVi(due)} đã qua (hôm nay ${formatDateVi(today)}); hạn phải từ hôm nay trở đi. Chưa giao việc nào.` };
  return { ok: true, due, monthlyDay: monthly?.day ?? null, rest: found ? found.rest : afterMonthly };
}

/** A unit the actor may assign to, or the sentence why not; several matches → choices. In a bound group,
 *  a name that several agencies have ("Thanh tra Sở") means the group's agency's. */
export function findUnit(deps: CoreDeps, actor: Actor & { chatId: string }, query: string): { unit: Unit } | { many: Unit[] } | { text: string } {
  const k = deps.knowledge.knowledge;
  const scope = agenciesFor(deps, actor, "manage-tasks");
  const r = resolveUnit(k, query);
  const allowed = (u: Unit) => (scope === "all" || scope.includes(u.agencyId)) && u.kind !== "collective";
  if (r.kind === "one" && allowed(r.unit)) return { unit: r.unit };
  if (r.kind === "many") {
    const list = r.units.filter(allowed);
    if (list.length === 1) return { unit: list[0] };
    const home = bindingFor(deps, actor.channel, actor.chatId)?.agencyId;
    const ours = list.filter((u) => u.agencyId === home);
    if (ours.length === 1) return { unit: ours[0] };
    if (list.length > 1) return { many: list };
  }
  const hint = r.kind === "none" && r.suggestions.length > 0 ? ` Có phải: ${r.suggestions.slice(0, 3).map((u) => unitLabel(k, u)).join("; ")}?` : "";
  return { text: `Không tìm thấy đơn vị «${clip(query, 60)}» mà bạn được giao việc.${hint} Chưa giao việc nào.` };
}

/** Saves the task, tells the unit's groups, answers the admin. */
export async function assign(deps: CoreDeps, actor: Actor & { chatId: string }, draft: Draft): Promise<Outgoing[]> {
  const k = deps.knowledge.knowledge;
  const unit = unitById(k, draft.unitId);
  if (!unit) return [{ text: "Đơn vị này không còn trong các kế hoạch đã nạp. Chưa giao việc nào." }];
  const allowed = authorize(deps, actor, "manage-tasks", unit.agencyId, { unitId: unit.id });
  if (!allowed.ok) return [{ text: allowed.reply }];
  const task: AdhocTask = {
    id: newRecordId("adhoc"),
    agencyId: unit.agencyId,
    unitId: unit.id,
    title: draft.title,
    due: draft.due,
    recurrence: draft.monthlyDay ? { kind: "monthly", day: draft.monthlyDay } : null,
    until: draft.monthlyDay ? `${draft.due.slice(0, 4)}-12-31` : null,
    channel: actor.channel,
    chatId: actor.chatId,
    userId: actor.userId,
    userName: actor.userName ?? "",
    at: deps.now().toISOString(),
    cancelledAt: null,
    cancelledBy: null,
  };
  await deps.store.update((s) => {
    s.adhocTasks.push(task);
    s.pending = s.pending.filter((p) => p.key !== pendingKey(actor.channel, actor.chatId, ADHOC_PENDING));
  });
  const occs = occurrencesOf(deps).filter((o) => o.itemId === task.id);
  const first = occs[0];
  const repeat = task.recurrence ? ` (hằng tháng ngày ${task.recurrence.day}, đến ${formatDateVi(task.until!)}; ${occs.length} lần)` : "";
  await recordChange(deps, actor, { action: "assign", agencyId: unit.agencyId, unitId: unit.id, target: first?.code ?? task.id, before: null, after: { task: task.id, title: task.title, due: task.due, recurrence: task.recurrence }, note: task.title });
  deps.log("info", `desk: ad-hoc task ${task.id} for ${unit.id} due ${task.due} by ${actor.channel}:${actor.userId}`);
  const codes = occs.map((o) => o.code);
  const chats = chatsOfUnit(deps, unit.id);
  const notice = (code: string): Outgoing => ({
    text: `📌 Việc được giao cho ${unit.name}: «${task.title}» [mã ${code}] — hạn ${formatDateVi(task.due)}${repeat}. Người giao: ${actor.userName || actor.userId}. Khi xong, trả lời: đã nộp ${code}`,
    format: { code: [code] },
  });
  const out: Outgoing[] = [
    {
      text: [
        `✅ Đã giao việc [mã ${codes[0]}] cho ${unitLabel(k, unit)}: «${task.title}», hạn ${formatDateVi(task.due)}${repeat}.`,
        chats.length > 0 ? "Nhóm của đơn vị đã được báo và sẽ được nhắc hạn như các việc trong kế hoạch." : `Đơn vị chưa đăng ký nhóm nên chưa nhận được nhắc hạn; quản trị viên gõ /dangky ${unit.name} trong nhóm của đơn vị.`,
        `Huỷ: /huygiao ${codes[0]}`,
      ].join("\n"),
      format: { code: codes.slice(0, 1) },
    },
  ];
  for (const b of chats) if (!(b.channel === actor.channel && b.chatId === actor.chatId)) out.push({ ...notice(codes[0]), channel: b.channel, chatId: b.chatId });
  return out;
}
