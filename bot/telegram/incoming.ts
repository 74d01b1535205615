// Telegram updates → the core's channel-neutral Incoming / ButtonPress.
// A group message is "addressed" when it is a command, mentions the bot, or replies to the bot
// (the three kinds Telegram delivers with privacy mode on).
import type { Context } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { ButtonPress, Incoming } from "../core/types.ts";

/** message fields that carry user content; anything else (joins, pins, title changes) is a service message */
const CONTENT = ["text", "caption", "document", "photo", "sticker", "voice", "video", "audio", "animation", "video_note", "contact", "location", "poll", "dice"] as const;

const chatTypeOf = (type: string): "private" | "group" | null => (type === "private" ? "private" : type === "group" || type === "supergroup" ? "group" : null);

/** The Incoming for a new message; null when the bot should not look at it at all. */
export function toIncoming(ctx: Context): Incoming | null {
  const m = ctx.message;
  if (!m || !CONTENT.some((k) => k in m)) return null;
  const chatType = chatTypeOf(m.chat.type);
  if (!chatType) return null;
  const me = ctx.me;
  const username = me.username.toLowerCase();
  let text = m.text ?? m.caption ?? "";
  const entities: MessageEntity[] = m.entities ?? m.caption_entities ?? [];
  const slice = (e: MessageEntity) => text.slice(e.offset, e.offset + e.length);

  const command = entities.find((e) => e.type === "bot_command" && e.offset === 0);
  if (command) {
    const target = slice(command).split("@")[1];
    if (target && target.toLowerCase() !== username) return null; // "/help@other_bot": not ours
  }
  const mentioned = entities.some(
    (e) => (e.type === "mention" && slice(e).toLowerCase() === `@${username}`) || (e.type === "text_mention" && e.user?.id === me.id),
  );
  const reply = m.reply_to_message;
  const repliesToBot = reply?.from?.id === me.id;
  if (mentioned) text = text.replace(new RegExp(`@${me.username}\\b`, "gi"), " ").replace(/\s+/g, " ").trim();

  const photo = m.photo?.at(-1); // the largest size
  const file = m.document
    ? { fileId: m.document.file_id, name: m.document.file_name ?? "tep", mimeType: m.document.mime_type, size: m.document.file_size }
    : photo
      ? { fileId: photo.file_id, name: `anh-${m.message_id}.jpg`, mimeType: "image/jpeg", size: photo.file_size }
      : undefined;

  return {
    channel: "telegram",
    chatId: String(m.chat.id),
    chatType,
    userId: String(m.from?.id ?? m.chat.id),
    userName: [m.from?.first_name, m.from?.last_name].filter(Boolean).join(" "),
    messageId: String(m.message_id),
    text,
    addressed: chatType === "private" || !!command || mentioned || repliesToBot,
    ...(reply
      ? {
          replyTo: {
            messageId: String(reply.message_id),
            text: reply.text ?? reply.caption ?? "",
            fromBot: repliesToBot,
            ...(reply.from ? { userId: String(reply.from.id), userName: [reply.from.first_name, reply.from.last_name].filter(Boolean).join(" ") } : {}),
          },
        }
      : {}),
    ...(file ? { file } : {}),
    date: new Date(m.date * 1000).toISOString(),
  };
}

/** The ButtonPress for an inline-keyboard tap on a bot message; null for anything else. */
export function toPress(ctx: Context): ButtonPress | null {
  const q = ctx.callbackQuery;
  const chat = q?.message?.chat;
  if (!q?.data || !q.message || !chat) return null;
  const chatType = chatTypeOf(chat.type);
  if (!chatType) return null;
  return {
    channel: "telegram",
    chatId: String(chat.id),
    chatType,
    userId: String(q.from.id),
    userName: [q.from.first_name, q.from.last_name].filter(Boolean).join(" "),
    messageId: String(q.message.message_id),
    data: q.data,
  };
}
