/**
 * A fake Telegram Bot API server on 127.0.0.1 for tests — no network, no packages.
 *
 *   const tg = await startFakeTelegram();                     // token tg.token, bot tg.botInfo (@tro_ly_test_bot)
 *   new Bot(tg.token, { client: { apiRoot: tg.apiRoot } })    // or TELEGRAM_API_ROOT=tg.apiRoot for a spawned bot
 *   tg.sendText({ chat: tg.privateChat(111), from: tg.user(111), text: "hỏi gì đó" });   // a user writes
 *   const reply = await tg.waitForMessage((m) => m.chatId === "111");                    // what the bot sent
 *   tg.messages("111")  → every message the bot sent to that chat (text as the user sees it, buttons)
 *   tg.pressButton({ message: reply, from: tg.user(111), data: "src:…" })                 // a button tap
 *   tg.calls            → every API call { method, payload } in order; tg.waitForCall("setMyCommands")
 *   tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } })
 *   tg.addFile("FILE1", bytes, "ke-hoach.docx")  → served by getFile and GET /file/bot<token>/<file_path>
 *   await tg.close()
 *
 * Methods: getMe, getUpdates (offset, limit, long-poll timeout), sendMessage, editMessageText,
 * answerCallbackQuery, setMyCommands, getMyCommands, setWebhook, deleteWebhook, getWebhookInfo, getFile,
 * sendChatAction, sendDocument (multipart). Like Telegram it rejects: empty or > 4096-character texts
 * (counted after HTML parsing), HTML with a stray "<", callback data over 64 bytes, getUpdates while a
 * webhook is set (409). With a webhook set, injected updates are POSTed to it with
 * X-Telegram-Bot-Api-Secret-Token (the status is in tg.webhookDeliveries).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { EventEmitter } from "node:events";
import type { UserFromGetMe } from "grammy/types";

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}
export interface TgChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  first_name?: string;
}
export interface Button {
  text: string;
  data: string;
}
/** A message the bot sent, as the user sees it now (edits applied). */
export interface SentMessage {
  chatId: string;
  messageId: number;
  /** visible text: HTML tags removed, entities decoded */
  text: string;
  /** the raw text as sent (with HTML escapes) */
  rawText: string;
  parseMode?: string;
  buttons: Button[][];
  replyTo?: number;
  method: "sendMessage" | "sendDocument";
  document?: { name: string; size: number; caption?: string };
  edits: number;
}
export interface ApiCall {
  method: string;
  payload: Record<string, any>;
  at: number;
}
export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export const FAKE_TOKEN = "123456:TEST-token-for-fake-api";

const BOT_USER: TgUser & { username: string } = { id: 123456, is_bot: true, first_name: "Trợ lý Kế hoạch", username: "tro_ly_test_bot" };

/** What getMe answers (also usable as a preset botInfo for `new Bot(token, { botInfo })`). */
export function fakeBotInfo(): UserFromGetMe {
  return {
    ...BOT_USER,
    is_bot: true,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  };
}

/** Bot API HTML: the text a user sees (tags dropped, entities decoded); null when "<" is not a tag. */
function visibleText(text: string, parseMode?: string): string | null {
  if (parseMode !== "HTML") return text;
  const allowed = /^<\/?(b|strong|i|em|u|ins|s|strike|del|a|code|pre|tg-spoiler|span|blockquote|tg-emoji)(\s[^>]*)?>/;
  let out = "";
  for (let i = 0; i < text.length; ) {
    if (text[i] === "<") {
      const m = allowed.exec(text.slice(i));
      if (!m) return null;
      i += m[0].length;
      continue;
    }
    out += text[i++];
  }
  return out
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}

/** A small multipart/form-data reader (grammY's parts are valid for Telegram but too loose for undici's parser). */
function multipartParts(body: Buffer, boundary: string): { name: string; filename?: string; data: Buffer }[] {
  const parts: { name: string; filename?: string; data: Buffer }[] = [];
  const sep = Buffer.from(`--${boundary}`);
  let at = body.indexOf(sep);
  while (at >= 0) {
    const start = at + sep.length;
    const next = body.indexOf(sep, start);
    if (next < 0) break;
    const chunk = body.subarray(start, next);
    const headerEnd = chunk.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const headers = chunk.subarray(0, headerEnd).toString("utf8");
      const name = /name="?([^";\r\n]+)"?/i.exec(headers.replace(/filename=[^;\r\n]*/i, ""))?.[1];
      const filename = /filename="?([^";\r\n]+)"?/i.exec(headers)?.[1];
      const data = chunk.subarray(headerEnd + 4, chunk.length - 2); // minus the CRLF before the boundary
      if (name) parts.push({ name, ...(filename !== undefined ? { filename } : {}), data });
    }
    at = next;
  }
  return parts;
}

export interface FakeTelegram {
  readonly apiRoot: string;
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly calls: ApiCall[];
  readonly webhook: { url: string; secret?: string } | null;
  readonly webhookDeliveries: { updateId: number; status: number }[];
  readonly commands: { command: string; description: string }[];

  user(id: number, firstName?: string): TgUser;
  privateChat(userId: number): TgChat;
  groupChat(id: number, title?: string): TgChat;

  /** queues any update (update_id is assigned); returns its id */
  inject(update: Record<string, unknown>): number;
  /** a user's text message; entities for a leading /command and @mentions are added like Telegram does */
  sendText(opts: { chat: TgChat; from: TgUser; text: string; replyTo?: SentMessage; edited?: boolean }): { updateId: number; messageId: number };
  /** any other message content (sticker, photo, document …) */
  sendMessage(opts: { chat: TgChat; from: TgUser; content: Record<string, unknown>; replyTo?: SentMessage }): { updateId: number; messageId: number };
  pressButton(opts: { message: SentMessage; from: TgUser; data: string }): { updateId: number; callbackQueryId: string };
  /** the bot added to (or removed from) a group */
  botAdded(opts: { chat: TgChat; by: TgUser }): number;

  messages(chatId?: string | number): SentMessage[];
  waitForMessage(match: (m: SentMessage) => boolean, timeoutMs?: number): Promise<SentMessage>;
  waitForCall(method: string, match?: (c: ApiCall) => boolean, timeoutMs?: number): Promise<ApiCall>;
  /** answers of answerCallbackQuery, by callback query id */
  callbackAnswers: Map<string, { text?: string; show_alert?: boolean }>;

  failNext(method: string, failure: ApiFailure, times?: number): void;
  addFile(fileId: string, bytes: Uint8Array, name?: string): void;
  /** resolves with the HTTP status the webhook answered for an injected update */
  waitForDelivery(updateId: number, timeoutMs?: number): Promise<number>;
  /** POSTs an update to the webhook now, with a chosen secret header (undefined: no header) */
  deliverWebhook(update: Record<string, unknown>, secret: string | undefined, url?: string): Promise<number>;
  close(): Promise<void>;
}

export async function startFakeTelegram(options: { token?: string } = {}): Promise<FakeTelegram> {
  const token = options.token ?? FAKE_TOKEN;
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const calls: ApiCall[] = [];
  const sent: SentMessage[] = [];
  const queue: Record<string, any>[] = [];
  const failures = new Map<string, { failure: ApiFailure; times: number }>();
  const files = new Map<string, { bytes: Uint8Array; path: string }>();
  const callbackAnswers = new Map<string, { text?: string; show_alert?: boolean }>();
  const chats = new Map<number, TgChat>();
  const nextMessageId = new Map<number, number>();
  const webhookDeliveries: { updateId: number; status: number }[] = [];
  let commands: { command: string; description: string }[] = [];
  let webhook: { url: string; secret?: string } | null = null;
  let updateId = 1000;
  let callbackId = 0;

  const botInfo = fakeBotInfo();
  const now = () => Math.floor(Date.now() / 1000);
  const newMessageId = (chatId: number) => {
    const n = (nextMessageId.get(chatId) ?? 0) + 1;
    nextMessageId.set(chatId, n);
    return n;
  };
  const chatOf = (id: number | string): TgChat => {
    const n = Number(id);
    return chats.get(n) ?? (n > 0 ? { id: n, type: "private", first_name: "Người dùng" } : { id: n, type: "group", title: "Nhóm" });
  };
  const asBotMessage = (m: SentMessage) => ({
    message_id: m.messageId,
    date: now(),
    chat: chatOf(m.chatId),
    from: BOT_USER,
    text: m.text,
    ...(m.buttons.length ? { reply_markup: { inline_keyboard: m.buttons.map((r) => r.map((b) => ({ text: b.text, callback_data: b.data }))) } } : {}),
  });

  // ---- getUpdates long polling
  let waiters: Array<() => void> = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
  };

  async function postToWebhook(update: Record<string, unknown>, secret: string | undefined, url: string): Promise<number> {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}) },
        body: JSON.stringify(update),
      });
      await res.text();
      return res.status;
    } catch {
      return 0;
    }
  }

  function inject(update: Record<string, unknown>): number {
    const id = ++updateId;
    const full = { update_id: id, ...update };
    if (webhook) {
      const hook = webhook;
      void postToWebhook(full, hook.secret, hook.url).then((status) => {
        webhookDeliveries.push({ updateId: id, status });
        events.emit("webhook");
      });
    } else {
      queue.push(full);
      wake();
    }
    return id;
  }

  function entitiesFor(text: string) {
    const entities: { type: string; offset: number; length: number }[] = [];
    const cmd = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    if (cmd) entities.push({ type: "bot_command", offset: 0, length: cmd[0].length });
    for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g)) if (!(cmd && m.index! < cmd[0].length)) entities.push({ type: "mention", offset: m.index!, length: m[0].length });
    return entities;
  }

  function userMessage(chat: TgChat, from: TgUser, content: Record<string, unknown>, replyTo?: SentMessage) {
    chats.set(chat.id, chat);
    const messageId = newMessageId(chat.id);
    return {
      message_id: messageId,
      date: now(),
      chat,
      from,
      ...content,
      ...(replyTo ? { reply_to_message: asBotMessage(replyTo) } : {}),
    };
  }

  // ---- API methods
  type Handler = (p: Record<string, any>) => unknown;
  const bad = (description: string): ApiFailure => ({ error_code: 400, description: `Bad Request: ${description}` });
  class ApiError {
    constructor(readonly failure: ApiFailure) {}
  }
  const markup = (p: Record<string, any>): Button[][] => {
    const rm = typeof p.reply_markup === "string" ? JSON.parse(p.reply_markup) : p.reply_markup;
    const rows: any[][] = rm?.inline_keyboard ?? [];
    return rows.map((r) =>
      r.map((b) => {
        if (Buffer.byteLength(b.callback_data ?? "") > 64 || !b.callback_data) throw new ApiError(bad("BUTTON_DATA_INVALID"));
        return { text: b.text, data: b.callback_data };
      }),
    );
  };
  const checkText = (raw: unknown, parseMode?: string): string => {
    if (typeof raw !== "string" || raw.trim() === "") throw new ApiError(bad("message text is empty"));
    const visible = visibleText(raw, parseMode);
    if (visible === null) throw new ApiError(bad("can't parse entities: Unsupported start tag"));
    if (visible.length > 4096) throw new ApiError(bad("message is too long"));
    return visible;
  };

  const methods: Record<string, Handler> = {
    getMe: () => botInfo,
    getUpdates: () => {
      throw new Error("handled separately");
    },
    sendMessage: (p) => {
      const text = checkText(p.text, p.parse_mode);
      const rp = typeof p.reply_parameters === "string" ? JSON.parse(p.reply_parameters) : p.reply_parameters;
      const m: SentMessage = {
        chatId: String(p.chat_id),
        messageId: newMessageId(Number(p.chat_id)),
        text,
        rawText: p.text,
        parseMode: p.parse_mode,
        buttons: markup(p),
        replyTo: rp?.message_id ?? p.reply_to_message_id,
        method: "sendMessage",
        edits: 0,
      };
      sent.push(m);
      events.emit("sent", m);
      return asBotMessage(m);
    },
    editMessageText: (p) => {
      const m = sent.find((x) => x.chatId === String(p.chat_id) && x.messageId === Number(p.message_id));
      if (!m) throw new ApiError(bad("message to edit not found"));
      const text = checkText(p.text, p.parse_mode);
      const buttons = markup(p);
      if (text === m.text && JSON.stringify(buttons) === JSON.stringify(m.buttons))
        throw new ApiError(bad("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"));
      Object.assign(m, { text, rawText: p.text, parseMode: p.parse_mode, buttons, edits: m.edits + 1 });
      events.emit("sent", m);
      return asBotMessage(m);
    },
    answerCallbackQuery: (p) => {
      callbackAnswers.set(String(p.callback_query_id), { text: p.text, show_alert: p.show_alert });
      return true;
    },
    setMyCommands: (p) => {
      commands = typeof p.commands === "string" ? JSON.parse(p.commands) : p.commands;
      return true;
    },
    getMyCommands: () => commands,
    setWebhook: (p) => {
      webhook = { url: p.url, secret: p.secret_token };
      return true;
    },
    deleteWebhook: () => {
      webhook = null;
      return true;
    },
    getWebhookInfo: () => ({ url: webhook?.url ?? "", has_custom_certificate: false, pending_update_count: queue.length }),
    sendChatAction: () => true,
    getFile: (p) => {
      const f = files.get(String(p.file_id));
      if (!f) throw new ApiError(bad("invalid file_id"));
      return { file_id: p.file_id, file_unique_id: `u${p.file_id}`, file_size: f.bytes.length, file_path: f.path };
    },
    sendDocument: (p) => {
      const doc = p.document as { name: string; size: number } | string;
      const m: SentMessage = {
        chatId: String(p.chat_id),
        messageId: newMessageId(Number(p.chat_id)),
        text: p.caption ?? "",
        rawText: p.caption ?? "",
        parseMode: p.parse_mode,
        buttons: markup(p),
        method: "sendDocument",
        document: typeof doc === "string" ? { name: doc, size: 0, caption: p.caption } : { ...doc, caption: p.caption },
        edits: 0,
      };
      sent.push(m);
      events.emit("sent", m);
      return { ...asBotMessage(m), document: { file_id: `doc${m.messageId}`, file_unique_id: `udoc${m.messageId}`, file_name: m.document!.name } };
    },
  };

  async function readPayload(req: IncomingMessage, url: URL): Promise<Record<string, any>> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const type = req.headers["content-type"] ?? "";
    const payload: Record<string, any> = Object.fromEntries(url.searchParams);
    if (body.length === 0) return payload;
    if (type.includes("application/json")) return { ...payload, ...JSON.parse(body.toString("utf8")) };
    if (type.includes("x-www-form-urlencoded")) Object.assign(payload, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
    if (type.includes("multipart/form-data")) {
      for (const part of multipartParts(body, /boundary=([^;]+)/.exec(type)?.[1] ?? "")) {
        if (part.filename !== undefined) {
          payload[part.name] = { name: part.filename, size: part.data.length };
          continue;
        }
        const v = part.data.toString("utf8");
        try {
          payload[part.name] = /^[[{]/.test(v) ? JSON.parse(v) : v;
        } catch {
          payload[part.name] = v;
        }
      }
    }
    for (const [k, v] of Object.entries(payload)) {
      // grammY sends an InputFile as attach://<id>; resolve it to the part
      if (typeof v === "string" && v.startsWith("attach://")) payload[k] = payload[v.slice(9)] ?? v;
      if (typeof v === "string" && /^-?\d+$/.test(v) && k.endsWith("_id")) payload[k] = Number(v);
    }
    return payload;
  }

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  const failureBody = (f: ApiFailure) => ({ ok: false, error_code: f.error_code, description: f.description, ...(f.parameters ? { parameters: f.parameters } : {}) });

  function takeFailure(method: string): ApiFailure | null {
    const f = failures.get(method);
    if (!f) return null;
    if (--f.times <= 0) failures.delete(method);
    return f.failure;
  }

  async function getUpdates(p: Record<string, any>, req: IncomingMessage, res: ServerResponse) {
    if (webhook) return reply(res, 409, failureBody({ error_code: 409, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first" }));
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeout = Math.max(0, Number(p.timeout ?? 0));
    // confirming: an offset forgets every earlier update (Bot API getUpdates)
    if (offset > 0) while (queue.length && queue[0].update_id < offset) queue.shift();
    const ready = () => queue.filter((u) => u.update_id >= offset).slice(0, limit);
    let updates = ready();
    if (updates.length === 0 && timeout > 0) {
      let closed = false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, timeout * 1000);
        function done() {
          clearTimeout(timer);
          waiters = waiters.filter((w) => w !== done);
          resolve();
        }
        waiters.push(done);
        res.once("close", () => {
          closed = true;
          done();
        });
      });
      if (closed) return;
      updates = ready();
    }
    reply(res, 200, { ok: true, result: updates });
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      const f = file[1] === token ? [...files.values()].find((x) => x.path === decodeURIComponent(file[2])) : undefined;
      if (!f) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": f.bytes.length }).end(Buffer.from(f.bytes));
      return;
    }
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (m[1] !== token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2];
    let payload: Record<string, any>;
    try {
      payload = await readPayload(req, url);
    } catch {
      return reply(res, 400, failureBody(bad("invalid request body")));
    }
    calls.push({ method, payload, at: Date.now() });
    events.emit("call", calls.at(-1));
    const failure = takeFailure(method);
    if (failure) return reply(res, failure.error_code, failureBody(failure));
    if (method === "getUpdates") return getUpdates(payload, req, res);
    const handler = methods[method];
    if (!handler) return reply(res, 404, failureBody({ error_code: 404, description: "Not Found: method not found" }));
    try {
      reply(res, 200, { ok: true, result: handler(payload) });
    } catch (e) {
      if (e instanceof ApiError) reply(res, e.failure.error_code, failureBody(e.failure));
      else reply(res, 500, failureBody({ error_code: 500, description: `Internal Server Error: ${String(e)}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;

  function waitFor<T>(event: string, pick: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = pick();
        if (found === undefined) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake-telegram: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        events.off(event, check);
      };
      events.on(event, check);
      check();
    });
  }

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,
    get webhook() {
      return webhook;
    },
    webhookDeliveries,
    get commands() {
      return commands;
    },
    callbackAnswers,
    user: (id, firstName = `Người dùng ${id}`) => ({ id, is_bot: false, first_name: firstName }),
    privateChat: (userId) => ({ id: userId, type: "private", first_name: `Người dùng ${userId}` }),
    groupChat: (id, title = `Nhóm ${id}`) => ({ id: id < 0 ? id : -id, type: "supergroup", title }),
    inject,
    sendText({ chat, from, text, replyTo, edited }) {
      const entities = entitiesFor(text);
      const message = userMessage(chat, from, { text, ...(entities.length ? { entities } : {}) }, replyTo);
      const updateId = inject(edited ? { edited_message: { ...message, edit_date: now() } } : { message });
      return { updateId, messageId: message.message_id };
    },
    sendMessage({ chat, from, content, replyTo }) {
      const message = userMessage(chat, from, content, replyTo);
      return { updateId: inject({ message }), messageId: message.message_id };
    },
    pressButton({ message, from, data }) {
      const id = `cb${++callbackId}`;
      const updateId = inject({ callback_query: { id, from, chat_instance: `ci${message.chatId}`, data, message: asBotMessage(message) } });
      return { updateId, callbackQueryId: id };
    },
    botAdded({ chat, by }) {
      chats.set(chat.id, chat);
      return inject({
        my_chat_member: {
          chat,
          from: by,
          date: now(),
          old_chat_member: { status: "left", user: BOT_USER },
          new_chat_member: { status: "member", user: BOT_USER },
        },
      });
    },
    messages: (chatId) => (chatId === undefined ? [...sent] : sent.filter((m) => m.chatId === String(chatId))),
    waitForMessage: (match, timeoutMs = 10_000) => waitFor("sent", () => sent.find(match), timeoutMs, "a matching message from the bot"),
    waitForCall: (method, match = () => true, timeoutMs = 10_000) =>
      waitFor("call", () => calls.find((c) => c.method === method && match(c)), timeoutMs, `a ${method} call`),
    failNext(method, failure, times = 1) {
      failures.set(method, { failure, times });
    },
    addFile(fileId, bytes, name = fileId) {
      files.set(fileId, { bytes, path: `documents/${fileId}/${name}` });
    },
    waitForDelivery: (id, timeoutMs = 10_000) =>
      waitFor("webhook", () => webhookDeliveries.find((d) => d.updateId === id)?.status, timeoutMs, `the webhook delivery of update ${id}`),
    deliverWebhook: (update, secret, url) => postToWebhook({ update_id: ++updateId, ...update }, secret, url ?? webhook?.url ?? ""),
    close: () =>
      new Promise<void>((resolve) => {
        wake();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
