import { describe, expect, it } from "vitest";
import { PassThrough } from "node:stream";
import { renderPlain, runConsole } from "../../bot/console.ts";
import type { CoreFeature } from "../../bot/core/index.ts";
import { testCore } from "../helpers/bot-core.ts";

async function chat(lines: string[], features?: CoreFeature[]) {
  const { core } = testCore({}, features);
  const input = new PassThrough();
  const output = new PassThrough();
  let out = "";
  output.on("data", (d) => (out += d));
  const done = runConsole({ core, input, output, now: () => new Date("2024-03-01T01:00:00Z"), planCount: 2 });
  for (const l of lines) input.write(`${l}\n`);
  input.end();
  await done;
  return out;
}

describe("console chat", () => {
  it("prints a Vietnamese welcome with example questions, answers each line, says goodbye", async () => {
    const out = await chat(["/help", "", "/viec Ban QLBT"]);
    expect(out).toMatch(/^Trợ lý Kế hoạch — trò chuyện ngay trong cửa sổ lệnh/);
    expect(out).toContain("Đang đọc 2 kế hoạch");
    expect(out).toContain("• Báo cáo quý I gửi trước ngày nào?");
    expect(out).toContain("/hoi (/ask) — ");
    expect(out).toContain("Nhiệm vụ của Ban Quản lý Bảo trì đường bộ");
    expect(out.trimEnd().endsWith("Tạm biệt!")).toBe(true);
  });

  it("is an admin's private chat: admin-only commands are not refused", async () => {
    const out = await chat(["/dangky Thanh tra"]);
    expect(out).not.toMatch(/chỉ quản trị viên/);
    expect(out).toMatch(/dùng trong nhóm/);
  });

  it("/exit stops reading", async () => {
    const out = await chat(["/exit", "/help"]);
    expect(out).not.toContain("/hoi (/ask) — ");
    expect(out).toContain("Tạm biệt!");
  });

  it("shows a button's text fallback instead of the buttons", () => {
    expect(renderPlain({ text: "Chọn:", buttons: [[{ text: "A", data: "x:1" }]], textFallback: "1. A" })).toBe("Chọn:\n1. A");
  });
});
