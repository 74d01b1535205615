// Telegram bot under test without any server: preset botInfo, an API transformer that records every
// call and answers like the Bot API, and hand-built updates fed to bot.handleUpdate.
import type { Update } from "grammy/types";
import { createBot } from "../../bot/telegram/bot.ts";
import type { RateLimitOptions } from "../../bot/telegram/features/rate-limit.ts";
import type { CoreFeature } from "../../bot/core/index.ts";
import { testCore } from "./bot-core.ts";
import { FAKE_TOKEN, fakeBotInfo } from "./fake-telegram.ts";

export const BOT_INFO = fakeBotInfo();

export interface Call {
  method: string;
  payload: Record<string, any>;
}

export function recordingBot(opts: { rateLimit?: RateLimitOptions | false; features?: CoreFeature[]; failFirst?: string; now?: string } = {}) {
  const { core, deps, logs } = testCore({ now: opts.now }, opts.features);
  const bot = createBot({ token: FAKE_TOKEN, core, coreDeps: deps, log: deps.log, botInfo: BOT_INFO, rateLimit: opts.rateLimit ?? false, retry: false });
  const calls: Call[] = [];
  let messageId = 500;
  let failNext = opts.failFirst;
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, any> });
    if (failNext === method) {
      failNext = undefined;
      return { ok: false, error_code: 400, description: "Bad Request: injected failure" } as never;
    }
    const p = payload as Record<string, any>;
    const result =
      method === "sendMessage" || method === "editMessageText"
        ? { message_id: p.message_id ?? ++messageId, date: 1709254800, chat: { id: p.chat_id, type: Number(p.chat_id) > 0 ? "private" : "supergroup" }, from: BOT_INFO, text: p.text }
        : true;
    return { ok: true, result } as never;
  });
  const sent = (chatId?: number) => calls.filter((c) => c.method === "sendMessage" && (chatId === undefined || Number(c.payload.chat_id) === chatId));
  return { bot, core, deps, logs, calls, sent };
}

export const ADMIN_USER = { id: 111, is_bot: false, first_name: "An", last_name: "Quản trị" };
export const STAFF_USER = { id: 222, is_bot: false, first_name: "Bình" };
export const GROUP_CHAT = { id: -100500, type: "supergroup" as const, title: "Văn phòng Sở" };
export const privateChat = (user: { id: number; first_name: string }) => ({ id: user.id, type: "private" as const, first_name: user.first_name });

let updateId = 1;
let msgId = 1;

/** A text message as Telegram delivers it: a leading /command and @mentions become entities. */
export function textUpdate(chat: { id: number; type: string }, from: { id: number }, text: string, extra: Record<string, unknown> = {}): Update {
  const entities: { type: string; offset: number; length: number }[] = [];
  const cmd = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (cmd) entities.push({ type: "bot_command", offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g)) if (!cmd || m.index! >= cmd[0].length) entities.push({ type: "mention", offset: m.index!, length: m[0].length });
  return { update_id: ++updateId, message: { message_id: ++msgId, date: 1709254800, chat, from, text, ...(entities.length ? { entities } : {}), ...extra } } as unknown as Update;
}

export function messageUpdate(chat: { id: number; type: string }, from: { id: number }, content: Record<string, unknown>): Update {
  return { update_id: ++updateId, message: { message_id: ++msgId, date: 1709254800, chat, from, ...content } } as unknown as Update;
}

export function pressUpdate(chat: { id: number; type: string }, from: { id: number }, data: string, message: Record<string, unknown> = {}): Update {
  return {
    update_id: ++updateId,
    callback_query: { id: `cb${updateId}`, from, chat_instance: "x", data, message: { message_id: 42, date: 1709254800, chat, from: BOT_INFO, text: "…", ...message } },
  } as unknown as Update;
}

/** a message of the bot, to reply to */
export const botMessage = (chat: { id: number; type: string }) => ({ message_id: 9, date: 1709254800, chat, from: BOT_INFO, text: "Trả lời trước" });
