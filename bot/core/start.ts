// /start: what the assistant does, with questions to try; in a group, which unit the group belongs to.
import type { CoreFeature } from "./index.ts";
import { bindingFor, matchCommand, unitById, unitLabel } from "./common.ts";

/** Questions a newcomer can copy (they are answered from the bundled plans). */
export const EXAMPLE_QUESTIONS = [
  "Báo cáo quý I gửi trước ngày nào?",
  "han gui bao cao 6 thang cua so gtvt son la",
  "Ai ký kế hoạch nâng cao PAR INDEX của Sở GTVT Lạng Sơn?",
  "Mức độ hài lòng về giải quyết TTHC ở Đắk Lắk đến năm 2030?",
  "When is the Q3 report due?",
];

const commands = [{ name: "start", aliases: [], description: "Giới thiệu và ví dụ câu hỏi" }];

export const startFeature: CoreFeature = {
  name: "start",
  commands,
  async onMessage(msg, deps) {
    if (!matchCommand(msg, commands)) return null;
    const knowledge = deps.knowledge.knowledge;
    const plans = knowledge.plans.map((p) => `• ${p.agencyShort}: ${p.title}`);
    const lines = [
      `Xin chào${msg.userName ? ` ${msg.userName}` : ""}! Tôi là Trợ lý Kế hoạch.`,
      "Tôi đọc các kế hoạch của cơ quan và trả lời về chỉ tiêu, đơn vị chủ trì, phối hợp và thời hạn, kèm trích dẫn nguồn.",
      "",
      plans.length ? `Đang có ${plans.length} kế hoạch:` : "Chưa có kế hoạch nào được nạp.",
      ...plans,
      "",
      msg.chatType === "group" ? "Hỏi trong nhóm bằng /hoi <câu hỏi>, nhắc tên tôi, hoặc trả lời tin nhắn của tôi. Ví dụ:" : "Cứ gõ câu hỏi, có dấu hay không dấu đều được. Ví dụ:",
      ...EXAMPLE_QUESTIONS.map((q) => `• ${q}`),
    ];
    if (msg.chatType === "group") {
      const b = bindingFor(deps, msg.channel, msg.chatId);
      const unit = b ? unitById(knowledge, b.unitId) : undefined;
      lines.push(
        "",
        b
          ? `Nhóm này là nhóm của ${unit ? unitLabel(knowledge, unit) : b.unitId}: /viec xem nhiệm vụ, /han xem các hạn sắp tới.`
          : "Nhóm này chưa gắn với đơn vị nào. Quản trị viên gõ /dangky <tên đơn vị> để nhận nhắc hạn tại đây.",
      );
    }
    lines.push("", "Gõ /help để xem tất cả các lệnh.");
    return [{ text: lines.join("\n") }];
  },
};
