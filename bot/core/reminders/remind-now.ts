// /nhacviec (/remind_now): an admin runs the reminder job now, inside the running bot.
import type { CoreFeature } from "../index.ts";
import { NOT_ADMIN, isAdmin, matchCommand } from "../common.ts";

const commands = [{ name: "nhacviec", aliases: ["remind_now"], description: "Chạy nhắc hạn ngay (quản trị viên)", adminOnly: true }];

export const remindNowFeature: CoreFeature = {
  name: "reminders-run",
  commands,
  async onMessage(msg, deps) {
    if (!matchCommand(msg, commands)) return null;
    if (!isAdmin(deps, msg.channel, msg.userId)) return [{ text: NOT_ADMIN }];
    if (!deps.runReminders) return [{ text: "Chức năng nhắc hạn chưa chạy trong bot này." }];
    try {
      return [{ text: await deps.runReminders(`/nhacviec bởi ${msg.channel}:${msg.userId}`) }];
    } catch (e) {
      deps.log("error", "reminders: /nhacviec failed", e);
      return [{ text: "Chạy nhắc hạn gặp lỗi; các nhắc nhở chưa gửi vẫn được giữ lại và sẽ gửi ở lần chạy sau." }];
    }
  },
};
