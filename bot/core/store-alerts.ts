// Who hears that the state can no longer be saved (or can again), and what they are told.
// Pure: main sends the messages and owns the retry timer.
import type { Binding } from "../../data/store.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import type { ChannelName } from "./types.ts";

export interface AlertTarget {
  channel: ChannelName;
  chatId: string;
}

/** The coordinators' groups; with none bound, the admins' private chats ("telegram:123" ids, bare ids are Telegram's). */
export function alertTargets(knowledge: Knowledge, bindings: readonly Binding[], adminIds: Iterable<string>): AlertTarget[] {
  const coordinators = new Set(knowledge.plans.map((p) => p.coordinatorUnitId).filter((u): u is string => !!u));
  const groups = bindings.filter((b) => coordinators.has(b.unitId) && b.channel !== "console").map((b) => ({ channel: b.channel, chatId: b.chatId }));
  const seen = new Set<string>();
  const out: AlertTarget[] = [];
  const add = (t: AlertTarget) => {
    const k = `${t.channel}:${t.chatId}`;
    if (!seen.has(k)) seen.add(k), out.push(t);
  };
  groups.forEach(add);
  if (out.length > 0) return out;
  for (const id of adminIds) {
    const m = /^(telegram|zalo):(.+)$/.exec(id);
    if (m) add({ channel: m[1] as ChannelName, chatId: m[2] });
    else if (/^\d+$/.test(id)) add({ channel: "telegram", chatId: id });
  }
  return out;
}

export function readOnlyAlert(reason: string): string {
  return `⚠️ ${reason}\nTrong lúc này bot chỉ trả lời câu hỏi; đăng ký nhóm, xác nhận nộp và nhắc hạn tạm dừng (không gửi nhắc hạn vì không ghi lại được, tránh gửi trùng). Hãy kiểm tra ổ đĩa/quyền ghi của tệp trạng thái.`;
}

export function recoveredAlert(file: string): string {
  return `✅ Đã lưu lại được tệp trạng thái ${file}. Bot hoạt động bình thường trở lại; nhắc hạn bị dừng sẽ được gửi bù.`;
}

/** A channel's message quota ran out during a reminder run (Zalo 429). */
export function quotaAlert(channel: string): string {
  const name = channel === "zalo" ? "Zalo" : channel;
  return `⚠️ ${name} báo đã hết hạn mức tin nhắn của bot (lỗi 429). Các nhắc hạn ${name} còn lại của lần chạy này được giữ lại và sẽ gửi ở lần chạy sau; hãy kiểm tra gói dịch vụ Zalo Bot nếu việc này lặp lại.`;
}
