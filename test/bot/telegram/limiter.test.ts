// A burst of answers against a Bot API that enforces Telegram's flood limits: with the one shared
// limiter every user gets an answer and the server never has to say 429.
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../../bot/telegram/bot.ts";
import { startPolling } from "../../../bot/telegram/polling.ts";
import { createLimiter } from "../../../jobs/throttle.ts";
import { startFakeTelegram, type FakeTelegram } from "../../helpers/fake-telegram.ts";
import { testCore } from "../../helpers/bot-core.ts";

let tg: FakeTelegram;
afterEach(async () => tg.close());

describe("one limiter for answers", () => {
  it("60 users asking at once all get their answer, with no 429 from a server enforcing 30/s", async () => {
    tg = await startFakeTelegram({ limits: { perSecond: 30, perChatPerMinute: 20 } });
    const { core, deps } = testCore();
    const limiter = createLimiter({ perChatPerMinute: 20, perSecond: 25 });
    const bot = createBot({ token: tg.token, core, log: deps.log, apiRoot: tg.apiRoot, botInfo: tg.botInfo, rateLimit: false, retry: false, limiter });
    const polling = startPolling(bot, { log: () => {}, timeoutSeconds: 1 });
    const users = Array.from({ length: 60 }, (_, i) => 5000 + i);
    for (const u of users) tg.sendText({ chat: tg.privateChat(u), from: tg.user(u), text: "/help" });
    await Promise.all(users.map((u) => tg.waitForMessage((m) => m.chatId === String(u), 15_000)));
    await polling.stop();
    expect(users.every((u) => tg.messages(String(u)).length === 1)).toBe(true);
    expect(tg.tooMany).toBe(0);
  });
});
