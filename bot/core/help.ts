// /help (/trogiup): every mounted command with its aliases, admin-only ones marked.
import type { CoreCommand, CoreContext, CoreFeature } from "./index.ts";
import { matchCommand } from "./common.ts";

const commands: CoreCommand[] = [{ name: "help", aliases: ["trogiup"], description: "Danh sách lệnh" }];

export const helpFeature: CoreFeature = {
  name: "help",
  commands,
  async onMessage(msg, deps) {
    if (!matchCommand(msg, commands)) return null;
    const all = (deps as Partial<CoreContext>).commands ?? commands;
    const lines = all.map((c) => {
      const aliases = c.aliases.length ? ` (${c.aliases.map((a) => `/${a}`).join(", ")})` : "";
      return `/${c.name}${aliases} — ${c.description}${c.adminOnly && !/quản trị/.test(c.description) ? " (quản trị viên)" : ""}`;
    });
    return [
      {
        text: [
          "Các lệnh:",
          ...lines,
          "",
          msg.chatType === "group"
            ? "Trong nhóm, tôi trả lời /hoi <câu hỏi>, tin nhắn nhắc tên tôi, hoặc tin nhắn trả lời (reply) tôi."
            : "Trong chat riêng, cứ gõ câu hỏi — không cần lệnh.",
        ].join("\n"),
      },
    ];
  },
};
