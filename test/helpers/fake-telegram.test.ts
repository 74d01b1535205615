// The fake Bot API itself: other helpers' tests rely on it behaving like Telegram.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Bot, InputFile } from "grammy";
import { startFakeTelegram, type FakeTelegram } from "./fake-telegram.ts";

let tg: FakeTelegram;
let bot: Bot;
beforeEach(async () => {
  tg = await startFakeTelegram();
  bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot }, botInfo: tg.botInfo });
});
afterEach(async () => tg.close());

describe("fake Telegram Bot API", () => {
  it("getMe, a wrong token → 401, an unknown method → 404", async () => {
    expect((await bot.api.getMe()).username).toBe("tro_ly_test_bot");
    const other = new Bot("1:wrong-token-value", { client: { apiRoot: tg.apiRoot } });
    await expect(other.api.getMe()).rejects.toMatchObject({ error_code: 401 });
    await expect(bot.api.raw.getChat({ chat_id: 1 })).rejects.toMatchObject({ error_code: 404 });
  });

  it("getUpdates honours offset (confirmation) and long-polls until an update arrives", async () => {
    const chat = tg.privateChat(5);
    tg.sendText({ chat, from: tg.user(5), text: "một" });
    const first = await bot.api.getUpdates({ offset: 0, timeout: 0 });
    expect(first.map((u) => u.message?.text)).toEqual(["một"]);
    expect(first[0].message?.entities).toBeUndefined();
    const waiting = bot.api.getUpdates({ offset: first[0].update_id + 1, timeout: 5 });
    setTimeout(() => tg.sendText({ chat, from: tg.user(5), text: "/han@tro_ly_test_bot quý 3" }), 50);
    const next = await waiting;
    expect(next.map((u) => u.message?.text)).toEqual(["/han@tro_ly_test_bot quý 3"]);
    expect(next[0].message?.entities).toEqual([{ type: "bot_command", offset: 0, length: 20 }]);
    expect(await bot.api.getUpdates({ offset: next[0].update_id + 1, timeout: 0 })).toEqual([]);
  });

  it("records what the bot sends per chat as the user sees it, with edits and buttons", async () => {
    const sent = await bot.api.sendMessage(-100, "a &lt; b &amp; <b>c</b>", {
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok:1" }]] },
    });
    await bot.api.editMessageText(-100, sent.message_id, "đã sửa", { reply_markup: { inline_keyboard: [] } });
    const [m] = tg.messages(-100);
    expect(m).toMatchObject({ chatId: "-100", text: "đã sửa", buttons: [], edits: 1 });
    await expect(bot.api.editMessageText(-100, sent.message_id, "đã sửa")).rejects.toThrow(/not modified/);
    await expect(bot.api.sendMessage(1, "x".repeat(4097))).rejects.toThrow(/too long/);
  });

  it("a button press arrives as a callback query and its answer is kept", async () => {
    const msg = await bot.api.sendMessage(7, "Chọn", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a:1" }]] } });
    const { callbackQueryId } = tg.pressButton({ message: tg.messages(7)[0], from: tg.user(7), data: "a:1" });
    const [u] = await bot.api.getUpdates({ offset: 0, timeout: 0 });
    expect(u.callback_query).toMatchObject({ id: callbackQueryId, data: "a:1", message: { message_id: msg.message_id } });
    await bot.api.answerCallbackQuery(callbackQueryId, { text: "Đã chọn" });
    expect(tg.callbackAnswers.get(callbackQueryId)).toEqual({ text: "Đã chọn", show_alert: undefined });
  });

  it("serves files (getFile + download) and records documents sent (multipart)", async () => {
    tg.addFile("DOC1", new TextEncoder().encode("KẾ HOẠCH"), "ke-hoach.txt");
    const file = await bot.api.getFile("DOC1");
    const res = await fetch(`${tg.apiRoot}/file/bot${tg.token}/${file.file_path}`);
    expect(await res.text()).toBe("KẾ HOẠCH");
    await bot.api.sendChatAction(9, "upload_document");
    await bot.api.sendDocument(9, new InputFile(new TextEncoder().encode("abc"), "bao-cao.txt"), { caption: "Báo cáo" });
    expect(tg.messages(9)).toEqual([expect.objectContaining({ method: "sendDocument", document: expect.objectContaining({ name: "bao-cao.txt", size: 3, caption: "Báo cáo", bytes: Buffer.from("abc") }) })]);
  });

  it("injects failures: 429 with retry_after, 409 conflict", async () => {
    tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 3", parameters: { retry_after: 3 } });
    await expect(bot.api.sendMessage(1, "x")).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
    await bot.api.sendMessage(1, "x");
    tg.failNext("getUpdates", { error_code: 409, description: "Conflict: terminated by other getUpdates request" }, 2);
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
    expect(await bot.api.getUpdates({ timeout: 0 })).toEqual([]);
  });

  it("with a webhook set, getUpdates is refused and updates are POSTed with the secret", async () => {
    const got: { secret: string | undefined; body: any }[] = [];
    const { createServer } = await import("node:http");
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d)).on("end", () => {
        got.push({ secret: req.headers["x-telegram-bot-api-secret-token"] as string | undefined, body: JSON.parse(body) });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/hook`;
    await bot.api.setWebhook(url, { secret_token: "abc" });
    expect((await bot.api.getWebhookInfo()).url).toBe(url);
    await expect(bot.api.getUpdates({ timeout: 0 })).rejects.toMatchObject({ error_code: 409 });
    const { updateId } = tg.sendText({ chat: tg.privateChat(3), from: tg.user(3), text: "xin chào" });
    expect(await tg.waitForDelivery(updateId)).toBe(200);
    expect(got[0]).toMatchObject({ secret: "abc", body: { update_id: updateId, message: { text: "xin chào" } } });
    await bot.api.deleteWebhook();
    expect(tg.webhook).toBeNull();
    await new Promise<void>((r) => hook.close(() => r()));
  });
});
