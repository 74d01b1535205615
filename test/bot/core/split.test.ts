import { describe, expect, it } from "vitest";
import { splitText } from "../../../bot/core/split.ts";

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("một\nhai", 100)).toEqual(["một\nhai"]);
  });
  it("cuts between lines and never exceeds the limit", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `Dòng số ${i} của câu trả lời dài`);
    const parts = splitText(lines.join("\n"), 120);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(120);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });
  it("cuts an over-long line at a space", () => {
    const line = "chữ ".repeat(100).trim();
    const parts = splitText(line, 50);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(50);
      expect(p.startsWith(" ") || p.endsWith(" ")).toBe(false);
    }
    expect(parts.join(" ")).toBe(line);
  });
  it("hard-cuts a line without spaces but not inside an emoji", () => {
    const parts = splitText(`${"a".repeat(9)}😀${"b".repeat(10)}`, 10);
    expect(parts[0]).toBe("a".repeat(9));
    expect(parts.join("")).toBe(`${"a".repeat(9)}😀${"b".repeat(10)}`);
  });
  it("fits Telegram's 4096 characters", () => {
    const text = Array.from({ length: 300 }, () => "x".repeat(40)).join("\n");
    const parts = splitText(text, 4096);
    expect(parts.length).toBe(4); // 99 lines of 41 characters fit in 4096
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
  });
  it("returns nothing for blank text", () => {
    expect(splitText("  \n ", 10)).toEqual([]);
  });
});
