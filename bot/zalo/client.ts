// Zalo Bot Platform API client (https://bot.zaloplatforms.com/docs): every method is
// POST <root>/bot<TOKEN>/<method> with a JSON body; replies are {ok, result} or
// {ok:false, error_code, description}. `fetch` is injected so tests use a local server.
import { limited, type Limiter, type SendPriority } from "../../jobs/throttle.ts";

export const ZALO_API_ROOT = "https://bot-api.zaloplatforms.com";
/** sendMessage accepts 1–2000 characters (Zalo Bot API, sendMessage). */
export const ZALO_TEXT_LIMIT = 2000;

export type Log = (level: "info" | "warn" | "error", msg: string, extra?: unknown) => void;

export interface ZaloMessage {
  message_id: string;
  date: number; // ms since epoch
  text?: string;
  /** image messages carry the picture's URL (some payloads name it `photo`) */
  photo_url?: string;
  photo?: string;
  caption?: string;
  sticker?: string;
  chat: { id: string; chat_type: "PRIVATE" | "GROUP" | string };
  from: { id: string; display_name?: string; first_name?: string; name?: string; is_bot?: boolean };
}

export interface ZaloUpdate {
  event_name: string;
  message?: ZaloMessage;
}

/** getMe: {id, account_name, account_type, can_join_groups} (Zalo Bot API › getMe); no display name. */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  account_type?: string;
  /** false while Zalo does not let this bot into groups (group bots are a closed test) */
  can_join_groups?: boolean;
  display_name?: string;
  name?: string;
  [key: string]: unknown;
}

/** An API call that failed for good: carries the method and payload, like grammY's GrammyError. */
export class ZaloApiError extends Error {
  constructor(
    readonly method: string,
    readonly payload: unknown,
    readonly errorCode: number,
    readonly description: string,
    /** HTTP status when the failure came from HTTP, not from the JSON body */
    readonly status?: number,
    /** no answer came (a timeout, a dropped connection): Zalo may have done it anyway */
    readonly uncertain = false,
  ) {
    super(`Zalo ${method} failed: ${errorCode} ${description}`);
    this.name = "ZaloApiError";
  }
}

export interface ZaloClientOptions {
  token: string;
  apiRoot?: string;
  fetch?: typeof fetch;
  log?: Log;
  /** per-request timeout (long polls add their own poll time on top) */
  timeoutMs?: number;
  /** extra attempts after the first for retryable failures */
  retries?: number;
  /** first backoff delay; doubles each attempt, capped at 30 s */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** the one limiter of every outgoing message (jobs/throttle.ts) */
  limiter?: Limiter;
}

export interface CallOptions {
  retries?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Requests that change nothing when repeated; a send is not one of them. */
const IDEMPOTENT = new Set(["getMe", "getUpdates", "getWebhookInfo", "setWebhook", "deleteWebhook"]);

/** The request never left this machine (nothing can have been delivered), so trying again is safe. */
function neverSent(e: unknown): boolean {
  const code = (e as { cause?: { code?: string } })?.cause?.code;
  return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
}

export interface ZaloClient {
  call<T>(method: string, payload?: Record<string, unknown>, opts?: CallOptions): Promise<T>;
  getMe(): Promise<ZaloBotInfo>;
  /** one long poll; [] when nothing arrived within `timeoutSec` */
  getUpdates(timeoutSec: number, opts?: CallOptions): Promise<ZaloUpdate[]>;
  setWebhook(url: string, secretToken: string): Promise<unknown>;
  deleteWebhook(): Promise<unknown>;
  getWebhookInfo(): Promise<{ url?: string; updated_at?: number }>;
  /** goes through the limiter (when given) at this priority; never resent inside the call after a timeout */
  sendMessage(chatId: string, text: string, priority?: SendPriority): Promise<{ message_id: string; date?: number }>;
  sendChatAction(chatId: string, action: "typing"): Promise<unknown>;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Worth another try within the call: server-side trouble, never a bad request. A 429 is not: on Zalo it
 *  means the plan's message quota is spent, which seconds of waiting do not change (the outbox keeps the
 *  message pending for a later run). */
function isRetryableCode(code: number): boolean {
  return code >= 500;
}

/** A clear sentence for the log when Zalo answers 429. */
export const ZALO_QUOTA_HINT = "Zalo 429: the bot's message quota (its Zalo Bot plan) is spent for now; pending messages wait for a later run";

export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const root = (options.apiRoot ?? ZALO_API_ROOT).replace(/\/+$/, "");
  const doFetch = options.fetch ?? fetch;
  const log: Log = options.log ?? (() => {});
  const sleep = options.sleep ?? realSleep;
  const defaultTimeout = options.timeoutMs ?? 15_000;
  const defaultRetries = options.retries ?? 3;
  const backoff = options.backoffMs ?? 500;

  async function once(method: string, payload: Record<string, unknown>, timeoutMs: number, signal?: AbortSignal) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const res = await doFetch(`${root}/bot${options.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    const raw = await res.text();
    let body: { ok?: boolean; result?: unknown; error_code?: number; description?: string } | null = null;
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
    if (body && typeof body.ok === "boolean") {
      if (body.ok) return body.result;
      throw new ZaloApiError(method, payload, body.error_code ?? res.status, body.description ?? "", res.status);
    }
    throw new ZaloApiError(method, payload, res.status, raw.slice(0, 200) || res.statusText, res.status);
  }

  async function call<T>(method: string, payload: Record<string, unknown> = {}, opts: CallOptions = {}): Promise<T> {
    const retries = opts.retries ?? defaultRetries;
    const timeoutMs = opts.timeoutMs ?? defaultTimeout;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await once(method, payload, timeoutMs, opts.signal)) as T;
      } catch (e) {
        if (opts.signal?.aborted) throw e; // stopped on purpose: no retry, no noise
        // an error answer is definite (nothing was done); no answer is not, and a send repeated
        // then may reach the chat twice: only idempotent calls, or a request that never left, go again
        const retryable = e instanceof ZaloApiError ? isRetryableCode(e.errorCode) || (e.status ?? 0) >= 500 : IDEMPOTENT.has(method) || neverSent(e);
        const err =
          e instanceof ZaloApiError
            ? e
            : new ZaloApiError(method, payload, 0, e instanceof Error ? `${e.name}: ${e.message}` : String(e), undefined, !neverSent(e));
        if (err.errorCode === 429 || err.status === 429) log("warn", `${ZALO_QUOTA_HINT} (${method})`);
        if (!retryable || attempt >= retries) throw err;
        const delay = Math.min(backoff * 2 ** attempt, 30_000);
        log("warn", `zalo ${method} failed (${err.errorCode} ${err.description}); retry ${attempt + 1}/${retries} in ${delay} ms`);
        await sleep(delay);
      }
    }
  }

  return {
    call,
    getMe: () => call<ZaloBotInfo>("getMe"),
    async getUpdates(timeoutSec, opts = {}) {
      try {
        // the docs type `timeout` as a string of seconds
        const result = await call<ZaloUpdate | ZaloUpdate[] | null>("getUpdates", { timeout: String(timeoutSec) }, {
          retries: 0,
          timeoutMs: timeoutSec * 1000 + 10_000,
          ...opts,
        });
        if (!result) return [];
        return Array.isArray(result) ? result : [result];
      } catch (e) {
        // Zalo answers a long poll that saw nothing with error 408 "Request timeout"
        if (e instanceof ZaloApiError && e.errorCode === 408) return [];
        throw e;
      }
    },
    setWebhook: (url, secretToken) => call("setWebhook", { url, secret_token: secretToken }),
    deleteWebhook: () => call("deleteWebhook"),
    getWebhookInfo: () => call("getWebhookInfo"),
    async sendMessage(chatId, text, priority = "reply") {
      const send = () => call<{ message_id: string; date?: number }>("sendMessage", { chat_id: chatId, text });
      return options.limiter ? limited(options.limiter, `zalo:${chatId}`, priority, send) : send();
    },
    sendChatAction: (chatId, action) => call("sendChatAction", { chat_id: chatId, action }, { retries: 0 }),
  };
}
