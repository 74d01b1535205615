// A group upgraded to a supergroup gets a new chat id (service message migrate_to_chat_id); the
// group's binding follows it, or reminders would go to a chat that no longer exists.
import { Composer } from "grammy";
import type { TelegramDeps } from "../bot.ts";

export function createMigrateFeature(deps: TelegramDeps): Composer<any> {
  const composer = new Composer();
  composer.on("message:migrate_to_chat_id", async (ctx) => {
    const from = String(ctx.chat.id);
    const to = String(ctx.message.migrate_to_chat_id);
    const store = deps.coreDeps?.store;
    if (!store) return;
    const moved = await store.update((s) => {
      let n = 0;
      for (const b of s.bindings) if (b.channel === "telegram" && b.chatId === from) (b.chatId = to), n++;
      return n;
    });
    if (moved) deps.log("info", `telegram: group ${from} became supergroup ${to}; binding moved`);
  });
  return composer;
}
