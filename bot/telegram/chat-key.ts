// A forum topic is addressed by chat id AND message_thread_id (Bot API › sendMessage). The core knows
// one chat id per conversation, so a topic travels as "<chat id>/<thread id>": bindings, the outbox and
// sent messages keep topics apart with no change, and only this channel splits the key again.

export interface ChatTarget {
  chatId: number | string;
  threadId?: number;
}

/** "-100123" + 45 → "-100123/45"; no thread → the chat id alone */
export function chatKey(chatId: number | string, threadId?: number): string {
  return threadId === undefined ? String(chatId) : `${chatId}/${threadId}`;
}

/** "-100123/45" → {chatId: -100123, threadId: 45}; numeric ids become numbers (as the Bot API takes them) */
export function parseChatKey(key: string | number): ChatTarget {
  const s = String(key);
  const m = /^(-?\d+)\/(\d+)$/.exec(s);
  if (m) return { chatId: Number(m[1]), threadId: Number(m[2]) };
  return { chatId: /^-?\d+$/.test(s) ? Number(s) : s };
}

/** Telegram's answer when a topic was deleted (or closed to the bot) */
export function isThreadGone(e: unknown): boolean {
  return /message thread not found|TOPIC_DELETED|TOPIC_CLOSED/i.test(String((e as { description?: string; message?: string })?.description ?? (e as Error)?.message ?? ""));
}
