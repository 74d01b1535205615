// Added to a group: say how to use the bot there and how an admin registers the group.
import { Composer } from "grammy";
import type { TelegramDeps } from "../bot.ts";
import { handleGroupGone } from "../../core/group-lifecycle.ts";

export const GROUP_WELCOME = [
  "Xin chào! Tôi là Trợ lý Kế hoạch: tôi trả lời về chỉ tiêu, đơn vị chủ trì và thời hạn trong các kế hoạch.",
  "• Hỏi: /hoi <câu hỏi>, hoặc nhắc tên tôi, hoặc trả lời (reply) tin nhắn của tôi.",
  "• Quản trị viên: /dangky <tên đơn vị> để gắn nhóm này với một đơn vị và nhận nhắc hạn tại đây.",
].join("\n");

export function createMembershipFeature(deps: TelegramDeps): Composer<any> {
  const composer = new Composer();
  composer.on("my_chat_member", async (ctx) => {
    const { old_chat_member: before, new_chat_member: after, chat } = ctx.myChatMember;
    const wasOut = before.status === "left" || before.status === "kicked";
    const isIn = after.status === "member" || after.status === "administrator";
    if (chat.type === "private") return;
    if (wasOut && isIn) await ctx.api.sendMessage(chat.id, GROUP_WELCOME);
    else if (!isIn) {
      deps.log("info", `telegram: removed from ${chat.type} ${chat.id}`);
      // unbind, stop its reminders, tell the coordinators once (bot/core/group-lifecycle.ts)
      if (deps.coreDeps) await handleGroupGone(deps.coreDeps, "telegram", String(chat.id), { kind: "removed", why: after.status === "kicked" ? "bot bị xoá khỏi nhóm" : "bot đã rời nhóm" });
    }
  });
  return composer;
}
