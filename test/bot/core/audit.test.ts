// Every change leaves one audit entry with before and after; the log is append-only and survives a
// restart and a plan replacement; /nhatky shows an agency admin their agency's entries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GROUP, STAFF, groupMsg, privateMsg, press, testCore } from "../../helpers/bot-core.ts";
import { QT_TT, QT_VP, SL_VP, bind, remindersKnowledge } from "../../helpers/reminders-knowledge.ts";
import { PLANS_DIR, planText } from "../../helpers/plan-documents.ts";
import { auditFileFor, fileAuditLog, memoryAuditLog, type AuditLog } from "../../../data/audit.ts";
import { memoryStore, openStore } from "../../../data/store.ts";
import { createCore, createKnowledgeRef } from "../../../bot/core/index.ts";
import { ingestDirectory } from "../../../knowledge/load.ts";
import { expandOccurrences } from "../../../jobs/occurrences.ts";
import { runReminderJob } from "../../../jobs/run.ts";
import { noWaitLimiter, quietLog, recordingSender } from "../../helpers/reminders-env.ts";
import type { Incoming } from "../../../bot/core/types.ts";

const k = remindersKnowledge();
const report = expandOccurrences(k).find((o) => o.title === "Báo cáo kết quả rà soát")!; // Văn phòng QT, due 18/11/2024
const NOW = "2024-11-13T09:00:00+07:00";
const AGENCY_ADMIN = "333";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "audit-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const t = testCore({ knowledge: k, now: NOW });
  const say = async (m: Incoming) => (await t.core.handleMessage(m)).map((o) => o.text).join("\n");
  return { ...t, say, audit: t.deps.audit as AuditLog };
}

describe("audit: one entry per change, with before and after", () => {
  it("bind, confirm, undo, snooze, unbind, role add/remove and a job run by hand", async () => {
    const { say, core, deps, audit } = setup();
    deps.runReminders = async () => "Đã chạy nhắc việc: 1 mục mới.";
    await say(groupMsg("/dangky Văn phòng Quảng Trị"));
    await say(groupMsg(`đã nộp ${report.code}`, STAFF, { userName: "Chị Lan" }));
    const sub = deps.store.state.submissions[0];
    await say(groupMsg(`hoàn tác ${sub.id}`, STAFF));
    await core.handlePress(press(`snz:${report.code}`, STAFF));
    await say(groupMsg("/huydangky"));
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    await say(privateMsg(`/quantri xoa ${AGENCY_ADMIN}`));
    await say(privateMsg("/nhacviec"));
    const log = await audit.list();
    expect(log.map((e) => e.action)).toEqual(["bind", "confirm", "undo", "snooze", "unbind", "role-add", "role-remove", "run-jobs"]);
    for (const e of log) {
      expect(e, e.action).toHaveProperty("before");
      expect(e, e.action).toHaveProperty("after");
      expect(e.outcome).toBe("done");
      expect(e.at).toBe(new Date(NOW).toISOString());
    }
    expect(log[0]).toMatchObject({ userId: "111", chatId: GROUP, channel: "telegram", agencyId: "quang-tri/so-ldtbxh", unitId: QT_VP, before: null, after: { unitId: QT_VP } });
    expect(log[1]).toMatchObject({ userId: STAFF, userName: "Chị Lan", target: report.code, unitId: QT_VP, before: null, after: { submission: sub.id } });
    expect(log[2]).toMatchObject({ target: report.code, before: { submission: sub.id }, after: { undoneAt: expect.any(String) } });
    expect(log[3]).toMatchObject({ target: report.code, before: null, after: { until: "2024-11-14" } });
    expect(log[4]).toMatchObject({ before: { unitId: QT_VP }, after: null });
    expect(log[5]).toMatchObject({ target: "telegram:333", before: [], after: [{ role: "admin", agencyId: "quang-tri/so-ldtbxh" }] });
    expect(log[6]).toMatchObject({ before: [{ role: "admin" }], after: [] });
    expect(log[7]).toMatchObject({ action: "run-jobs", agencyId: null, after: "Đã chạy nhắc việc: 1 mục mới." });
  });

  it("rebinding a group keeps the unit it had before", async () => {
    const { say, audit } = setup();
    await say(groupMsg("/dangky Văn phòng Quảng Trị"));
    await say(groupMsg("/dangky Thanh tra Quảng Trị"));
    expect((await audit.list()).at(-1)).toMatchObject({ action: "bind", before: { unitId: QT_VP }, after: { unitId: QT_TT } });
  });
});

describe("confirming for a unit from outside its group", () => {
  it("an agency admin confirms their agency's code in a private chat, and is refused another agency's", async () => {
    const { say, deps, audit } = setup();
    await say(groupMsg("/dangky Văn phòng Quảng Trị"));
    await say(groupMsg("/dangky Văn phòng Sở Sơn La", "111", { chatId: "-200" }));
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    const sl = expandOccurrences(k).find((o) => o.planId.startsWith("son-la") && o.due >= "2024-11-13")!;
    const refused = await say(privateMsg(`đã nộp ${sl.code}`, AGENCY_ADMIN));
    expect(refused).toMatch(/^Xin lỗi, chỉ thành viên nhóm của .* \(hoặc quản trị viên\) mới xác nhận được việc \[.*\]\. Không có gì thay đổi\.\nMã của bạn trên Telegram: 333/);
    expect(deps.store.state.submissions).toEqual([]);
    expect(await say(privateMsg(`đã nộp ${report.code}`, AGENCY_ADMIN))).toMatch(/^✅ Đã ghi nhận: Văn phòng đã nộp/);
    expect((await audit.list()).slice(-2).map((e) => `${e.action}/${e.outcome}/${e.agencyId}`)).toEqual(["confirm/refused/son-la/so-gtvt", "confirm/done/quang-tri/so-ldtbxh"]);
  });
});

describe("/nhatky", () => {
  it("shows the last n entries, by unit or by code, and an agency admin only their agency's", async () => {
    const { say, deps } = setup();
    await say(groupMsg("/dangky Văn phòng Quảng Trị"));
    await say(groupMsg("/dangky Văn phòng Sở Sơn La", "111", { chatId: "-200" }));
    await say(groupMsg(`đã nộp ${report.code}`, STAFF, { userName: "Chị Lan" }));
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    const all = await say(privateMsg("/nhatky"));
    expect(all).toMatch(/^📜 Nhật ký — 4 mục gần nhất:/);
    expect(all).toContain("• 09:00 ngày 13/11/2024 — An (telegram:111): gắn nhóm với đơn vị [telegram:-100500] · Văn phòng: — → Văn phòng");
    expect(all).toContain(`Chị Lan (telegram:222): xác nhận đã nộp [${report.code}] · Văn phòng: — → lúc 09:00 ngày 13/11/2024`);
    expect(all).toContain("An (telegram:111): cấp vai trò [telegram:333]: — → Quản trị cơ quan Sở LĐTBXH Quảng Trị");
    expect(await say(privateMsg("/nhatky 1"))).toMatch(/^📜 Nhật ký — 1 mục gần nhất:\n• .*cấp vai trò/);
    const byCode = await say(privateMsg(`/nhatky ${report.code.toLowerCase()}`));
    expect(byCode).toMatch(new RegExp(`^📜 Nhật ký — 1 mục gần nhất về việc \\[${report.code}\\]:`));
    const byUnit = await say(privateMsg("/nhatky Văn phòng Sở Sơn La"));
    expect(byUnit).toMatch(/^📜 Nhật ký — 1 mục gần nhất của Văn phòng Sở:/);

    const own = await say(privateMsg("/nhatky", AGENCY_ADMIN));
    expect(own).toMatch(/^📜 Nhật ký — 3 mục gần nhất \(Sở LĐTBXH Quảng Trị\):/);
    expect(own).not.toContain("-200");
    expect(await say(privateMsg("/nhatky Văn phòng Sở Sơn La", AGENCY_ADMIN))).toMatch(/bạn chỉ được xem nhật ký thay đổi của Sở LĐTBXH Quảng Trị; việc này thuộc Sở GTVT Sơn La/);
    expect(await say(privateMsg("/nhatky Phòng Không Có"))).toMatch(/^Không tìm thấy đơn vị hoặc mã việc «Phòng Không Có»/);
    // refused attempts are listed too
    expect(await say(privateMsg("/nhatky 1"))).toMatch(/⛔ .*An \(telegram:333\): bị từ chối \(xem nhật ký thay đổi\)/);
    expect(deps.store.state.roles).toHaveLength(1);
  });
});

describe("the audit file", () => {
  it("is append-only, survives a restart, and skips a torn last line", async () => {
    const file = auditFileFor(join(dir, "restart", "db.json"));
    expect(file).toBe(join(dir, "restart", "audit.jsonl"));
    const first = fileAuditLog(file);
    await first.append({ at: "2024-11-13T02:00:00.000Z", channel: "telegram", userId: "111", action: "bind", before: null, after: { unitId: QT_VP } });
    const before = readFileSync(file, "utf8");
    await first.append({ at: "2024-11-13T02:01:00.000Z", channel: "zalo", userId: "abc123", action: "confirm", before: null, after: { submission: "x" } });
    expect(readFileSync(file, "utf8").startsWith(before)).toBe(true);
    appendFileSync(file, '{"at":"2024-11-13T02:02'); // a write cut short by a crash
    const reopened = fileAuditLog(file);
    expect((await reopened.list()).map((e) => `${e.channel}:${e.action}`)).toEqual(["telegram:bind", "zalo:confirm"]);
  });

  it("roles and the log survive a restart of the bot (state file and audit file reopened)", async () => {
    mkdirSync(join(dir, "bot"));
    const db = join(dir, "bot", "db.json");
    const open = async () => {
      const { deps } = testCore({ knowledge: k, now: NOW });
      const store = await openStore(db);
      const audit = fileAuditLog(auditFileFor(db));
      const d = { ...deps, store, audit };
      return { core: createCore(d), deps: d };
    };
    const a = await open();
    await a.core.handleMessage(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    const b = await open();
    const [out] = await b.core.handleMessage(groupMsg("/dangky Văn phòng", AGENCY_ADMIN));
    expect(out.text).toMatch(/^✅ Đã gắn nhóm này với đơn vị: Văn phòng — /);
    expect((await b.deps.audit.list()).map((e) => e.action)).toEqual(["role-add", "bind"]);
  });

  it("a memory log filters by agency, unit and text", async () => {
    const log = memoryAuditLog([
      { at: "1", channel: "telegram", userId: "1", action: "bind", agencyId: "a", unitId: "a/x", target: "g1" },
      { at: "2", channel: "telegram", userId: "1", action: "confirm", agencyId: "b", unitId: "b/y", target: "AB12" },
      { at: "3", channel: "telegram", userId: "1", action: "run-jobs" },
    ]);
    expect((await log.list({ agencyIds: ["a"] })).map((e) => e.at)).toEqual(["1"]);
    expect((await log.list({ unitId: "b/y" })).map((e) => e.at)).toEqual(["2"]);
    expect((await log.list({ text: "ab12" })).map((e) => e.at)).toEqual(["2"]);
    expect((await log.list({ limit: 2 })).map((e) => e.at)).toEqual(["2", "3"]);
  });
});

describe("an agency admin's /nhacviec runs the job for their agency only", () => {
  it("passes the agency to the job, which sends only that agency's reminders and leaves 08:00 due for the rest", async () => {
    const { say, deps } = setup();
    let asked: unknown = "not called";
    deps.runReminders = async (_reason, opts) => ((asked = opts), "Đã chạy nhắc việc: 1 mục mới.");
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    expect(await say(privateMsg("/nhacviec", AGENCY_ADMIN))).toBe("Đã chạy nhắc việc: 1 mục mới.\n(Chỉ các kế hoạch của Sở LĐTBXH Quảng Trị.)");
    expect(asked).toEqual({ agencyIds: ["quang-tri/so-ldtbxh"] });
    await say(privateMsg("/nhacviec"));
    expect(asked).toEqual({});

    const store = memoryStore({ bindings: [bind(QT_VP, "qt"), bind(SL_VP, "sl")] });
    const tg = recordingSender();
    const job = { store, knowledge: () => k, senders: { telegram: tg.sender }, now: () => new Date("2024-12-10T01:00:00Z"), limiter: noWaitLimiter, log: quietLog };
    await runReminderJob(job, { reason: "t", digest: true, catchUp: false, agencyIds: ["quang-tri/so-ldtbxh"] });
    expect(tg.sent.map((m) => m.chatId)).toEqual(["qt"]);
    expect(store.state.jobRuns.remind).toBeUndefined();
    await runReminderJob(job, { reason: "t", digest: false, catchUp: false });
    expect(tg.sent.map((m) => m.chatId)).toContain("sl");
    expect(store.state.jobRuns.remind).toBe("2024-12-10T01:00:00.000Z");
  });
});

describe("plan load and replacement", () => {
  it("a replaced plan leaves one entry with the old and the new plan; the log stays", { timeout: 60_000 }, async () => {
    const root = join(dir, "plans-case");
    cpSync(PLANS_DIR, join(root, "plans"), { recursive: true });
    const clock = new Date("2024-12-20T02:00:00Z");
    const files = new Map<string, Uint8Array>();
    const { deps } = testCore({ now: clock.toISOString() });
    const audit = fileAuditLog(join(root, "audit.jsonl"));
    await audit.append({ at: "2024-12-01T00:00:00.000Z", channel: "telegram", userId: "111", action: "bind", agencyId: "quang-tri/so-ldtbxh", before: null, after: { unitId: "x" } });
    Object.assign(deps, {
      knowledge: createKnowledgeRef(await ingestDirectory(join(root, "plans"), clock.toISOString())),
      plansDir: join(root, "plans"),
      knowledgeFile: join(root, "knowledge.json"),
      files: { telegram: async (id: string) => files.get(id)! },
      audit,
    });
    const core = createCore(deps);
    const QT_FILE = "quang-tri_so-ldtbxh_cchc-2024.txt";
    files.set("F1", new TextEncoder().encode(planText(QT_FILE)));
    const [summary] = await core.handleMessage(privateMsg("", "111", { file: { fileId: "F1", name: "kh-moi.txt", size: 10 } }));
    const id = summary.buttons![0][0].data.split(":")[2];
    // a stranger pressing the load button is refused and logged
    expect((await core.handlePress(press(`plan:load:${id}`, STAFF, { chatId: "111", chatType: "private" }))).toast).toMatch(/Mã của bạn: 222/);
    const ask = await core.handlePress(press(`plan:load:${id}`, "111", { chatId: "111", chatType: "private" }));
    expect(ask.edit?.buttons?.[0][0].data).toBe(`plan:replace:${id}`);
    const done = await core.handlePress(press(`plan:replace:${id}`, "111", { chatId: "111", chatType: "private" }));
    expect(done.edit?.text).toContain("✅ Đã nạp kế hoạch");
    const log = await audit.list();
    expect(log.map((e) => `${e.action}/${e.outcome}`)).toEqual(["bind/done", "load-plan/refused", "plan-replace/done"]);
    expect(log[2]).toMatchObject({ agencyId: "quang-tri/so-ldtbxh", before: { file: QT_FILE }, after: { file: expect.any(String) }, note: expect.stringContaining("tệp cũ giữ lại") });
    expect((await fileAuditLog(join(root, "audit.jsonl")).list())).toHaveLength(3);
  });
});
