// The bot against the fake Bot API server in this process: polling, 429 retries, 409, the command menu.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../../bot/telegram/bot.ts";
import { startPolling, pollingErrorMessage } from "../../../bot/telegram/polling.ts";
import { registerCommands } from "../../../bot/telegram/commands.ts";
import { startFakeTelegram, type FakeTelegram } from "../../helpers/fake-telegram.ts";
import { testCore } from "../../helpers/bot-core.ts";

let tg: FakeTelegram;
beforeEach(async () => void (tg = await startFakeTelegram()));
afterEach(async () => tg.close());

function setup(retry = true) {
  const { core, deps, logs } = testCore();
  const bot = createBot({ token: tg.token, core, log: deps.log, apiRoot: tg.apiRoot, botInfo: tg.botInfo, rateLimit: false, ...(retry ? {} : { retry: false as const }) });
  return { bot, core, deps, logs };
}

describe("polling", () => {
  it("answers updates as they come and confirms them on stop, so a restart does not answer twice", async () => {
    const { bot } = setup();
    const polling = startPolling(bot, { log: () => {}, timeoutSeconds: 1 });
    const user = tg.user(222);
    tg.sendText({ chat: tg.privateChat(222), from: user, text: "/start" });
    tg.sendText({ chat: tg.privateChat(222), from: user, text: "/help" });
    await tg.waitForMessage((m) => /Các lệnh/.test(m.text));
    expect(tg.messages("222").map((m) => m.text.split("\n")[0])).toEqual([expect.stringMatching(/^Xin chào/), "Các lệnh:"]);
    await polling.stop();
    const last = tg.calls.filter((c) => c.method === "getUpdates").at(-1)!;
    expect(Number(last.payload.offset)).toBeGreaterThan(0);
    expect(Number(last.payload.timeout)).toBe(0);

    // a second run gets nothing old
    const again = startPolling(bot, { log: () => {}, timeoutSeconds: 1 });
    await new Promise((r) => setTimeout(r, 300));
    await again.stop();
    expect(tg.messages("222")).toHaveLength(2);
  });

  it("ends with a clear message when another instance polls (409)", async () => {
    const { bot } = setup();
    tg.failNext("getUpdates", { error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" });
    const polling = startPolling(bot, { log: () => {}, timeoutSeconds: 1 });
    const error = await polling.task.then(() => null, (e) => e);
    expect(pollingErrorMessage(error)).toMatch(/409.*một tiến trình bot khác/);
    await polling.stop();
  });

  it("keeps polling after a server failure, and logs it", async () => {
    const { bot, logs } = setup(false); // without auto-retry, so the fetch loop's own retry is what runs
    tg.failNext("getUpdates", { error_code: 502, description: "Bad Gateway" });
    const polling = startPolling(bot, { log: (level, msg) => logs.push({ level, msg }), timeoutSeconds: 1 });
    tg.sendText({ chat: tg.privateChat(222), from: tg.user(222), text: "/help" });
    await tg.waitForMessage((m) => m.chatId === "222");
    expect(logs.some((l) => /getUpdates failed, retrying/.test(l.msg))).toBe(true);
    await polling.stop();
  });
});

describe("API failures", () => {
  it("a 429 with retry_after is waited out and the message still arrives (auto-retry)", async () => {
    const { bot } = setup();
    tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const started = Date.now();
    tg.sendText({ chat: tg.privateChat(222), from: tg.user(222), text: "/help" });
    const polling = startPolling(bot, { log: () => {}, timeoutSeconds: 1 });
    const reply = await tg.waitForMessage((m) => m.chatId === "222");
    expect(reply.text).toMatch(/Các lệnh/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(tg.calls.filter((c) => c.method === "sendMessage")).toHaveLength(2);
    await polling.stop();
  });

  it("setMyCommands failing is logged and not fatal; succeeding sets the Vietnamese menu, admin commands only for admins", async () => {
    const { bot, core } = setup();
    const logs: string[] = [];
    tg.failNext("setMyCommands", { error_code: 400, description: "Bad Request: BOT_COMMAND_INVALID" });
    expect(await registerCommands(bot.api, core.commands, (_l, msg) => logs.push(msg))).toBe(false);
    expect(logs[0]).toMatch(/setMyCommands \(default\) failed/);
    expect(await registerCommands(bot.api, core.commands, () => {})).toBe(true);
    expect(tg.commands).toEqual(expect.arrayContaining([{ command: "hoi", description: "Hỏi về kế hoạch: chỉ tiêu, chủ trì, thời hạn" }]));
    expect(tg.commands.map((c) => c.command)).not.toContain("dangky");
    expect(tg.commandsFor({ type: "all_chat_administrators" }).map((c) => c.command)).toContain("dangky");
  });

  it("the fake server rejects what Telegram rejects: a stray '<' in HTML and callback data over 64 bytes", async () => {
    const { bot } = setup();
    await expect(bot.api.sendMessage(1, "a < b", { parse_mode: "HTML" })).rejects.toThrow(/can't parse entities/);
    await expect(bot.api.sendMessage(1, "x", { reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "d".repeat(65) }]] } })).rejects.toThrow(/BUTTON_DATA_INVALID/);
  });
});
