// A fake Zalo Bot API on 127.0.0.1 for tests: the methods the assistant uses, with the
// platform's limits (text 1–2000 characters; getUpdates does not work while a webhook is set)
// and failure injection (HTTP 500 for the next N calls, or any status: 401, 403, 429).
// getMe answers as documented ({id, account_name, account_type, can_join_groups}); set fake.me to change
// it (can_join_groups false: a bot Zalo does not let into groups). fake.rejectWebhook(hint) makes
// setWebhook fail its verification of the URL the way Zalo reports it (ok:false with a description).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ZaloUpdate } from "../../bot/zalo/client.ts";

export interface SentMessage {
  chat_id: string;
  text: string;
  message_id: string;
}

export interface FakeZalo {
  /** pass as ZALO_API_ROOT */
  apiRoot: string;
  token: string;
  calls: { method: string; payload: Record<string, unknown> }[];
  sent: SentMessage[];
  actions: { chat_id: string; action: string }[];
  webhook: { url: string; secret: string } | null;
  /** queue an update for getUpdates (each is delivered once) */
  push(update: ZaloUpdate): void;
  /** make the next `n` calls (of `method`, or any) fail with HTTP 500, or with `status` as {ok:false, error_code} */
  failNext(n: number, method?: string, status?: number): void;
  /** what getMe answers */
  me: Record<string, unknown>;
  /** setWebhook fails verification with this hint until cleared (null) */
  rejectWebhook(hint: string | null): void;
  /** POST an update to the registered webhook, as Zalo would */
  deliver(update: ZaloUpdate, secret?: string): Promise<number>;
  /** resolves when `count` messages were sent to `chatId` (or anywhere) */
  waitForSent(count: number, chatId?: string, timeoutMs?: number): Promise<SentMessage[]>;
  sentTo(chatId: string): SentMessage[];
  close(): Promise<void>;
}

let seq = 0;

/** Builds a text update the way Zalo shapes it. */
export function textUpdate(opts: {
  text: string;
  chatId: string;
  userId?: string;
  name?: string;
  group?: boolean;
  messageId?: string;
  date?: number;
}): ZaloUpdate {
  return {
    event_name: "message.text.received",
    message: {
      message_id: opts.messageId ?? `m${++seq}${Date.now().toString(36)}`,
      date: opts.date ?? Date.now(),
      text: opts.text,
      chat: { id: opts.chatId, chat_type: opts.group ? "GROUP" : "PRIVATE" },
      from: { id: opts.userId ?? opts.chatId, display_name: opts.name ?? "Nguyễn Văn A" },
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export async function startFakeZalo(token = "123456:fake-token"): Promise<FakeZalo> {
  const queue: ZaloUpdate[] = [];
  const pollers: (() => void)[] = [];
  const failures: { method?: string; status?: number }[] = [];
  let webhookHint: string | null = null;
  const sentWaiters: (() => void)[] = [];
  let nextId = 1;

  const fake = {
    token,
    calls: [],
    sent: [],
    actions: [],
    webhook: null,
    me: { id: "bot-1", account_name: "bot.TroLyKeHoach", account_type: "BASIC", can_join_groups: true },
  } as unknown as FakeZalo;

  function reply(res: import("node:http").ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
  const fail = (code: number, description: string) => ({ ok: false, error_code: code, description });

  const server: Server = createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const raw = await readBody(req);
    if (!match || req.method !== "POST") return reply(res, 404, fail(404, "Not Found"));
    const [, tok, method] = match;
    if (tok !== token) return reply(res, 401, fail(401, "Unauthorized"));
    let payload: Record<string, unknown> = {};
    try {
      payload = raw ? JSON.parse(raw) : {};
    } catch {
      return reply(res, 400, fail(400, "Bad Request: invalid JSON"));
    }
    fake.calls.push({ method, payload });

    const failIdx = failures.findIndex((f) => !f.method || f.method === method);
    if (failIdx >= 0) {
      const [f] = failures.splice(failIdx, 1);
      if (f.status) return reply(res, f.status, fail(f.status, f.status === 401 ? "Unauthorized" : f.status === 403 ? "Forbidden" : f.status === 429 ? "Too Many Requests: quota exceeded" : "Error"));
      res.writeHead(500, { "content-type": "text/plain" });
      return res.end("Internal Server Error");
    }

    switch (method) {
      case "getMe":
        return reply(res, 200, { ok: true, result: fake.me });
      case "setWebhook": {
        const url = String(payload.url ?? "");
        const secret = String(payload.secret_token ?? "");
        if (!url || secret.length < 8 || secret.length > 256) return reply(res, 200, fail(400, "Bad Request: invalid url or secret_token"));
        if (webhookHint) return reply(res, 200, fail(400, `Webhook verification failed: ${webhookHint}`));
        fake.webhook = { url, secret };
        return reply(res, 200, { ok: true, result: { url, updated_at: Date.now() } });
      }
      case "deleteWebhook":
        fake.webhook = null;
        return reply(res, 200, { ok: true, result: { url: "", updated_at: Date.now() } });
      case "getWebhookInfo":
        return reply(res, 200, { ok: true, result: { url: fake.webhook?.url ?? "", updated_at: Date.now() } });
      case "getUpdates": {
        if (fake.webhook) return reply(res, 200, fail(400, "Bad Request: webhook is set"));
        const timeoutSec = Math.max(0, Number(payload.timeout ?? 30));
        const take = () => queue.shift();
        let update = take();
        if (!update) {
          // long poll: wait for a push or the timeout
          update = await new Promise<ZaloUpdate | undefined>((resolve) => {
            let done = false;
            const wake = () => {
              if (done) return;
              const u = take();
              if (!u) return pollers.push(wake);
              done = true;
              clearTimeout(timer);
              resolve(u);
            };
            const timer = setTimeout(() => {
              done = true;
              resolve(undefined);
            }, timeoutSec * 1000);
            pollers.push(wake);
            req.socket.on("close", () => {
              if (!done) {
                done = true;
                clearTimeout(timer);
                resolve(undefined);
              }
            });
          });
        }
        if (res.destroyed || req.socket.destroyed) {
          if (update) queue.unshift(update); // the client left: keep it for the next poll
          return;
        }
        // like Zalo: one update per call, or 408 when nothing arrived
        return update ? reply(res, 200, { ok: true, result: update }) : reply(res, 200, fail(408, "Request timeout"));
      }
      case "sendMessage": {
        const chatId = String(payload.chat_id ?? "");
        const text = typeof payload.text === "string" ? payload.text : "";
        if (!chatId) return reply(res, 200, fail(400, "Bad Request: chat_id is required"));
        if (text.length < 1 || text.length > 2000) return reply(res, 200, fail(400, "Bad Request: text must be 1-2000 characters"));
        const message_id = `bm${nextId++}`;
        fake.sent.push({ chat_id: chatId, text, message_id });
        sentWaiters.splice(0).forEach((w) => w());
        return reply(res, 200, { ok: true, result: { message_id, date: Date.now() } });
      }
      case "sendChatAction":
        fake.actions.push({ chat_id: String(payload.chat_id ?? ""), action: String(payload.action ?? "") });
        return reply(res, 200, { ok: true });
      default:
        return reply(res, 404, fail(404, `Not Found: method ${method}`));
    }
  });

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  fake.apiRoot = `http://127.0.0.1:${port}`;

  fake.push = (update) => {
    queue.push(update);
    pollers.splice(0).forEach((p) => p());
  };
  fake.failNext = (n, method, status) => {
    for (let i = 0; i < n; i++) failures.push({ method, status });
  };
  fake.rejectWebhook = (hint) => {
    webhookHint = hint;
  };
  fake.deliver = async (update, secret) => {
    if (!fake.webhook) throw new Error("no webhook set");
    const res = await fetch(fake.webhook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": secret ?? fake.webhook.secret },
      body: JSON.stringify(update),
    });
    await res.text();
    return res.status;
  };
  fake.sentTo = (chatId) => fake.sent.filter((m) => m.chat_id === chatId);
  fake.waitForSent = (count, chatId, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const list = () => (chatId ? fake.sentTo(chatId) : fake.sent);
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${count} message(s)${chatId ? ` to ${chatId}` : ""}; got ${JSON.stringify(list())}`)),
        timeoutMs,
      );
      const check = () => {
        if (list().length >= count) {
          clearTimeout(timer);
          resolve(list());
        } else sentWaiters.push(check);
      };
      check();
    });
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
