import { describe, expect, it } from "vitest";
import type { State } from "../../../../data/store.ts";
import { expandOccurrences } from "../../../../jobs/occurrences.ts";
import { reminderHarness, groupMsg, privateMsg, press, ADMIN, STAFF, GROUP } from "../../../helpers/reminders-core.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../../../helpers/reminders-knowledge.ts";

const k = remindersKnowledge();
const occ = (title: string, due?: string) => expandOccurrences(k).find((o) => o.title === title && (!due || o.due === due))!;
const report = occ("Báo cáo kết quả rà soát"); // Văn phòng, due 18/11/2024
const kiemKe = occ("Kiểm kê tài sản"); // Văn phòng + every unit, Quý IV
const NOW = "2024-11-13T09:00:00+07:00";

function setup(extra: Partial<State> = {}, now = NOW) {
  const state: Partial<State> = {
    bindings: [bind(QT_VP, GROUP), bind(QT_TT, "-200")],
    sentMessages: [
      { channel: "telegram", chatId: GROUP, messageId: "500", codes: [report.code], at: "2024-11-13T01:00:00.000Z" },
      { channel: "telegram", chatId: GROUP, messageId: "501", codes: [report.code, kiemKe.code], at: "2024-11-13T01:00:00.000Z" },
    ],
    outbox: [
      { id: `${report.id}|${QT_VP}|d-3|${GROUP}`, occurrenceId: report.id, itemId: report.itemId, planId: "quang-tri-ldtbxh-2024", unitId: QT_VP, chatId: GROUP, channel: "telegram", stage: "d-3", due: report.due, code: report.code, text: "x", status: "pending", createdAt: "", sentAt: null, messageId: null, attempts: 1, lastError: "down" },
    ],
    ...extra,
  };
  const h = reminderHarness({ knowledge: k, now, state });
  return { core: h, deps: h.deps };
}

const reply = (text: string, to = "500", userId = STAFF, extra = {}) =>
  groupMsg(text, userId, { replyTo: { messageId: to, text: "🔔 Nhắc hạn", fromBot: true }, addressed: true, userName: "Chị Lan", ...extra });

describe("confirmation by reply", () => {
  it("records 'đã nộp' replied to a reminder, stops its stages and acknowledges with an undo button", async () => {
    const { core, deps } = setup();
    const out = await core.handleMessage(reply("Đã nộp ạ"));
    expect(out).toHaveLength(1);
    expect(out[0].text).toContain("✅ Đã ghi nhận: Văn phòng đã nộp «Báo cáo kết quả rà soát»");
    expect(out[0].text).toContain("Người xác nhận: Chị Lan, lúc 09:00 ngày 13/11/2024");
    const s = deps.store.state.submissions;
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ occurrenceId: report.id, unitId: QT_VP, userId: STAFF, userName: "Chị Lan", chatId: GROUP, evidence: null, undoneAt: null });
    expect(out[0].buttons).toEqual([[{ text: "↩️ Hoàn tác", data: `undo:${s[0].id}` }]]);
    expect(out[0].textFallback).toBe(`Nếu nhầm, trả lời "hoàn tác ${s[0].id}" trong 24 giờ.`);
    expect(deps.store.state.outbox[0].status).toBe("cancelled");
  });

  it("accepts đã gửi / xong / hoàn thành / done in any case, with or without diacritics", async () => {
    for (const word of ["DA NOP", "đã gửi", "Xong", "hoàn thành rồi", "HOAN THANH", "Done!", "da gui bao cao"]) {
      const { core, deps } = setup();
      await core.handleMessage(reply(word));
      expect(deps.store.state.submissions, word).toHaveLength(1);
    }
  });

  it("confirming twice changes nothing", async () => {
    const { core, deps } = setup();
    await core.handleMessage(reply("đã nộp"));
    const out = await core.handleMessage(reply("xong", "500", "333"));
    expect(out[0].text).toContain("đã được ghi nhận lúc 09:00 ngày 13/11/2024 (người xác nhận: Chị Lan). Không có gì thay đổi.");
    expect(deps.store.state.submissions).toHaveLength(1);
  });

  it("keeps an attached file as evidence", async () => {
    const { core, deps } = setup();
    const out = await core.handleMessage(reply("đã nộp", "500", STAFF, { file: { fileId: "F1", name: "bao-cao-ra-soat.pdf" } }));
    expect(deps.store.state.submissions[0].evidence).toEqual({ fileId: "F1", name: "bao-cao-ra-soat.pdf" });
    expect(out[0].text).toContain("Tệp kèm theo: bao-cao-ra-soat.pdf");
  });

  it("finds the item by the code quoted in an old reminder it has no record of", async () => {
    const { core, deps } = setup({ sentMessages: [] });
    await core.handleMessage(groupMsg("xong", STAFF, { replyTo: { messageId: "77", text: `• Báo cáo kết quả rà soát [mã ${report.code}]`, fromBot: true }, addressed: true }));
    expect(deps.store.state.submissions.map((s) => s.occurrenceId)).toEqual([report.id]);
  });

  it("accepts 'đã nộp <mã>' typed without a reply (and in lower case)", async () => {
    const { core, deps } = setup();
    await core.handleMessage(groupMsg(`đã nộp ${kiemKe.code.toLowerCase()}`, STAFF));
    expect(deps.store.state.submissions.map((s) => s.occurrenceId)).toEqual([kiemKe.id]);
  });

  it("ignores 'xong' said in passing, and 'xong chưa?' asked about a reminder", async () => {
    const { core, deps } = setup();
    expect(await core.handleMessage(groupMsg("xong rồi, đi ăn trưa thôi", STAFF))).toEqual([]);
    await core.handleMessage(reply("xong chưa?"));
    expect(deps.store.state.submissions).toEqual([]);
  });

  it("asks which item when the reply is to a reminder of several, and takes the last open one", async () => {
    const { core, deps } = setup();
    const ask = await core.handleMessage(reply("đã nộp", "501"));
    expect(ask[0].text).toContain("Tin nhắc này có nhiều việc");
    expect(ask[0].buttons!.map((r) => r[0].data).sort()).toEqual([`ok:${report.code}`, `ok:${kiemKe.code}`].sort());
    expect(deps.store.state.submissions).toEqual([]);
    await core.handleMessage(groupMsg(`đã nộp ${report.code}`, STAFF));
    await core.handleMessage(reply("xong", "501"));
    expect(deps.store.state.submissions.map((s) => s.occurrenceId).sort()).toEqual([kiemKe.id, report.id].sort());
  });

  it("politely refuses a group of another unit, and changes nothing", async () => {
    const { core, deps } = setup();
    const out = await core.handleMessage(groupMsg(`đã nộp ${report.code}`, STAFF, { chatId: "-200" }));
    expect(out[0].text).toContain("không giao cho Thanh tra");
    expect(deps.store.state.submissions).toEqual([]);
  });

  it("lets a typed 'hoàn tác <id>' undo it on text-only channels", async () => {
    const { core, deps } = setup();
    await core.handleMessage(reply("đã nộp"));
    const id = deps.store.state.submissions[0].id;
    const out = await core.handleMessage(groupMsg(`Hoàn tác ${id}`, STAFF));
    expect(out[0].text).toContain("↩️ Đã hoàn tác xác nhận «Báo cáo kết quả rà soát»");
    expect(deps.store.state.submissions[0].undoneAt).not.toBeNull();
  });
});

describe("buttons", () => {
  it("✅ by a member of the unit's group records it", async () => {
    const { core, deps } = setup();
    const r = await core.handlePress(press(`ok:${report.code}`, STAFF, { userName: "Anh Minh" }));
    expect(r.toast).toBe("Đã ghi nhận ✅");
    expect(r.replies[0].text).toContain("Người xác nhận: Anh Minh");
    expect(deps.store.state.submissions).toHaveLength(1);
  });

  it("✅ from outside the unit's group, by a non-admin, is refused politely", async () => {
    const { core, deps } = setup();
    const r = await core.handlePress(press(`ok:${report.code}`, STAFF, { chatId: STAFF, chatType: "private" }));
    expect(r.toast).toContain("Xin lỗi, chỉ thành viên nhóm của Văn phòng (hoặc quản trị viên)");
    expect(r.replies).toEqual([]);
    expect(deps.store.state.submissions).toEqual([]);
  });

  it("an admin may confirm from a private chat when one unit owes the item", async () => {
    const { core, deps } = setup();
    const out = await core.handleMessage(privateMsg(`đã nộp ${report.code}`, ADMIN));
    expect(out[0].text).toContain("✅ Đã ghi nhận: Văn phòng");
    expect(deps.store.state.submissions[0].unitId).toBe(QT_VP);
    const many = await core.handleMessage(privateMsg(`đã nộp ${kiemKe.code}`, ADMIN));
    expect(many[0].text).toContain("giao cho nhiều đơn vị");
  });

  it("⏰ snoozes to the next working day and cancels what was pending", async () => {
    const { core, deps } = setup({}, "2024-11-15T09:00:00+07:00"); // Friday
    const r = await core.handlePress(press(`snz:${report.code}`, STAFF));
    expect(r.toast).toContain("vào ngày 18/11/2024");
    expect(deps.store.state.snoozes).toEqual([{ occurrenceId: report.id, unitId: QT_VP, until: "2024-11-18" }]);
    expect(deps.store.state.outbox[0].status).toBe("cancelled");
  });

  it("↩️ undoes within 24 hours, not after", async () => {
    const first = setup();
    await first.core.handlePress(press(`ok:${report.code}`, STAFF));
    const id = first.deps.store.state.submissions[0].id;
    const r = await first.core.handlePress(press(`undo:${id}`, STAFF));
    expect(r.replies[0].text).toContain("Nhắc hạn sẽ tiếp tục");
    expect(first.deps.store.state.submissions[0].undoneAt).toBe("2024-11-13T02:00:00.000Z");

    const late = setup(
      { submissions: [{ id: "abcdefgh", occurrenceId: report.id, itemId: report.itemId, planId: "quang-tri-ldtbxh-2024", unitId: QT_VP, userId: STAFF, userName: "Lan", chatId: GROUP, channel: "telegram", at: "2024-11-12T01:00:00.000Z", evidence: null, undoneAt: null }] },
      "2024-11-13T09:00:00+07:00",
    );
    const r2 = await late.core.handlePress(press("undo:abcdefgh", STAFF));
    expect(r2.toast).toContain("Đã quá 24 giờ");
    expect(late.deps.store.state.submissions[0].undoneAt).toBeNull();
  });

  it("answers a button it does not know nothing of its own (other features may)", async () => {
    const { core } = setup();
    const r = await core.handlePress(press("ok:ZZZZZ", STAFF));
    expect(r.toast).toContain("Không tìm thấy việc có mã ZZZZZ");
  });
});
