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
 * answerCallbackQuery, setMyCommands / getMyCommands / deleteMyCommands (per BotCommandScope and
 * language_code: tg.commandsFor(scope, lang)), setMyDescription, setMyShortDescription, setMessageReaction,
 * setWebhook, deleteWebhook, getWebhookInfo, getFile, sendChatAction, sendDocument (multipart).
 * Like Telegram it rejects: empty or > 4096-character texts (counted after HTML parsing), malformed HTML
 * ("can't parse entities": unsupported or unclosed tags, mismatched end tags, a stray "<", nested
 * blockquotes, <a> without href), callback data over 64 bytes, getUpdates while a webhook is set (409),
 * a message_thread_id that is not a live topic of a forum ("message thread not found"). Forums:
 * tg.forumChat(), tg.createTopic(), tg.deleteTopic(); sendText({threadId}) posts in a topic; what the
 * bot sent keeps its threadId and parsed entities (bold, code, expandable_blockquote …).
 * tg.botAddedWithStart({chat, by, payload}) is what a t.me/<bot>?startgroup=<payload> link produces.
 * With a webhook set, injected updates are POSTed to it with
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
  is_forum?: boolean;
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
  /** bold, code, blockquote … as parsed from the HTML (Telegram's MessageEntity types) */
  entities: SentEntity[];
  /** forum topic the message was posted in (message_thread_id) */
  threadId?: number;
  buttons: Button[][];
  replyTo?: number;
  method: "sendMessage" | "sendDocument";
  /** a sent document: its name, size, caption and bytes (to open it as the user would) */
  document?: { name: string; size: number; caption?: string; bytes?: Buffer };
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

/** A formatting entity as the user sees it (the text it covers, after parsing). */
export interface SentEntity {
  type: "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "text_link" | "code" | "pre" | "blockquote" | "expandable_blockquote" | "custom_emoji";
  text: string;
}

const TAG_TYPES: Record<string, SentEntity["type"]> = {
  b: "bold", strong: "bold", i: "italic", em: "italic", u: "underline", ins: "underline",
  s: "strikethrough", strike: "strikethrough", del: "strikethrough", "tg-spoiler": "spoiler", span: "spoiler",
  a: "text_link", code: "code", pre: "pre", blockquote: "blockquote", "tg-emoji": "custom_emoji",
};

class HtmlError extends Error {}

const decodeEntities = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, (all, e: string) => {
    const k = e.toLowerCase();
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "amp") return "&";
    if (k === "quot") return '"';
    return String.fromCodePoint(k.startsWith("#x") ? parseInt(k.slice(2), 16) : Number(k.slice(1)));
  });

/**
 * Bot API "HTML style" parsed the way Telegram does: only the supported tags, properly nested and
 * closed, <a> with href, <span> only as class="tg-spoiler", no blockquote inside a blockquote; a "<"
 * that starts no tag is an error. Errors carry Telegram's wording ("can't parse entities: …").
 */
export function parseTelegramHtml(text: string): { text: string; entities: SentEntity[] } {
  let out = "";
  const entities: SentEntity[] = [];
  const open: { tag: string; type: SentEntity["type"]; start: number }[] = [];
  const byte = (i: number) => Buffer.byteLength(text.slice(0, i));
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunkEnd = lt < 0 ? text.length : lt;
    out += decodeEntities(text.slice(i, chunkEnd));
    if (lt < 0) break;
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*>/.exec(text.slice(lt));
    if (!m) throw new HtmlError(`Unsupported start tag at byte offset ${byte(lt)}`);
    const [all, closing, rawTag, attrs] = m;
    const tag = rawTag.toLowerCase();
    const type = TAG_TYPES[tag];
    if (!type) throw new HtmlError(`Unsupported start tag "${tag}" at byte offset ${byte(lt)}`);
    if (closing) {
      const top = open.pop();
      if (!top) throw new HtmlError(`Unexpected end tag at byte offset ${byte(lt)}`);
      if (top.tag !== tag) throw new HtmlError(`Unmatched end tag at byte offset ${byte(lt)}, expected "</${top.tag}>", found "</${tag}>"`);
      entities.push({ type: top.type, text: out.slice(top.start) });
    } else {
      if (tag === "a" && !/\bhref\s*=/.test(attrs)) throw new HtmlError(`Can't find href in <a> tag at byte offset ${byte(lt)}`);
      if (tag === "span" && !/class\s*=\s*["']?tg-spoiler/.test(attrs)) throw new HtmlError(`Tag "span" must have class "tg-spoiler" at byte offset ${byte(lt)}`);
      let t = type;
      if (tag === "blockquote") {
        if (open.some((o) => o.tag === "blockquote")) throw new HtmlError(`Blockquote entities can't be nested at byte offset ${byte(lt)}`);
        if (/\bexpandable\b/.test(attrs)) t = "expandable_blockquote";
      }
      open.push({ tag, type: t, start: out.length });
    }
    i = lt + all.length;
  }
  const left = open.pop();
  if (left) throw new HtmlError(`Can't find end tag corresponding to start tag "${left.tag}"`);
  return { text: out, entities };
}

/** The text a user sees and its formatting; null for plain text without entities. */
function visibleText(text: string, parseMode?: string): { text: string; entities: SentEntity[] } {
  if (parseMode !== "HTML") return { text, entities: [] };
  return parseTelegramHtml(text);
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
  /** the command menu for a BotCommandScope (default when omitted) and language */
  commandsFor(scope?: { type: string; chat_id?: number | string; user_id?: number }, languageCode?: string): { command: string; description: string }[];
  /** setMyDescription / setMyShortDescription, by language ("" = default) */
  description(kind: "long" | "short", languageCode?: string): string | undefined;
  /** setMessageReaction calls */
  readonly reactions: { chatId: string; messageId: number; emoji: string[] }[];
  /** a supergroup with topics (is_forum) */
  forumChat(id: number, title?: string): TgChat;
  /** opens a topic in a forum; returns its message_thread_id */
  createTopic(chat: TgChat, name: string): number;
  /** deletes a topic: sends to it then fail with "message thread not found" */
  deleteTopic(chat: TgChat, threadId: number): void;
  /** the bot added to a group through t.me/<bot>?startgroup=<payload>: the join, then "/start@bot <payload>" from the user */
  botAddedWithStart(opts: { chat: TgChat; by: TgUser; payload: string }): { updateId: number; messageId: number };

  user(id: number, firstName?: string): TgUser;
  privateChat(userId: number): TgChat;
  groupChat(id: number, title?: string): TgChat;

  /** queues any update (update_id is assigned); returns its id */
  inject(update: Record<string, unknown>): number;
  /** a user's text message; entities for a leading /command and @mentions are added like Telegram does */
  sendText(opts: { chat: TgChat; from: TgUser; text: string; replyTo?: SentMessage; edited?: boolean; threadId?: number }): { updateId: number; messageId: number };
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
  /** the next `times` calls of `method` are done (a message is delivered) but answered only after `ms` — a timeout for the bot */
  answerLate(method: string, ms: number, times?: number): void;
  /** 429s answered because of `limits` */
  readonly tooMany: number;
  addFile(fileId: string, bytes: Uint8Array, name?: string): void;
  /** resolves with the HTTP status the webhook answered for an injected update */
  waitForDelivery(updateId: number, timeoutMs?: number): Promise<number>;
  /** POSTs an update to the webhook now, with a chosen secret header (undefined: no header) */
  deliverWebhook(update: Record<string, unknown>, secret: string | undefined, url?: string): Promise<number>;
  close(): Promise<void>;
}

export interface FakeTelegramOptions {
  token?: string;
  /** enforce Telegram's flood limits on sends: more than perSecond overall, or more than perChatPerMinute
   *  to one group (negative id) → 429 with retry_after, counted in tg.tooMany */
  limits?: { perSecond: number; perChatPerMinute: number };
}

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const token = options.token ?? FAKE_TOKEN;
  const events = new EventEmitter();
  events.setMaxListeners(100);
  const calls: ApiCall[] = [];
  const sent: SentMessage[] = [];
  const queue: Record<string, any>[] = [];
  const failures = new Map<string, { failure: ApiFailure; times: number }>();
  const late = new Map<string, { ms: number; times: number }>();
  let tooMany = 0;
  const sendTimes: number[] = [];
  const chatTimes = new Map<string, number[]>();
  /** Telegram's flood control: a sliding second overall, a sliding minute per group */
  function overLimit(method: string, p: Record<string, any>): number | null {
    const lim = options.limits;
    if (!lim || !/^(send(?!ChatAction)|copyMessage|forwardMessage|editMessage)/.test(method) || p.chat_id === undefined) return null;
    const t = Date.now();
    while (sendTimes.length && sendTimes[0] <= t - 1000) sendTimes.shift();
    const key = String(p.chat_id);
    const chat = (chatTimes.get(key) ?? []).filter((x) => x > t - 60_000);
    chatTimes.set(key, chat);
    if (sendTimes.length >= lim.perSecond) return 1;
    if (Number(p.chat_id) < 0 && chat.length >= lim.perChatPerMinute) return Math.ceil((chat[0] + 60_000 - t) / 1000);
    sendTimes.push(t);
    chat.push(t);
    return null;
  }
  const files = new Map<string, { bytes: Uint8Array; path: string }>();
  const callbackAnswers = new Map<string, { text?: string; show_alert?: boolean }>();
  const chats = new Map<number, TgChat>();
  const nextMessageId = new Map<number, number>();
  const webhookDeliveries: { updateId: number; status: number }[] = [];
  let commands: { command: string; description: string }[] = [];
  const scopedCommands = new Map<string, { command: string; description: string }[]>();
  const descriptions = new Map<string, string>();
  const reactions: { chatId: string; messageId: number; emoji: string[] }[] = [];
  /** BotCommandScope + language_code → one key (Bot API: commands are kept per scope and language) */
  const scopeKey = (scope: unknown, lang: unknown) => {
    const sc = (typeof scope === "string" ? JSON.parse(scope) : scope) as { type?: string; chat_id?: unknown; user_id?: unknown } | undefined;
    return [sc?.type ?? "default", sc?.chat_id ?? "", sc?.user_id ?? "", lang ?? ""].join("|");
  };
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
    ...(m.threadId !== undefined ? { message_thread_id: m.threadId, is_topic_message: true } : {}),
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
  const checkText = (raw: unknown, parseMode?: string): { text: string; entities: SentEntity[] } => {
    if (typeof raw !== "string" || raw.trim() === "") throw new ApiError(bad("message text is empty"));
    let visible: { text: string; entities: SentEntity[] };
    try {
      visible = visibleText(raw, parseMode);
    } catch (e) {
      if (e instanceof HtmlError) throw new ApiError(bad(`can't parse entities: ${e.message}`));
      throw e;
    }
    if (visible.text.trim() === "") throw new ApiError(bad("message text is empty"));
    if (visible.text.length > 4096) throw new ApiError(bad("message is too long"));
    return visible;
  };
  /** forum topics: chat id → live thread ids (a thread id is the id of the topic's first message, as in Telegram) */
  const topics = new Map<number, Set<number>>();
  const threadOf = (p: Record<string, any>): number | undefined => {
    if (p.message_thread_id === undefined || p.message_thread_id === null) return undefined;
    const thread = Number(p.message_thread_id);
    const chat = chats.get(Number(p.chat_id));
    // Bot API: a thread id that is not a live topic of a forum is refused
    if (chat?.is_forum && !topics.get(chat.id)?.has(thread)) throw new ApiError(bad("message thread not found"));
    return thread;
  };

  const methods: Record<string, Handler> = {
    getMe: () => botInfo,
    getUpdates: () => {
      throw new Error("handled separately");
    },
    sendMessage: (p) => {
      const { text, entities } = checkText(p.text, p.parse_mode);
      const threadId = threadOf(p);
      const rp = typeof p.reply_parameters === "string" ? JSON.parse(p.reply_parameters) : p.reply_parameters;
      const m: SentMessage = {
        chatId: String(p.chat_id),
        messageId: newMessageId(Number(p.chat_id)),
        text,
        rawText: p.text,
        parseMode: p.parse_mode,
        entities,
        ...(threadId !== undefined ? { threadId } : {}),
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
      const { text, entities } = checkText(p.text, p.parse_mode);
      const buttons = markup(p);
      if (text === m.text && JSON.stringify(buttons) === JSON.stringify(m.buttons))
        throw new ApiError(bad("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"));
      Object.assign(m, { text, rawText: p.text, parseMode: p.parse_mode, entities, buttons, edits: m.edits + 1 });
      events.emit("sent", m);
      return asBotMessage(m);
    },
    answerCallbackQuery: (p) => {
      callbackAnswers.set(String(p.callback_query_id), { text: p.text, show_alert: p.show_alert });
      return true;
    },
    setMyCommands: (p) => {
      const list = typeof p.commands === "string" ? JSON.parse(p.commands) : p.commands;
      for (const c of list as { command: string; description: string }[]) {
        if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw new ApiError(bad("BOT_COMMAND_INVALID"));
        if (!c.description || c.description.length > 256) throw new ApiError(bad("BOT_COMMAND_DESCRIPTION_INVALID"));
      }
      const key = scopeKey(p.scope, p.language_code);
      scopedCommands.set(key, list);
      if (key === scopeKey(undefined, undefined)) commands = list;
      return true;
    },
    getMyCommands: (p) => scopedCommands.get(scopeKey(p.scope, p.language_code)) ?? [],
    deleteMyCommands: (p) => {
      scopedCommands.delete(scopeKey(p.scope, p.language_code));
      return true;
    },
    setMyDescription: (p) => {
      if (String(p.description ?? "").length > 512) throw new ApiError(bad("BOT_DESCRIPTION_INVALID"));
      descriptions.set(`long|${p.language_code ?? ""}`, String(p.description ?? ""));
      return true;
    },
    setMyShortDescription: (p) => {
      if (String(p.short_description ?? "").length > 120) throw new ApiError(bad("BOT_DESCRIPTION_INVALID"));
      descriptions.set(`short|${p.language_code ?? ""}`, String(p.short_description ?? ""));
      return true;
    },
    setMessageReaction: (p) => {
      const r = typeof p.reaction === "string" ? JSON.parse(p.reaction) : (p.reaction ?? []);
      reactions.push({ chatId: String(p.chat_id), messageId: Number(p.message_id), emoji: r.map((x: { emoji?: string }) => x.emoji ?? "") });
      return true;
    },
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
      const doc = p.document as { name: string; size: number; bytes?: Buffer } | string;
      const threadId = threadOf(p);
      const m: SentMessage = {
        chatId: String(p.chat_id),
        messageId: newMessageId(Number(p.chat_id)),
        text: p.caption ? parseTelegramHtml(String(p.caption)).text : "",
        rawText: p.caption ?? "",
        parseMode: p.parse_mode,
        entities: [],
        ...(threadId !== undefined ? { threadId } : {}),
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
          payload[part.name] = { name: part.filename, size: part.data.length, bytes: Buffer.from(part.data) };
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
    const wait = overLimit(method, payload);
    if (wait !== null) {
      tooMany++;
      return reply(res, 429, failureBody({ error_code: 429, description: `Too Many Requests: retry after ${wait}`, parameters: { retry_after: wait } }));
    }
    const slow = late.get(method);
    if (slow && --slow.times <= 0) late.delete(method);
    if (method === "getUpdates") return getUpdates(payload, req, res);
    const handler = methods[method];
    if (!handler) return reply(res, 404, failureBody({ error_code: 404, description: "Not Found: method not found" }));
    try {
      const result = handler(payload);
      if (slow) await new Promise((r) => setTimeout(r, slow.ms));
      reply(res, 200, { ok: true, result });
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
    sendText({ chat, from, text, replyTo, edited, threadId }) {
      const entities = entitiesFor(text);
      const thread = threadId ?? replyTo?.threadId;
      const message = userMessage(chat, from, { text, ...(entities.length ? { entities } : {}), ...(thread !== undefined ? { message_thread_id: thread, is_topic_message: true } : {}) }, replyTo);
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
    commandsFor: (scope, lang) => scopedCommands.get(scopeKey(scope, lang)) ?? [],
    description: (kind, lang) => descriptions.get(`${kind}|${lang ?? ""}`),
    reactions,
    forumChat: (id, title = `Diễn đàn ${id}`) => {
      const chat: TgChat = { id: id < 0 ? id : -id, type: "supergroup", title, is_forum: true };
      chats.set(chat.id, chat);
      return chat;
    },
    createTopic(chat, _name) {
      chats.set(chat.id, chat);
      const thread = newMessageId(chat.id);
      topics.set(chat.id, (topics.get(chat.id) ?? new Set()).add(thread));
      return thread;
    },
    deleteTopic(chat, threadId) {
      topics.get(chat.id)?.delete(threadId);
    },
    botAddedWithStart({ chat, by, payload }) {
      chats.set(chat.id, chat);
      inject({
        my_chat_member: { chat, from: by, date: now(), old_chat_member: { status: "left", user: BOT_USER }, new_chat_member: { status: "member", user: BOT_USER } },
      });
      const text = `/start@${BOT_USER.username} ${payload}`;
      const message = userMessage(chat, by, { text, entities: entitiesFor(text) });
      return { updateId: inject({ message }), messageId: message.message_id };
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
    answerLate(method, ms, times = 1) {
      late.set(method, { ms, times });
    },
    get tooMany() {
      return tooMany;
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
