// A Zalo update → the core's Incoming. Zalo has no reply-to field and no display name in getMe,
// so mentions and quotes are read with care here.
import type { Incoming } from "../core/types.ts";
import type { Store } from "../../data/store.ts";
import type { ZaloUpdate } from "./client.ts";

/** a mention of any length followed by a command or a confirmation word */
const MENTION_BEFORE_ACTION =
  /^@[^\n/]{1,80}?\s+(?=\/|(?:đã nộp|da nop|đã gửi|da gui|xong|hoàn thành|hoan thanh|done|hoàn tác|hoan tac|undo)(?![\p{L}\p{N}]))/iu;

/** Drops a leading "@Bot name" so "/dangky …" or "đã nộp …" after a mention is still recognised. */
export function stripMention(text: string, botNames: readonly string[] = []): string {
  let t = text.normalize("NFC").trim();
  for (const name of botNames) {
    if (name && t.toLowerCase().startsWith(`@${name.toLowerCase()}`)) {
      t = t.slice(name.length + 1).replace(/^[\s,:]+/, "");
      return t;
    }
  }
  // getMe gives no display name, so a mention of unknown length is dropped only where what follows
  // is unmistakable: a command ("@Trợ lý /han") or a confirmation ("@Trợ lý Kế hoạch đã nộp AB12")
  return t.replace(MENTION_BEFORE_ACTION, "");
}

/** A Zalo update as the core's Incoming; null when there is nothing to answer. */
export function toIncoming(update: ZaloUpdate, botNames: readonly string[] = [], now: () => Date = () => new Date()): Incoming | null {
  const m = update?.message;
  if (!m || !m.chat?.id || m.message_id == null) return null;
  const base = {
    channel: "zalo" as const,
    chatId: String(m.chat.id),
    chatType: String(m.chat.chat_type).toUpperCase() === "GROUP" ? ("group" as const) : ("private" as const),
    userId: String(m.from?.id ?? m.chat.id),
    userName: m.from?.display_name ?? m.from?.first_name ?? m.from?.name ?? "",
    messageId: String(m.message_id),
    // Zalo delivers group messages only when they mention or quote the bot
    addressed: true,
    date: new Date(typeof m.date === "number" && m.date > 0 ? m.date : now().getTime()).toISOString(),
  };
  switch (update.event_name) {
    case "message.text.received":
      return { ...base, text: stripMention(m.text ?? "", botNames) };
    case "message.image.received": {
      const url = m.photo_url ?? m.photo;
      const text = stripMention(m.caption ?? m.text ?? "", botNames);
      // a photo is evidence of a submission in a unit's group; Zalo delivers no documents, so a
      // photo in a private chat is never a plan to load: only its caption counts there
      if (!url || base.chatType === "private") return text ? { ...base, text } : null;
      return { ...base, text, file: { fileId: url, name: `anh-${base.messageId}.jpg`, mimeType: "image/jpeg" } };
    }
    default:
      return null; // stickers and anything Zalo calls unsupported: the adapter answers with a hint
  }
}

/**
 * Zalo delivers a group message that quotes the bot but does not say which message was quoted.
 * The one a unit quotes to answer is a reminder, so the latest reminder sent to that group stands in
 * for it: "đã nộp" quoting the reminder then confirms like a reply on Telegram. A typed code still wins.
 * The same holds in an officer's private chat bound to a unit (the fallback when the bot cannot join
 * groups): "đã nộp" there answers the latest reminder the officer got.
 */
export function withQuotedReminder(msg: Incoming, store: Store): Incoming {
  if (msg.replyTo || msg.text.trim().startsWith("/")) return msg;
  if (msg.chatType !== "group" && !store.state.bindings.some((b) => b.channel === "zalo" && b.chatId === msg.chatId)) return msg;
  const sent = store.state.sentMessages;
  for (let i = sent.length - 1; i >= 0; i--) {
    if (sent[i].channel === "zalo" && sent[i].chatId === msg.chatId) {
      return { ...msg, replyTo: { messageId: sent[i].messageId, text: "", fromBot: true } };
    }
  }
  return msg;
}
