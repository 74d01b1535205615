// The webhook route and health check on the shared HTTP server (in process, against the fake Bot API).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import { createBot } from "../../bot/telegram/bot.ts";
import { TELEGRAM_WEBHOOK_PATH, registerWebhook, telegramWebhookRoute } from "../../bot/telegram/webhook.ts";
import { closeServer, createHttpServer, healthRoute, listen, secretsEqual } from "../../bot/http.ts";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.ts";
import { testCore } from "../helpers/bot-core.ts";

const SECRET = "s3cret_token-XYZ";
let tg: FakeTelegram;
let server: Server;
let base: string;

beforeEach(async () => {
  tg = await startFakeTelegram();
  const { core, deps } = testCore();
  const bot = createBot({ token: tg.token, core, log: deps.log, apiRoot: tg.apiRoot, botInfo: tg.botInfo, rateLimit: false });
  server = createHttpServer({ "/healthz": healthRoute(), [TELEGRAM_WEBHOOK_PATH]: telegramWebhookRoute(bot, SECRET, () => {}) }, () => {});
  base = `http://127.0.0.1:${await listen(server, 0, "127.0.0.1")}`;
  await registerWebhook(bot, base, SECRET);
});
afterEach(async () => {
  await closeServer(server);
  await tg.close();
});

const update = (text: string) => ({ message: { message_id: 1, date: 1, chat: { id: 222, type: "private" }, from: { id: 222, is_bot: false, first_name: "B" }, text } });

describe("webhook", () => {
  it("registers itself with the secret at <WEBHOOK_URL>/telegram/webhook", () => {
    expect(tg.webhook).toEqual({ url: `${base}/telegram/webhook`, secret: SECRET });
  });

  it("a wrong or missing secret gets 401 and nothing is processed", async () => {
    expect(await tg.deliverWebhook(update("/help"), "wrong")).toBe(401);
    expect(await tg.deliverWebhook(update("/help"), undefined)).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(tg.messages()).toEqual([]);
  });

  it("the right secret gets 200 and the answer", async () => {
    tg.sendText({ chat: tg.privateChat(222), from: tg.user(222), text: "/help" });
    const reply = await tg.waitForMessage((m) => m.chatId === "222");
    expect(reply.text).toMatch(/Các lệnh/);
    expect(tg.webhookDeliveries.at(-1)?.status ?? 200).toBe(200);
  });

  it("answers the health check and 404 elsewhere", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}${TELEGRAM_WEBHOOK_PATH}`)).status).toBe(405);
  });
});

describe("secretsEqual (the one secret compare of every webhook route)", () => {
  it("matches only the same secret: not a prefix, another length, an empty one or other bytes", () => {
    expect(secretsEqual(SECRET, SECRET)).toBe(true);
    expect(secretsEqual(SECRET.slice(0, -1), SECRET)).toBe(false);
    expect(secretsEqual(`${SECRET}x`, SECRET)).toBe(false);
    expect(secretsEqual("", "")).toBe(false);
    expect(secretsEqual(SECRET, "")).toBe(false);
    expect(secretsEqual(SECRET.replace("X", "x"), SECRET)).toBe(false);
    expect(secretsEqual("ệ", "ê")).toBe(false); // compared as bytes
  });
});
