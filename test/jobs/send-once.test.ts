// A reminder is never sent twice by a retry: a timeout is not resent in the call or the run, only once
// on the next run; a Telegram 429 waits retry_after; a Zalo 429 stops Zalo for the run and says so.
import { afterEach, describe, expect, it } from "vitest";
import { memoryStore } from "../../data/store.ts";
import { runReminderJob, type JobDeps } from "../../jobs/run.ts";
import { createLimiter } from "../../jobs/throttle.ts";
import { createBulkApi } from "../../bot/telegram/bot.ts";
import { createTelegramSender } from "../../bot/telegram/render.ts";
import { createZaloClient } from "../../bot/zalo/client.ts";
import { createZaloSender } from "../../bot/zalo/sender.ts";
import { startFakeTelegram, type FakeTelegram } from "../helpers/fake-telegram.ts";
import { startFakeZalo, type FakeZalo } from "../helpers/fake-zalo.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../helpers/reminders-knowledge.ts";
import { noWaitLimiter, quietLog, recordingSender } from "../helpers/reminders-env.ts";

const k = remindersKnowledge();
const now = () => new Date("2024-08-21T01:00:00Z"); // d-7 of 30/8 for both units
const run = (d: JobDeps) => runReminderJob(d, { reason: "t", digest: false, catchUp: false });
const deps = (over: Partial<JobDeps> & Pick<JobDeps, "store" | "senders">): JobDeps => ({ knowledge: () => k, limiter: noWaitLimiter, log: quietLog, now, sleep: async () => undefined, ...over });

let tg: FakeTelegram | null = null;
let zl: FakeZalo | null = null;
afterEach(async () => {
  await tg?.close();
  await zl?.close();
  tg = zl = null;
});

describe("no resend after a timeout", () => {
  it("Telegram: a reminder answered too late reaches the group once in the run, is marked uncertain, and is sent once more next run", async () => {
    tg = await startFakeTelegram();
    const api = createBulkApi({ token: tg.token, apiRoot: tg.apiRoot, timeoutSeconds: 1 });
    const store = memoryStore({ bindings: [bind(QT_VP, "-100")] });
    const d = deps({ store, senders: { telegram: createTelegramSender(api) } });
    tg.answerLate("sendMessage", 1500);
    const first = await run(d);
    expect(first.delivery.uncertain).toBe(1);
    expect(tg.messages("-100")).toHaveLength(1); // delivered, although the bot got no answer
    const rec = store.state.outbox[0];
    expect(rec.status).toBe("pending");
    expect(rec.uncertainAt).toBe(now().toISOString());
    await new Promise((r) => setTimeout(r, 600)); // the late answer arrives; nobody resent meanwhile
    expect(tg.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    const second = await run(d);
    expect(second.delivery.messages).toBe(1);
    expect(tg.messages("-100")).toHaveLength(2); // at most one duplicate per timeout
    expect(store.state.outbox[0].status).toBe("sent");
    expect(store.state.outbox[0].uncertainAt).toBeNull();
  });

  it("Zalo: a send that times out is not retried inside the call; the unit gets it once more on the next run", async () => {
    zl = await startFakeZalo();
    let hang = true;
    const slowOnce: typeof fetch = async (input, init) => {
      const res = await fetch(input, init); // Zalo did deliver it…
      if (hang) {
        hang = false;
        await new Promise((_, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason))); // …but the answer never came
      }
      return res;
    };
    const client = createZaloClient({ token: zl.token, apiRoot: zl.apiRoot, fetch: slowOnce, timeoutMs: 1500, backoffMs: 1 });
    const store = memoryStore({ bindings: [bind(QT_VP, "g1", "zalo")] });
    const d = deps({ store, senders: { zalo: createZaloSender(client) } });
    const first = await run(d);
    expect(first.delivery.uncertain).toBe(1);
    expect(zl.sentTo("g1")).toHaveLength(1);
    await run(d);
    expect(zl.sentTo("g1")).toHaveLength(2);
    expect(store.state.outbox[0].status).toBe("sent");
  });

  it("a definite error (an error answer) stays pending, not uncertain, and goes out on the next run", async () => {
    tg = await startFakeTelegram();
    const api = createBulkApi({ token: tg.token, apiRoot: tg.apiRoot, retry: false });
    const store = memoryStore({ bindings: [bind(QT_VP, "-100")] });
    tg.failNext("sendMessage", { error_code: 400, description: "Bad Request: something" });
    const d = deps({ store, senders: { telegram: createTelegramSender(api) } });
    expect((await run(d)).delivery).toMatchObject({ failed: 1, uncertain: 0 });
    expect(store.state.outbox[0].uncertainAt).toBeNull();
    await run(d);
    expect(tg.messages("-100")).toHaveLength(1);
  });
});

describe("429", () => {
  it("Zalo 429 means the quota is spent: no more Zalo sends this run, the coordinator is told, Telegram goes on", async () => {
    const quota = Object.assign(new Error("Zalo sendMessage failed: 429 quota"), { name: "ZaloApiError", errorCode: 429 });
    const zalo = recordingSender(() => quota);
    const telegram = recordingSender();
    const store = memoryStore({ bindings: [bind(QT_VP, "z1", "zalo"), bind(QT_TT, "z2", "zalo"), bind(QT_TT, "t1")] });
    const told: string[] = [];
    const r = await run(deps({ store, senders: { zalo: zalo.sender, telegram: telegram.sender }, onQuotaExhausted: (c) => void told.push(c) }));
    expect(zalo.attempts).toBe(1); // the second Zalo group is not tried
    expect(told).toEqual(["zalo"]);
    expect(r.delivery.quotaExhausted).toEqual(["zalo"]);
    expect(telegram.sent.map((s) => s.chatId)).toEqual(["t1"]);
    expect(store.state.outbox.filter((o) => o.channel === "zalo").every((o) => o.status === "pending")).toBe(true);
  });

  it("Telegram 429 waits retry_after and the message goes out in the same run", async () => {
    tg = await startFakeTelegram();
    const api = createBulkApi({ token: tg.token, apiRoot: tg.apiRoot, retry: false });
    tg.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } });
    const waits: number[] = [];
    const store = memoryStore({ bindings: [bind(QT_VP, "-100")] });
    await run(deps({ store, senders: { telegram: createTelegramSender(api) }, sleep: async (ms) => void waits.push(ms) }));
    expect(waits).toEqual([2000]);
    expect(tg.messages("-100")).toHaveLength(1);
  });
});

describe("one limiter for every outgoing message", () => {
  it("an answer waiting behind a morning's reminders goes first", async () => {
    let t = 0;
    const order: string[] = [];
    const limiter = createLimiter({ perChatPerMinute: 20, perSecond: 2, now: () => t, sleep: async (ms) => void (t += ms) });
    const bulk = Array.from({ length: 6 }, (_, i) => limiter.take(`g${i}`, "bulk").then(() => order.push(`g${i}`)));
    const reply = limiter.take("telegram:42", "reply").then(() => order.push("answer"));
    await Promise.all([...bulk, reply]);
    expect(order.indexOf("answer")).toBeLessThanOrEqual(2);
  });

  it("a full group does not hold up the other groups", async () => {
    let t = 0;
    // time moves only when a sleep really ends (a new caller may wake the limiter first)
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(() => ((t += ms), r()), 5));
    const limiter = createLimiter({ perChatPerMinute: 2, perSecond: 100, now: () => t, sleep });
    await limiter.take("busy");
    await limiter.take("busy");
    const third = limiter.take("busy").then(() => t);
    const other = await limiter.take("other").then(() => t);
    expect(other).toBe(0);
    expect(await third).toBeGreaterThanOrEqual(60_000);
  });
});
