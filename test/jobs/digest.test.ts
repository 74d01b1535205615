import { describe, expect, it } from "vitest";
import type { Submission } from "../../data/store.ts";
import { planDigest, planEscalations, tallyPlan } from "../../jobs/digest.ts";
import { expandOccurrences } from "../../jobs/occurrences.ts";
import { localInstant } from "../../jobs/workdays.ts";
import { QT_LDVL, QT_TT, QT_VP, SL_VP, bind, remindersKnowledge } from "../helpers/reminders-knowledge.ts";

const k = remindersKnowledge();
const occ = (title: string) => expandOccurrences(k).find((o) => o.title === title)!;
const bindings = [bind(QT_VP, "vp"), bind(QT_TT, "tt"), bind(QT_LDVL, "ldvl"), bind(SL_VP, "sl-vp")];
const sub = (title: string, unitId: string, at: string): Submission => {
  const o = occ(title);
  return { id: `s-${unitId}`, occurrenceId: o.id, itemId: o.itemId, planId: o.planId, unitId, userId: "7", userName: "Lan", chatId: "x", channel: "telegram", at, evidence: null, undoneAt: null };
};

describe("escalation to the coordinator group", () => {
  // "Trước 30/8/2024" (Friday), collective lead; 3 working days later is 6/9 (2/9 and 3/9 are Quốc khánh)
  const title = "Đề xuất phương án đơn giản hóa TTHC";
  it("reports every late unit once, on the third working day overdue, to the group bound to the coordinating unit", () => {
    const before = planEscalations({ now: localInstant("2024-09-05", 8, 0), knowledge: k, bindings, submissions: [], escalations: [] });
    expect(before.filter((e) => e.occurrenceId === occ(title).id)).toEqual([]);
    const due = planEscalations({ now: localInstant("2024-09-06", 8, 0), knowledge: k, bindings, submissions: [sub(title, QT_TT, "2024-08-29T03:00:00Z")], escalations: [] });
    const mine = due.filter((e) => e.occurrenceId === occ(title).id);
    expect(mine.map((e) => e.unitId).sort()).toEqual([QT_LDVL, QT_VP].sort()); // Thanh tra submitted
    expect(new Set(mine.map((e) => e.chatId))).toEqual(new Set(["vp"])); // Văn phòng coordinates the Quảng Trị plan
    expect(mine[0].text).toContain("đã quá hạn 7 ngày");
    expect(mine.find((e) => e.unitId === QT_LDVL)!.text).toContain("Phòng Lao động - Việc làm");
    const again = planEscalations({
      now: localInstant("2024-09-09", 8, 0),
      knowledge: k,
      bindings,
      submissions: [],
      escalations: mine.map((e) => ({ occurrenceId: e.occurrenceId, unitId: e.unitId, at: "2024-09-06T01:00:00Z" })),
    });
    expect(again.filter((e) => e.occurrenceId === occ(title).id).map((e) => e.unitId)).toEqual([QT_TT]);
  });
  it("goes nowhere when the coordinator's group is not registered", () => {
    const out = planEscalations({ now: localInstant("2024-09-06", 8, 0), knowledge: k, bindings: [bind(QT_TT, "tt")], submissions: [], escalations: [] });
    expect(out).toEqual([]);
  });
});

describe("Monday digest", () => {
  it("counts per unit on time / late / pending / overdue and lists the overdue items", () => {
    const now = localInstant("2024-09-09", 8, 0);
    const submissions = [sub("Đề xuất phương án đơn giản hóa TTHC", QT_TT, "2024-08-29T03:00:00Z"), sub("Đề xuất phương án đơn giản hóa TTHC", QT_LDVL, "2024-09-04T03:00:00Z")];
    const tallies = tallyPlan({ now, knowledge: k, bindings, submissions, escalations: [] }, "quang-tri-ldtbxh-2024");
    const tt = tallies.find((t) => t.unitId === QT_TT)!;
    const ldvl = tallies.find((t) => t.unitId === QT_LDVL)!;
    const vp = tallies.find((t) => t.unitId === QT_VP)!;
    expect(tt.onTime).toBe(1);
    expect(ldvl.late).toBe(1);
    expect(vp.overdue.map((o) => o.title)).toContain("Đề xuất phương án đơn giản hóa TTHC");
    expect(vp.pending).toBe(1); // kỷ luật, kỷ cương 15/9
    const [digest] = planDigest({ now, knowledge: k, bindings, submissions, escalations: [] }).filter((d) => d.planId === "quang-tri-ldtbxh-2024");
    expect(digest.chatId).toBe("vp");
    expect(digest.text).toContain("📋 Tổng hợp tuần");
    expect(digest.text).toContain("Thanh tra: 1 đúng hạn · 0 nộp trễ");
    expect(digest.text).toContain("Phòng Lao động - Việc làm: 0 đúng hạn · 1 nộp trễ");
    // the same % on time as /baocao: on time / (on time + late + overdue)
    expect(digest.text).toMatch(/Thanh tra: 1 đúng hạn · 0 nộp trễ · \d+ chưa đến hạn · 0 quá hạn · 100% đúng hạn/);
    expect(digest.text).toMatch(/Phòng Lao động - Việc làm: 0 đúng hạn · 1 nộp trễ · \d+ chưa đến hạn · 0 quá hạn · 0% đúng hạn/);
    expect(digest.text).toContain("Quá hạn chưa nộp:");
    expect(digest.id).toBe(`digest:quang-tri-ldtbxh-2024@2024-09-09|${QT_VP}|digest|vp`);
  });
});
