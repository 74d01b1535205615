// Why a reminder run found nothing, and how to see one: said after "0 tin nhắn, 0 mục".
import type { State } from "../data/store.ts";

export const DEMO_HINT = "Muốn xem thử ngay: npm run demo (cửa sổ lệnh đóng vai nhóm của một đơn vị, đồng hồ đặt vào một ngày làm việc năm 2024 có hạn cần nhắc; gõ /nhacviec).";

/** For /nhacviec in a running bot: why a run with no group bound sent nothing (null when groups are bound). */
export function noGroupReason(state: Pick<State, "bindings">): string | null {
  if (state.bindings.length > 0) return null;
  return "Chưa có nhóm nào được gắn với đơn vị, nên không có nơi nào để gửi: trong nhóm chat của mỗi đơn vị, quản trị viên gõ /dangky <tên đơn vị>.";
}

export function emptyRunHint(state: Pick<State, "bindings" | "outbox">, dbFile: string): string {
  if (state.bindings.length === 0) {
    return [
      `Không có gì để gửi vì chưa có nhóm nào được gắn với đơn vị trong ${dbFile} (DB_FILE): nhắc hạn chỉ gửi vào nhóm đã đăng ký bằng /dangky <tên đơn vị>.`,
      DEMO_HINT,
    ].join("\n");
  }
  const pending = state.outbox.filter((r) => r.status === "pending").length;
  return [
    `${state.bindings.length} nhóm đã đăng ký, nhưng vào thời điểm này không có hạn nào tới mốc nhắc (7, 3, 1 ngày làm việc trước hạn, đúng ngày hạn, rồi 2 ngày một lần khi quá hạn), hoặc các nhắc nhở đã được ghi từ trước${pending ? ` (${pending} đang chờ gửi)` : ""}.`,
    "Thử một thời điểm khác bằng --now, hoặc xem các hạn sắp tới bằng /han trong bot.",
  ].join("\n");
}
