// /giahan in process: the reminder job runs before and after with an injected clock; the status turns
// from "quá hạn" to "còn hạn"; history; two admins in a row; every bad input changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core, type CoreDeps } from "../../../../bot/core/index.ts";
import type { Incoming } from "../../../../bot/core/types.ts";
import { expandOccurrences, type Occurrence } from "../../../../jobs/occurrences.ts";
import { runReminderJob } from "../../../../jobs/run.ts";
import { buildReport } from "../../../../jobs/report-build.ts";
import type { Knowledge } from "../../../../knowledge/schema.ts";
import { sharedKnowledge } from "../../../helpers/shared-knowledge.ts";
import { testDeps } from "../../../helpers/bot-core.ts";
import { fakeClock, noWaitLimiter, quietLog, recordingSender } from "../../../helpers/reminders-env.ts";

const AGENCY = "son-la/so-gtvt";
const BQL = `${AGENCY}/ban-quan-ly-bao-tri-duong-bo`;
const BQL_CHAT = "-2002";
const VP_CHAT = "-2001";

let k: Knowledge;
let task: Occurrence; // due 20/1/2024, Ban QLBT and Trung tâm sát hạch

beforeAll(async () => {
  k = await sharedKnowledge();
  task = expandOccurrences(k).find((o) => o.planId === "son-la-gtvt-2024" && o.due === "2024-01-20")!;
});

function setup(start: string) {
  const clock = fakeClock(start);
  const { deps } = testDeps({
    knowledge: k,
    adminIds: ["111", "112"],
    state: {
      bindings: [
        { channel: "telegram", chatId: VP_CHAT, chatTitle: "VP", unitId: `${AGENCY}/van-phong-so`, agencyId: AGENCY, boundBy: "x", boundAt: "2024-01-01T00:00:00Z" },
        { channel: "telegram", chatId: BQL_CHAT, chatTitle: "BQL", unitId: BQL, agencyId: AGENCY, boundBy: "x", boundAt: "2024-01-01T00:00:00Z" },
      ],
    },
  });
  (deps as { now: () => Date }).now = clock.now;
  const core = createCore(deps);
  const telegram = recordingSender();
  const job = () => runReminderJob({ store: deps.store, knowledge: () => k, senders: { telegram: telegram.sender }, now: clock.now, limiter: noWaitLimiter, log: quietLog }, { reason: "test", digest: false, catchUp: false });
  return { deps, core, clock, telegram, job };
}

let n = 0;
const inGroup = (text: string, chatId = VP_CHAT, userId = "111", userName = "An"): Incoming => ({
  channel: "telegram",
  chatId,
  chatType: "group",
  userId,
  userName,
  messageId: String(++n),
  text,
  addressed: true,
  date: "2024-01-25T02:00:00.000Z",
});
const say = async (core: Core, text: string, chatId?: string, userId?: string) => (await core.handleMessage(inGroup(text, chatId, userId))).map((o) => o.text).join("\n");
const statusOf = (deps: CoreDeps) =>
  buildReport({ knowledge: k, state: deps.store.state, from: "2024-01-01", to: "2024-03-31", label: "quý I/2024", now: deps.now(), agencies: [AGENCY], unitId: BQL }).rows.find((r) => r.code === task.code)?.status;

describe("/giahan", () => {
  it("moves the due date: the pending reminder is cancelled, the job reminds from the new date, 'quá hạn' becomes 'còn hạn'", async () => {
    const { deps, core, clock, telegram, job } = setup("2024-01-17T08:00:00+07:00");
    // before: d-3 of 20/1 goes out on 17/1
    await job();
    const before = telegram.sent.filter((m) => m.chatId === BQL_CHAT);
    expect(before.map((m) => m.message.text).join("\n")).toContain(`[mã ${task.code}]`);
    expect(before.map((m) => m.message.text).join("\n")).toContain("20/1/2024");

    // overdue on 25/1: /tiendo in the unit's group and the report say so
    clock.set("2024-01-25T08:00:00+07:00");
    expect(await say(core, "/tiendo", BQL_CHAT)).toMatch(/⚠️ Ban Quản lý Bảo trì đường bộ: chưa nộp — đã quá hạn 5 ngày/);
    expect(statusOf(deps)).toBe("overdue");
    // a reminder written for the old date but not sent yet
    await deps.store.update((s) => {
      s.outbox.push({ id: `${task.id}|${BQL}|over-2|${BQL_CHAT}`, occurrenceId: task.id, itemId: task.itemId, planId: task.planId, unitId: BQL, chatId: BQL_CHAT, channel: "telegram", stage: "over-2", due: task.due, code: task.code, text: "x", status: "pending", createdAt: "", sentAt: null, messageId: null, attempts: 0, lastError: null });
    });

    const replies = await core.handleMessage(inGroup(`/giahan ${task.code.toLowerCase()} 31/01/2024 Quyết định 77/QĐ-SGTVT`));
    expect(replies[0].text).toContain(`✅ Đã gia hạn «${task.title}» [mã ${task.code}]: hạn mới 31/1/2024 (trước đó 20/1/2024).`);
    expect(replies[0].text).toContain("Đã báo nhóm của: Ban Quản lý Bảo trì đường bộ");
    expect(replies.slice(1)).toEqual([expect.objectContaining({ chatId: BQL_CHAT, channel: "telegram", text: expect.stringMatching(/^📅 Gia hạn: .* hạn mới 31\/1\/2024 \(hạn trước 20\/1\/2024\)\. Căn cứ: Quyết định 77\/QĐ-SGTVT\.$/) })]);
    expect(deps.store.state.outbox.find((r) => r.stage === "over-2")).toMatchObject({ status: "cancelled", lastError: "extended" });

    // after: "còn hạn", both dates shown, and the job reminds from 31/1 (its d-7 stage began on 22/1)
    const status = await say(core, "/tiendo", BQL_CHAT);
    expect(status).toContain("⏳ Ban Quản lý Bảo trì đường bộ: chưa nộp");
    expect(status).toContain("hạn 31/1/2024 (gia hạn; hạn cũ");
    expect(status).toContain("còn 6 ngày");
    expect(status).not.toContain("quá hạn 5 ngày");
    expect(statusOf(deps)).toBe("open");
    const sentBefore = telegram.sent.length;
    await job();
    const fresh = telegram.sent.slice(sentBefore).filter((m) => m.chatId === BQL_CHAT).map((m) => m.message.text).join("\n");
    expect(fresh).toContain(`[mã ${task.code}]`);
    expect(fresh).toContain("Hạn: 31/1/2024 (gia hạn; hạn cũ");
    expect(fresh).toContain("còn 6 ngày");
    expect(deps.store.state.outbox.filter((r) => r.occurrenceId === task.id && r.status === "sent").map((r) => r.stage)).toEqual(["d-3", "d-7@2024-01-31"]);
    // the next stage of the new date on its day, once
    clock.set("2024-01-26T08:00:00+07:00");
    await job();
    await job();
    expect(deps.store.state.outbox.filter((r) => r.occurrenceId === task.id && r.status === "sent").map((r) => r.stage)).toEqual(["d-3", "d-7@2024-01-31", "d-3@2024-01-31"]);
    // "đúng hạn" is judged against the new date: confirmed on 30/1 is on time
    clock.set("2024-01-30T10:00:00+07:00");
    expect(await say(core, `đã nộp ${task.code}`, BQL_CHAT, "500")).toContain("✅ Đã ghi nhận");
    expect(statusOf(deps)).toBe("on-time");
    expect(await say(core, "/tiendo", BQL_CHAT)).toContain("Tỷ lệ đúng hạn (các việc trên): 100%");
  });

  it("two admins one after the other: both in the history, the last one wins; /giahan <mã> alone shows it", async () => {
    const { deps, core } = setup("2024-01-25T08:00:00+07:00");
    await Promise.all([core.handleMessage(inGroup(`/giahan ${task.code} 5/2/2024 lần 1`, VP_CHAT, "111")), core.handleMessage(inGroup(`/giahan ${task.code} 9/2/2024 lần 2`, VP_CHAT, "112"))]);
    expect(deps.store.state.extensions.map((e) => [e.from, e.to, e.userId])).toEqual([
      ["2024-01-20", "2024-02-05", "111"],
      ["2024-02-05", "2024-02-09", "112"],
    ]);
    expect(expandOccurrences(k, deps.store.state).find((o) => o.id === task.id)?.due).toBe("2024-02-09");
    const history = await say(core, `/giahan ${task.code}`);
    expect(history).toContain(`Lịch sử gia hạn «${task.title}» [${task.code}]:`);
    expect(history).toContain("• 20/1/2024 → 5/2/2024 — lần 1");
    expect(history).toContain("• 5/2/2024 → 9/2/2024 — lần 2");
    expect(history).toContain("Hạn hiện tại: 9/2/2024.");
    expect(await say(core, `/giahan ${task.code} 9/2/2024 lần 3`)).toBe(`Hạn hiện tại của [${task.code}] đã là 9/2/2024. Không có gì thay đổi.`);
    expect(deps.store.state.extensions).toHaveLength(2);
  });

  it("bad input: one clear sentence each, nothing saved", async () => {
    const { deps, core } = setup("2024-01-25T08:00:00+07:00");
    expect(await say(core, "/giahan ZZZZZ 5/2/2024")).toBe("Không tìm thấy việc có mã ZZZZZ. Hãy kiểm tra lại mã (trong tin nhắc hạn hoặc /tiendo). Không có gì thay đổi.");
    expect(await say(core, `/giahan ${task.code} 10/1/2024`)).toBe("Ngày 10/1/2024 đã qua (hôm nay 25/1/2024); hạn mới phải từ hôm nay trở đi. Không có gì thay đổi.");
    expect(await say(core, `/giahan ${task.code} 31/2/2024`)).toBe("Ngày «31/2/2024» không có thật. Hãy gõ ngày dạng ngày/tháng/năm, ví dụ 30/9/2024. Không có gì thay đổi.");
    expect(await say(core, `/giahan ${task.code} tuần sau`)).toMatch(/^Tôi chưa đọc được ngày mới trong «tuần sau»/);
    expect(await say(core, `/giahan ${task.code} 20/01/2024`)).toBe(`Ngày 20/1/2024 đã qua (hôm nay 25/1/2024); hạn mới phải từ hôm nay trở đi. Không có gì thay đổi.`);
    expect(await say(core, `/giahan ${task.code} 5/2/2024`, BQL_CHAT, "500")).toMatch(/^Xin lỗi, chỉ quản trị viên mới được gia hạn hoặc giao việc; bạn chưa có quyền này\. Không có gì thay đổi\./);
    expect(deps.store.state.extensions).toEqual([]);
    expect(deps.store.state.outbox).toEqual([]);
  });
});
