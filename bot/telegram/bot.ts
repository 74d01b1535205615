// createBot builds the grammY bot and never starts it (bot/main.ts runs it by polling or webhook).
// One Composer per concern, mounted in order; the error boundary keeps one bad update from stopping the rest.
import { Api, Bot, type Composer, type RawApi } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { autoRetry, type AutoRetryOptions } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import type { ChannelName, Sender } from "../core/types.ts";
import type { Core, CoreDeps } from "../core/index.ts";
import { createIgnoreFeature } from "./features/ignore.ts";
import { createDedupeFeature } from "./features/dedupe.ts";
import { createMembershipFeature } from "./features/membership.ts";
import { createMigrateFeature } from "./features/migrate.ts";
import { createRateLimitFeature, type RateLimitOptions } from "./features/rate-limit.ts";
import { createButtonsFeature } from "./features/buttons.ts";
import { createMessagesFeature } from "./features/messages.ts";
import { createPlanUploadFeature } from "./features/plan-upload.ts";
import { limitTransformer } from "./limit.ts";
import type { Limiter } from "../../jobs/throttle.ts";

export interface TelegramDeps {
  token: string;
  core: Core;
  log: CoreDeps["log"];
  /** another Bot API server (TELEGRAM_API_ROOT; a fake one in tests) */
  apiRoot?: string;
  /** preset bot info: skips getMe (tests) */
  botInfo?: UserFromGetMe;
  /** replies addressed to other channels */
  senders?: Partial<Record<ChannelName, Sender>>;
  /** the core's deps, for features that need more than the core (e.g. plan upload) */
  coreDeps?: CoreDeps;
  rateLimit?: RateLimitOptions | false;
  retry?: Partial<AutoRetryOptions> | false;
  /** the one limiter of every outgoing message; replies through bot.api take it at "reply" priority */
  limiter?: Limiter;
}

/** 429 waits retry_after and a 5xx (an answer: nothing was sent) is tried again; a network error or
 *  timeout is not (Telegram may have delivered it): it fails the call, so no message goes twice. */
function retryOptions(deps: Pick<TelegramDeps, "retry">): Partial<AutoRetryOptions> {
  return { maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true, ...(deps.retry || {}) };
}

/** A second client for bulk sends (reminders, alerts): same token and retry rule, lower priority in the limiter. */
export function createBulkApi(deps: Pick<TelegramDeps, "token" | "apiRoot" | "retry" | "limiter"> & { timeoutSeconds?: number }): Api<RawApi> {
  const api = new Api(deps.token, { ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}), ...(deps.timeoutSeconds ? { timeoutSeconds: deps.timeoutSeconds } : {}) });
  // the limiter inside autoRetry (grammY: the last installed runs first), so each retry waits its turn
  if (deps.limiter) api.config.use(limitTransformer(deps.limiter, "bulk"));
  if (deps.retry !== false) api.config.use(autoRetry(retryOptions(deps)));
  return api;
}

export type TelegramFeature = (deps: TelegramDeps) => Composer<any>;

/** The mounting list, in order; other helpers add theirs with a one-line edit. */
export const telegramFeatures: TelegramFeature[] = [
  () => createIgnoreFeature(),
  createDedupeFeature,
  createMembershipFeature,
  createMigrateFeature,
  (deps) => createRateLimitFeature(deps.rateLimit),
  createButtonsFeature,
  createPlanUploadFeature,
  createMessagesFeature,
];

/** Builds the bot; never calls start, init or any API method. */
export function createBot(deps: TelegramDeps): Bot {
  const bot = new Bot(deps.token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    ...(deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {}),
  });
  // installed before autoRetry (grammY: the last installed runs first), so a retried call waits its turn again
  if (deps.limiter) bot.api.config.use(limitTransformer(deps.limiter, "reply"));
  // 429 retry_after and 5xx are retried, a timeout is not; a wait over a minute fails the call instead of hanging a chat
  if (deps.retry !== false) bot.api.config.use(autoRetry(retryOptions(deps)));

  // the core builds t.me/<bot>?startgroup= links (/molienket) from the bot's username, known once getMe ran
  const core = deps.coreDeps;
  if (core) {
    const tell = (username: string) => (core.channelInfo = { ...core.channelInfo, telegram: { ...core.channelInfo?.telegram, username } });
    if (deps.botInfo) tell(deps.botInfo.username);
    bot.use((ctx, next) => {
      if (core.channelInfo?.telegram?.username !== ctx.me.username) tell(ctx.me.username);
      return next();
    });
  }
  // one update per chat at a time, in order (polling runs updates concurrently)
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  const guarded = bot.errorBoundary((err) => {
    deps.log("error", `telegram: update ${err.ctx.update.update_id} failed`, err.error);
  });
  for (const feature of telegramFeatures) guarded.use(feature(deps));
  // the last resort (errors thrown outside the boundary); the bot keeps running
  bot.catch((err) => deps.log("error", `telegram: unhandled error in update ${err.ctx.update.update_id}`, err.error));
  return bot;
}
