// End to end: `npm run demo` shows the whole product in the console — a reminder, its confirmation,
// the progress it changes, and the upcoming deadlines — without touching the real state file.
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startBotProcess, tempDir } from "../../helpers/bot-process.ts";
import { seedKnowledgeFile } from "../../helpers/shared-knowledge.ts";

const dir = tempDir("demo-e2e-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run demo", () => {
  it("drives, from the start, /nhacviec → đã nộp → /tiendo → a question, with its own state file", async () => {
    const state = join(dir, "demo", "db.json"); // as data/demo/db.json beside data/db.json
    const realDb = join(dir, "db.json");
    seedKnowledgeFile(join(dir, "demo-k.json"));
    // exactly what a newcomer types (npm run demo), stdin piped; the two paths only keep the test's files apart
    const bot = startBotProcess({ DB_FILE: realDb, KNOWLEDGE_FILE: join(dir, "k.json") }, ["run", "-s", "demo", "--", "--state", state, "--knowledge", join(dir, "demo-k.json")], "npm");
    await bot.waitForOutput(/Đã gắn nhóm này với đơn vị/, 30_000);
    for (const line of ["/nhacviec", "đã nộp", "/tiendo", "việc gì sắp đến hạn?"]) bot.send(line);
    bot.endInput();
    expect(await bot.exited).toBe(0);
    const out = bot.stdout();
    // from its first line: the demo says what it set up
    expect(out.split("\n")[0]).toMatch(/^Bản chạy thử \(npm run demo\): đồng hồ đặt ở 2024-09-11T07:30:00\+07:00, trạng thái riêng trong .*demo\/db\.json/);
    const [beforeConfirm, afterConfirm] = out.split("✅ Đã ghi nhận");
    // the reminder arrives in the console chat, with its code
    const code = /🔔 Nhắc hạn — [\s\S]*?\[mã ([A-Z0-9]{5})\]/.exec(beforeConfirm)?.[1];
    expect(code).toBeTruthy();
    expect(beforeConfirm).toMatch(/Đã chạy nhắc việc: \d+ mục mới, đã gửi 1 tin nhắn/);
    // "đã nộp" replies to it; /tiendo shows the unit as submitted
    expect(afterConfirm).toContain(`[mã ${code}]`);
    expect(afterConfirm).toMatch(new RegExp(`\\[${code}\\][^\\n]*\\n\\s+✅ [^\\n]*đã nộp lúc 07:30 ngày 11/9/2024`));
    // the question about upcoming deadlines is answered from the demo's day
    expect(afterConfirm).toMatch(/Việc có hạn từ 11\/9\/2024/);
    expect(out.trimEnd().endsWith("Tạm biệt!")).toBe(true);
    // its own state file, never DB_FILE
    expect(JSON.parse(readFileSync(state, "utf8")).submissions).toHaveLength(1);
    expect(existsSync(realDb)).toBe(false);
    // and its own audit log: the demo's /dangky and "đã nộp" are not in the real one beside DB_FILE
    expect(readdirSync(dir)).not.toContain("audit.jsonl");
    expect(readFileSync(join(dir, "demo", "audit.jsonl"), "utf8")).toMatch(/"action":"confirm"/);
  }, 60_000);
});
