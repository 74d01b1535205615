// SIGKILL in the middle of delivery loses nothing: the real bot is killed as soon as the first
// reminder of a start-up run reaches the (fake) Bot API; after a restart the state file is still
// readable and every planned reminder has been sent (a message may go out twice, never zero times).
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Knowledge } from "../../knowledge/schema.ts";
import { State } from "../../data/store.ts";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../helpers/bot-process.ts";

const CLOCK = "2024-09-09T09:00:00+07:00"; // a Monday when nine groups have reminders
let tg: FakeTelegram;
const procs: BotProcess[] = [];

afterAll(async () => {
  for (const p of procs) if (p.proc.exitCode === null) p.proc.kill("SIGKILL");
  await tg?.close();
});

describe("SIGKILL during delivery", () => {
  it("after a restart the state is readable and every planned reminder was sent", async () => {
    tg = await startFakeTelegram();
    const dir = tempDir("sigkill-");
    const env = { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, ADMIN_IDS: "111", DB_FILE: join(dir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json"), BOT_CLOCK: CLOCK };
    const start = () => {
      const p = startBotProcess(env);
      procs.push(p);
      return p;
    };

    // 1. a first start builds the knowledge file; then every internal unit gets a group
    const first = start();
    await first.waitForOutput(/reminders \(khởi động/, 60_000, "stderr");
    await first.stop();
    const k = Knowledge.parse(JSON.parse(readFileSync(env.KNOWLEDGE_FILE, "utf8")));
    const units = k.units.filter((u) => u.kind === "internal");
    const seeded = State.parse({
      bindings: units.map((u, i) => ({ channel: "telegram", chatId: String(-3000 - i), unitId: u.id, agencyId: u.agencyId, boundBy: "111", boundAt: "2024-11-01T00:00:00.000Z" })),
    });
    writeFileSync(env.DB_FILE, JSON.stringify(seeded)); // no jobRuns: the next start runs today's reminders

    // 2. killed the moment the first reminder is accepted
    const before = tg.messages().length;
    const second = start();
    await tg.waitForMessage((m) => tg.messages().indexOf(m) >= before && m.text.includes("🔔"), 60_000);
    second.proc.kill("SIGKILL");
    await second.exited;
    const atKill = tg.messages().length - before;

    // 3. restarted: the catch-up sends what was left
    const third = start();
    await third.waitForOutput(/reminders \(khởi động/, 60_000, "stderr");
    const state = State.parse(JSON.parse(readFileSync(env.DB_FILE, "utf8"))); // readable, valid
    await third.stop();

    const reminders = state.outbox.filter((r) => r.stage !== "digest" && r.stage !== "escalation");
    expect(new Set(reminders.map((r) => r.chatId)).size, "several groups had reminders").toBeGreaterThan(1);
    expect(state.outbox.filter((r) => r.status === "pending")).toEqual([]);
    const reached = new Set(tg.messages().slice(before).map((m) => String(m.chatId)));
    for (const r of reminders.filter((x) => x.status === "sent")) expect(reached.has(r.chatId), `${r.chatId} got its reminder`).toBe(true);
    expect(atKill, "the kill came before everything was sent").toBeLessThan(new Set(reminders.map((r) => r.chatId)).size);
  }, 180_000);
});
