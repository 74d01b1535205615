// The Zalo channel: built here, run by bot/main.ts (polling, or the webhook route on the shared server).
import type { ChannelName, Sender } from "../core/types.ts";
import type { Store } from "../../data/store.ts";
import { createZaloAdapter, type MessageHandler, type ZaloAdapter } from "./adapter.ts";
import { createZaloClient, ZaloApiError, type Log, type ZaloClient } from "./client.ts";
import { startPolling, type Polling } from "./polling.ts";
import { createZaloWebhookRoute, type ZaloWebhookRoute } from "./webhook.ts";

export { ZALO_WEBHOOK_PATH } from "./webhook.ts";
export { ZaloApiError, type ZaloClient, type ZaloUpdate } from "./client.ts";

export interface ZaloChannelDeps {
  token: string;
  core: MessageHandler;
  store: Store;
  log: Log;
  /** ZALO_API_ROOT: another Bot API server (a local fake in tests) */
  apiRoot?: string;
  /** ZALO_WEBHOOK_SECRET (8–256 characters) */
  webhookSecret?: string;
  fetch?: typeof fetch;
  /** other channels, for replies the core addresses elsewhere */
  senders?: Partial<Record<ChannelName, Sender>>;
  now?: () => Date;
  pollTimeoutSec?: number;
  retries?: number;
  backoffMs?: number;
}

export interface ZaloChannel {
  client: ZaloClient;
  adapter: ZaloAdapter;
  /** for deps.senders.zalo: reminders and other messages outside a conversation */
  sender: Sender;
  /** mount on the shared HTTP server at `webhookRoute.path` */
  webhookRoute: ZaloWebhookRoute;
  /** clears any webhook (getUpdates does not work while one is set) and starts long polling;
   *  rejects with ZaloApiError only when Zalo refuses the token */
  startPolling(): Promise<Polling>;
  /** registers the full webhook address (main builds it: WEBHOOK_URL + webhookRoute.path) with the secret */
  setWebhook(url: string): Promise<void>;
}

export function createZaloChannel(deps: ZaloChannelDeps): ZaloChannel {
  const { log } = deps;
  const client = createZaloClient({
    token: deps.token,
    apiRoot: deps.apiRoot,
    fetch: deps.fetch,
    log,
    retries: deps.retries,
    backoffMs: deps.backoffMs,
  });
  let botNames: string[] = [];
  const adapter = createZaloAdapter({
    client,
    core: deps.core,
    store: deps.store,
    log,
    senders: deps.senders,
    now: deps.now,
    botNames: () => botNames,
  });
  const webhookRoute = createZaloWebhookRoute({ secret: deps.webhookSecret ?? "", onUpdate: adapter.handleUpdate, log });

  /** learns the bot's names so a leading "@Bot" mention can be dropped; optional */
  async function identify(): Promise<ZaloApiError | null> {
    try {
      const me = await client.getMe();
      botNames = [me.display_name, me.account_name, me.name].filter((n): n is string => typeof n === "string" && !!n);
      log("info", `zalo: connected as ${botNames[0] ?? me.id}`);
      return null;
    } catch (e) {
      log("error", "zalo: getMe failed (is ZALO_BOT_TOKEN right?)", e instanceof Error ? e.message : e);
      return e instanceof ZaloApiError ? e : null;
    }
  }

  return {
    client,
    adapter,
    sender: adapter.send,
    webhookRoute,
    async startPolling() {
      // a token Zalo refuses is a setup mistake worth stopping for; anything else is retried
      const me = await identify();
      if (me instanceof ZaloApiError && (me.errorCode === 401 || me.errorCode === 403)) throw me;
      await client.deleteWebhook().catch((e) => log("warn", "zalo: deleteWebhook failed", e instanceof Error ? e.message : e));
      log("info", "zalo: polling for updates");
      return startPolling({ client, onUpdate: adapter.handleUpdate, log, timeoutSec: deps.pollTimeoutSec });
    },
    async setWebhook(url) {
      await identify();
      await client.setWebhook(url, deps.webhookSecret ?? "");
      log("info", `zalo: webhook set to ${url}`);
    },
  };
}
