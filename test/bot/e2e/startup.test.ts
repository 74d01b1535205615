// Start-up that gives up clearly: an API root that accepts connections and never answers (or
// does not exist) ends start-up after STARTUP_TIMEOUT with the variable and the address named.
import { afterAll, describe, expect, it } from "vitest";
import { createServer, type Socket } from "node:net";
import { join } from "node:path";
import { startBotProcess, tempDir } from "../../helpers/bot-process.ts";

describe("start-up deadline", () => {
  const sockets: Socket[] = [];
  const blackhole = createServer((s) => sockets.push(s)); // accepts, never answers
  afterAll(() => {
    sockets.forEach((s) => s.destroy());
    blackhole.close();
  });

  it("an unresponsive TELEGRAM_API_ROOT stops start-up with a sentence naming it, exit non-zero", async () => {
    await new Promise<void>((r) => blackhole.listen(0, "127.0.0.1", r));
    const port = (blackhole.address() as { port: number }).port;
    const dir = tempDir();
    const started = Date.now();
    const bot = startBotProcess({
      TELEGRAM_BOT_TOKEN: "123456:TEST-token-for-startup",
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
      STARTUP_TIMEOUT: "2",
      DB_FILE: join(dir, "db.json"),
      KNOWLEDGE_FILE: join(dir, "knowledge.json"),
    });
    const code = await bot.exited;
    expect(code).not.toBe(0);
    expect(bot.stderr()).toContain(`Không kết nối được Telegram tại http://127.0.0.1:${port} (TELEGRAM_API_ROOT) sau 2 giây`);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it("a TELEGRAM_API_ROOT that refuses connections (nothing listens): the same, not retried for ever", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r())); // the port is free again: ECONNREFUSED
    const dir = tempDir();
    const started = Date.now();
    const bot = startBotProcess({
      TELEGRAM_BOT_TOKEN: "123456:TEST-token-for-startup",
      TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
      STARTUP_TIMEOUT: "2",
      DB_FILE: join(dir, "db.json"),
      KNOWLEDGE_FILE: join(dir, "knowledge.json"),
    });
    expect(await bot.exited).not.toBe(0);
    expect(bot.stderr()).toMatch(new RegExp(`Không kết nối được Telegram tại http://127\\.0\\.0\\.1:${port} \\(TELEGRAM_API_ROOT\\)`));
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 30_000);

  it("an unresponsive ZALO_API_ROOT: the same, naming ZALO_API_ROOT", async () => {
    const port = (blackhole.address() as { port: number }).port;
    const dir = tempDir();
    const bot = startBotProcess({ ZALO_BOT_TOKEN: "123456789:abcdefghij", ZALO_API_ROOT: `http://127.0.0.1:${port}`, STARTUP_TIMEOUT: "2", DB_FILE: join(dir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json") });
    expect(await bot.exited).not.toBe(0);
    expect(bot.stderr()).toContain(`Không kết nối được Zalo tại http://127.0.0.1:${port} (ZALO_API_ROOT) sau 2 giây`);
  }, 30_000);
});
