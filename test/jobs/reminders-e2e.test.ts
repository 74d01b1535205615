// End to end: the real bot process (polling) against the fake Bot API on 127.0.0.1, clock set by BOT_CLOCK
// a few days before a Văn phòng deadline of the Quảng Trị plan ("Báo cáo kết quả rà soát", trước 18/11/2024).
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Knowledge } from "../../knowledge/schema.ts";
import { expandOccurrences } from "../../jobs/occurrences.ts";
import { startFakeTelegram, type FakeTelegram, type SentMessage } from "../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../helpers/bot-process.ts";

const CLOCK = "2024-11-13T09:00:00+07:00"; // Wednesday: 3 working days before Monday 18/11
const VP = "quang-tri/so-ldtbxh/van-phong-so";
let tg: FakeTelegram;
let bot: BotProcess;
let env: Record<string, string>;

const admin = () => tg.user(111, "Quản trị");
const staff = () => tg.user(222, "Chị Lan");
const outsider = () => tg.user(333, "Người ngoài");
const vpGroup = () => tg.groupChat(-1001, "Văn phòng Sở LĐTBXH Quảng Trị");

const db = () => JSON.parse(readFileSync(env.DB_FILE, "utf8"));
const knowledge = () => Knowledge.parse(JSON.parse(readFileSync(env.KNOWLEDGE_FILE, "utf8")));
const after = (n: number, chatId: string, match: (m: SentMessage) => boolean = () => true) =>
  tg.waitForMessage((m) => tg.messages().indexOf(m) >= n && m.chatId === chatId && match(m), 20_000);

beforeAll(async () => {
  tg = await startFakeTelegram();
  const dir = tempDir("remind-e2e-");
  env = { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, ADMIN_IDS: "111", DB_FILE: join(dir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json"), BOT_CLOCK: CLOCK };
  bot = startBotProcess(env);
  await tg.waitForCall("getUpdates", undefined, 60_000).catch((e) => {
    throw new Error(`${e.message}\n${bot.stderr()}`);
  });
  // the start-up catch-up runs once (nothing is registered yet): wait for it so /nhacviec is what sends
  await bot.waitForOutput(/reminders \(khởi động/, 30_000, "stderr");
  const n = tg.messages().length;
  tg.sendText({ chat: vpGroup(), from: admin(), text: "/dangky Văn phòng Sở LĐTBXH Quảng Trị" });
  expect((await after(n, "-1001")).text).toMatch(/✅ Đã gắn nhóm này với đơn vị: Văn phòng Sở/);
}, 90_000);

afterAll(async () => {
  await bot?.stop();
  await tg?.close();
});

describe("reminders through Telegram", () => {
  let reminder: SentMessage;

  it("/nhacviec sends the Văn phòng group its reminder: unit, task, plan, due date, days left, product, code, buttons", async () => {
    const n = tg.messages().length;
    tg.sendText({ chat: vpGroup(), from: admin(), text: "/nhacviec" });
    reminder = await after(n, "-1001", (m) => m.text.includes("🔔 Nhắc hạn"));
    expect(reminder.text).toContain("🔔 Nhắc hạn — Văn phòng Sở");
    expect(reminder.text).toContain("Báo cáo kết quả rà soát");
    expect(reminder.text).toMatch(/Kế hoạch: .*cải cách hành chính.*Sở LĐTBXH Quảng Trị/i);
    expect(reminder.text).toContain("18/11/2024");
    expect(reminder.text).toContain("còn 5 ngày");
    expect(reminder.text).toContain("Sản phẩm cần nộp: Báo cáo");
    const code = /mã ([A-Z0-9]{5,6})/.exec(reminder.text)![1];
    expect(reminder.buttons).toEqual([[{ text: "✅ Đã nộp", data: `ok:${code}` }, { text: "⏰ Nhắc lại sau", data: `snz:${code}` }]]);
    const summary = await after(n, "-1001", (m) => m.text.startsWith("Đã chạy nhắc việc"));
    expect(summary.text).toContain("đã gửi 1 tin nhắn");
    expect(db().outbox.map((r: { status: string }) => r.status)).toEqual(["sent"]);
  }, 60_000);

  it("a reply 'đã nộp' is recorded and acknowledged, and the next run sends that group nothing for the item", async () => {
    let n = tg.messages().length;
    tg.sendText({ chat: vpGroup(), from: staff(), text: "Đã nộp", replyTo: reminder });
    const ack = await after(n, "-1001", (m) => m.replyTo !== undefined);
    expect(ack.text).toContain("✅ Đã ghi nhận: Văn phòng Sở đã nộp «Báo cáo kết quả rà soát»");
    expect(ack.text).toContain("Người xác nhận: Chị Lan");
    expect(ack.buttons.flat()[0].text).toBe("↩️ Hoàn tác");
    const subs = db().submissions;
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({ unitId: VP, userId: "222", chatId: "-1001", undoneAt: null });
    expect(subs[0].occurrenceId).toMatch(/@2024-11-18$/);

    n = tg.messages().length;
    tg.sendText({ chat: vpGroup(), from: admin(), text: "/nhacviec" });
    const summary = await after(n, "-1001", (m) => m.text.startsWith("Đã chạy nhắc việc"));
    expect(summary.text).toBe("Đã chạy nhắc việc: không có nhắc nhở nào đến hạn lúc này.");
    expect(tg.messages("-1001").filter((m) => tg.messages().indexOf(m) >= n && m.text.includes("Báo cáo kết quả rà soát"))).toEqual([]);
  }, 60_000);

  it("✅ on another item from a user outside the group is refused and records nothing", async () => {
    const other = expandOccurrences(knowledge()).find((o) => o.planId === "quang-tri-ldtbxh-2024" && o.title === "Kiểm kê tài sản")!;
    const n = tg.messages().length;
    tg.sendText({ chat: tg.privateChat(333), from: outsider(), text: "/start" });
    const hello = await after(n, "333");
    const { callbackQueryId } = tg.pressButton({ message: hello, from: outsider(), data: `ok:${other.code}` });
    await tg.waitForCall("answerCallbackQuery", (c) => c.payload.callback_query_id === callbackQueryId, 20_000);
    expect(tg.callbackAnswers.get(callbackQueryId)?.text).toContain("Xin lỗi, chỉ thành viên nhóm của Văn phòng Sở");
    expect(db().submissions.filter((s: { occurrenceId: string }) => s.occurrenceId === other.id)).toEqual([]);
  }, 60_000);

  it("/tiendo in the group shows the submission with its time and author", async () => {
    const n = tg.messages().length;
    tg.sendText({ chat: vpGroup(), from: staff(), text: "/tiendo" });
    const status = await after(n, "-1001");
    expect(status.text).toMatch(/✅ Văn phòng Sở: đã nộp lúc \d\d:\d\d ngày 13\/11\/2024 \(Chị Lan\)/);
  }, 60_000);

  it("the audit log beside the state file holds the binding, the runs, the confirmation and the refused press", async () => {
    // the refusal is answered first and appended to the log just after: wait for its line
    const read = () => readFileSync(join(dirname(env.DB_FILE), "audit.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    for (const end = Date.now() + 10_000; read().length < 5 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    const lines = read();
    expect(lines.map((e: { action: string; outcome: string }) => `${e.action}/${e.outcome}`)).toEqual(["bind/done", "run-jobs/done", "confirm/done", "run-jobs/done", "confirm/refused"]);
    expect(lines[2]).toMatchObject({ channel: "telegram", chatId: "-1001", userId: "222", userName: "Chị Lan", unitId: VP, before: null });
  });

  it("a second process on the same token (Telegram answers 409) exits with a clear message and sends nothing", async () => {
    const n = tg.messages().length;
    const outboxBefore = db().outbox.length;
    const callsBefore = tg.calls.length;
    // its own state file (the same one is refused earlier, by its lock: below)
    const second = startBotProcess({ ...env, DB_FILE: join(tempDir("remind-e2e-2-"), "db.json") });
    onTestFinished(() => void second.stop()); // never left polling if an expectation fails
    // armed once the second process has reached the API, so the first bot's own long poll (it keeps
    // polling) cannot take the 409 while the second is still loading
    await tg.waitForCall("getMe", (c) => tg.calls.indexOf(c) >= callsBefore, 45_000);
    tg.failNext("getUpdates", { error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain("một tiến trình bot khác đang chạy với cùng TELEGRAM_BOT_TOKEN");
    await new Promise((r) => setTimeout(r, 500));
    expect(tg.messages().length).toBe(n);
    expect(db().outbox.length).toBe(outboxBefore);
  }, 60_000);

  it("a second process on the same state file refuses to start, naming the file and the other process", async () => {
    const n = tg.messages().length;
    const second = startBotProcess(env);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`Tệp trạng thái ${env.DB_FILE} đang được một tiến trình bot khác dùng (pid ${bot.proc.pid}`);
    expect(tg.messages().length).toBe(n);
  }, 60_000);
});
