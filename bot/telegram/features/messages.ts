// New messages → core.handleMessage → replies. In a group the reply quotes the message it answers.
import { Composer } from "grammy";
import type { Incoming, Outgoing } from "../../core/types.ts";
import type { TelegramDeps } from "../bot.ts";
import { toIncoming } from "../incoming.ts";
import { sendOutgoing } from "../render.ts";

/** Delivers core replies: to this chat by default, elsewhere through deps.senders. One failed reply does not stop the rest. */
export async function deliver(deps: TelegramDeps, api: Parameters<typeof sendOutgoing>[0], msg: Pick<Incoming, "chatId" | "chatType" | "messageId">, replies: Outgoing[]) {
  for (const out of replies) {
    const channel = out.channel ?? "telegram";
    const chatId = out.chatId ?? msg.chatId;
    try {
      if (channel !== "telegram") {
        const send = deps.senders?.[channel];
        if (send) await send(chatId, out);
        else deps.log("warn", `telegram: no sender for ${channel}; reply dropped`);
        continue;
      }
      const quote = msg.chatType === "group" && chatId === msg.chatId ? msg.messageId : undefined;
      await sendOutgoing(api, chatId, out, quote);
    } catch (e) {
      deps.log("error", `telegram: sending a reply to ${channel}:${chatId} failed`, e);
    }
  }
}

export function createMessagesFeature(deps: TelegramDeps): Composer<any> {
  const composer = new Composer();
  composer.on("message", async (ctx) => {
    const msg = toIncoming(ctx);
    if (!msg) return;
    const replies = await deps.core.handleMessage(msg);
    await deliver(deps, ctx.api, msg, replies);
  });
  return composer;
}
