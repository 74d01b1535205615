// A Sender for posting outside a conversation (reminders, escalations) to a Zalo chat.
// Throws on failure so the outbox keeps the record pending and retries it later.
import type { Sender } from "../core/types.ts";
import type { ZaloClient } from "./client.ts";
import { ZALO_TEXT_LIMIT } from "./client.ts";
import { renderText, splitText } from "./text.ts";
import type { SendPriority } from "../../jobs/throttle.ts";

/** `priority`: "bulk" for reminders, "reply" for answers (they go first through the limiter). */
export function createZaloSender(client: ZaloClient, priority: SendPriority = "bulk"): Sender {
  return async (chatId, message) => {
    const parts = splitText(renderText(message), ZALO_TEXT_LIMIT);
    let messageId = "";
    // the last part carries the textFallback ("trả lời: đã nộp <mã>"), so its id is the one to match
    for (const part of parts) messageId = (await client.sendMessage(chatId, part, priority)).message_id;
    return { messageId };
  };
}
