// Zalo updates → the channel-neutral core → Zalo text replies.
import type { ChannelName, Incoming, Outgoing, Sender } from "../core/types.ts";
import { createDedupe } from "../core/dedupe.ts";
import type { Store } from "../../data/store.ts";
import type { Log, ZaloClient, ZaloUpdate } from "./client.ts";
import { createZaloSender } from "./sender.ts";
import { toIncoming, withQuotedReminder } from "./incoming.ts";
import { ERROR_REPLY } from "../core/common.ts";

export { ERROR_REPLY };

/** What the adapter needs of the core (structurally the core's `Core`). */
export interface MessageHandler {
  handleMessage(msg: Incoming): Promise<Outgoing[]>;
}

export const STICKER_HINT =
  "Tôi chỉ đọc được tin nhắn chữ (và ảnh gửi kèm «đã nộp <mã>» trong nhóm đơn vị). Hãy gõ câu hỏi, hoặc /help để xem các lệnh.";
/** how many delivered message ids to remember (Zalo may repeat a webhook delivery) */
export const SEEN_LIMIT = 1000;

export interface ZaloAdapterDeps {
  client: ZaloClient;
  core: MessageHandler;
  store: Store;
  log: Log;
  /** other channels, for replies the core addresses elsewhere */
  senders?: Partial<Record<ChannelName, Sender>>;
  botNames?: () => readonly string[];
  now?: () => Date;
}

export interface ZaloAdapter {
  /** processes one update; never throws */
  handleUpdate(update: ZaloUpdate): Promise<void>;
  /** sends one Outgoing to a Zalo chat, split to fit; resolves with the last part's id */
  send(chatId: string, out: Outgoing): Promise<{ messageId: string }>;
}

export function createZaloAdapter(deps: ZaloAdapterDeps): ZaloAdapter {
  const { client, core, store, log } = deps;

  const send = createZaloSender(client, "bulk");
  const reply = createZaloSender(client, "reply");

  // repeated deliveries dropped across restarts; still answers when the state is read-only (bot/core/dedupe.ts)
  const dedupe = createDedupe(store, SEEN_LIMIT);
  const firstDelivery = (messageId: string): Promise<boolean> => dedupe.firstSeen(`zalo:${messageId}`);

  /** sends one reply (to its own chat and channel when the core says so); failures are logged */
  async function deliver(fromChatId: string, out: Outgoing) {
    const channel = out.channel ?? "zalo";
    const chatId = out.chatId ?? fromChatId;
    try {
      if (channel === "zalo") await reply(chatId, out);
      else {
        const other = deps.senders?.[channel];
        if (!other) return log("warn", `zalo: no sender for channel ${channel}; reply dropped`);
        await other(chatId, out);
      }
    } catch (e) {
      log("error", `zalo: sending to ${channel}:${chatId} failed`, e);
    }
  }

  async function handleUpdate(update: ZaloUpdate): Promise<void> {
    try {
      const m = update?.message;
      if (!m?.chat?.id || m.message_id == null) return;
      if (!(await firstDelivery(String(m.message_id)))) {
        log("info", `zalo: repeated delivery of ${m.message_id} ignored`);
        return;
      }
      const incoming = toIncoming(update, deps.botNames?.() ?? [], deps.now);
      if (!incoming) {
        await deliver(String(m.chat.id), { text: STICKER_HINT });
        return;
      }
      const msg = withQuotedReminder(incoming, store);
      // the ids an administrator needs for ADMIN_IDS ("zalo:<id>"); never the message text
      log("info", `zalo: ${msg.chatType} message ${msg.messageId} in ${msg.chatId} from ${msg.userName || "?"} (id ${msg.userId})`);
      // "typing…" while the core works (awaited so it never shows after the answer); cosmetic, so failures are only logged
      await client.sendChatAction(msg.chatId, "typing").catch((e) => log("warn", "zalo: sendChatAction failed", e instanceof Error ? e.message : e));
      let replies: Outgoing[];
      try {
        replies = await core.handleMessage(msg);
      } catch (e) {
        log("error", `zalo: core failed on message ${msg.messageId}`, e);
        replies = [{ text: ERROR_REPLY }];
      }
      for (const out of replies) await deliver(msg.chatId, out);
    } catch (e) {
      log("error", "zalo: update handling failed", e);
    }
  }

  return { handleUpdate, send };
}
