// /giahan (/extend) <mã> <ngày> [lý do / số văn bản]: the leadership moved a deadline. The occurrence keeps
// its id and code; its due date becomes the new one for reminders (pending ones are cancelled and the
// stages re-planned from the new date), /tiendo, /han and the report, where "đúng hạn" is judged against it.
// The unit's group is told in one line. /giahan <mã> alone shows the history. Two admins extending at
// once are both recorded, in the order the store took them; the last one wins.
import type { Incoming, Outgoing } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import type { Extension } from "../../../data/store.ts";
import { isoDay, matchCommand } from "../common.ts";
import { authorize } from "../roles.ts";
import { recordChange } from "../audit.ts";
import { whenText } from "../reminders/actions.ts";
import { agencyOfPlanId, latestExtensions, responsibleUnits, unitMap, unitName, type Occurrence } from "../../../jobs/occurrences.ts";
import { recordKind } from "../../../jobs/messages.ts";
import { formatDateVi } from "../../../knowledge/deadlines.ts";
import { chatsOfUnit, findDay, newRecordId, occurrenceByCode } from "./common.ts";

const commands = [{ name: "giahan", aliases: ["extend"], description: "Gia hạn một việc: /giahan <mã> <ngày> [lý do] (quản trị viên)", adminOnly: true }];

const USAGE = "Cách dùng: /giahan <mã> <ngày mới> [lý do hoặc số văn bản], ví dụ /giahan K7MXR 30/9/2024 Công văn 123/SGTVT. Gõ /giahan <mã> để xem lịch sử gia hạn.";

function historyText(occ: Occurrence, list: Extension[]): string {
  if (list.length === 0) return `Việc «${occ.title}» [${occ.code}] chưa được gia hạn lần nào; hạn hiện tại ${formatDateVi(occ.due)}.`;
  const lines = [`Lịch sử gia hạn «${occ.title}» [${occ.code}]:`];
  for (const e of list) lines.push(`• ${formatDateVi(e.from)} → ${formatDateVi(e.to)}${e.reason ? ` — ${e.reason}` : ""} (${e.userName || e.userId}, ${whenText(e.at)})`);
  lines.push(`Hạn hiện tại: ${formatDateVi(occ.due)}.`);
  return lines.join("\n");
}

async function extend(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const [code = "", ...restWords] = args.split(/\s+/).filter(Boolean);
  if (!code) return [{ text: USAGE }];
  const occ = occurrenceByCode(deps, code);
  if (!occ) return [{ text: `Không tìm thấy việc có mã ${code.toUpperCase()}. Hãy kiểm tra lại mã (trong tin nhắc hạn hoặc /tiendo). Không có gì thay đổi.` }];
  const k = deps.knowledge.knowledge;
  const agencyId = agencyOfPlanId(k, occ.planId);
  const allowed = authorize(deps, msg, "manage-tasks", agencyId, { target: occ.code });
  if (!allowed.ok) return [{ text: allowed.reply }];
  const history = () => deps.store.state.extensions.filter((e) => e.occurrenceId === occ.id);
  const rest = restWords.join(" ");
  if (!rest) return [{ text: historyText(occ, history()) }];

  const today = isoDay(deps.now());
  const found = findDay(rest, today);
  if (!found) return [{ text: `Tôi chưa đọc được ngày mới trong «${rest}». ${USAGE}` }];
  if ("invalid" in found) return [{ text: `Ngày «${found.invalid}» không có thật. Hãy gõ ngày dạng ngày/tháng/năm, ví dụ 30/9/2024. Không có gì thay đổi.` }];
  if (found.day < today) return [{ text: `Ngày ${formatDateVi(found.day)} đã qua (hôm nay ${formatDateVi(today)}); hạn mới phải từ hôm nay trở đi. Không có gì thay đổi.` }];
  if (found.day === occ.due) return [{ text: `Hạn hiện tại của [${occ.code}] đã là ${formatDateVi(occ.due)}. Không có gì thay đổi.` }];
  const reason = found.rest.replace(/^[\s,;:–-]+/, "").slice(0, 300);
  const at = deps.now().toISOString();

  const recorded = await deps.store.update((s) => {
    // the due date as it is now, in the store's order: a second admin's extension starts from the first one's
    const base = occ.originalDue ?? occ.due;
    const from = latestExtensions(s.extensions).get(occ.id)?.to ?? base;
    const e: Extension = {
      id: newRecordId("ext"),
      occurrenceId: occ.id,
      code: occ.code,
      from,
      to: found.day,
      reason,
      channel: msg.channel,
      chatId: msg.chatId,
      userId: msg.userId,
      userName: msg.userName,
      at,
    };
    s.extensions.push(e);
    // the reminders still waiting were written for the old date: the planner writes new ones from the new date
    for (const r of s.outbox) {
      if (r.occurrenceId === occ.id && r.status === "pending" && recordKind(r) === "reminder") {
        r.status = "cancelled";
        r.lastError = "extended";
      }
    }
    // an overdue notice already sent may be sent again if the new date passes too
    s.escalations = s.escalations.filter((x) => x.occurrenceId !== occ.id);
    return e;
  });
  const units = unitMap(k);
  const responsible = responsibleUnits(occ, units, deps.store.state.bindings);
  await recordChange(deps, msg, { action: "extend", agencyId, target: occ.code, before: { due: recorded.from }, after: { due: recorded.to, reason }, note: occ.title });
  deps.log("info", `desk: ${occ.id} extended ${recorded.from} → ${recorded.to} by ${msg.channel}:${msg.userId}`);

  const line = `📅 Gia hạn: «${occ.title}» [mã ${occ.code}] — hạn mới ${formatDateVi(recorded.to)} (hạn trước ${formatDateVi(recorded.from)})${reason ? `. Căn cứ: ${reason}` : ""}.`;
  const out: Outgoing[] = [];
  const told: string[] = [];
  for (const unitId of responsible) {
    const chats = chatsOfUnit(deps, unitId).filter((b) => !(b.channel === msg.channel && b.chatId === msg.chatId));
    for (const b of chats) out.push({ text: line, channel: b.channel, chatId: b.chatId, format: { code: [occ.code] } });
    if (chats.length > 0) told.push(unitName(units, unitId));
  }
  const reply = [
    `✅ Đã gia hạn «${occ.title}» [mã ${occ.code}]: hạn mới ${formatDateVi(recorded.to)} (trước đó ${formatDateVi(recorded.from)}).`,
    reason ? `Căn cứ: ${reason}.` : "Chưa ghi lý do/số văn bản (có thể gõ lại kèm lý do).",
    "Các nhắc hạn được tính lại theo hạn mới; báo cáo và /tiendo hiển thị cả hai ngày.",
    told.length > 0 ? `Đã báo nhóm của: ${told.join(", ")}.` : "Chưa có nhóm đơn vị nào để báo (đơn vị chưa đăng ký nhóm).",
  ].join("\n");
  return [{ text: reply, format: { code: [occ.code] } }, ...out];
}

export const extendFeature: CoreFeature = {
  name: "desk-extend",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    return cmd ? extend(msg, cmd.args, deps) : null;
  },
};
