// The composition root and the only file with side effects:
// env → config → store → knowledge → channels → jobs → shutdown.
// Telegram runs when TELEGRAM_BOT_TOKEN is set, Zalo when ZALO_BOT_TOKEN is set; with neither, a console chat.
import type { Server } from "node:http";
import { GrammyError } from "grammy";
import { ConfigError, clockFrom, webhookAddress } from "./config.ts";
import { loadConfig } from "./env.ts";
import { openStore, StateFileError, type Store } from "../data/store.ts";
import { auditFileFor, fileAuditLog } from "../data/audit.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { createCore, createKnowledgeRef, type CoreDeps } from "./core/index.ts";
import { closeServer, createHttpServer, listen, type Routes } from "./http.ts";
import { createHealth, healthzRoute, watchRoute, watchTelegram, watchZaloFetch } from "./health.ts";
import { consoleSender, runConsole } from "./console.ts";
import { createLog } from "./log.ts";
import { startJobs } from "../jobs/schedule.ts";
import { createZaloChannel } from "./zalo/index.ts";
import {
  TELEGRAM_WEBHOOK_PATH,
  createBot,
  createTelegramSender,
  pollingErrorMessage,
  registerCommands,
  registerWebhook,
  startPolling,
  telegramWebhookRoute,
} from "./telegram/index.ts";

/** Prints one clear sentence and exits: the failures a person must fix before the bot can run. */
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main() {
  let config;
  try {
    config = loadConfig(process.env); // .env under the environment, as every CLI reads it
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  process.env.TZ = config.tz;
  const consoleMode = !config.telegramToken && !config.zaloToken;
  // the console chat shows only problems unless LOG_LEVEL says otherwise
  const log = createLog({ level: config.logLevel ?? (consoleMode ? "warn" : "info"), format: config.logFormat });
  // CONSOLE_CHAT=group: the console is a unit's group, so reminders have a chat to go to (the demo)
  const consoleGroup = consoleMode && config.consoleChat === "group";
  const consoleChat = consoleGroup ? consoleSender(process.stdout) : null;
  const now = clockFrom(config.botClock);
  if (config.botClock) log("info", `clock starts at ${config.botClock.toISOString()} (BOT_CLOCK)`);

  let store: Store;
  try {
    store = await openStore(config.dbFile);
  } catch (e) {
    if (e instanceof StateFileError) fail(e.message);
    fail(`Không mở được tệp trạng thái ${config.dbFile} (DB_FILE): ${e instanceof Error ? e.message : String(e)}`);
  }

  let knowledge;
  try {
    knowledge = await loadKnowledge({ plansDir: config.plansDir, file: config.knowledgeFile });
  } catch (e) {
    fail(`Không nạp được các kế hoạch từ ${config.plansDir} (PLANS_DIR): ${e instanceof Error ? e.message : String(e)}`);
  }

  const deps: CoreDeps = {
    store,
    knowledge: createKnowledgeRef(knowledge),
    adminIds: new Set(config.adminIds),
    now,
    senders: consoleChat ? { console: consoleChat.sender } : {},
    plansDir: config.plansDir,
    knowledgeFile: config.knowledgeFile,
    log,
    audit: fileAuditLog(auditFileFor(config.dbFile)), // append-only, beside the state file
  };
  const core = createCore(deps);
  const health = createHealth({ store, knowledge: () => deps.knowledge.knowledge, stuckSeconds: config.healthStuckSeconds });
  const routes: Routes = { "/healthz": healthzRoute(health) };
  const stops: Array<() => Promise<void>> = [];
  let server: Server | null = null;
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), 5000).unref(); // never hang on the way out
    for (const stop of stops.reverse()) await stop().catch((e) => log("warn", "shutdown step failed", e));
    if (server) await closeServer(server);
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
  process.on("unhandledRejection", (e) => log("error", "unhandled rejection", e));

  let afterListen: Array<() => Promise<void>> = [];

  if (config.telegramToken) {
    const bot = createBot({ token: config.telegramToken, core, log, apiRoot: config.telegramApiRoot, senders: deps.senders, coreDeps: deps });
    deps.senders.telegram = createTelegramSender(bot.api);
    if (config.botMode === "polling") watchTelegram(bot, health);
    try {
      await bot.init();
    } catch (e) {
      if (e instanceof GrammyError && e.error_code === 401) fail(pollingErrorMessage(e));
      fail(`Không kết nối được Telegram (${config.telegramApiRoot}): ${e instanceof Error ? e.message : String(e)}`);
    }
    log("info", `telegram: connected as @${bot.botInfo.username} (${config.botMode})`);
    await registerCommands(bot.api, core.commands, log);
    if (config.botMode === "webhook") {
      const secret = config.webhookSecret!;
      routes[TELEGRAM_WEBHOOK_PATH] = watchRoute(telegramWebhookRoute(bot, secret, log), health, "telegram");
      afterListen.push(async () => {
        try {
          log("info", `telegram: webhook set to ${await registerWebhook(bot, config.webhookUrl!, secret)}`);
        } catch (e) {
          log("error", "telegram: setWebhook failed; updates arrive only if the webhook was set before", e);
        }
      });
    } else {
      // a webhook left from an earlier run would make getUpdates fail with 409
      await bot.api.deleteWebhook().catch((e) => log("warn", "telegram: deleteWebhook failed", e instanceof Error ? e.message : e));
      const polling = startPolling(bot, { log });
      polling.task.then(
        () => undefined,
        (e) => {
          process.stderr.write(`${pollingErrorMessage(e)}\n`);
          void shutdown(1);
        },
      );
      stops.push(() => polling.stop());
    }
  }

  // Zalo: same core; its sender lets reminders reach Zalo groups
  if (config.zaloToken) {
    const zalo = createZaloChannel({
      token: config.zaloToken,
      apiRoot: config.zaloApiRoot,
      webhookSecret: config.zaloWebhookSecret ?? undefined,
      core,
      store,
      log,
      senders: deps.senders,
      now,
      ...(config.botMode === "polling" ? { fetch: watchZaloFetch(health) } : {}),
    });
    deps.senders.zalo = zalo.sender; // reminders reach Zalo groups bound with /dangky
    if (config.botMode === "webhook") {
      routes[zalo.webhookRoute.path] = watchRoute(zalo.webhookRoute.handle, health, "zalo");
      afterListen.push(() => zalo.setWebhook(webhookAddress(config.webhookUrl!, zalo.webhookRoute.path)).catch((e) => log("error", "zalo: setWebhook failed; updates arrive only if the webhook was set before", e)));
      stops.push(() => zalo.webhookRoute.idle());
    } else {
      health.polling("zalo");
      const polling = await zalo.startPolling().catch((e) => fail(`Zalo từ chối ZALO_BOT_TOKEN (${e instanceof Error ? e.message : String(e)}). Hãy kiểm tra lại token trong Zalo Bot Manager.`));
      stops.push(() => polling.stop());
    }
  }

  // reminder jobs need a channel to send through: none in a private console
  if (!consoleMode || consoleGroup) {
    // a short delay before the start-up catch-up: a second process on the same token gets 409 and exits first
    const jobs = startJobs({ store, knowledge: () => deps.knowledge.knowledge, senders: deps.senders, now, log, startDelayMs: 3000 });
    deps.runReminders = (reason, opts) => jobs.runNow(reason, opts);
    stops.push(async () => jobs.stop());
  }

  // webhooks need the server; PORT alone starts it for /healthz (polling, console)
  if (Object.keys(routes).length > 1 || config.portGiven) {
    server = createHttpServer(routes, log);
    try {
      const port = await listen(server, config.port);
      log("info", `http: listening on port ${port} (${Object.keys(routes).join(", ")})`);
    } catch (e) {
      fail(`Không mở được cổng ${config.port} (PORT): ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const step of afterListen) await step();
    afterListen = [];
  }

  if (consoleMode) {
    await runConsole({
      core,
      input: process.stdin,
      output: process.stdout,
      now,
      prompt: process.stdin.isTTY,
      planCount: knowledge.plans.length,
      chatType: consoleGroup ? "group" : "private",
      startLines: consoleGroup && config.consoleUnit ? [`/dangky ${config.consoleUnit}`] : [],
      pushed: consoleChat?.pushed,
    });
    await shutdown(0);
  }
}

main().catch((e) => {
  process.stderr.write(`Bot dừng vì lỗi không lường trước: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
