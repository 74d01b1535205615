// /healthz readiness computed from what the channels last did (clock injected).
import { describe, expect, it } from "vitest";
import { createHealth } from "../../bot/health.ts";
import { createLog } from "../../bot/log.ts";
import { memoryStore } from "../../data/store.ts";
import type { Knowledge } from "../../knowledge/schema.ts";

const knowledge = { version: 1, builtAt: "2024-01-02T00:00:00.000Z", plans: [{}, {}] } as unknown as Knowledge;

describe("createHealth", () => {
  it("is ok while polls succeed, stuck once none has for the threshold, and ok again after one", () => {
    let t = Date.parse("2026-01-01T00:00:00Z");
    const store = memoryStore({ jobRuns: { remind: "2024-03-01T01:00:00.000Z" } });
    const h = createHealth({ store, knowledge: () => knowledge, stuckSeconds: 60, now: () => t });
    h.polling("telegram");
    expect(h.report()).toMatchObject({ ok: true, pollers: { telegram: { lastPollAt: null, stuck: false } }, lastReminderRun: "2024-03-01T01:00:00.000Z", pendingOutbox: 0, knowledge: { version: 1, plans: 2 } });
    t += 61_000; // never polled successfully since start
    expect(h.report()).toMatchObject({ ok: false, status: "stuck" });
    h.polled("telegram", 2);
    expect(h.report()).toMatchObject({ ok: true, lastUpdateAt: new Date(t).toISOString() });
    t += 59_000;
    expect(h.report().ok).toBe(true);
    t += 2_000;
    expect(h.report().ok).toBe(false);
  });

  it("without a poller (webhook only) it is never stuck", () => {
    let t = 0;
    const h = createHealth({ store: memoryStore(), knowledge: () => knowledge, stuckSeconds: 60, now: () => t });
    t = 10 * 3600_000;
    expect(h.report()).toMatchObject({ ok: true, pollers: {} });
  });
});

describe("createLog", () => {
  it("drops lines below LOG_LEVEL and writes one JSON object per line with LOG_FORMAT=json", () => {
    const lines: string[] = [];
    const log = createLog({ level: "warn", format: "json", write: (l) => lines.push(l), now: () => new Date("2026-01-01T00:00:00Z") });
    log("info", "hidden");
    log("warn", "telegram: getUpdates failed", "timeout");
    log("error", "boom", new Error("x"));
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toEqual({ time: "2026-01-01T00:00:00.000Z", level: "warn", msg: "telegram: getUpdates failed", detail: "timeout" });
    expect(JSON.parse(lines[1]).detail).toMatch(/^Error: x/);
  });

  it("text format: time, level, message", () => {
    const lines: string[] = [];
    createLog({ level: "info", format: "text", write: (l) => lines.push(l), now: () => new Date(0) })("info", "hello", { a: 1 });
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z info hello | {"a":1}\n']);
  });
});
