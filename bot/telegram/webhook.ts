// Webhook mode: Telegram POSTs updates to /telegram/webhook with the header
// X-Telegram-Bot-Api-Secret-Token (Bot API setWebhook secret_token); anything else gets 401, unprocessed.
import { webhookCallback, type Bot } from "grammy";
import type { CoreDeps } from "../core/index.ts";
import { hasSecret, type RouteHandler } from "../http.ts";
import { webhookAddress } from "../config.ts";
import { ALLOWED_UPDATES } from "./polling.ts";

export const TELEGRAM_WEBHOOK_PATH = "/telegram/webhook";
export const TELEGRAM_SECRET_HEADER = "x-telegram-bot-api-secret-token";

export function telegramWebhookRoute(bot: Bot, secret: string, log: CoreDeps["log"]): RouteHandler {
  // answer Telegram within its timeout even if a reply is slow; the update keeps running. No
  // secretToken here: hasSecret below is the one (constant-time) check, grammY's would be a second
  const handle = webhookCallback(bot, "http", { onTimeout: "return", timeoutMilliseconds: 9_000 });
  return async (req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    if (!hasSecret(req, TELEGRAM_SECRET_HEADER, secret)) {
      log("warn", `telegram: webhook call without the right secret from ${req.socket.remoteAddress}`);
      req.resume();
      res.writeHead(401, { "content-type": "application/json" }).end('{"ok":false,"description":"Unauthorized"}');
      return;
    }
    await handle(req, res);
  };
}

/** Registers the webhook with Telegram; returns the address used. */
export async function registerWebhook(bot: Bot, baseUrl: string, secret: string): Promise<string> {
  const url = webhookAddress(baseUrl, TELEGRAM_WEBHOOK_PATH);
  await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
  return url;
}
