import { describe, expect, it } from "vitest";
import { expandOccurrences } from "../../../../jobs/occurrences.ts";
import { reminderHarness, groupMsg, privateMsg, ADMIN, STAFF, GROUP } from "../../../helpers/reminders-core.ts";
import { QT_LDVL, QT_TT, QT_VP, SL_QLVT, bind, remindersKnowledge } from "../../../helpers/reminders-knowledge.ts";

const k = remindersKnowledge();
const occ = (title: string) => expandOccurrences(k).find((o) => o.title === title)!;

describe("/tiendo", () => {
  const submissions = [
    { id: "s1", occurrenceId: occ("Đề xuất phương án đơn giản hóa TTHC").id, itemId: "x", planId: "quang-tri-ldtbxh-2024", unitId: QT_TT, userId: "9", userName: "Anh Hùng", chatId: "-200", channel: "telegram" as const, at: "2024-08-29T03:15:00.000Z", evidence: { fileId: "F", name: "to-trinh.pdf" }, undoneAt: null },
  ];
  const state = { bindings: [bind(QT_VP, GROUP), bind(QT_TT, "-200"), bind(QT_LDVL, "-300")], submissions };

  it("in the coordinator's group: per current item, who submitted (when, by whom), who is pending, who is overdue", async () => {
    const h = reminderHarness({ knowledge: k, now: "2024-09-05T10:00:00+07:00", state });
    const core = h;
    const [out] = await core.handleMessage(groupMsg("/tiendo", STAFF));
    expect(out.text).toContain("Đề xuất phương án đơn giản hóa TTHC");
    expect(out.text).toContain("✅ Thanh tra: đã nộp lúc 10:15 ngày 29/8/2024 (Anh Hùng) — tệp to-trinh.pdf");
    expect(out.text).toContain("⚠️ Phòng Lao động - Việc làm: chưa nộp — đã quá hạn 6 ngày");
    expect(out.text).toContain("⚠️ Văn phòng: chưa nộp — đã quá hạn");
    expect(out.text).toContain("Báo cáo kỷ luật, kỷ cương hành chính"); // due 15/9: reminders have begun
    expect(out.text).toContain("⏳ Văn phòng: chưa nộp");
    expect(out.text).not.toContain("Kiểm kê tài sản"); // Quý IV has not opened
  });

  it("in a unit's group: that unit's items only; /status works too", async () => {
    const h = reminderHarness({ knowledge: k, now: "2024-09-05T10:00:00+07:00", state });
    const core = h;
    const [out] = await core.handleMessage(groupMsg("/status", STAFF, { chatId: "-300" }));
    expect(out.text).toContain("📊 Tiến độ — Phòng Lao động - Việc làm");
    expect(out.text).toContain("⚠️ Phòng Lao động - Việc làm: chưa nộp — đã quá hạn");
    expect(out.text).not.toContain("Thanh tra");
  });

  it("in a private chat: every plan; in an unregistered group: how to register", async () => {
    const h = reminderHarness({ knowledge: k, now: "2024-09-05T10:00:00+07:00", state: { ...state, bindings: [...state.bindings, bind(SL_QLVT, "-400")] } });
    const core = h;
    const [priv] = await core.handleMessage(privateMsg("/tiendo", ADMIN));
    expect(priv.text).toContain("📁 Kế hoạch cải cách hành chính năm 2024 — Sở LĐTBXH Quảng Trị");
    expect(priv.text).toContain("📁 Kế hoạch cải cách hành chính năm 2024 — Sở GTVT Sơn La");
    const [unbound] = await core.handleMessage(groupMsg("/tiendo", STAFF, { chatId: "-999" }));
    expect(unbound.text).toContain("/dangky");
  });

  it("says so when nothing is due", async () => {
    const h = reminderHarness({ knowledge: k, now: "2024-07-20T10:00:00+07:00", state: { bindings: [bind(QT_TT, GROUP)] } });
    const core = h;
    const [out] = await core.handleMessage(groupMsg("/tiendo", STAFF));
    expect(out.text).toContain("Hiện không có việc nào đang trong kỳ nhắc hạn");
  });
});

describe("/nhacviec", () => {
  it("runs the job for an admin and reports what it did", async () => {
    const h = reminderHarness({ knowledge: k });
    const core = h;
    const deps = h.deps;
    const reasons: string[] = [];
    deps.runReminders = async (reason) => (reasons.push(reason), "Đã chạy nhắc việc: 2 mục mới, đã gửi 1 tin nhắn (2 mục).");
    const [out] = await core.handleMessage(groupMsg("/nhacviec", ADMIN));
    expect(out.text).toBe("Đã chạy nhắc việc: 2 mục mới, đã gửi 1 tin nhắn (2 mục).");
    expect(reasons).toEqual([`/nhacviec bởi telegram:${ADMIN}`]);
  });
  it("refuses a non-admin and runs nothing; /remind_now is the same command", async () => {
    const h = reminderHarness({ knowledge: k });
    const core = h;
    const deps = h.deps;
    let ran = false;
    deps.runReminders = async () => ((ran = true), "");
    const [out] = await core.handleMessage(groupMsg("/remind_now", STAFF));
    expect(out.text).toContain("chỉ quản trị viên");
    expect(ran).toBe(false);
  });
});
