// The Zalo channel: built here, run by bot/main.ts (polling, or the webhook route on the shared server).
import type { ChannelName, Sender } from "../core/types.ts";
import type { Store } from "../../data/store.ts";
import { createZaloAdapter, type MessageHandler, type ZaloAdapter } from "./adapter.ts";
import { createZaloClient, ZaloApiError, type Log, type ZaloClient } from "./client.ts";
import { startPolling, type Polling } from "./polling.ts";
import type { Limiter } from "../../jobs/throttle.ts";
import { createZaloWebhookRoute, type ZaloWebhookRoute } from "./webhook.ts";

export { ZALO_WEBHOOK_PATH } from "./webhook.ts";
export { ZaloApiError, type ZaloClient, type ZaloUpdate } from "./client.ts";

/** Start-up failures a person must fix: the token (only a 401 means it is wrong) or a webhook Zalo would not verify. */
export class ZaloStartError extends Error {
  constructor(
    message: string,
    readonly reason: "token" | "webhook",
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ZaloStartError";
  }
}

export const ZALO_TOKEN_MESSAGE = "Zalo từ chối ZALO_BOT_TOKEN (401). Hãy kiểm tra lại token trong Zalo Bot Creator (Zalo Bot Manager) rồi chạy lại.";
export const ZALO_NO_GROUPS_WARNING =
  "zalo: this bot cannot be added to Zalo groups (getMe can_join_groups=false; group bots are a closed test on Zalo's side). Units can still get reminders in officers' private chats: an admin sends /molienket <đơn vị>, the officer sends the code to the bot privately.";

/** What getMe told at start. */
export interface ZaloBotFacts {
  id: string;
  /** names a group mention may carry: ZALO_BOT_NAME first, then what getMe returns */
  names: string[];
  /** getMe can_join_groups; undefined when getMe did not answer */
  canJoinGroups?: boolean;
}

export interface ZaloChannelDeps {
  token: string;
  core: MessageHandler;
  store: Store;
  log: Log;
  /** ZALO_API_ROOT: another Bot API server (a local fake in tests) */
  apiRoot?: string;
  /** ZALO_WEBHOOK_SECRET (8–256 characters) */
  webhookSecret?: string;
  /** ZALO_BOT_NAME: the display name members pick from the @ list (getMe does not return it) */
  botName?: string;
  fetch?: typeof fetch;
  /** other channels, for replies the core addresses elsewhere */
  senders?: Partial<Record<ChannelName, Sender>>;
  now?: () => Date;
  pollTimeoutSec?: number;
  retries?: number;
  backoffMs?: number;
  /** getMe attempts at start when Zalo answers 403, 429 or 5xx (each with backoff) before going on without it */
  startAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  /** the one limiter of every outgoing message (answers and reminders) */
  limiter?: Limiter;
  /** told what getMe said (main passes can_join_groups on to the core) */
  onFacts?: (facts: ZaloBotFacts) => void;
}

export interface ZaloChannel {
  client: ZaloClient;
  adapter: ZaloAdapter;
  /** for deps.senders.zalo: reminders and other messages outside a conversation */
  sender: Sender;
  /** mount on the shared HTTP server at `webhookRoute.path` */
  webhookRoute: ZaloWebhookRoute;
  /** clears any webhook (getUpdates does not work while one is set) and starts long polling;
   *  rejects with ZaloStartError("token") only when Zalo answers 401 */
  startPolling(): Promise<Polling>;
  /** registers the full webhook address (main builds it: WEBHOOK_URL + webhookRoute.path) with the secret;
   *  rejects with ZaloStartError("webhook") when Zalo refuses or does not confirm it, with Zalo's hint */
  setWebhook(url: string): Promise<void>;
  /** what getMe said, once identified */
  facts(): ZaloBotFacts | null;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createZaloChannel(deps: ZaloChannelDeps): ZaloChannel {
  const { log } = deps;
  const sleep = deps.sleep ?? realSleep;
  const client = createZaloClient({
    token: deps.token,
    apiRoot: deps.apiRoot,
    fetch: deps.fetch,
    log,
    retries: deps.retries,
    backoffMs: deps.backoffMs,
    sleep: deps.sleep,
    limiter: deps.limiter,
  });
  let botNames: string[] = deps.botName ? [deps.botName] : [];
  let facts: ZaloBotFacts | null = null;
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

  /** getMe at start. Only 401 means a wrong token (stop); 403, 429 (the plan's quota is spent) and 5xx are retried with backoff. */
  async function identify(): Promise<ZaloBotFacts | null> {
    const attempts = Math.max(1, deps.startAttempts ?? 5);
    for (let attempt = 1; ; attempt++) {
      try {
        const me = await client.getMe();
        const names = [deps.botName, me.display_name, me.name, me.account_name].filter((n): n is string => typeof n === "string" && !!n.trim());
        botNames = [...new Set(names)];
        facts = { id: String(me.id), names: botNames, ...(typeof me.can_join_groups === "boolean" ? { canJoinGroups: me.can_join_groups } : {}) };
        log("info", `zalo: connected as ${botNames[0] ?? me.id} (id ${me.id}${typeof me.can_join_groups === "boolean" ? `, can_join_groups ${me.can_join_groups}` : ""})`);
        if (me.can_join_groups === false) log("warn", ZALO_NO_GROUPS_WARNING);
        if (!deps.botName) log("info", "zalo: ZALO_BOT_NAME is not set; a leading @mention is dropped only before a command or «đã nộp»");
        deps.onFacts?.(facts);
        return facts;
      } catch (e) {
        const code = e instanceof ZaloApiError ? e.errorCode : 0;
        if (code === 401) throw new ZaloStartError(ZALO_TOKEN_MESSAGE, "token", e);
        const why =
          code === 429
            ? "429: the Zalo plan's message quota is spent for now"
            : code === 403
              ? "403: Zalo refused for now (not a token error)"
              : e instanceof Error
                ? e.message
                : String(e);
        if (attempt >= attempts) {
          log("error", `zalo: getMe still failing after ${attempt} attempts (${why}); going on, the bot retries as it runs`);
          return null;
        }
        const delay = Math.min((deps.backoffMs ?? 1000) * 2 ** (attempt - 1), 30_000);
        log("warn", `zalo: getMe failed (${why}); retry ${attempt}/${attempts - 1} in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  return {
    client,
    adapter,
    sender: adapter.send,
    webhookRoute,
    facts: () => facts,
    async startPolling() {
      await identify();
      await client.deleteWebhook().catch((e) => log("warn", "zalo: deleteWebhook failed", e instanceof Error ? e.message : e));
      log("info", "zalo: polling for updates");
      return startPolling({ client, onUpdate: adapter.handleUpdate, log, timeoutSec: deps.pollTimeoutSec });
    },
    async setWebhook(url) {
      await identify();
      let result: { url?: unknown } | null;
      try {
        result = await client.setWebhook(url, deps.webhookSecret ?? "") as { url?: unknown } | null;
      } catch (e) {
        if (e instanceof ZaloApiError && e.errorCode === 401) throw new ZaloStartError(ZALO_TOKEN_MESSAGE, "token", e);
        // Zalo checks the address before accepting it; its description says why (the hint)
        const hint = e instanceof ZaloApiError ? e.description || `mã lỗi ${e.errorCode}` : e instanceof Error ? e.message : String(e);
        throw new ZaloStartError(`Zalo không nhận webhook ${url}: ${hint}. Hãy kiểm tra WEBHOOK_URL (HTTPS công khai, trỏ tới máy chủ này) và ZALO_WEBHOOK_SECRET (8–256 ký tự).`, "webhook", e);
      }
      // the documented answer echoes the address (setWebhook → {url, updated_at}); another one is not a confirmation
      if (result && typeof result.url === "string" && result.url !== url) {
        throw new ZaloStartError(`Zalo không xác nhận webhook ${url} (Zalo trả về «${result.url || "trống"}»). Hãy kiểm tra WEBHOOK_URL rồi chạy lại.`, "webhook");
      }
      log("info", `zalo: webhook set to ${url} (Zalo confirmed it)`);
    },
  };
}
