// End to end: the real bot process in webhook mode; the fake Bot API delivers updates to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { join } from "node:path";
import { rmSync } from "node:fs";
import { startFakeTelegram, type FakeTelegram } from "../../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../../helpers/bot-process.ts";

const SECRET = "e2e-webhook-secret_123";
let tg: FakeTelegram;
let bot: BotProcess;
let base: string;
let dir: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  tg = await startFakeTelegram();
  dir = tempDir();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bot = startBotProcess({
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    BOT_MODE: "webhook",
    WEBHOOK_URL: base,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    ADMIN_IDS: "111",
    DB_FILE: join(dir, "db.json"),
    KNOWLEDGE_FILE: join(dir, "knowledge.json"),
  });
  await tg.waitForCall("setWebhook", () => true, 30_000).catch((e) => {
    throw new Error(`${e.message}\n${bot.stderr()}`);
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await tg?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const helpUpdate = { message: { message_id: 1, date: 1709254800, chat: { id: 222, type: "private" }, from: { id: 222, is_bot: false, first_name: "B" }, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] } };

describe("webhook bot process", () => {
  it("registers <WEBHOOK_URL>/telegram/webhook with the secret and never polls", () => {
    expect(tg.webhook).toEqual({ url: `${base}/telegram/webhook`, secret: SECRET });
    expect(tg.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("a wrong or missing secret gets 401 and nothing is answered", async () => {
    expect(await tg.deliverWebhook(helpUpdate, "not-the-secret")).toBe(401);
    expect(await tg.deliverWebhook(helpUpdate, undefined)).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(tg.messages()).toEqual([]);
  });

  it("the right secret gets the answer", async () => {
    const { updateId } = tg.sendText({ chat: tg.privateChat(222), from: tg.user(222), text: "Báo cáo quý I gửi trước ngày nào?" });
    const answer = await tg.waitForMessage((m) => m.chatId === "222", 15_000);
    expect(answer.text.length).toBeGreaterThan(10);
    expect(await tg.waitForDelivery(updateId)).toBe(200);
  });

  it("answers the health check", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, status: "ok", knowledge: { version: 1 } });
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await bot.stop()).toBe(0);
  });
});
