// The Telegram channel: build (createBot), run (startPolling / webhook route), menu and sender.
export { createBot, createBulkApi, telegramFeatures, type TelegramDeps, type TelegramFeature } from "./bot.ts";
export { startPolling, pollingErrorMessage, type Polling } from "./polling.ts";
export { telegramWebhookRoute, registerWebhook, TELEGRAM_WEBHOOK_PATH } from "./webhook.ts";
export { registerCommands, registerDescriptions } from "./commands.ts";
export { createTelegramSender, escapeHtml } from "./render.ts";
