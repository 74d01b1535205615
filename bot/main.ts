// The composition root and the only file with side effects:
// env → config → store → knowledge → channels → jobs → shutdown.
// Telegram runs when TELEGRAM_BOT_TOKEN is set, Zalo when ZALO_BOT_TOKEN is set; with neither, a console chat.
import type { Server } from "node:http";
import { GrammyError } from "grammy";
import { ConfigError, clockFrom, webhookAddress } from "./config.ts";
import { loadConfig } from "./env.ts";
import { openStore, StateFileError, type Store } from "../data/store.ts";
import { openPgStore } from "../data/pg-store.ts";
import { startLeaderElection, type Leader } from "../data/pg-leader.ts";
import { auditFileFor, fileAuditLog } from "../data/audit.ts";
import { evidenceDirFor, fileEvidence } from "../data/evidence-files.ts";
import { createDownloads, DOWNLOAD_PATH } from "./downloads.ts";
import { createZaloDownloader } from "./zalo/files.ts";
import { alertTargets, quotaAlert, readOnlyAlert, recoveredAlert } from "./core/store-alerts.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { createCore, createKnowledgeRef, type CoreDeps } from "./core/index.ts";
import { closeServer, createHttpServer, listen, type Routes } from "./http.ts";
import { createHealth, healthzRoute, watchRoute, watchTelegram, watchZaloFetch } from "./health.ts";
import { consoleSender, runConsole } from "./console.ts";
import { createLog } from "./log.ts";
import { startupDeadline } from "./startup.ts";
import { handleGroupGone } from "./core/group-lifecycle.ts";
import { startJobs } from "../jobs/schedule.ts";
import { createLimiter, passThroughLimiter } from "../jobs/throttle.ts";
import { defaultPolicy } from "../jobs/policy.ts";
import { createZaloChannel, ZaloStartError } from "./zalo/index.ts";
import { createTopicGoneNotifier } from "./telegram/topic-gone.ts";
import {
  TELEGRAM_WEBHOOK_PATH,
  createBot,
  createBulkApi,
  createTelegramSender,
  pollingErrorMessage,
  registerCommands,
  registerDescriptions,
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
  // DATABASE_URL: PostgreSQL, several replicas, one leader for the jobs; otherwise the JSON file as always
  let leader: Leader | null = null;
  if (config.databaseUrl) {
    try {
      store = await openPgStore(config.databaseUrl, { log, archiveDays: config.archiveDays });
    } catch (e) {
      fail(`Không kết nối được PostgreSQL (DATABASE_URL): ${e instanceof Error ? e.message : String(e)}`);
    }
    // what other replicas changed reaches this one's answers within seconds
    const refresh = setInterval(() => void store.refresh?.().catch((e) => log("warn", "postgres: refresh failed", e instanceof Error ? e.message : e)), 2000);
    refresh.unref();
  } else {
    try {
      store = await openStore(config.dbFile, { minFreeBytes: 5 * 1024 * 1024, archiveDays: config.archiveDays, warn: (m) => log("warn", m) });
    } catch (e) {
      if (e instanceof StateFileError) fail(e.message);
      fail(`Không mở được tệp trạng thái ${config.dbFile} (DB_FILE): ${e instanceof Error ? e.message : String(e)}`);
    }
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
    evidence: fileEvidence(evidenceDirFor(config.dbFile)), // files sent with "đã nộp", beside the state file
  };
  const core = createCore(deps);
  // a write that fails puts the store in read-only mode: log, tell the coordinators, retry every 30 s
  let retryTimer: NodeJS.Timeout | null = null;
  store.onHealth?.((error) => {
    const text = error ? readOnlyAlert(error.message) : recoveredAlert(config.dbFile);
    log(error ? "error" : "info", error ? `store: read-only — ${error.code} ${error.detail}` : "store: writable again");
    for (const t of alertTargets(deps.knowledge.knowledge, store.state.bindings, config.adminIds)) {
      deps.senders[t.channel]?.(t.chatId, { text }).catch((e) => log("warn", `store: alert to ${t.channel}:${t.chatId} failed`, e instanceof Error ? e.message : e));
    }
    if (error && !retryTimer) {
      retryTimer = setInterval(() => void store.retry?.(), 30_000);
      retryTimer.unref();
    } else if (!error && retryTimer) {
      clearInterval(retryTimer);
      retryTimer = null;
    }
  });
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
    await store.close?.().catch((e) => log("warn", "store: close failed", e));
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
  process.on("unhandledRejection", (e) => log("error", "unhandled rejection", e));

  // one limiter for every outgoing message of every channel: answers, button replies, reminders, alerts
  const limiter = createLimiter({ perChatPerMinute: defaultPolicy.throttle.perChatPerMinute, perSecond: defaultPolicy.throttle.perSecond });
  let afterListen: Array<() => Promise<void>> = [];
  // reaching the channels' APIs must not hang forever (network errors are retried by the clients)
  const deadline = startupDeadline(config.startupTimeoutS * 1000, (message) => fail(message));

  if (config.telegramToken) {
    deadline.at({ what: "Telegram", variable: "TELEGRAM_API_ROOT", address: config.telegramApiRoot });
    const bot = createBot({ token: config.telegramToken, core, log, apiRoot: config.telegramApiRoot, senders: deps.senders, coreDeps: deps, limiter });
    const topicGone = createTopicGoneNotifier(deps);
    // reminders and alerts: the same limiter, after waiting answers
    const bulkApi = createBulkApi({ token: config.telegramToken, apiRoot: config.telegramApiRoot, limiter });
    deps.senders.telegram = createTelegramSender(bulkApi, { onTopicGone: (chat) => void topicGone(chat) });
    if (config.botMode === "polling") watchTelegram(bot, health);
    try {
      await bot.init();
    } catch (e) {
      if (e instanceof GrammyError && e.error_code === 401) fail(pollingErrorMessage(e));
      fail(`Không kết nối được Telegram (${config.telegramApiRoot}): ${e instanceof Error ? e.message : String(e)}`);
    }
    log("info", `telegram: connected as @${bot.botInfo.username} (${config.botMode})`);
    deps.channelInfo = { ...deps.channelInfo, telegram: { username: bot.botInfo.username, canJoinGroups: bot.botInfo.can_join_groups } };
    await registerCommands(bot.api, core.commands, log, config.adminIds);
    await registerDescriptions(bot.api, log);
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

  // Zalo: same core; its sender lets reminders reach Zalo groups (or officers' private chats)
  if (config.zaloToken) {
    deadline.at({ what: "Zalo", variable: "ZALO_API_ROOT", address: config.zaloApiRoot });
    const zalo = createZaloChannel({
      token: config.zaloToken,
      apiRoot: config.zaloApiRoot,
      webhookSecret: config.zaloWebhookSecret ?? undefined,
      botName: config.zaloBotName ?? undefined,
      core,
      store,
      log,
      senders: deps.senders,
      now,
      limiter,
      ...(config.botMode === "polling" ? { fetch: watchZaloFetch(health) } : {}),
      // /dangky on Zalo explains the private-chat fallback when the bot cannot join groups
      onFacts: (f) => (deps.channelInfo = { ...deps.channelInfo, zalo: { canJoinGroups: f.canJoinGroups } }),
    });
    deps.senders.zalo = zalo.sender; // reminders reach Zalo chats bound with /dangky or a /molienket code
    deps.files = { ...deps.files, zalo: createZaloDownloader() }; // a photo sent with "đã nộp" is kept at once
    // Zalo has no document upload: /baocao and /minhchung answer with a signed link on this server
    if (config.webhookUrl) {
      const downloads = createDownloads({ baseUrl: config.webhookUrl, now });
      routes[DOWNLOAD_PATH] = downloads.route;
      deps.links = downloads;
    }
    const startFailed = (e: unknown): never => fail(e instanceof ZaloStartError ? e.message : `Không khởi động được kênh Zalo: ${e instanceof Error ? e.message : String(e)}`);
    if (config.botMode === "webhook") {
      routes[zalo.webhookRoute.path] = watchRoute(zalo.webhookRoute.handle, health, "zalo");
      // a webhook Zalo refuses to verify means no update will ever arrive: stop and say why
      afterListen.push(() => zalo.setWebhook(webhookAddress(config.webhookUrl!, zalo.webhookRoute.path)).catch((e) => (e instanceof ZaloStartError ? startFailed(e) : log("error", "zalo: setWebhook failed; updates arrive only if the webhook was set before", e))));
      stops.push(() => zalo.webhookRoute.idle());
    } else {
      health.polling("zalo");
      const polling = await zalo.startPolling().catch(startFailed);
      stops.push(() => polling.stop());
    }
  }

  deadline.at(null);
  // reminder jobs need a channel to send through: none in a private console
  if (!consoleMode || consoleGroup) {
    // a short delay before the start-up catch-up: a second process on the same token gets 409 and exits first
    // the senders already go through the shared limiter
    const jobs = startJobs({
      store,
      knowledge: () => deps.knowledge.knowledge,
      senders: deps.senders,
      now,
      log,
      limiter: passThroughLimiter,
      startDelayMs: 3000,
      ...(config.databaseUrl ? { isLeader: () => leader?.isLeader() ?? false } : {}),
      onChatGone: (channel, chatId, gone) => handleGroupGone(deps, channel, chatId, gone),
      onQuotaExhausted: (channel) => {
        // told on the other channels (the spent one cannot carry it)
        for (const t of alertTargets(deps.knowledge.knowledge, store.state.bindings, config.adminIds).filter((t) => t.channel !== channel)) {
          deps.senders[t.channel]?.(t.chatId, { text: quotaAlert(channel) }).catch((e) => log("warn", `quota alert to ${t.channel}:${t.chatId} failed`, e instanceof Error ? e.message : e));
        }
      },
    });
    deps.runReminders = (reason, opts) => jobs.runNow(reason, opts);
    stops.push(async () => jobs.stop());
    if (config.databaseUrl) {
      // the replica that becomes leader (at start, or when the last one died) makes up what was missed or left pending
      leader = startLeaderElection(config.databaseUrl, { log, onChange: (lead) => void (lead && jobs.catchUp("trở thành máy chính")) });
      const l = leader;
      stops.push(() => l.stop());
    }
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
  deadline.done();

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
