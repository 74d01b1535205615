// The environment, validated once at start (DESIGN.md › Environment). Pure: main passes process.env.
import { z } from "zod";

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}

/** unset and empty ("TOKEN=" in .env) both mean "not given" */
const optional = (schema: z.ZodType<string>) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
const text = (def: string) => z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : def), z.string());

const url = (what: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  }, `phải là một địa chỉ http(s) đầy đủ (${what})`);

const validTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const Env = z
  .object({
    TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]{10,}$/, "không đúng dạng token của BotFather (số:chuỗi ký tự)")),
    TELEGRAM_API_ROOT: text("https://api.telegram.org").pipe(url("ví dụ https://api.telegram.org")),
    BOT_MODE: text("polling").pipe(z.enum(["polling", "webhook"], "phải là polling hoặc webhook")),
    WEBHOOK_URL: optional(url("địa chỉ công khai của máy chủ, ví dụ https://bot.example.gov.vn")),
    // Bot API: secret_token is 1–256 characters A-Z, a-z, 0-9, _ and -
    WEBHOOK_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "chỉ gồm chữ, số, _ và -, tối đa 256 ký tự")),
    PORT: text("8080").pipe(z.string().regex(/^\d+$/, "phải là một số cổng").transform(Number).pipe(z.number().min(1, "phải từ 1 đến 65535").max(65535, "phải từ 1 đến 65535"))),
    ZALO_BOT_TOKEN: optional(z.string().min(10, "quá ngắn để là token Zalo Bot")),
    ZALO_API_ROOT: text("https://bot-api.zaloplatforms.com").pipe(url("ví dụ https://bot-api.zaloplatforms.com")),
    // Zalo: secret_token is 8–256 characters
    ZALO_WEBHOOK_SECRET: optional(z.string().min(8, "phải dài từ 8 đến 256 ký tự").max(256, "phải dài từ 8 đến 256 ký tự")),
    // the bot's display name as members pick it from the @ list (getMe does not return it)
    ZALO_BOT_NAME: optional(z.string().trim().min(1).max(80, "tối đa 80 ký tự")),
    ADMIN_IDS: text("").pipe(
      z
        .string()
        .transform((v) => v.split(/[,;\s]+/).filter(Boolean))
        .pipe(z.array(z.string().regex(/^((telegram|zalo|console):)?[\w.-]+$/, "mỗi mục là một id, ví dụ 123456789 hoặc zalo:abc (cách nhau bằng dấu phẩy)"))),
    ),
    DB_FILE: text("data/db.json"),
    // postgres://user:pass@host:5432/db — state in PostgreSQL (several replicas, one leader); unset: DB_FILE
    DATABASE_URL: optional(z.string().trim().regex(/^postgres(ql)?:\/\//, "phải là một địa chỉ postgres://người-dùng:mật-khẩu@máy:5432/tên-csdl")),
    // sent/cancelled reminders older than this many days move to the archive beside the state
    ARCHIVE_DAYS: text("90").pipe(z.string().regex(/^\d+$/, "phải là một số ngày").transform(Number).pipe(z.number().min(30, "phải từ 30 ngày trở lên (nhắc quá hạn còn cần các bản ghi gần đây)"))),
    PLANS_DIR: text("data/plans"),
    KNOWLEDGE_FILE: text("data/knowledge.json"),
    TZ: text("Asia/Ho_Chi_Minh").pipe(z.string().refine(validTimeZone, "không phải múi giờ hợp lệ (ví dụ Asia/Ho_Chi_Minh)")),
    STARTUP_TIMEOUT: text("30").pipe(z.string().regex(/^\d+$/, "phải là số giây, ví dụ 30").transform(Number).pipe(z.number().min(1, "phải từ 1 đến 600 giây").max(600, "phải từ 1 đến 600 giây"))),
    BOT_CLOCK: optional(
      z
        .string()
        .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), "phải là thời điểm ISO, ví dụ 2024-09-10T08:00:00+07:00")
        // Date.parse rolls 2024-02-30 over to 1 March; a day the calendar does not have is refused
        .superRefine((v, ctx) => {
          const [y, m, d] = v.slice(0, 10).split("-").map(Number);
          const day = new Date(Date.UTC(y, m - 1, d));
          if (day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d) {
            ctx.addIssue({ code: "custom", message: `ngày ${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y} không có trong lịch` });
          }
        }),
    ),
    // the console chat as a private chat (default) or as the group of a unit (the demo: /dangky, reminders)
    CONSOLE_CHAT: text("private").pipe(z.enum(["private", "group"], "phải là private hoặc group")),
    // group console: the unit it is registered to at start (as if an admin typed /dangky <CONSOLE_UNIT>)
    CONSOLE_UNIT: optional(z.string()),
    LOG_LEVEL: text("").pipe(z.enum(["", "debug", "info", "warn", "error"], "phải là debug, info, warn hoặc error")),
    LOG_FORMAT: text("text").pipe(z.enum(["text", "json"], "phải là text hoặc json")),
    // /healthz fails (503) when no poll succeeded for this long (the poller is stuck)
    HEALTH_STUCK_SECONDS: text("180").pipe(z.string().regex(/^\d+$/, "phải là một số giây").transform(Number).pipe(z.number().min(1, "phải từ 1 giây trở lên (nên trên 60: một lần hỏi cập nhật chờ tới 30 giây)"))),
  })
  .superRefine((env, ctx) => {
    if (env.BOT_MODE !== "webhook") return;
    const missing = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    if (!env.TELEGRAM_BOT_TOKEN && !env.ZALO_BOT_TOKEN) missing("BOT_MODE", "webhook cần TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN");
    if (!env.WEBHOOK_URL) missing("WEBHOOK_URL", "bắt buộc khi BOT_MODE=webhook");
    if (env.TELEGRAM_BOT_TOKEN && !env.WEBHOOK_SECRET) missing("WEBHOOK_SECRET", "bắt buộc khi BOT_MODE=webhook và có TELEGRAM_BOT_TOKEN");
    if (env.ZALO_BOT_TOKEN && !env.ZALO_WEBHOOK_SECRET) missing("ZALO_WEBHOOK_SECRET", "bắt buộc khi BOT_MODE=webhook và có ZALO_BOT_TOKEN");
  });

export interface Config {
  telegramToken: string | null;
  telegramApiRoot: string;
  botMode: "polling" | "webhook";
  /** the server's public base URL; channels append their route (/telegram/webhook, /zalo/webhook) */
  webhookUrl: string | null;
  webhookSecret: string | null;
  port: number;
  /** PORT was set: the HTTP server (/healthz) runs even without a webhook */
  portGiven: boolean;
  zaloToken: string | null;
  zaloApiRoot: string;
  zaloWebhookSecret: string | null;
  /** ZALO_BOT_NAME: the name a group mention "@<name>" carries */
  zaloBotName: string | null;
  /** "123", "telegram:123", "zalo:abc" */
  adminIds: string[];
  dbFile: string;
  /** DATABASE_URL: PostgreSQL instead of the JSON file */
  databaseUrl: string | null;
  archiveDays: number;
  plansDir: string;
  knowledgeFile: string;
  tz: string;
  /** the instant the bot's clock starts from (demos, tests); null: the real clock */
  botClock: Date | null;
  /** seconds start-up may take to reach the channels' APIs (STARTUP_TIMEOUT) */
  startupTimeoutS: number;
  consoleChat: "private" | "group";
  consoleUnit: string | null;
  /** null: info with a channel, warn in the console */
  logLevel: "debug" | "info" | "warn" | "error" | null;
  logFormat: "text" | "json";
  healthStuckSeconds: number;
}

/** Validates the environment; throws ConfigError naming the first bad variable, in Vietnamese. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "môi trường");
    const value = env[variable];
    const shown = value && !/TOKEN|SECRET/.test(variable) ? ` (đang là "${value}")` : "";
    throw new ConfigError(variable, `Biến môi trường ${variable} không hợp lệ${shown}: ${issue?.message ?? "sai giá trị"}.`);
  }
  const e = parsed.data;
  return {
    telegramToken: e.TELEGRAM_BOT_TOKEN ?? null,
    telegramApiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
    botMode: e.BOT_MODE,
    webhookUrl: e.WEBHOOK_URL ? e.WEBHOOK_URL.replace(/\/+$/, "") : null,
    webhookSecret: e.WEBHOOK_SECRET ?? null,
    port: e.PORT,
    portGiven: typeof env.PORT === "string" && env.PORT.trim() !== "",
    zaloToken: e.ZALO_BOT_TOKEN ?? null,
    zaloApiRoot: e.ZALO_API_ROOT.replace(/\/+$/, ""),
    zaloWebhookSecret: e.ZALO_WEBHOOK_SECRET ?? null,
    zaloBotName: e.ZALO_BOT_NAME ?? null,
    adminIds: e.ADMIN_IDS,
    dbFile: e.DB_FILE,
    databaseUrl: e.DATABASE_URL ?? null,
    archiveDays: e.ARCHIVE_DAYS,
    plansDir: e.PLANS_DIR,
    knowledgeFile: e.KNOWLEDGE_FILE,
    tz: e.TZ,
    botClock: e.BOT_CLOCK ? new Date(e.BOT_CLOCK) : null,
    startupTimeoutS: e.STARTUP_TIMEOUT,
    consoleChat: e.CONSOLE_CHAT,
    consoleUnit: e.CONSOLE_UNIT?.trim() || null,
    logLevel: e.LOG_LEVEL || null,
    logFormat: e.LOG_FORMAT,
    healthStuckSeconds: e.HEALTH_STUCK_SECONDS,
  };
}

/** The full webhook address of a route: base "https://x.vn" + "/telegram/webhook" (a full address is kept). */
export function webhookAddress(base: string, route: string): string {
  return base.endsWith(route) ? base : `${base}${route}`;
}

/** A clock that starts at `start` (BOT_CLOCK) and runs forward with real time. */
export function clockFrom(start: Date | null, realNow: () => number = Date.now): () => Date {
  if (!start) return () => new Date(realNow());
  const offset = start.getTime() - realNow();
  return () => new Date(realNow() + offset);
}
