// Per-user flood guard (@grammyjs/ratelimiter, a fixed window): beyond the limit messages are dropped,
// and the user is told once per window to slow down.
import { Composer } from "grammy";
import { limit } from "@grammyjs/ratelimiter";
import { toIncoming } from "../incoming.ts";

export const SLOW_DOWN = "Bạn gửi nhanh quá — vui lòng chậm lại một chút rồi hỏi tiếp.";

export interface RateLimitOptions {
  /** window length */
  timeFrameMs: number;
  /** messages or taps allowed per user per window */
  limit: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { timeFrameMs: 10_000, limit: 8 };

/** `false` turns the limit off (tests that send many messages in a row). */
export function createRateLimitFeature(options: RateLimitOptions | false = DEFAULT_RATE_LIMIT): Composer<any> {
  const composer = new Composer();
  if (options === false) return composer;
  composer.on(["message", "callback_query"]).use(
    limit({
      timeFrame: options.timeFrameMs,
      limit: options.limit,
      // group chatter not meant for the bot (privacy mode off) is not counted: it gets no answer anyway
      keyGenerator: (ctx: any) => (ctx.message && ctx.chat?.type !== "private" && !toIncoming(ctx)?.addressed ? undefined : ctx.from?.id.toString()),
      onLimitExceeded: async (ctx: any) => {
        if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: SLOW_DOWN });
        else await ctx.reply(SLOW_DOWN);
      },
    }),
  );
  return composer;
}
