// Two bot processes in webhook mode on one PostgreSQL: both answer the updates sent to them; only the
// leader sends the morning's reminders; kill it mid-run and the other finishes — nothing missed, at
// most one duplicate (the message in flight when it died).
import { afterAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { join } from "node:path";
import { openPgStore } from "../../data/pg-store.ts";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../helpers/bot-process.ts";
import { freshDatabase } from "../helpers/pg-database.ts";

const SECRET = "replicas-webhook-secret_1";
const CLOCK = "2024-11-13T09:00:00+07:00"; // a working day after 08:00: the start-up run is due
const VP = "quang-tri/so-ldtbxh/van-phong-so"; // has a reminder that morning (test/jobs/reminders-e2e.test.ts)
const GROUPS = 40;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

let tg: FakeTelegram;
const bots: BotProcess[] = [];
afterAll(async () => {
  for (const b of bots) await b.stop();
  await tg?.close();
});

async function startReplica(url: string, dir: string): Promise<{ bot: BotProcess; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const bot = startBotProcess({
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    BOT_MODE: "webhook",
    WEBHOOK_URL: base,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    ADMIN_IDS: "111",
    DATABASE_URL: url,
    KNOWLEDGE_FILE: join(dir, "knowledge.json"),
    BOT_CLOCK: CLOCK,
  });
  bots.push(bot);
  await bot.waitForOutput(/http: listening/, 60_000, "stderr");
  return { bot, base };
}

const help = (userId: number) => ({ message: { message_id: userId, date: 1731463200, chat: { id: userId, type: "private" }, from: { id: userId, is_bot: false, first_name: "B" }, text: "/help", entities: [{ type: "bot_command", offset: 0, length: 5 }] } });

describe("two replicas on one PostgreSQL", () => {
  it("only the leader sends; killed mid-run, the other finishes: every group once, at most one duplicate", async () => {
    tg = await startFakeTelegram({ limits: { perSecond: 30, perChatPerMinute: 20 } });
    const url = await freshDatabase("replicas");
    const seed = await openPgStore(url);
    await seed.update((s) => {
      for (let i = 1; i <= GROUPS; i++) s.bindings.push({ channel: "telegram", chatId: String(-2000 - i), chatTitle: `Nhóm ${i}`, unitId: VP, agencyId: "quang-tri/so-ldtbxh", boundBy: "111", boundAt: "2024-11-01T00:00:00.000Z" });
    });
    await seed.close?.();
    const dir = tempDir("replicas-");
    const groups = Array.from({ length: GROUPS }, (_, i) => String(-2001 - i));
    const reminders = () => tg.messages().filter((m) => groups.includes(m.chatId));

    tg.answerLate("sendMessage", 150, 10_000); // each send takes a while: the run lasts long enough to be cut
    const a = await startReplica(url, dir);
    const b = await startReplica(url, dir);
    // updates to either replica are answered
    expect(await tg.deliverWebhook(help(501), SECRET, `${a.base}/telegram/webhook`)).toBe(200);
    expect(await tg.deliverWebhook(help(502), SECRET, `${b.base}/telegram/webhook`)).toBe(200);
    await tg.waitForMessage((m) => m.chatId === "501", 20_000);
    await tg.waitForMessage((m) => m.chatId === "502", 20_000);

    // the leader's start-up run begins; kill it after a few reminders
    await tg.waitForMessage(() => reminders().length >= 3, 60_000);
    const leader = /now the leader/.test(a.bot.stderr()) ? a : b;
    const other = leader === a ? b : a;
    expect(/now the leader/.test(other.bot.stderr())).toBe(false);
    leader.bot.proc.kill("SIGKILL");
    await leader.bot.exited;
    const atKill = reminders().length;
    expect(atKill).toBeLessThan(GROUPS); // killed mid-run

    await other.bot.waitForOutput(/now the leader/, 30_000, "stderr");
    const t0 = Date.now();
    while (new Set(reminders().map((m) => m.chatId)).size < GROUPS && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 200));
    const got = reminders();
    expect(new Set(got.map((m) => m.chatId)).size).toBe(GROUPS); // nothing missed
    expect(got.length - GROUPS).toBeLessThanOrEqual(1); // at most the one in flight
    expect(tg.tooMany).toBe(0);
  }, 150_000);
});
