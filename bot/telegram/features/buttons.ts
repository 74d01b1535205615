// Inline-keyboard taps → core.handlePress: a toast, an optional edit of the tapped message, replies.
import { Composer, GrammyError } from "grammy";
import type { TelegramDeps } from "../bot.ts";
import { toPress } from "../incoming.ts";
import { keyboard, toHtml } from "../render.ts";
import { parseChatKey } from "../chat-key.ts";
import { TELEGRAM_TEXT_LIMIT } from "../../core/split.ts";
import { deliver } from "./messages.ts";

/** Bot API: the callback toast is 0–200 characters. */
const TOAST_LIMIT = 200;

export function createButtonsFeature(deps: TelegramDeps): Composer<any> {
  const composer = new Composer();
  composer.on("callback_query:data", async (ctx) => {
    const press = toPress(ctx);
    if (!press) return void (await ctx.answerCallbackQuery());
    const result = await deps.core.handlePress(press);
    await ctx.answerCallbackQuery(result.toast ? { text: result.toast.slice(0, TOAST_LIMIT) } : undefined);
    if (result.edit) {
      // no buttons given: keep the ones the message had (editMessageText would drop them)
      const markup = result.edit.buttons ? keyboard(result.edit.buttons) : ctx.callbackQuery.message?.reply_markup;
      try {
        await ctx.api.editMessageText(parseChatKey(press.chatId).chatId, Number(press.messageId), toHtml(result.edit.text.slice(0, TELEGRAM_TEXT_LIMIT), result.edit.format), {
          parse_mode: "HTML",
          reply_markup: markup ?? { inline_keyboard: [] },
        });
      } catch (e) {
        // pressing twice edits to the same text: harmless
        if (!(e instanceof GrammyError && /not modified/i.test(e.description))) throw e;
      }
    }
    await deliver(deps, ctx.api, { chatId: press.chatId, chatType: "private", messageId: press.messageId }, result.replies);
  });
  return composer;
}
