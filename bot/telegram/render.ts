// Outgoing → Bot API calls: HTML parse mode with every character escaped, inline keyboards, and
// texts over 4096 characters split on line boundaries (Bot API sendMessage limit).
import type { Api, RawApi } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { Button, Outgoing, Sender } from "../core/types.ts";
import { TELEGRAM_TEXT_LIMIT, splitText } from "../core/split.ts";

/** Bot API HTML style: only <, > and & must be escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function keyboard(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons) return undefined;
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) };
}

/** Sends one Outgoing (several messages when long); resolves with the last message's id. Buttons go on the last part. */
export async function sendOutgoing(api: Api<RawApi>, chatId: string | number, out: Outgoing, replyTo?: string): Promise<{ messageId: string }> {
  const parts = splitText(out.text, TELEGRAM_TEXT_LIMIT);
  const target = typeof chatId === "string" && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
  const reply = out.replyToMessageId ?? replyTo;
  let messageId = "";
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const markup = last && out.buttons?.length ? keyboard(out.buttons) : undefined;
    const sent = await api.sendMessage(target, escapeHtml(part), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(markup ? { reply_markup: markup } : {}),
      ...(i === 0 && reply ? { reply_parameters: { message_id: Number(reply), allow_sending_without_reply: true } } : {}),
    });
    messageId = String(sent.message_id);
  }
  return { messageId };
}

/** A Sender for other features (reminders, coordinator messages). */
export function createTelegramSender(api: Api<RawApi>): Sender {
  return (chatId, message) => sendOutgoing(api, chatId, message);
}
