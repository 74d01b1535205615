// /nhacviec (/remind_now): an admin runs the reminder job now, inside the running bot.
import type { CoreFeature } from "../index.ts";
import type { ChannelName } from "../types.ts";
import { agencyLabel, isoDay, matchCommand } from "../common.ts";
import { agenciesFor, authorize } from "../roles.ts";
import { recordChange } from "../audit.ts";

const commands = [{ name: "nhacviec", aliases: ["remind_now"], description: "Chạy nhắc hạn ngay (quản trị viên)", adminOnly: true }];

/** No scheduler here (the console has no chat to send to): say where reminders go and how to preview them. */
export function notRunningText(channel: ChannelName, now: Date): string {
  const preview = `npm run -s remind -- --now ${isoDay(now)}T08:00:00+07:00 --dry-run`;
  const where =
    channel === "console"
      ? "Cửa sổ lệnh không có nhóm chat nào để gửi, nên /nhacviec không chạy ở đây."
      : "Bộ nhắc hạn chưa được bật trong lần chạy này của bot.";
  return [
    where,
    "Nhắc hạn được gửi vào các nhóm Telegram/Zalo đã đăng ký bằng /dangky, khi bot chạy với TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN (8:00 mỗi ngày làm việc, hoặc ngay khi quản trị viên gõ /nhacviec).",
    "Xem trước những gì sẽ gửi vào một thời điểm (không gửi, không đổi gì), trong một cửa sổ lệnh khác:",
    preview,
    "Các hạn sắp tới: /han",
  ].join("\n");
}

export const remindNowFeature: CoreFeature = {
  name: "reminders-run",
  commands,
  async onMessage(msg, deps) {
    if (!matchCommand(msg, commands)) return null;
    const allowed = authorize(deps, msg, "run-jobs");
    if (!allowed.ok) return [{ text: allowed.reply }];
    if (!deps.runReminders) return [{ text: notRunningText(msg.channel, deps.now()) }];
    // an agency admin's run covers only their agencies' plans
    const scope = agenciesFor(deps, msg, "run-jobs");
    const agencies = scope === "all" ? null : scope;
    const label = agencies ? agencies.map((a) => agencyLabel(deps.knowledge.knowledge, a)).join(", ") : null;
    try {
      const summary = await deps.runReminders(`/nhacviec bởi ${msg.channel}:${msg.userId}`, agencies ? { agencyIds: agencies } : {});
      for (const agencyId of agencies ?? [null]) {
        await recordChange(deps, msg, { action: "run-jobs", agencyId, target: "nhacviec", before: null, after: summary, note: agencies ? null : "toàn bộ các cơ quan" });
      }
      return [{ text: label ? `${summary}\n(Chỉ các kế hoạch của ${label}.)` : summary }];
    } catch (e) {
      deps.log("error", "reminders: /nhacviec failed", e);
      return [{ text: "Chạy nhắc hạn gặp lỗi; các nhắc nhở chưa gửi vẫn được giữ lại và sẽ gửi ở lần chạy sau." }];
    }
  },
};
