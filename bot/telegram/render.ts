// Outgoing → Bot API calls: HTML parse mode (escaped text, marked spans formatted: format.ts), inline
// keyboards, texts over 4096 characters split on line boundaries (Bot API sendMessage limit), and forum
// topics: every part of a message to "<chat>/<thread>" carries message_thread_id.
import { GrammyError, InputFile, type Api, type RawApi } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Button, Outgoing, Sender } from "../core/types.ts";
import { TELEGRAM_TEXT_LIMIT, splitText } from "../core/split.ts";
import { isThreadGone, parseChatKey } from "./chat-key.ts";
import { escapeHtml, toHtml } from "./format.ts";

export { escapeHtml, toHtml };

/** Said once in the group when the topic a message was meant for no longer exists. */
export const TOPIC_GONE_NOTE = "(Chủ đề của đơn vị trong nhóm này không còn nữa, nên tin được gửi vào nhóm chung. Quản trị viên hãy gõ /dangky trong chủ đề mới.)";

export function keyboard(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) };
}

export interface SendOptions {
  /** told when a topic was gone and the message went to the group instead */
  onTopicGone?: (chatKey: string) => void;
}

/** Bot API sendDocument: a caption holds at most 1024 characters (after entity parsing). */
export const TELEGRAM_CAPTION_LIMIT = 1024;

/** Sends one Outgoing (several messages when long); resolves with the last message's id. Buttons go on the last part.
 *  A document goes first, with the text as its caption when it fits (else the text follows as messages). */
export async function sendOutgoing(api: Api<RawApi>, chatId: string | number, out: Outgoing, replyTo?: string, options: SendOptions = {}): Promise<{ messageId: string }> {
  if (out.document) {
    const target = parseChatKey(chatId);
    const fits = out.text.length <= TELEGRAM_CAPTION_LIMIT;
    const reply = out.replyToMessageId ?? replyTo;
    const sent = await api.sendDocument(target.chatId, new InputFile(out.document.data, out.document.name), {
      ...(fits && out.text ? { caption: toHtml(out.text, out.format), parse_mode: "HTML" as const } : {}),
      ...(target.threadId !== undefined ? { message_thread_id: target.threadId } : {}),
      ...(fits && out.buttons?.length ? { reply_markup: keyboard(out.buttons) } : {}),
      ...(reply ? { reply_parameters: { message_id: Number(reply), allow_sending_without_reply: true } } : {}),
    });
    if (fits || !out.text) return { messageId: String(sent.message_id) };
    return sendOutgoing(api, chatId, { ...out, document: undefined, replyToMessageId: undefined }, undefined, options);
  }
  const parts = splitText(out.text, TELEGRAM_TEXT_LIMIT - TOPIC_GONE_NOTE.length - 2);
  const target = parseChatKey(chatId);
  let thread = target.threadId;
  const reply = out.replyToMessageId ?? replyTo;
  let messageId = "";
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const markup = last && out.buttons?.length ? keyboard(out.buttons) : undefined;
    const send = (text: string) =>
      api.sendMessage(target.chatId, text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(thread !== undefined ? { message_thread_id: thread } : {}),
        ...(markup ? { reply_markup: markup } : {}),
        ...(i === 0 && reply ? { reply_parameters: { message_id: Number(reply), allow_sending_without_reply: true } } : {}),
      });
    let sent;
    try {
      sent = await send(toHtml(part, out.format));
    } catch (e) {
      if (thread === undefined || !(e instanceof GrammyError) || !isThreadGone(e)) throw e;
      // the topic was deleted: the group still hears it, with a note, rather than nobody
      thread = undefined;
      options.onTopicGone?.(String(chatId));
      sent = await send(`${escapeHtml(TOPIC_GONE_NOTE)}\n\n${toHtml(part, out.format)}`);
    }
    messageId = String(sent.message_id);
  }
  return { messageId };
}

/** A Sender for other features (reminders, coordinator messages). */
export function createTelegramSender(api: Api<RawApi>, options: SendOptions = {}): Sender {
  return (chatId, message) => sendOutgoing(api, chatId, message, undefined, options);
}
