import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore, type Store } from "../../data/store.ts";
import { startJobs, type CronLike, type StartJobsDeps } from "../../jobs/schedule.ts";
import { lastDigestSlot, lastRunSlot } from "../../jobs/slots.ts";
import { QT_TT, QT_VP, SL_QLVT, SL_VP, bind, remindersKnowledge } from "../helpers/reminders-knowledge.ts";
import { memoryStore } from "../../data/store.ts";
import { expandOccurrences } from "../../jobs/occurrences.ts";
import { addDays, isWorkday, isoWeekday, localDate } from "../../jobs/workdays.ts";
import { crashingStore, fakeClock, noWaitLimiter, quietLog, recordingSender } from "../helpers/reminders-env.ts";

const k = remindersKnowledge();
const manualCron = (): CronLike & { ticks: number } => ({ ticks: 0, schedule: () => ({ stop: () => undefined }) });
const tmpFile = () => join(mkdtempSync(join(tmpdir(), "remind-")), "db.json");

function jobs(store: Store, now: () => Date, sender: StartJobsDeps["senders"]["telegram"]) {
  return startJobs({ store, knowledge: () => k, senders: { telegram: sender }, now, log: quietLog, limiter: noWaitLimiter, cron: manualCron(), sleep: async () => undefined });
}

describe("slots", () => {
  it("finds the last working-day 08:00 (Asia/Ho_Chi_Minh)", () => {
    expect(lastRunSlot(new Date("2024-11-13T02:00:00Z")).toISOString()).toBe("2024-11-13T01:00:00.000Z");
    expect(lastRunSlot(new Date("2024-11-13T00:30:00Z")).toISOString()).toBe("2024-11-12T01:00:00.000Z"); // 07:30 → yesterday's
    expect(lastRunSlot(new Date("2024-11-17T05:00:00Z")).toISOString()).toBe("2024-11-15T01:00:00.000Z"); // Sunday → Friday
    expect(lastRunSlot(new Date("2024-02-14T05:00:00Z")).toISOString()).toBe("2024-02-07T01:00:00.000Z"); // Tết
  });
  it("puts the digest on Monday 08:00, or on the first working day of a week whose Monday is a holiday", () => {
    expect(lastDigestSlot(new Date("2024-11-13T02:00:00Z")).toISOString()).toBe("2024-11-11T01:00:00.000Z");
    expect(lastDigestSlot(new Date("2024-09-05T02:00:00Z")).toISOString()).toBe("2024-09-04T01:00:00.000Z"); // 2–3/9 Quốc khánh
    expect(lastDigestSlot(new Date("2024-11-11T00:30:00Z")).toISOString()).toBe("2024-11-04T01:00:00.000Z");
  });
});

describe("restarts lose nothing", () => {
  it("stopped after sending and before marking: the restart re-sends that one message (the documented duplicate) and nothing is lost", async () => {
    const file = tmpFile();
    const base = await openStore(file);
    await base.update((s) => {
      s.bindings.push(bind(QT_VP, "vp"), bind(QT_TT, "tt"));
      s.jobRuns.remind = "2024-08-20T01:00:00.000Z";
      s.jobRuns.digest = "2024-08-19T01:00:00.000Z";
    });
    const clock = fakeClock("2024-08-21T01:00:00Z"); // d-7 of 30/8 for both groups
    let killed = false;
    const tg = recordingSender();
    const sender = async (chatId: string, m: Parameters<typeof tg.sender>[1]) => {
      const r = await tg.sender(chatId, m);
      killed = true; // the process dies right after the channel accepted the first message
      return r;
    };
    const first = jobs(crashingStore(base, () => killed), clock.now, sender);
    await first.ready;
    first.stop();
    expect(tg.sent).toHaveLength(1);
    const firstChat = tg.sent[0].chatId;

    const reopened = await openStore(file);
    expect(reopened.state.outbox.map((r) => r.status)).toEqual(["pending", "pending"]);
    const tg2 = recordingSender();
    const second = jobs(reopened, clock.now, tg2.sender);
    await second.ready;
    second.stop();
    expect(tg2.sent.map((s) => s.chatId).sort()).toEqual(["tt", "vp"]); // the lost one arrives; the sent one once more
    expect(tg2.sent.find((s) => s.chatId === firstChat)!.message.text).toBe(tg.sent[0].message.text);
    expect((await openStore(file)).state.outbox.every((r) => r.status === "sent")).toBe(true);

    // and the next tick the same day sends nothing
    const tg3 = recordingSender();
    const third = jobs(await openStore(file), clock.now, tg3.sender);
    await third.ready;
    await third.tick();
    third.stop();
    expect(tg3.sent).toEqual([]);
  });

  it("stopped over the 08:00 runs: the restart sends one catch-up message per chat", async () => {
    const file = tmpFile();
    const base = await openStore(file);
    await base.update((s) => {
      s.bindings.push(bind(QT_VP, "vp"), bind(QT_TT, "tt"), bind(SL_VP, "sl-vp"), bind(SL_QLVT, "sl-qlvt"));
      s.jobRuns.remind = "2024-08-30T01:00:00.000Z"; // last ran Friday 30/8; down over Quốc khánh and until Thursday
      s.jobRuns.digest = "2024-08-26T01:00:00.000Z";
    });
    const clock = fakeClock("2024-09-05T03:30:00Z"); // 10:30 Thursday 5/9
    const tg = recordingSender();
    const j = jobs(base, clock.now, tg.sender);
    await j.ready;
    const chats = tg.sent.map((s) => s.chatId).sort();
    expect(chats).toEqual([...new Set(chats)]);
    expect(chats).toEqual(["sl-qlvt", "sl-vp", "tt", "vp"]);
    for (const s of tg.sent) expect(s.message.text).toContain("Gửi bù");
    // the coordinator group also got the week's digest, inside the same message
    expect(tg.sent.find((s) => s.chatId === "vp")!.message.text).toContain("📋 Tổng hợp tuần");
    const again = tg.sent.length;
    await j.tick();
    clock.set("2024-09-05T09:00:00Z");
    await j.tick();
    j.stop();
    expect(tg.sent).toHaveLength(again);
  });

  it("runs at 08:00 on a working day, not on a Sunday or in Tết", async () => {
    const store = await openStore(tmpFile());
    await store.update((s) => {
      s.bindings.push(bind(QT_TT, "tt"));
      s.jobRuns.remind = "2024-02-07T01:00:00.000Z";
      s.jobRuns.digest = "2024-02-05T01:00:00.000Z";
    });
    const clock = fakeClock("2024-02-10T01:00:00Z");
    const tg = recordingSender();
    const j = jobs(store, clock.now, tg.sender);
    await j.ready;
    for (const day of ["2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14"]) {
      clock.set(`${day}T01:05:00Z`);
      await j.tick();
    }
    expect(store.state.jobRuns.remind).toBe("2024-02-07T01:00:00.000Z");
    clock.set("2024-02-15T01:00:00Z"); // first working day after Tết; d-3 of "Báo cáo sau Tết"
    await j.tick();
    j.stop();
    expect(store.state.jobRuns.remind).toBe("2024-02-15T01:00:00.000Z");
    expect(tg.sent).toHaveLength(1);
    expect(tg.sent[0].message.text).toContain("Báo cáo sau Tết");
    expect(tg.sent[0].message.text).not.toContain("Gửi bù");
  });

  it("runNow (/nhacviec) runs at once and says what it did; a second run sends nothing new", async () => {
    const store = await openStore(tmpFile());
    await store.update((s) => {
      s.bindings.push(bind(QT_VP, "vp"));
      s.jobRuns.remind = "2024-11-13T01:00:00.000Z";
      s.jobRuns.digest = "2024-11-11T01:00:00.000Z";
    });
    const tg = recordingSender();
    const j = jobs(store, () => new Date("2024-11-13T02:00:00Z"), tg.sender);
    await j.ready;
    expect(tg.sent).toEqual([]);
    expect(await j.runNow("test")).toBe("Đã chạy nhắc việc: 1 mục mới, đã gửi 1 tin nhắn (1 mục).");
    expect(await j.runNow("test")).toBe("Đã chạy nhắc việc: không có nhắc nhở nào đến hạn lúc này.");
    j.stop();
    expect(tg.sent).toHaveLength(1);
  });

  it("runNow with no group bound says why nothing was sent and how to bind one", async () => {
    const store = await openStore(tmpFile());
    const tg = recordingSender();
    const j = jobs(store, () => new Date("2024-11-13T02:00:00Z"), tg.sender);
    await j.ready;
    expect(await j.runNow("test")).toBe(
      "Đã chạy nhắc việc: không gửi gì. Chưa có nhóm nào được gắn với đơn vị, nên không có nơi nào để gửi: trong nhóm chat của mỗi đơn vị, quản trị viên gõ /dangky <tên đơn vị>.",
    );
    j.stop();
    expect(tg.sent).toEqual([]);
  });
});

describe("a year of cron ticks (2024, fake clock)", () => {
  it("sends on working days only, one message per group per day at most, with Monday digests to the coordinator", async () => {
    const store = memoryStore({ bindings: [bind(QT_VP, "vp"), bind(QT_TT, "tt"), bind(SL_VP, "sl-vp"), bind(SL_QLVT, "sl-qlvt")] });
    const clock = fakeClock("2024-01-01T00:30:00Z"); // 07:30 on Tết Dương lịch
    const tg = recordingSender();
    const days: string[] = [];
    const sender = async (chatId: string, m: Parameters<typeof tg.sender>[1]) => {
      days.push(`${localDate(clock.now())} ${chatId}`);
      return tg.sender(chatId, m);
    };
    const j = jobs(store, clock.now, sender);
    await j.ready;
    for (let d = "2024-01-01"; d <= "2024-12-31"; d = addDays(d, 1)) {
      for (const hhmm of ["00:59", "01:00", "01:01", "09:00"]) {
        clock.set(`${d}T${hhmm}:00Z`); // 07:59, 08:00, 08:01, 16:00 local
        await j.tick();
      }
    }
    j.stop();
    expect(days.length).toBeGreaterThan(50);
    for (const x of days) expect(isWorkday(x.slice(0, 10)), x).toBe(true);
    expect(new Set(days).size).toBe(days.length);
    const vpDigests = tg.sent.filter((m) => m.chatId === "vp" && m.message.text.includes("📋 Tổng hợp tuần"));
    expect(vpDigests.length).toBeGreaterThan(20);
    const digestDays = days.filter((x, i) => tg.sent[i].message.text.includes("📋 Tổng hợp tuần")).map((x) => x.slice(0, 10));
    for (const d of digestDays) expect(isoWeekday(d) === 1 || !isWorkday(addDays(d, -(isoWeekday(d) - 1))), d).toBe(true);
    const code = expandOccurrences(k).find((o) => o.title === "Báo cáo kết quả rà soát")!.code;
    const report = tg.sent.filter((m) => m.chatId === "vp" && m.message.buttons?.some((row) => row[0].data === `ok:${code}`));
    expect(report).toHaveLength(9); // d-7, d-3, d-1, due, 5 overdue pings
    expect(store.state.outbox.every((r) => r.status === "sent")).toBe(true);
    expect(tg.sent.some((m) => m.message.text.includes("Gửi bù"))).toBe(false);
  }, 60_000);
});
