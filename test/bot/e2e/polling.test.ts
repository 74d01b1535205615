// End to end: the real bot process in polling mode against the fake Bot API on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rmSync } from "node:fs";
import { Knowledge } from "../../../knowledge/schema.ts";
import { ask, buildAskIndex } from "../../../knowledge/ask.ts";
import { startFakeTelegram, type FakeTelegram, type SentMessage } from "../../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../../helpers/bot-process.ts";

const CLOCK = "2024-03-01T08:00:00+07:00";
let tg: FakeTelegram;
let bot: BotProcess;
let dir: string;
let env: Record<string, string>;

const admin = () => tg.user(111, "Quản trị");
const staff = () => tg.user(222, "Nhân viên");
const groupA = () => tg.groupChat(-1001, "Văn phòng Sở LĐTBXH");
const groupB = () => tg.groupChat(-1002, "Nhóm VP Quảng Trị");

async function startBot() {
  const calls = tg.calls.length;
  const proc = startBotProcess(env);
  // ready once it polls
  await tg.waitForCall("getUpdates", (c) => tg.calls.indexOf(c) >= calls, 30_000).catch((e) => {
    throw new Error(`${e.message}\n${proc.stderr()}`);
  });
  return proc;
}

beforeAll(async () => {
  tg = await startFakeTelegram();
  dir = tempDir();
  env = {
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_IDS: "111",
    DB_FILE: join(dir, "db.json"),
    KNOWLEDGE_FILE: join(dir, "knowledge.json"),
    BOT_CLOCK: CLOCK,
  };
  bot = await startBot();
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await tg?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const reply = (chatId: number, after: number, match: (m: SentMessage) => boolean = () => true) =>
  tg.waitForMessage((m) => m.chatId === String(chatId) && tg.messages().indexOf(m) >= after && match(m), 15_000);

describe("polling bot process", () => {
  it("registers its Vietnamese command menu at start", async () => {
    await tg.waitForCall("setMyCommands");
    expect(tg.commands.map((c) => c.command)).toEqual(expect.arrayContaining(["start", "help", "hoi", "han", "viec", "tiendo"]));
    await tg.waitForCall("setMyCommands", (c) => JSON.stringify(c.payload.scope ?? "").includes("all_chat_administrators"));
    expect(tg.commandsFor({ type: "all_chat_administrators" }).map((c) => c.command)).toEqual(expect.arrayContaining(["dangky", "huydangky"]));
  });

  it("answers a private question with exactly what ask() answers from the plans", async () => {
    const question = "Báo cáo quý I gửi trước ngày nào?";
    const before = tg.messages().length;
    tg.sendText({ chat: tg.privateChat(222), from: staff(), text: question });
    const answer = await reply(222, before);
    const knowledge = Knowledge.parse(JSON.parse(readFileSync(env.KNOWLEDGE_FILE, "utf8")));
    const expected = ask(buildAskIndex(knowledge), question, { today: "2024-03-01" });
    expect(answer.text).toBe(expected.answer.trim());
    expect(answer.text.length).toBeGreaterThan(10);

    // 📄 Nguồn shows the cited passage of the plan
    const source = answer.buttons.flat().find((b) => b.text.startsWith("📄 Nguồn"));
    expect(source, `buttons: ${JSON.stringify(answer.buttons)}`).toBeDefined();
    const hit = expected.hits[0];
    expect(source!.data).toBe(`src:${hit.planId}:${hit.source.line}`);
    const pressed = tg.messages().length;
    tg.pressButton({ message: answer, from: staff(), data: source!.data });
    const passage = await reply(222, pressed);
    expect(passage.text).toContain(`dòng ${hit.source.line}:`);
    expect(passage.text).toMatch(/\n▶ \S/);
    expect(passage.replyTo).toBe(answer.messageId);
  });

  it("in a group answers /hoi and not an unrelated message", async () => {
    const before = tg.messages().length;
    tg.sendText({ chat: groupA(), from: staff(), text: "Chiều nay 3 giờ họp giao ban nhé mọi người" });
    const q = tg.sendText({ chat: groupA(), from: staff(), text: "/hoi Ai ký kế hoạch nâng cao PAR INDEX của Sở GTVT Lạng Sơn?" });
    const answer = await reply(-1001, before);
    expect(answer.replyTo).toBe(q.messageId);
    await new Promise((r) => setTimeout(r, 300));
    expect(tg.messages("-1001")).toEqual([answer]);
  });

  it("/dangky Văn phòng: refused for staff; ambiguous for an admin → buttons → bound", async () => {
    let before = tg.messages().length;
    tg.sendText({ chat: groupA(), from: staff(), text: "/dangky Văn phòng" });
    expect((await reply(-1001, before)).text).toMatch(/chỉ quản trị viên/);

    before = tg.messages().length;
    tg.sendText({ chat: groupA(), from: admin(), text: "/dangky Văn phòng" });
    const choice = await reply(-1001, before);
    expect(choice.text).toMatch(/có ở nhiều nơi/);
    const quangTri = choice.buttons.flat().find((b) => /Quảng Trị/.test(b.text));
    expect(quangTri, `buttons: ${JSON.stringify(choice.buttons)}`).toBeDefined();
    expect(choice.buttons.flat().length).toBeGreaterThan(2);

    tg.pressButton({ message: choice, from: admin(), data: quangTri!.data });
    await tg.waitForMessage((m) => m === choice && m.edits > 0, 15_000);
    expect(choice.text).toMatch(/✅ Đã gắn nhóm này với đơn vị: .*Quảng Trị/);
    expect(choice.buttons).toEqual([]);
  });

  it("/dangky with the agency named binds directly", async () => {
    const before = tg.messages().length;
    tg.sendText({ chat: groupB(), from: admin(), text: "/dangky Văn phòng Sở LĐTBXH Quảng Trị" });
    expect((await reply(-1002, before)).text).toMatch(/✅ Đã gắn nhóm này với đơn vị: .*Quảng Trị/);
  });

  it("the bindings survive a restart, and nothing is answered twice", async () => {
    const sentBefore = tg.messages().length;
    const answered = new Set(tg.messages().map((m) => m.text));
    expect(await bot.stop()).toBe(0);
    const db = JSON.parse(readFileSync(env.DB_FILE, "utf8"));
    expect(db.bindings.map((b: { chatId: string }) => b.chatId).sort()).toEqual(["-1001", "-1002"]);

    bot = await startBot();
    await new Promise((r) => setTimeout(r, 300));
    // (the reminder job may post to the bound groups; a repeated answer would be a re-handled update)
    expect(tg.messages().slice(sentBefore).filter((m) => answered.has(m.text))).toEqual([]);
    tg.sendText({ chat: groupA(), from: staff(), text: "/viec" });
    const tasks = await reply(-1001, sentBefore, (m) => /Nhiệm vụ|chưa gắn/.test(m.text));
    expect(tasks.text).toMatch(/Nhiệm vụ của .*Quảng Trị/);
  }, 60_000);

  it("exits with a clear message when another process polls the same token (409)", async () => {
    await bot.stop();
    tg.failNext("getUpdates", { error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" }, 5);
    bot = startBotProcess(env);
    expect(await bot.exited).toBe(1);
    expect(bot.stderr()).toMatch(/xung đột \(409\): một tiến trình bot khác/);
  }, 30_000);
});
