// Telegram as it really works, against the fake Bot API: forum topics, startgroup self-registration,
// command scopes and descriptions, real HTML (which the fake parses as strictly as Telegram).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../../bot/telegram/bot.ts";
import { startPolling, type Polling } from "../../../bot/telegram/polling.ts";
import { registerCommands, registerDescriptions } from "../../../bot/telegram/commands.ts";
import { createTelegramSender } from "../../../bot/telegram/render.ts";
import { toHtml } from "../../../bot/telegram/format.ts";
import { runReminderJob } from "../../../jobs/run.ts";
import { startFakeTelegram, parseTelegramHtml, type FakeTelegram } from "../../helpers/fake-telegram.ts";
import { testCore } from "../../helpers/bot-core.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../../helpers/reminders-knowledge.ts";
import { createTopicGoneNotifier } from "../../../bot/telegram/topic-gone.ts";
import { noWaitLimiter } from "../../helpers/reminders-env.ts";

const CLOCK = "2024-11-13T09:00:00+07:00"; // 3 working days before Văn phòng's "Báo cáo kết quả rà soát" (18/11)
let tg: FakeTelegram;
let polling: Polling | undefined;
let clock = CLOCK;

beforeEach(async () => {
  tg = await startFakeTelegram();
  clock = CLOCK;
});
afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await tg.close();
});

function setup() {
  const { core, deps, logs } = testCore({ knowledge: remindersKnowledge(), adminIds: ["111"] });
  deps.now = () => new Date(clock);
  const bot = createBot({ token: tg.token, core, coreDeps: deps, log: deps.log, apiRoot: tg.apiRoot, botInfo: tg.botInfo, rateLimit: false, senders: deps.senders });
  deps.senders.telegram = createTelegramSender(bot.api);
  polling = startPolling(bot, { log: () => {}, timeoutSeconds: 1 });
  const runJob = () => runReminderJob({ store: deps.store, knowledge: () => deps.knowledge.knowledge, senders: deps.senders, now: deps.now, limiter: noWaitLimiter, log: () => {} }, { reason: "test", digest: false, catchUp: false });
  return { bot, core, deps, logs, runJob };
}

const admin = () => tg.user(111, "Quản trị");
const staff = () => tg.user(222, "Chị Lan");
const seen = () => tg.messages().length;
const next = (n: number, match: (m: ReturnType<FakeTelegram["messages"]>[number]) => boolean) => tg.waitForMessage((m) => tg.messages().indexOf(m) >= n && match(m));

describe("forum topics", () => {
  it("/dangky in a topic binds the topic; the reminder, its button reply and /han there carry message_thread_id", async () => {
    const { deps, runJob } = setup();
    const forum = tg.forumChat(-1007, "Sở LĐTBXH — các phòng");
    const vpTopic = tg.createTopic(forum, "Văn phòng");
    const ttTopic = tg.createTopic(forum, "Thanh tra");

    let n = seen();
    tg.sendText({ chat: forum, from: admin(), text: "/dangky Văn phòng Sở LĐTBXH Quảng Trị", threadId: vpTopic });
    const bound = await next(n, (m) => /Đã gắn/.test(m.text));
    expect(bound.threadId).toBe(vpTopic);
    expect(deps.store.state.bindings.map((b) => b.chatId)).toEqual([`-1007/${vpTopic}`]);

    n = seen();
    tg.sendText({ chat: forum, from: admin(), text: "/dangky Thanh tra Sở LĐTBXH Quảng Trị", threadId: ttTopic });
    expect((await next(n, (m) => /Đã gắn/.test(m.text))).threadId).toBe(ttTopic);

    n = seen();
    await runJob();
    const reminder = await next(n, (m) => m.text.includes("🔔 Nhắc hạn"));
    expect(reminder.chatId).toBe("-1007");
    expect(reminder.threadId).toBe(vpTopic); // in Văn phòng's topic, not in General
    expect(reminder.text).toContain("Báo cáo kết quả rà soát");

    n = seen();
    const ok = reminder.buttons[0].find((b) => b.data.startsWith("ok:"))!;
    tg.pressButton({ message: reminder, from: staff(), data: ok.data });
    const ack = await next(n, (m) => /Đã ghi nhận|ghi nhận/.test(m.text));
    expect(ack.threadId).toBe(vpTopic);
    expect(deps.store.state.submissions).toHaveLength(1);
    expect(deps.store.state.submissions[0].unitId).toMatch(/van-phong$/);

    // a question typed in the topic is answered in the topic, scoped to its unit
    n = seen();
    tg.sendText({ chat: forum, from: staff(), text: "/viec", threadId: ttTopic });
    const tasks = await next(n, () => true);
    expect(tasks.threadId).toBe(ttTopic);
    expect(tasks.text).toContain("Thanh tra");
  });

  it("every part of a long message to a topic carries the thread id; the buttons go on the last part", async () => {
    const { deps } = setup();
    const forum = tg.forumChat(-1011, "Diễn đàn");
    const topic = tg.createTopic(forum, "Văn phòng");
    const long = Array.from({ length: 300 }, (_, i) => `${i + 1}. Nhiệm vụ số ${i + 1} của đơn vị, hạn 31/12/2024`).join("\n");
    await deps.senders.telegram!(`-1011/${topic}`, { text: long, buttons: [[{ text: "OK", data: "x:1" }]] });
    const parts = tg.messages("-1011");
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((m) => m.threadId === topic)).toBe(true);
    expect(parts.at(-1)!.buttons).toHaveLength(1);
    expect(parts[0].buttons).toHaveLength(0);
  });

  it("a deleted topic: the reminder still reaches the group, with a note", async () => {
    const { deps, runJob } = setup();
    const forum = tg.forumChat(-1008, "Sở LĐTBXH");
    const topic = tg.createTopic(forum, "Văn phòng");
    let n = seen();
    tg.sendText({ chat: forum, from: admin(), text: "/dangky Văn phòng Sở LĐTBXH Quảng Trị", threadId: topic });
    await next(n, (m) => /Đã gắn/.test(m.text));
    tg.deleteTopic(forum, topic);
    n = seen();
    await runJob();
    const reminder = await next(n, (m) => m.text.includes("🔔 Nhắc hạn"));
    expect(reminder.threadId).toBeUndefined();
    expect(reminder.text).toMatch(/Chủ đề của đơn vị .* không còn nữa/);
    expect(deps.store.state.outbox.every((r) => r.status === "sent")).toBe(true);
  });
});

describe("a deleted topic, told to the coordinator", () => {
  it("the coordinating unit's chats hear once that a unit's topic is gone", async () => {
    const { deps } = testCore({ knowledge: remindersKnowledge() });
    const sent: { chatId: string; text: string }[] = [];
    deps.senders.telegram = async (chatId, m) => (sent.push({ chatId, text: m.text }), { messageId: "1" });
    await deps.store.update((s) => {
      s.bindings.push(bind(QT_TT, "-1009/7"), bind(QT_VP, "-1010"));
    });
    const notify = createTopicGoneNotifier(deps);
    await notify("-1009/7");
    await notify("-1009/7");
    expect(sent).toEqual([{ chatId: "-1010", text: expect.stringMatching(/Chủ đề Telegram của Thanh tra .* không còn nữa.*\/dangky/) }]);
  });
});

describe("self-registration with a startgroup link", () => {
  it("/molienket gives a t.me link; adding the bot with it binds the group once, tells the admin; then the code is spent, and expires after 7 days", async () => {
    const { deps } = setup();
    let n = seen();
    tg.sendText({ chat: tg.privateChat(111), from: admin(), text: "/molienket Thanh tra Sở LĐTBXH Quảng Trị" });
    const offer = await next(n, (m) => m.chatId === "111");
    const link = /https:\/\/t\.me\/tro_ly_test_bot\?startgroup=(LK[A-Z0-9]{8})/.exec(offer.text);
    expect(link).not.toBeNull();
    const code = link![1];
    expect(offer.entities).toContainEqual({ type: "code", text: code }); // tap to copy

    n = seen();
    const group = tg.groupChat(-2001, "Thanh tra Sở");
    tg.botAddedWithStart({ chat: group, by: staff(), payload: code });
    const here = await next(n, (m) => m.chatId === "-2001" && /Đã gắn/.test(m.text));
    expect(here.text).toContain("Thanh tra");
    const told = await next(n, (m) => m.chatId === "111" && m.text.includes(code));
    expect(told.text).toContain("«Thanh tra Sở»");
    expect(deps.store.state.bindings).toContainEqual(expect.objectContaining({ chatId: "-2001", unitId: expect.stringMatching(/thanh-tra$/), chatTitle: "Thanh tra Sở" }));

    // the same code again, in another group: spent
    n = seen();
    tg.botAddedWithStart({ chat: tg.groupChat(-2002, "Nhóm khác"), by: staff(), payload: code });
    expect((await next(n, (m) => m.chatId === "-2002" && m.text.includes(code))).text).toMatch(/đã được dùng/);
    expect(deps.store.state.bindings.some((b) => b.chatId === "-2002")).toBe(false);

    // a fresh code, used 8 days later: expired
    n = seen();
    tg.sendText({ chat: tg.privateChat(111), from: admin(), text: "/molienket Văn phòng Sở LĐTBXH Quảng Trị" });
    const second = /startgroup=(LK[A-Z0-9]{8})/.exec((await next(n, (m) => m.chatId === "111")).text)![1];
    clock = "2024-11-21T10:00:00+07:00";
    n = seen();
    tg.botAddedWithStart({ chat: tg.groupChat(-2003, "Văn phòng"), by: staff(), payload: second });
    expect((await next(n, (m) => m.chatId === "-2003" && m.text.includes(second))).text).toMatch(/hết hạn/);
    expect(deps.store.state.bindings.some((b) => b.chatId === "-2003")).toBe(false);
  });

  it("only admins get a link", async () => {
    setup();
    const n = seen();
    tg.sendText({ chat: tg.privateChat(222), from: staff(), text: "/molienket Thanh tra" });
    expect((await next(n, (m) => m.chatId === "222")).text).toMatch(/chỉ quản trị viên/);
  });
});

describe("command menu and profile", () => {
  it("admin commands appear only in admin scopes; English descriptions for language_code en; descriptions set", async () => {
    const { bot, core, logs } = setup();
    expect(await registerCommands(bot.api, core.commands, () => {}, ["111", "zalo:abc"])).toBe(true);
    const names = (list: { command: string }[]) => list.map((c) => c.command);
    const everyone = tg.commandsFor();
    expect(names(everyone)).toEqual(expect.arrayContaining(["start", "help", "hoi", "han", "viec", "tiendo"]));
    for (const adminOnly of ["dangky", "huydangky", "nhacviec", "molienket"]) {
      expect(names(everyone)).not.toContain(adminOnly);
      expect(names(tg.commandsFor({ type: "chat", chat_id: 111 }))).toContain(adminOnly);
      expect(names(tg.commandsFor({ type: "all_chat_administrators" }))).toContain(adminOnly);
    }
    expect(tg.commandsFor(undefined, "en").find((c) => c.command === "han")?.description).toMatch(/deadlines/i);
    expect(tg.commandsFor().find((c) => c.command === "han")?.description).toMatch(/hạn/);

    expect(await registerDescriptions(bot.api, () => {})).toBe(true);
    expect(tg.description("long")).toMatch(/Trợ lý Kế hoạch/);
    expect(tg.description("short")!.length).toBeLessThanOrEqual(120);
    tg.failNext("setMyShortDescription", { error_code: 400, description: "Bad Request: BOT_DESCRIPTION_INVALID" });
    const warned: string[] = [];
    expect(await registerDescriptions(bot.api, (_l, m) => warned.push(m))).toBe(false);
    expect(warned[0]).toMatch(/setMyShortDescription failed/);
    expect(logs).toBeDefined();
  });
});

describe("HTML", () => {
  it("the fake API rejects malformed HTML the way Telegram does", () => {
    expect(() => parseTelegramHtml("a < b")).toThrow(/Unsupported start tag/);
    expect(() => parseTelegramHtml("<b>x")).toThrow(/Can't find end tag corresponding to start tag "b"/);
    expect(() => parseTelegramHtml("<b><i>x</b></i>")).toThrow(/Unmatched end tag/);
    expect(() => parseTelegramHtml("<div>x</div>")).toThrow(/Unsupported start tag "div"/);
    expect(() => parseTelegramHtml("<blockquote><blockquote>x</blockquote></blockquote>")).toThrow(/nested/);
    expect(parseTelegramHtml("<b>A &amp; B</b> <code>K7MXR</code>")).toEqual({ text: "A & B K7MXR", entities: [{ type: "bold", text: "A & B" }, { type: "code", text: "K7MXR" }] });
  });

  it("marked spans are formatted, everything user-typed stays escaped", () => {
    const text = "🔔 Nhắc hạn <b>x</b>\n• Báo cáo A&B [mã K7MXR]\nghi chú: K7MXRZ";
    const html = toHtml(text, { bold: ["🔔 Nhắc hạn <b>x</b>", "Báo cáo A&B"], code: ["K7MXR"] });
    const parsed = parseTelegramHtml(html);
    expect(parsed.text).toBe(text);
    expect(parsed.entities).toEqual([
      { type: "bold", text: "🔔 Nhắc hạn <b>x</b>" },
      { type: "bold", text: "Báo cáo A&B" },
      { type: "code", text: "K7MXR" },
    ]);
  });

  it("answers to text full of markup characters still parse: what a user typed is never a tag", async () => {
    setup();
    const chat = tg.privateChat(222);
    for (const text of ["/hoi <b>Báo cáo</b> kết quả rà soát & hạn <nộp>?", "/viec <script>", "/han quý <IV>"]) {
      const n = seen();
      tg.sendText({ chat, from: staff(), text });
      const reply = await next(n, (m) => m.chatId === "222");
      expect(reply.parseMode).toBe("HTML");
      expect(reply.text.length).toBeGreaterThan(0);
    }
    expect(tg.calls.filter((c) => c.method === "sendMessage").length).toBeGreaterThanOrEqual(3);
  });

  it("reminders go out as HTML that parses: bold heading and title, the code in <code>", async () => {
    const { runJob } = setup();
    const group = tg.groupChat(-3001, "Văn phòng");
    let n = seen();
    tg.sendText({ chat: group, from: admin(), text: "/dangky Văn phòng Sở LĐTBXH Quảng Trị" });
    await next(n, (m) => /Đã gắn/.test(m.text));
    n = seen();
    await runJob();
    const reminder = await next(n, (m) => m.text.includes("🔔 Nhắc hạn"));
    expect(reminder.parseMode).toBe("HTML");
    const code = /mã ([A-Z0-9]{4,6})\]/.exec(reminder.text)![1];
    expect(reminder.entities).toEqual(
      expect.arrayContaining([
        { type: "bold", text: expect.stringMatching(/^🔔 Nhắc hạn — Văn phòng/) },
        { type: "bold", text: "Báo cáo kết quả rà soát" },
        { type: "code", text: code },
      ]),
    );
  });
});
