// lowdb made to last: compact JSON, a journal of sends (O(1) each, folded in at the next full write),
// one full write per delivery run, an archive of old rows, and a lock against a second process.
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, promises as fsp, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, StateFileError, stateFiles, type StoreFs } from "../../data/store.ts";
import { runReminderJob } from "../../jobs/run.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../helpers/reminders-knowledge.ts";
import { noWaitLimiter, quietLog, recordingSender } from "../helpers/reminders-env.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "store-lasting-"));
const k = remindersKnowledge();

/** The real file system, counting full writes of the state. */
function countingFs(): StoreFs & { writes: number; crashAfterSends: boolean } {
  const fs = {
    writes: 0,
    crashAfterSends: false,
    async writeFile(p: string, d: string) {
      if (fs.crashAfterSends) throw Object.assign(new Error("killed"), { code: "EIO" });
      fs.writes++;
      await fsp.writeFile(p, d);
    },
    rename: (a: string, b: string) => fsp.rename(a, b),
    unlink: (p: string) => fsp.unlink(p),
  };
  return fs;
}

function job(store: Awaited<ReturnType<typeof openStore>>, sender: ReturnType<typeof recordingSender>["sender"], iso = "2024-08-21T01:00:00Z") {
  return { store, knowledge: () => k, senders: { telegram: sender }, now: () => new Date(iso), limiter: noWaitLimiter, log: quietLog, sleep: async () => undefined };
}

describe("the state file", () => {
  it("is compact JSON", async () => {
    const file = join(tmp(), "db.json");
    const store = await openStore(file);
    await store.update((s) => void s.bindings.push(bind(QT_VP, "vp")));
    expect(readFileSync(file, "utf8")).not.toContain("\n");
    await store.close?.();
  });

  it("a delivery run writes the whole file once before sending and once after, not once per group; each send is one journal line", async () => {
    const file = join(tmp(), "db.json");
    const fs = countingFs();
    const store = await openStore(file, { fs });
    const groups = Array.from({ length: 12 }, (_, i) => bind(i % 2 ? QT_VP : QT_TT, `g${i}`));
    await store.update((s) => void s.bindings.push(...groups));
    const before = fs.writes;
    const tg = recordingSender(() => {
      // the journal has the send before the next one goes
      return null;
    });
    const r = await runReminderJob(job(store, tg.sender), { reason: "t", digest: false, catchUp: false });
    expect(r.delivery.messages).toBe(12);
    expect(fs.writes - before).toBe(2);
    expect(readFileSync(stateFiles(file).journal, "utf8")).toBe(""); // folded into the file at the end of the run
    await store.close?.();
  });

  it("after a crash mid-run, every send the platform accepted is known at the next start (from the journal): nothing goes twice", async () => {
    const file = join(tmp(), "db.json");
    const fs = countingFs();
    const store = await openStore(file, { fs });
    await store.update((s) => void s.bindings.push(bind(QT_VP, "vp"), bind(QT_TT, "tt")));
    const tg = recordingSender();
    fs.writes = 0;
    // the process "dies" after the sends, before the run's full write
    const crashing = recordingSender((_c, n) => {
      if (n === 2) fs.crashAfterSends = true;
      return null;
    });
    await runReminderJob(job(store, crashing.sender), { reason: "t", digest: false, catchUp: false }).catch(() => undefined);
    expect(crashing.sent).toHaveLength(2);
    const journal = readFileSync(stateFiles(file).journal, "utf8").trim().split("\n");
    expect(journal).toHaveLength(2);
    expect(JSON.parse(readFileSync(file, "utf8")).outbox.every((r: { status: string }) => r.status === "pending")).toBe(true); // the file alone would resend both
    writeFileSync(stateFiles(file).journal, `${readFileSync(stateFiles(file).journal, "utf8")}{"seq":99,"op":"sent","ids":["x"`); // a torn line from the kill
    await store.close?.();

    const again = await openStore(file);
    expect(again.state.outbox.every((r) => r.status === "sent")).toBe(true);
    expect(again.state.sentMessages).toHaveLength(2);
    const second = await runReminderJob(job(again, tg.sender), { reason: "t", digest: false, catchUp: false });
    expect(second.delivery.messages).toBe(0);
    expect(tg.sent).toEqual([]);
    await again.close?.();
  });
});

describe("the archive", () => {
  it("moves sent/cancelled rows older than ARCHIVE_DAYS to an append-only JSONL, keeping every one, and keeps what is recent or pending", async () => {
    const file = join(tmp(), "db.json");
    const store = await openStore(file, { archiveDays: 90 });
    await store.update((s) => void s.bindings.push(bind(QT_VP, "vp"), bind(QT_TT, "tt")));
    const tg = recordingSender();
    await runReminderJob(job(store, tg.sender, "2024-03-11T01:00:00Z"), { reason: "t", digest: false, catchUp: false });
    const sentInMarch = store.state.outbox.filter((r) => r.status === "sent").map((r) => r.id);
    expect(sentInMarch.length).toBeGreaterThan(0);
    await runReminderJob(job(store, tg.sender, "2024-08-21T01:00:00Z"), { reason: "t", digest: false, catchUp: false }); // > 90 days later
    const left = store.state.outbox.map((r) => r.id);
    expect(sentInMarch.some((id) => left.includes(id))).toBe(false);
    expect(left.length).toBeGreaterThan(0); // August's stay
    const lines = readFileSync(stateFiles(file).archive, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.kind === "outbox").map((l) => l.row.id).sort()).toEqual([...sentInMarch].sort());
    expect(lines.filter((l) => l.kind === "sentMessage").length).toBeGreaterThan(0);
    const onDisk = JSON.parse(readFileSync(file, "utf8"));
    expect(onDisk.outbox.some((r: { id: string }) => sentInMarch.includes(r.id))).toBe(false);
    await store.close?.();
  });
});

describe("the lock", () => {
  it("a second process on the same state file refuses to start, naming the file and the other pid", async () => {
    const file = join(tmp(), "db.json");
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(stateFiles(file).lock, `${other.pid}\n`);
      const err = await openStore(file).catch((e) => e);
      expect(err).toBeInstanceOf(StateFileError);
      expect(err.message).toContain(`Tệp trạng thái ${file} đang được một tiến trình bot khác dùng (pid ${other.pid}`);
      expect(existsSync(file)).toBe(false); // nothing written
    } finally {
      other.kill();
    }
  });

  it("a lock left by a process that is gone is taken over, with a warning; close releases it", async () => {
    const file = join(tmp(), "db.json");
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => gone.on("exit", r));
    writeFileSync(stateFiles(file).lock, `${gone.pid}\n`);
    const warnings: string[] = [];
    const store = await openStore(file, { warn: (m) => void warnings.push(m) });
    expect(warnings.some((w) => w.includes("đã dừng; lấy lại khoá"))).toBe(true);
    expect(readFileSync(stateFiles(file).lock, "utf8").trim()).toBe(String(process.pid));
    await store.close?.();
    expect(existsSync(stateFiles(file).lock)).toBe(false);
  });
});
