// Last in the list: an unknown command gets a short help; a sticker, photo or file nobody handled gets
// a hint in a private chat; in a group, anything not addressed to the bot gets nothing.
import type { CoreFeature } from "./index.ts";
import { parseCommand } from "./common.ts";

export const NON_TEXT_HINT = "Tôi chỉ đọc được tin nhắn chữ. Hãy gõ câu hỏi (ví dụ: Báo cáo quý I gửi trước ngày nào?), hoặc /help để xem các lệnh.";

export const fallbackFeature: CoreFeature = {
  name: "fallback",
  async onMessage(msg) {
    const cmd = parseCommand(msg.text);
    if (cmd) return [{ text: `Tôi chưa biết lệnh /${cmd.name}. Gõ /help để xem các lệnh, hoặc hỏi thẳng bằng một câu.` }];
    if (msg.chatType === "group" && !msg.addressed) return [];
    if (msg.file) return [{ text: `Tôi đã nhận «${msg.file.name}» nhưng chưa biết dùng vào việc gì. ${NON_TEXT_HINT}` }];
    if (!msg.text.trim()) return [{ text: NON_TEXT_HINT }];
    return [];
  },
};
