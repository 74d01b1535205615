// End to end: `npm start` with no token is a chat in the terminal over the same core.
import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { startBotProcess, tempDir as newTempDir } from "../../helpers/bot-process.ts";

const dirs: string[] = [];
const tempDir = () => {
  const d = newTempDir();
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("console chat", () => {
  it("welcomes, answers questions and commands line by line, and quits on end of input", async () => {
    const dir = tempDir();
    const bot = startBotProcess({ DB_FILE: join(dir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json"), BOT_CLOCK: "2024-03-01T08:00:00+07:00" });
    await bot.waitForOutput(/Trợ lý Kế hoạch — trò chuyện ngay trong cửa sổ lệnh/, 30_000);
    expect(bot.stdout()).toMatch(/Đang đọc \d+ kế hoạch/);
    bot.send("Báo cáo quý I gửi trước ngày nào?");
    bot.send("/help");
    bot.send("/han quý I/2024");
    bot.endInput();
    expect(await bot.exited).toBe(0);
    const out = bot.stdout();
    expect(out).toContain("/hoi (/ask) — ");
    expect(out).toMatch(/📅 Các hạn trong quý I\/2024/);
    expect(out.trimEnd().endsWith("Tạm biệt!")).toBe(true);
    // the question got an answer between the welcome and the command list
    const afterWelcome = out.split("Ctrl-D để thoát.")[1];
    expect(afterWelcome.split("/hoi (/ask)")[0].replace("Các lệnh:", "").trim().length).toBeGreaterThan(10);
  }, 60_000);

  it("/exit quits while input is still open", async () => {
    const dir = tempDir();
    const bot = startBotProcess({ DB_FILE: join(dir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json") });
    await bot.waitForOutput(/Ctrl-D để thoát/, 30_000);
    bot.send("/exit");
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toContain("Tạm biệt!");
  }, 60_000);

  it("a bad variable stops the bot with a message naming it", async () => {
    const bot = startBotProcess({ PORT: "tám nghìn" });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toMatch(/Biến môi trường PORT không hợp lệ/);
  }, 30_000);

  it("a corrupt state file stops the bot with a clear message and is left untouched", async () => {
    const { writeFileSync, readFileSync } = await import("node:fs");
    const dir = tempDir();
    const db = join(dir, "db.json");
    writeFileSync(db, "{ not json");
    const bot = startBotProcess({ DB_FILE: db, KNOWLEDGE_FILE: join(dir, "knowledge.json") });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toMatch(/Tệp trạng thái .*db\.json bị hỏng/);
    expect(readFileSync(db, "utf8")).toBe("{ not json");
  }, 30_000);
});
