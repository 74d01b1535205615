import { describe, expect, it } from "vitest";
import { ConfigError, clockFrom, parseConfig, webhookAddress } from "../../bot/config.ts";

const TOKEN = "7123456789:AAHfakeTokenForTests_123";

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("gives the documented defaults for an empty environment (console mode)", () => {
    expect(parseConfig({})).toEqual({
      telegramToken: null,
      telegramApiRoot: "https://api.telegram.org",
      botMode: "polling",
      webhookUrl: null,
      webhookSecret: null,
      port: 8080,
      portGiven: false,
      zaloToken: null,
      zaloApiRoot: "https://bot-api.zaloplatforms.com",
      zaloWebhookSecret: null,
      zaloBotName: null,
      adminIds: [],
      dbFile: "data/db.json",
      databaseUrl: null,
      archiveDays: 90,
      plansDir: "data/plans",
      knowledgeFile: "data/knowledge.json",
      tz: "Asia/Ho_Chi_Minh",
      botClock: null,
      startupTimeoutS: 30,
      consoleChat: "private",
      consoleUnit: null,
      logLevel: null,
      logFormat: "text",
      healthStuckSeconds: 180,
    });
  });

  it("treats empty values (TOKEN= in .env) as unset", () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: "", PORT: " ", BOT_MODE: "" })).toMatchObject({ telegramToken: null, port: 8080, botMode: "polling" });
  });

  it("reads every variable", () => {
    const c = parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: "http://127.0.0.1:9000/",
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.gov.vn/",
      WEBHOOK_SECRET: "abc_DEF-123",
      PORT: "8443",
      ZALO_BOT_TOKEN: "1234567890:zalo-secret",
      ZALO_WEBHOOK_SECRET: "zalo-secret-123",
      ADMIN_IDS: "111, 222;zalo:abc",
      DB_FILE: "/var/lib/bot/db.json",
      PLANS_DIR: "/srv/plans",
      KNOWLEDGE_FILE: "/srv/knowledge.json",
      TZ: "Asia/Bangkok",
      BOT_CLOCK: "2024-09-10T08:00:00+07:00",
    });
    expect(c).toMatchObject({
      telegramToken: TOKEN,
      telegramApiRoot: "http://127.0.0.1:9000",
      botMode: "webhook",
      webhookUrl: "https://bot.example.gov.vn",
      webhookSecret: "abc_DEF-123",
      port: 8443,
      zaloToken: "1234567890:zalo-secret",
      adminIds: ["111", "222", "zalo:abc"],
      dbFile: "/var/lib/bot/db.json",
      tz: "Asia/Bangkok",
    });
    expect(c.botClock?.toISOString()).toBe("2024-09-10T01:00:00.000Z");
  });

  it.each([
    [{ PORT: "abc" }, "PORT", /Biến môi trường PORT không hợp lệ \(đang là "abc"\): phải là một số cổng/],
    [{ PORT: "70000" }, "PORT", /phải từ 1 đến 65535/],
    [{ BOT_MODE: "push" }, "BOT_MODE", /phải là polling hoặc webhook/],
    [{ TELEGRAM_BOT_TOKEN: "hello" }, "TELEGRAM_BOT_TOKEN", /không đúng dạng token của BotFather/],
    [{ TELEGRAM_API_ROOT: "api.telegram.org" }, "TELEGRAM_API_ROOT", /địa chỉ http\(s\)/],
    [{ TZ: "Mars/Olympus" }, "TZ", /múi giờ/],
    [{ BOT_CLOCK: "mai" }, "BOT_CLOCK", /thời điểm ISO/],
    [{ BOT_CLOCK: "2024-02-30" }, "BOT_CLOCK", /ngày 30\/02\/2024 không có/],
    [{ BOT_CLOCK: "2023-02-29T08:00:00+07:00" }, "BOT_CLOCK", /ngày 29\/02\/2023 không có/],
    [{ STARTUP_TIMEOUT: "0" }, "STARTUP_TIMEOUT", /từ 1 đến 600/],
    [{ ADMIN_IDS: "111,@boss" }, "ADMIN_IDS", /mỗi mục là một id/],
    [{ WEBHOOK_SECRET: "có dấu cách" }, "WEBHOOK_SECRET", /chỉ gồm chữ, số/],
    [{ BOT_MODE: "webhook" }, "BOT_MODE", /cần TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_TOKEN/],
    [{ BOT_MODE: "webhook", TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_SECRET: "x" }, "WEBHOOK_URL", /bắt buộc khi BOT_MODE=webhook/],
    [{ BOT_MODE: "webhook", TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.vn" }, "WEBHOOK_SECRET", /bắt buộc/],
    [{ BOT_MODE: "webhook", ZALO_BOT_TOKEN: "1234567890:zalo", WEBHOOK_URL: "https://x.vn" }, "ZALO_WEBHOOK_SECRET", /bắt buộc/],
  ])("%o → names %s in Vietnamese", (env, variable, message) => {
    const e = errorOf(env as Record<string, string>);
    expect(e.variable).toBe(variable);
    expect(e.message).toMatch(message);
  });

  it("never prints a token or secret in the error", () => {
    expect(errorOf({ TELEGRAM_BOT_TOKEN: "secret-ish" }).message).not.toContain("secret-ish");
  });

  it("allows webhook mode for Zalo alone", () => {
    expect(parseConfig({ BOT_MODE: "webhook", ZALO_BOT_TOKEN: "1234567890:zalo", ZALO_WEBHOOK_SECRET: "12345678", WEBHOOK_URL: "https://x.vn" }).botMode).toBe("webhook");
  });
});

describe("helpers", () => {
  it("webhookAddress appends the route unless it is already there", () => {
    expect(webhookAddress("https://x.vn", "/telegram/webhook")).toBe("https://x.vn/telegram/webhook");
    expect(webhookAddress("https://x.vn/telegram/webhook", "/telegram/webhook")).toBe("https://x.vn/telegram/webhook");
  });
  it("clockFrom starts at BOT_CLOCK and runs forward", () => {
    let real = 1_000_000;
    const now = clockFrom(new Date("2024-09-10T01:00:00Z"), () => real);
    expect(now().toISOString()).toBe("2024-09-10T01:00:00.000Z");
    real += 90_000;
    expect(now().toISOString()).toBe("2024-09-10T01:01:30.000Z");
    expect(clockFrom(null, () => 5)().getTime()).toBe(5);
  });
});
