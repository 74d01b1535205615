// Plan upload on Telegram: the core's plan-upload feature reads documents through deps.files.telegram;
// this wires that downloader (getFile + download from TELEGRAM_API_ROOT, ≤ 20 MB) when the bot is built.
// The updates themselves go through the messages and buttons features like any other.
import { Api, Composer } from "grammy";
import type { TelegramDeps } from "../bot.ts";
import { createTelegramDownloader } from "../files.ts";

export function createPlanUploadFeature(deps: TelegramDeps): Composer<any> {
  const core = deps.coreDeps;
  if (core && !core.files?.telegram) {
    // its own Api client: built without network, the same server as the bot's
    const api = new Api(deps.token, deps.apiRoot ? { apiRoot: deps.apiRoot } : undefined);
    const download = createTelegramDownloader({ api, token: deps.token, apiRoot: deps.apiRoot ?? "https://api.telegram.org" });
    core.files = { ...core.files, telegram: download };
  }
  return new Composer();
}
