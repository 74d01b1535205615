// A Telegram update handled once: a webhook retried by Telegram, or updates fetched again after a
// restart before their offset was confirmed, carry the same update_id (bot/core/dedupe.ts).
import { Composer } from "grammy";
import type { TelegramDeps } from "../bot.ts";
import { createDedupe } from "../../core/dedupe.ts";

export function createDedupeFeature(deps: TelegramDeps): Composer<any> {
  const composer = new Composer();
  const core = deps.coreDeps;
  if (!core) return composer;
  const dedupe = createDedupe(() => core.store);
  composer.use(async (ctx, next) => {
    if (await dedupe.firstSeen(`telegram:${ctx.update.update_id}`)) return next();
    deps.log("info", `telegram: repeated update ${ctx.update.update_id} ignored`);
  });
  return composer;
}
