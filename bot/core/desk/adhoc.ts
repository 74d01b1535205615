// /giao (/assign): a task outside the plans (nhiệm vụ phát sinh, from a chỉ đạo document) for one unit, with a
// due date and optionally "hằng tháng ngày 20". In one line — /giao <đơn vị> | <nội dung> | <hạn> [| hằng tháng ngày 20]
// — or step by step (buttons on Telegram, numbered answers on Zalo and the console), the steps kept in
// state.pending so they survive a restart. The task joins the plans' occurrences (jobs/occurrences.ts):
// a code, reminders, "đã nộp <mã>", /giahan, /tiendo, /han, the report. /huygiao (/cancel_task) <mã> cancels it.
import type { Incoming, Outgoing } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import { clip, isoDay, matchCommand, unitById, unitLabel } from "../common.ts";
import { authorize } from "../roles.ts";
import { recordChange } from "../audit.ts";
import { recordKind } from "../../../jobs/messages.ts";
import { chatsOfUnit, occurrencesOf } from "./common.ts";
import { MAX_TITLE, assign, findUnit, parseDue } from "./adhoc-assign.ts";
import { startSteps } from "./adhoc-steps.ts";

const commands = [
  { name: "giao", aliases: ["assign"], description: "Giao việc ngoài kế hoạch: /giao <đơn vị> | <nội dung> | <hạn> (quản trị viên)", adminOnly: true },
  { name: "huygiao", aliases: ["cancel_task"], description: "Huỷ việc đã giao: /huygiao <mã> (quản trị viên)", adminOnly: true },
];

const USAGE =
  "Cách dùng: /giao <đơn vị> | <nội dung> | <hạn> [| hằng tháng ngày 20], ví dụ /giao Thanh tra Sở | Báo cáo kết quả kiểm tra theo Công văn 45/UBND | 30/9/2024. Hoặc gõ /giao rồi trả lời từng bước.";

/** One-line /giao, or the first step. */
async function giao(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const allowed = authorize(deps, msg, "manage-tasks");
  if (!allowed.ok) return [{ text: allowed.reply }];
  if (!args) return startSteps(deps, msg);
  const parts = args.split(/\s*[|;\n]\s*/).filter(Boolean);
  if (parts.length < 2) return [{ text: `Thiếu nội dung hoặc hạn. ${USAGE}` }];
  const where = findUnit(deps, msg, parts[0]);
  if ("text" in where) return [{ text: where.text }];
  if ("many" in where) return [{ text: `«${clip(parts[0], 60)}» khớp nhiều đơn vị: ${where.many.map((u) => unitLabel(deps.knowledge.knowledge, u)).join("; ")}. Hãy gõ tên đầy đủ hơn (kèm tên sở/tỉnh). Chưa giao việc nào.` }];
  const parsed = parseDue(parts.slice(1).join(" | "), isoDay(deps.now()));
  if (!parsed.ok) return [{ text: parsed.text }];
  const title = parsed.rest.split(/\s*\|\s*/).filter(Boolean).join("; ").trim();
  if (!title) return [{ text: `Thiếu nội dung công việc. ${USAGE}` }];
  if (title.length > MAX_TITLE) return [{ text: `Nội dung dài quá (${title.length} ký tự; tối đa ${MAX_TITLE}). Hãy viết ngắn lại, chi tiết để trong văn bản chỉ đạo. Chưa giao việc nào.` }];
  return assign(deps, { ...msg, chatId: msg.chatId }, { unitId: where.unit.id, title, due: parsed.due, monthlyDay: parsed.monthlyDay });
}

/** /huygiao <mã>: the task (every month of a recurring one) is cancelled and the unit told. */
async function cancelTask(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const code = args.split(/\s+/)[0]?.toUpperCase() ?? "";
  if (!code) return [{ text: "Cách dùng: /huygiao <mã việc đã giao>, ví dụ /huygiao K7MXR." }];
  const occ = occurrencesOf(deps).find((o) => o.code === code);
  const task = occ?.kind === "adhoc" ? deps.store.state.adhocTasks.find((t) => t.id === occ.itemId) : undefined;
  if (!occ || !task) return [{ text: `Không có việc được giao nào mang mã ${code}${occ ? " (mã này là việc trong kế hoạch, không huỷ được)" : ""}. Không có gì thay đổi.` }];
  const allowed = authorize(deps, msg, "manage-tasks", task.agencyId, { target: code, unitId: task.unitId });
  if (!allowed.ok) return [{ text: allowed.reply }];
  const at = deps.now().toISOString();
  await deps.store.update((s) => {
    const t = s.adhocTasks.find((x) => x.id === task.id);
    if (t && !t.cancelledAt) {
      t.cancelledAt = at;
      t.cancelledBy = `${msg.channel}:${msg.userId}`;
    }
    for (const r of s.outbox) if (r.itemId === task.id && r.status === "pending" && recordKind(r) === "reminder") (r.status = "cancelled"), (r.lastError = "task cancelled");
  });
  await recordChange(deps, msg, { action: "cancel-task", agencyId: task.agencyId, unitId: task.unitId, target: code, before: { task: task.id, title: task.title, due: task.due }, after: { cancelledAt: at }, note: task.title });
  const k = deps.knowledge.knowledge;
  const unit = unitById(k, task.unitId);
  const line = `✖ Việc được giao «${task.title}» [mã ${code}] đã được huỷ (người huỷ: ${msg.userName || msg.userId}); đơn vị không cần thực hiện nữa.`;
  const out: Outgoing[] = [{ text: `Đã huỷ việc «${task.title}» [mã ${code}] của ${unit ? unitLabel(k, unit) : task.unitId}; nhóm của đơn vị đã được báo.` }];
  for (const b of chatsOfUnit(deps, task.unitId)) if (!(b.channel === msg.channel && b.chatId === msg.chatId)) out.push({ text: line, channel: b.channel, chatId: b.chatId });
  return out;
}

export const adhocFeature: CoreFeature = {
  name: "desk-adhoc",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    if (!cmd) return null;
    return cmd.command.name === "giao" ? giao(msg, cmd.args, deps) : cancelTask(msg, cmd.args, deps);
  },
};

export { adhocStepsFeature } from "./adhoc-steps.ts";
