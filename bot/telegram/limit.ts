// Every Bot API call that posts into a chat waits for the one shared limiter (jobs/throttle.ts), so
// answers, button replies and reminders together stay under Telegram's limits instead of meeting 429s.
import type { Transformer } from "grammy";
import { limited, type Limiter, type SendPriority } from "../../jobs/throttle.ts";

/** Methods that put a message into a chat (Bot API: each counts toward the per-chat and overall limits). */
const POSTS = /^(send(?!ChatAction)|copyMessage|forwardMessage|editMessage)/;

export function limitTransformer(limiter: Limiter, priority: SendPriority): Transformer {
  return async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    if (!POSTS.test(method) || chatId === undefined) return prev(method, payload, signal);
    return limited(limiter, `telegram:${String(chatId)}`, priority, () => prev(method, payload, signal));
  };
}
