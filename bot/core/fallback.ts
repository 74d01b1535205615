// Last in the list: an unknown command gets a short help; a sticker, photo or file nobody handled, or a
// message without words (only emoji), gets a hint in a private chat; in a group, anything not addressed
// to the bot gets nothing.
import type { CoreCommand, CoreFeature } from "./index.ts";
import { clip, parseCommand } from "./common.ts";
import { nearestCommand } from "./suggest-command.ts";

export const NON_TEXT_HINT = "Tôi chỉ đọc được tin nhắn chữ. Hãy gõ câu hỏi (ví dụ: Báo cáo quý I gửi trước ngày nào?), hoặc /help để xem các lệnh.";

export const NO_WORDS_HINT = "Tôi chưa hiểu tin nhắn này. Hãy gõ câu hỏi bằng chữ (ví dụ: Báo cáo quý I gửi trước ngày nào?), hoặc /help để xem các lệnh.";

export const fallbackFeature: CoreFeature = {
  name: "fallback",
  async onMessage(msg, deps) {
    const cmd = parseCommand(msg.text);
    if (cmd) {
      const near = nearestCommand(cmd.name, "commands" in deps ? (deps as { commands: CoreCommand[] }).commands : []);
      const hint = near ? `Bạn muốn gõ /${near}? ` : "";
      return [{ text: `Tôi chưa biết lệnh /${cmd.name}. ${hint}Gõ /help để xem các lệnh, hoặc hỏi thẳng bằng một câu.` }];
    }
    if (msg.chatType === "group" && !msg.addressed) return [];
    if (msg.file) return [{ text: `Tôi đã nhận «${msg.file.name}» nhưng chưa biết dùng vào việc gì. ${NON_TEXT_HINT}` }];
    const text = msg.text.trim();
    if (!text) return [{ text: NON_TEXT_HINT }];
    // "/", "/ han": a slash that starts no command we could read
    if (text.startsWith("/")) return [{ text: `«${clip(text, 40)}» không phải là lệnh. Tên lệnh viết liền sau dấu /, ví dụ /han hoặc /help.` }];
    // emoji, numbers or punctuation only: nothing to ask about; in a group it is a reaction, not a question
    if (!/\p{L}/u.test(text)) return msg.chatType === "private" ? [{ text: NO_WORDS_HINT }] : [];
    return [];
  },
};
