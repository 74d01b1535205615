// The real bot when its state folder disappears under it: the change is refused in one sentence,
// the group is not bound, the coordinator's group is alerted, and questions are still answered.
import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../helpers/bot-process.ts";

let tg: FakeTelegram;
let bot: BotProcess;

afterAll(async () => {
  await bot?.stop();
  await tg?.close();
});

describe("state folder deleted while running", () => {
  it("refuses changes clearly, alerts the coordinator, still answers", async () => {
    tg = await startFakeTelegram();
    const dir = tempDir("read-only-");
    const stateDir = join(dir, "state");
    mkdirSync(stateDir);
    bot = startBotProcess({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, ADMIN_IDS: "111", DB_FILE: join(stateDir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json"), BOT_CLOCK: "2024-11-13T09:00:00+07:00" });
    await bot.waitForOutput(/reminders \(khởi động/, 60_000, "stderr");
    const admin = tg.user(111, "Quản trị");
    const coord = tg.groupChat(-1001, "Văn phòng Sở LĐTBXH Quảng Trị"); // the plan's coordinating unit
    const other = tg.groupChat(-1002, "Thanh tra");
    const after = (n: number, chatId: string, match: (t: string) => boolean = () => true) =>
      tg.waitForMessage((m) => tg.messages().indexOf(m) >= n && String(m.chatId) === chatId && match(m.text), 20_000);

    let n = tg.messages().length;
    tg.sendText({ chat: coord, from: admin, text: "/dangky Văn phòng Sở LĐTBXH Quảng Trị" });
    expect((await after(n, "-1001")).text).toMatch(/✅ Đã gắn nhóm/);

    rmSync(stateDir, { recursive: true, force: true });
    n = tg.messages().length;
    tg.sendText({ chat: other, from: admin, text: "/dangky Thanh tra Sở LĐTBXH Quảng Trị" });
    const refused = await after(n, "-1002");
    expect(refused.text).toMatch(/^Không lưu được dữ liệu: thư mục của .*db\.json không còn tồn tại/);
    const alert = await after(n, "-1001", (t) => t.startsWith("⚠️ Không lưu được dữ liệu"));
    expect(alert.text).toMatch(/chỉ trả lời câu hỏi/);

    n = tg.messages().length;
    tg.sendText({ chat: tg.privateChat(222), from: tg.user(222, "Lan"), text: "/han quý IV/2024" });
    expect((await after(n, "222")).text).toMatch(/Các hạn trong quý IV\/2024/);
    expect(bot.proc.exitCode).toBeNull(); // still running
  }, 120_000);
});
