// End to end: GET /healthz in polling mode (PORT set, no webhook) reports readiness, and fails with 503
// once the poller is stuck (getUpdates keeps failing for longer than HEALTH_STUCK_SECONDS).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { startFakeTelegram, type FakeTelegram } from "../../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../../helpers/bot-process.ts";

const STUCK_SECONDS = 5;
let tg: FakeTelegram;
let bot: BotProcess;
let dir: string;
let base: string;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const healthz = async () => {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

async function until<T>(get: () => Promise<T>, ok: (x: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const x = await get();
    if (ok(x) || Date.now() > end) return x;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  tg = await startFakeTelegram();
  dir = tempDir();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bot = startBotProcess({
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    DB_FILE: join(dir, "db.json"),
    KNOWLEDGE_FILE: join(dir, "knowledge.json"),
    BOT_CLOCK: "2024-03-01T08:30:00+07:00",
    PORT: String(port),
    HEALTH_STUCK_SECONDS: String(STUCK_SECONDS),
  });
  await tg.waitForCall("getUpdates", undefined, 30_000);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await tg?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("/healthz in polling mode", () => {
  it("reports the last update, the last reminder run, the outbox and the knowledge", async () => {
    const before = tg.messages().length;
    tg.sendText({ chat: tg.privateChat(222), from: tg.user(222), text: "Báo cáo quý I gửi trước ngày nào?" });
    await tg.waitForMessage((m) => m.chatId === "222" && tg.messages().indexOf(m) >= before, 15_000);
    const { status, body } = await healthz();
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, status: "ok", stuckAfterSeconds: STUCK_SECONDS, pendingOutbox: 0, knowledge: { version: 1, plans: 5 } });
    expect(Date.parse(body.lastUpdateAt)).not.toBeNaN();
    expect(Date.parse(body.pollers.telegram.lastPollAt)).not.toBeNaN();
    // the start-up catch-up of the reminder job (3 s after start) shows as the last run
    const ran = await until(healthz, (h) => h.body.lastReminderRun !== null, 15_000);
    expect(ran.body.lastReminderRun).toMatch(/^2024-03-01T/);
  }, 40_000);

  it("answers 503 when getUpdates has not succeeded for HEALTH_STUCK_SECONDS", async () => {
    tg.failNext("getUpdates", { error_code: 502, description: "Bad Gateway" }, 10_000);
    tg.sendText({ chat: tg.privateChat(222), from: tg.user(222), text: "/help" }); // ends the long poll in flight
    const stuck = await until(healthz, (h) => h.status === 503, 30_000);
    expect(stuck.status).toBe(503);
    expect(stuck.body).toMatchObject({ ok: false, status: "stuck", pollers: { telegram: { stuck: true } } });
    expect(Date.now() - Date.parse(stuck.body.pollers.telegram.lastPollAt)).toBeGreaterThanOrEqual(STUCK_SECONDS * 1000);
  }, 40_000);
});
