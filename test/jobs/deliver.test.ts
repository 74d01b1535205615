import { describe, expect, it } from "vitest";
import { memoryStore } from "../../data/store.ts";
import { runReminderJob, type JobDeps } from "../../jobs/run.ts";
import { createLimiter } from "../../jobs/throttle.ts";
import { retryAfterSeconds } from "../../jobs/deliver.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../helpers/reminders-knowledge.ts";
import { fakeClock, noWaitLimiter, quietLog, recordingSender } from "../helpers/reminders-env.ts";

const k = remindersKnowledge();

function deps(over: Partial<JobDeps> & Pick<JobDeps, "store" | "senders" | "now">): JobDeps {
  return { knowledge: () => k, limiter: noWaitLimiter, log: quietLog, sleep: async () => undefined, ...over };
}

describe("deliver", () => {
  it("puts several items for one group into one message, with a button pair per item and a text fallback", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp")] });
    const tg = recordingSender();
    const clock = fakeClock("2024-01-02T01:00:00Z"); // 08:00 on 2/1: Tháng 1 and Quý I windows open, 15/1 not yet
    await runReminderJob(deps({ store, senders: { telegram: tg.sender }, now: clock.now }), { reason: "test", digest: false, catchUp: false });
    expect(tg.sent).toHaveLength(1);
    const m = tg.sent[0].message;
    expect(m.text).toMatch(/🔔 Nhắc hạn — Văn phòng: \d+ việc/);
    expect(m.text).toContain("Ban hành kế hoạch công tác pháp chế");
    expect(m.text).toContain("Ban hành Kế hoạch kiểm soát TTHC");
    const codes = store.state.outbox.map((r) => r.code);
    expect(m.buttons!.map((row) => row[0].data)).toEqual(codes.map((c) => `ok:${c}`));
    expect(m.buttons!.map((row) => row[1].data)).toEqual(codes.map((c) => `snz:${c}`));
    expect(m.textFallback).toContain("Trả lời: đã nộp <mã>");
    expect(store.state.outbox.every((r) => r.status === "sent" && r.messageId === tg.sent[0].messageId)).toBe(true);
    expect(store.state.sentMessages).toEqual([{ channel: "telegram", chatId: "vp", messageId: tg.sent[0].messageId, codes, at: "2024-01-02T01:00:00.000Z" }]);
    expect(store.state.jobRuns.remind).toBe("2024-01-02T01:00:00.000Z");
  });

  it("a single item gets plain ✅ Đã nộp / ⏰ Nhắc lại sau buttons and 'Trả lời: đã nộp <mã>'", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp")] });
    const tg = recordingSender();
    await runReminderJob(deps({ store, senders: { telegram: tg.sender }, now: () => new Date("2024-11-13T01:00:00Z") }), { reason: "t", digest: false, catchUp: false });
    const m = tg.sent[0].message;
    const code = store.state.outbox[0].code;
    expect(m.buttons).toEqual([[{ text: "✅ Đã nộp", data: `ok:${code}` }, { text: "⏰ Nhắc lại sau", data: `snz:${code}` }]]);
    expect(m.textFallback).toBe(`Trả lời: đã nộp ${code}`);
    expect(m.text).toContain("🔔 Nhắc hạn — Văn phòng");
    expect(m.text).toContain("còn 5 ngày");
  });

  it("writes the pending record before sending, and marks it sent only after the channel accepted", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp")] });
    const seenDuringSend: string[] = [];
    const sender = async () => {
      seenDuringSend.push(...store.state.outbox.map((r) => r.status));
      return { messageId: "9" };
    };
    await runReminderJob(deps({ store, senders: { telegram: sender }, now: () => new Date("2024-11-13T01:00:00Z") }), { reason: "t", digest: false, catchUp: false });
    expect(seenDuringSend).toEqual(["pending"]);
    expect(store.state.outbox[0].status).toBe("sent");
  });

  it("a failed send stays pending and goes out on the next run; nothing is planned twice", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp"), bind(QT_TT, "tt")] });
    const tg = recordingSender((chatId, attempt) => (chatId === "vp" && attempt <= 2 ? new Error("Bad Gateway") : null));
    const now = () => new Date("2024-08-21T01:00:00Z"); // d-7 of 30/8 for both units
    const d = deps({ store, senders: { telegram: tg.sender }, now });
    const first = await runReminderJob(d, { reason: "t", digest: false, catchUp: false });
    expect(first.delivery.failed).toBe(1);
    expect(tg.sent.map((s) => s.chatId)).toEqual(["tt"]);
    const vp = store.state.outbox.find((r) => r.chatId === "vp")!;
    expect(vp.status).toBe("pending");
    expect(vp.lastError).toBe("Bad Gateway");
    const second = await runReminderJob(d, { reason: "t", digest: false, catchUp: false });
    expect(second.planned).toEqual([]);
    expect(tg.sent.map((s) => s.chatId)).toEqual(["tt", "vp"]);
    expect(store.state.outbox.every((r) => r.status === "sent")).toBe(true);
  });

  it("honours 429 retry_after before trying again", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp")] });
    const waits: number[] = [];
    const tg = recordingSender((_c, attempt) => (attempt === 1 ? Object.assign(new Error("Too Many Requests"), { error_code: 429, parameters: { retry_after: 7 } }) : null));
    await runReminderJob(deps({ store, senders: { telegram: tg.sender }, now: () => new Date("2024-11-13T01:00:00Z"), sleep: async (ms) => void waits.push(ms) }), {
      reason: "t",
      digest: false,
      catchUp: false,
    });
    expect(waits).toEqual([7000]);
    expect(tg.sent).toHaveLength(1);
    expect(store.state.outbox[0].status).toBe("sent");
  });

  it("leaves items for a channel that is not running pending (a Zalo group while only Telegram runs)", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp", "zalo")] });
    const r = await runReminderJob(deps({ store, senders: {}, now: () => new Date("2024-11-13T01:00:00Z") }), { reason: "t", digest: false, catchUp: false });
    expect(r.delivery.skipped).toBe(1);
    expect(store.state.outbox[0].status).toBe("pending");
  });

  it("a newer stage supersedes a still-pending older one: the group gets the item once", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp")] });
    const down = deps({ store, senders: {}, now: () => new Date("2024-11-07T01:00:00Z") }); // d-7, channel down
    await runReminderJob(down, { reason: "t", digest: false, catchUp: false });
    const tg = recordingSender();
    await runReminderJob(deps({ store, senders: { telegram: tg.sender }, now: () => new Date("2024-11-13T01:00:00Z") }), { reason: "t", digest: false, catchUp: false });
    expect(tg.sent).toHaveLength(1);
    expect(tg.sent[0].message.text.match(/Báo cáo kết quả rà soát/g)).toHaveLength(1);
    expect(store.state.outbox.map((r) => `${r.stage}:${r.status}`)).toEqual(["d-7:cancelled", "d-3:sent"]);
  });

  it("does not send what was planned for a group that has since been unregistered", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp")] });
    await runReminderJob(deps({ store, senders: {}, now: () => new Date("2024-11-13T01:00:00Z") }), { reason: "t", digest: false, catchUp: false });
    await store.update((s) => void (s.bindings = []));
    const tg = recordingSender();
    await runReminderJob(deps({ store, senders: { telegram: tg.sender }, now: () => new Date("2024-11-13T02:00:00Z") }), { reason: "t", digest: false, catchUp: false });
    expect(tg.sent).toEqual([]);
    expect(store.state.outbox[0].status).toBe("cancelled");
  });

  it("reads retry_after from grammY's error shape", () => {
    expect(retryAfterSeconds({ error_code: 429, parameters: { retry_after: 3 } })).toBe(3);
    expect(retryAfterSeconds(new Error("x"))).toBeNull();
  });
});

describe("throttle", () => {
  it("keeps ≤ 25 messages a second overall and ≤ 20 a minute in one group", async () => {
    let t = 0;
    const waits: number[] = [];
    const limiter = createLimiter({ perChatPerMinute: 20, perSecond: 25, now: () => t, sleep: async (ms) => void (waits.push(ms), (t += ms)) });
    for (let i = 0; i < 25; i++) await limiter.take(`chat${i}`);
    expect(waits).toEqual([]);
    await limiter.take("chat-x");
    expect(waits).toEqual([1000]);
    waits.length = 0;
    for (let i = 0; i < 20; i++) await limiter.take("one-group");
    const before = t;
    await limiter.take("one-group");
    expect(t - before).toBeGreaterThanOrEqual(59_000);
  });
});
