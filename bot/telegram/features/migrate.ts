// A group upgraded to a supergroup gets a new chat id (service message migrate_to_chat_id); the
// group's binding follows it, or reminders would go to a chat that no longer exists.
import { Composer } from "grammy";
import type { TelegramDeps } from "../bot.ts";
import { handleGroupGone } from "../../core/group-lifecycle.ts";

export function createMigrateFeature(deps: TelegramDeps): Composer<any> {
  const composer = new Composer();
  composer.on("message:migrate_to_chat_id", async (ctx) => {
    const from = String(ctx.chat.id);
    const to = String(ctx.message.migrate_to_chat_id);
    // binding, sent-message records and outbox follow the new id (bot/core/group-lifecycle.ts)
    if (deps.coreDeps) await handleGroupGone(deps.coreDeps, "telegram", from, { kind: "migrated", to });
  });
  return composer;
}
