// The state file under faults: a full or read-only disk, a deleted folder, a symlink, keys from a
// newer version, a temp file left by a crash. Nothing is acknowledged that was not saved.
import { describe, expect, it } from "vitest";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, promises as fsp, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, StateFileError, StoreWriteError, type StoreFs } from "../../data/store.ts";
import { expandOccurrences, responsibleUnits, unitMap } from "../../jobs/occurrences.ts";
import { testCore, groupMsg } from "../helpers/bot-core.ts";
import { reminderHarness, groupMsg as rGroupMsg, STAFF } from "../helpers/reminders-core.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../helpers/reminders-knowledge.ts";
import { STAFF_USER, privateChat, recordingBot, textUpdate } from "../helpers/bot-telegram.ts";
import { noWaitLimiter, quietLog, recordingSender } from "../helpers/reminders-env.ts";
import { runReminderJob } from "../../jobs/run.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "store-faults-"));

/** The real file system, until `fail` is set to an errno code. */
function faultyFs(): StoreFs & { fail: string | null } {
  const fail = (): void => {
    if (fs.fail) throw Object.assign(new Error(`${fs.fail}: simulated`), { code: fs.fail });
  };
  const fs = {
    fail: null as string | null,
    async writeFile(p: string, d: string) {
      fail();
      await fsp.writeFile(p, d);
    },
    async rename(a: string, b: string) {
      fail();
      await fsp.rename(a, b);
    },
    unlink: (p: string) => fsp.unlink(p),
    async append(p: string, d: string) {
      fail();
      await fsp.appendFile(p, d);
    },
    truncate: (p: string) => fsp.truncate(p, 0).catch(() => undefined),
  };
  return fs;
}

describe("a write that fails", () => {
  it.each([
    ["ENOSPC", /ổ đĩa .* đã đầy/],
    ["EROFS", /chỉ cho đọc/],
    ["EACCES", /không có quyền ghi/],
    ["ENOENT", /thư mục .* không còn tồn tại/],
  ])("%s: the change is rolled back, the store turns read-only, and recovers", async (code, text) => {
    const file = join(tmp(), "db.json");
    const fs = faultyFs();
    const store = await openStore(file, { fs });
    const health: Array<string | null> = [];
    store.onHealth!((e) => health.push(e ? e.code : null));
    fs.fail = code;
    const e = await store.update((s) => s.jobRuns.x = "1").catch((x) => x);
    expect(e).toBeInstanceOf(StoreWriteError);
    expect(e.message).toMatch(/^Không lưu được dữ liệu: /);
    expect(e.message).toMatch(text);
    expect(store.state.jobRuns).toEqual({}); // not acted on
    expect(store.readOnly?.code).toBe(code);
    expect(await store.retry!()).toBe(false);
    fs.fail = null;
    expect(await store.retry!()).toBe(true);
    expect(store.readOnly).toBeNull();
    expect(health).toEqual([code, null]);
    await store.update((s) => (s.jobRuns.y = "2"));
    expect(JSON.parse(readFileSync(file, "utf8")).jobRuns).toEqual({ y: "2" });
  });

  it("a /dangky that cannot be saved says so and the group stays unbound", async () => {
    const fs = faultyFs();
    const { core, deps } = testCore();
    deps.store = await openStore(join(tmp(), "db.json"), { fs });
    fs.fail = "ENOSPC";
    const [reply] = await core.handleMessage(groupMsg("/dangky Văn phòng Sở LĐTBXH Quảng Trị"));
    expect(reply.text).toMatch(/^Không lưu được dữ liệu: ổ đĩa .* đã đầy/);
    expect(reply.text).not.toMatch(/Đã gắn/);
    expect(deps.store.state.bindings).toEqual([]);
  });

  it("a unit's 'đã nộp' that cannot be saved is answered: not recorded", async () => {
    const k = remindersKnowledge();
    const report = expandOccurrences(k).find((o) => o.title === "Báo cáo kết quả rà soát")!;
    const h = reminderHarness({ knowledge: k });
    const fs = faultyFs();
    h.deps.store = await openStore(join(tmp(), "db.json"), { fs });
    await h.deps.store.update((s) => {
      s.bindings.push(bind(QT_VP, "-100500"));
      s.sentMessages.push({ channel: "telegram", chatId: "-100500", messageId: "500", codes: [report.code], at: "2024-11-13T01:00:00.000Z" });
    });
    fs.fail = "EROFS";
    const out = await h.handleMessage(rGroupMsg("đã nộp", STAFF, { replyTo: { messageId: "500", text: "🔔", fromBot: true }, addressed: true }));
    expect(out[0].text).toMatch(/Chưa ghi nhận được \[.+\]\. Không lưu được dữ liệu/);
    expect(out[0].text).not.toMatch(/✅/);
    expect(h.deps.store.state.submissions).toEqual([]);
  });
});

describe("read-only mode", () => {
  it("a disk that fills up during delivery stops the delivery after the message it could not record", async () => {
    const k = remindersKnowledge();
    const fs = faultyFs();
    const store = await openStore(join(tmp(), "db.json"), { fs });
    await store.update((s) => s.bindings.push(bind(QT_VP, "vp"), bind(QT_TT, "tt")));
    const tg = recordingSender(() => {
      fs.fail = "ENOSPC"; // the message goes out, then nothing can be written
      return null;
    });
    const job = { store, knowledge: () => k, senders: { telegram: tg.sender }, now: () => new Date("2024-03-11T01:00:00Z"), limiter: noWaitLimiter, log: quietLog, sleep: async () => undefined };
    const e = await runReminderJob(job, { reason: "t", digest: false, catchUp: false }).catch((x) => x);
    expect(e).toBeInstanceOf(StoreWriteError); // the run reports it; nothing crashes
    expect(tg.sent).toHaveLength(1); // the second group is not sent what could not be recorded
    expect(store.readOnly?.code).toBe("ENOSPC");
    expect(await runReminderJob(job, { reason: "again", digest: false, catchUp: false }).catch((x) => x)).toBeInstanceOf(StoreWriteError);
    expect(tg.sent).toHaveLength(1);
  });

  it("questions and commands that change nothing are still answered on Telegram", async () => {
    const fs = faultyFs();
    const { bot, deps, sent } = recordingBot();
    deps.store = await openStore(join(tmp(), "db.json"), { fs });
    fs.fail = "ENOSPC";
    await bot.handleUpdate(textUpdate(privateChat(STAFF_USER), STAFF_USER, "/han quý I/2024"));
    expect(sent()).toHaveLength(1);
    expect(sent()[0].payload.text).toMatch(/Các hạn trong quý I\/2024/);
  });
});

describe("honest acknowledgement", () => {
  it("'đã nộp' to a reminder of another unit's items says why nothing was recorded", async () => {
    const k = remindersKnowledge();
    const units = unitMap(k);
    const bindings = [bind(QT_VP, "-100500"), bind(QT_TT, "-200")];
    const notOurs = expandOccurrences(k).filter((o) => !responsibleUnits(o, units, bindings).includes(QT_TT)).slice(0, 2);
    expect(notOurs).toHaveLength(2);
    const h = reminderHarness({
      knowledge: k,
      state: { bindings, sentMessages: [{ channel: "telegram", chatId: "-200", messageId: "900", codes: notOurs.map((o) => o.code), at: "2024-11-13T01:00:00.000Z" }] },
    });
    const out = await h.handleMessage(rGroupMsg("đã nộp", STAFF, { chatId: "-200", replyTo: { messageId: "900", text: "🔔", fromBot: true }, addressed: true }));
    expect(out[0].text).not.toMatch(/đều đã được ghi nhận/);
    expect(out[0].text).toMatch(/Không ghi nhận việc nào/);
    expect(out[0].text).toContain(`[${notOurs[0].code}] không giao cho`);
    expect(h.deps.store.state.submissions).toEqual([]);
  });
});

describe("opening the state file", () => {
  it("refuses to start when the file cannot be written, naming DB_FILE", async () => {
    const fs = faultyFs();
    fs.fail = "EACCES";
    const file = join(tmp(), "db.json");
    const e = await openStore(file, { fs }).catch((x) => x);
    expect(e).toBeInstanceOf(StateFileError);
    expect(e.message).toMatch(/Không ghi được tệp trạng thái: không có quyền ghi .* \(DB_FILE\)/);
  });

  it("refuses to start on a nearly full disk", async () => {
    const e = await openStore(join(tmp(), "db.json"), { minFreeBytes: Number.MAX_SAFE_INTEGER }).catch((x) => x);
    expect(e).toBeInstanceOf(StateFileError);
    expect(e.message).toMatch(/chỉ còn .* KB trống/);
  });

  it("follows a symlink: the target is replaced, the link stays", async () => {
    const dir = tmp();
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real", "db.json"), "{}");
    symlinkSync(join(dir, "real", "db.json"), join(dir, "db.json"));
    const store = await openStore(join(dir, "db.json"));
    await store.update((s) => (s.jobRuns.a = "1"));
    expect(lstatSync(join(dir, "db.json")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, "real", "db.json"), "utf8")).jobRuns).toEqual({ a: "1" });
  });

  it("keeps keys it does not know", async () => {
    const file = join(tmp(), "db.json");
    writeFileSync(file, JSON.stringify({ version: 1, auditLog: [{ who: "x" }], futureThing: 3 }));
    const store = await openStore(file);
    await store.update((s) => (s.jobRuns.a = "1"));
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(saved.auditLog).toEqual([{ who: "x" }]);
    expect(saved.futureThing).toBe(3);
    expect(saved.jobRuns).toEqual({ a: "1" });
  });

  it("reports a temp file left by a crash and moves it aside instead of overwriting it", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "db.json"), "{}");
    writeFileSync(join(dir, ".db.json.tmp"), '{"half":');
    const warnings: string[] = [];
    await openStore(join(dir, "db.json"), { warn: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/tệp tạm .*\.db\.json\.tmp.*đã chuyển sang/);
    const aside = readdirSync(dir).find((f) => f.includes("orphan"))!;
    expect(readFileSync(join(dir, aside), "utf8")).toBe('{"half":');
    expect(existsSync(join(dir, ".db.json.tmp"))).toBe(false);
  });

  it("leaves alone the temp file of another running process, moves aside one of a dead process", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "db.json"), "{}");
    writeFileSync(join(dir, `.db.json.${process.ppid}.tmp`), "{}"); // a live process (our parent)
    writeFileSync(join(dir, ".db.json.999999999.tmp"), "{}"); // no such process
    const warnings: string[] = [];
    const store = await openStore(join(dir, "db.json"), { warn: (m) => warnings.push(m) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(".db.json.999999999.tmp");
    expect(existsSync(join(dir, `.db.json.${process.ppid}.tmp`))).toBe(true);
    await store.update((s) => (s.jobRuns.a = "1"));
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([`.db.json.${process.ppid}.tmp`]);
  });

  it("a real read-only folder (when not root) is refused at start", async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere; the injected EACCES above covers it
    const dir = tmp();
    await fsp.chmod(dir, 0o555);
    const e = await openStore(join(dir, "db.json")).catch((x) => x);
    await fsp.chmod(dir, 0o755);
    rmSync(dir, { recursive: true });
    expect(e).toBeInstanceOf(StateFileError);
  });
});
