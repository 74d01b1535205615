import { describe, expect, it } from "vitest";
import { renderText, splitText } from "../../../bot/zalo/text.ts";

describe("Zalo text rendering", () => {
  it("appends the text fallback instead of buttons", () => {
    const text = renderText({
      text: "Nhắc hạn: Báo cáo quý III/2024 — còn 3 ngày.",
      buttons: [[{ text: "✅ Đã nộp", data: "ok:AB12" }]],
      textFallback: "trả lời: đã nộp AB12",
    });
    expect(text).toBe("Nhắc hạn: Báo cáo quý III/2024 — còn 3 ngày.\n\ntrả lời: đã nộp AB12");
    expect(text).not.toContain("✅ Đã nộp");
  });

  it("splits on line boundaries, every part within the limit, nothing lost", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `${i + 1}. Nhiệm vụ số ${i + 1}: rà soát thủ tục hành chính`);
    const text = lines.join("\n");
    const parts = splitText(text, 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.join("\n")).toBe(text);
    for (const p of parts) expect(lines).toContain(p.split("\n")[0]); // no line cut in two
  });

  it("cuts a single over-long line at a space, and keeps short text whole", () => {
    const long = "chữ ".repeat(1200).trim();
    const parts = splitText(long, 2000);
    expect(parts.length).toBe(3);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    expect(parts.join(" ")).toBe(long);
    expect(splitText("Xin chào", 2000)).toEqual(["Xin chào"]);
    expect(splitText("  \n ", 2000)).toEqual([]);
  });
});
