import { describe, expect, it } from "vitest";
import type { Binding, Submission, State } from "../../data/store.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import { planReminders, type PlannedReminder } from "../../jobs/reminders.ts";
import { CODE_ALPHABET, assignCodes, expandOccurrences, findByCode } from "../../jobs/occurrences.ts";
import { stagesFor } from "../../jobs/stages.ts";
import { defaultPolicy } from "../../jobs/policy.ts";
import { addDays, defaultCalendar, isWorkday, localInstant } from "../../jobs/workdays.ts";
import { QT_ALL, QT_LDVL, QT_TT, QT_UBND, QT_VP, SL_QLVT, SL_VP, bind, bindAllInternal, remindersKnowledge } from "../helpers/reminders-knowledge.ts";

interface Sim {
  knowledge: Knowledge;
  bindings: Binding[];
  from: string;
  to: string;
  submissions?: Submission[];
  snoozes?: State["snoozes"];
  /** called each day before planning: may add submissions/snoozes */
  onDay?: (day: string, sim: { submissions: Submission[]; snoozes: State["snoozes"] }) => void;
}

/** Runs the planner at 08:00 every calendar day, treating each planned reminder as sent. */
function simulate(sim: Sim): { day: string; r: PlannedReminder }[] {
  const sent: { id: string }[] = [];
  const submissions = [...(sim.submissions ?? [])];
  const snoozes = [...(sim.snoozes ?? [])];
  const out: { day: string; r: PlannedReminder }[] = [];
  for (let day = sim.from; day <= sim.to; day = addDays(day, 1)) {
    sim.onDay?.(day, { submissions, snoozes });
    const now = localInstant(day, 8, 0);
    const due = planReminders({ now, knowledge: sim.knowledge, bindings: sim.bindings, submissions, snoozes, sent });
    for (const r of due) {
      sent.push({ id: r.id });
      out.push({ day, r });
    }
  }
  return out;
}

const k = remindersKnowledge();
const occ = (title: string, due?: string) => expandOccurrences(k).find((o) => o.title === title && (!due || o.due === due))!;
const daysFor = (log: { day: string; r: PlannedReminder }[], title: string, unitId: string, due?: string) =>
  log.filter((e) => e.r.occurrence.title === title && e.r.unitId === unitId && (!due || e.r.occurrence.due === due)).map((e) => `${e.day} ${e.r.stage}`);

const submission = (title: string, unitId: string, at: string, due?: string): Submission => {
  const o = occ(title, due);
  return { id: `s-${o.code}-${unitId}`, occurrenceId: o.id, itemId: o.itemId, planId: o.planId, unitId, userId: "7", userName: "Chị Lan", chatId: "g", channel: "telegram", at, evidence: null, undoneAt: null };
};

describe("occurrences", () => {
  it("expands dated tasks and reports, one per date, and skips ongoing and event deadlines", () => {
    const all = expandOccurrences(k);
    expect(all.filter((o) => o.title === "Báo cáo kỷ luật, kỷ cương hành chính").map((o) => o.due)).toEqual(["2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15"]);
    expect(all.filter((o) => o.title === "Báo cáo CCHC định kỳ")).toHaveLength(4);
    expect(all.some((o) => o.title === "Tiếp công dân" || o.title === "Trình UBND công bố TTHC")).toBe(false);
    expect(all.find((o) => o.title === "Báo cáo năm 2024")!.lead).toEqual([SL_VP]); // no sender named → the coordinator
    expect(occ("Ban hành Kế hoạch kiểm soát TTHC").start).toBe("2024-01-01");
    expect(occ("Ban hành kế hoạch rà soát văn bản QPPL").id).toBe("quang-tri-ldtbxh-2024:task:1@2024-01-15");
  });
  it("gives short, stable, unambiguous codes that find their occurrence in any case", () => {
    const all = expandOccurrences(k);
    const codes = all.map((o) => o.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) {
      expect(c.length).toBeGreaterThanOrEqual(4);
      expect(c.length).toBeLessThanOrEqual(6);
      for (const ch of c) expect(CODE_ALPHABET).toContain(ch);
    }
    expect(expandOccurrences(remindersKnowledge()).map((o) => o.code)).toEqual(codes);
    expect(findByCode(k, codes[0].toLowerCase())?.id).toBe(all[0].id);
  });
  it("gives colliding ids longer codes instead of sharing one", () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `plan:task:${i}@2024-01-01`);
    const codes = assignCodes(ids);
    expect(new Set(codes.values()).size).toBe(ids.length);
  });
});

describe("stages", () => {
  const cal = defaultCalendar;
  it("are 7, 3, 1 working days before, the due day, then every 2 working days overdue, at most 5", () => {
    const s = stagesFor({ due: "2024-01-15", start: null }, defaultPolicy, cal);
    expect(s.map((x) => `${x.name} ${x.date}`)).toEqual([
      "d-7 2024-01-04", // 1/1 is Tết Dương lịch
      "d-3 2024-01-10",
      "d-1 2024-01-12",
      "due 2024-01-15",
      "over-2 2024-01-17",
      "over-4 2024-01-19",
      "over-6 2024-01-23",
      "over-8 2024-01-25",
      "over-10 2024-01-29",
    ]);
  });
  it("count Tết 2024 out (8–14/2)", () => {
    const s = stagesFor({ due: "2024-02-20", start: null }, defaultPolicy, cal);
    expect(s.slice(0, 3).map((x) => x.date)).toEqual(["2024-02-02", "2024-02-15", "2024-02-19"]);
  });
  it("merge d-1 and the due day when the due date is a Sunday (quarter end 31/3/2024) and add the window start", () => {
    const s = stagesFor({ due: "2024-03-31", start: "2024-01-01" }, defaultPolicy, cal);
    expect(s.map((x) => `${x.name} ${x.date}`).slice(0, 5)).toEqual(["start 2024-01-02", "d-7 2024-03-21", "d-3 2024-03-27", "due 2024-03-29", "over-2 2024-04-02"]);
  });
  it("handle 29/02/2024", () => {
    const s = stagesFor({ due: "2024-02-29", start: null }, defaultPolicy, cal);
    expect(s.map((x) => x.date)).toContain("2024-02-28");
    expect(s.find((x) => x.name === "due")!.date).toBe("2024-02-29");
    expect(s.find((x) => x.name === "over-2")!.date).toBe("2024-03-04");
  });
  it("fall on working days only", () => {
    for (const o of expandOccurrences(k)) for (const st of stagesFor(o, defaultPolicy, cal)) expect(isWorkday(st.date), `${o.id} ${st.name}`).toBe(true);
  });
});

describe("a year of runs (2024, every internal unit bound)", () => {
  const bindings = bindAllInternal(k);
  const log = simulate({ knowledge: k, bindings, from: "2024-01-01", to: "2024-12-31" });

  it("sends nothing on weekends, Tết or other public holidays", () => {
    for (const e of log) expect(isWorkday(e.day), `${e.day} ${e.r.id}`).toBe(true);
    const days = new Set(log.map((e) => e.day));
    for (const holiday of ["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"]) expect(days.has(holiday)).toBe(false);
  });

  it("reminds Văn phòng of a dated task at every stage, each once", () => {
    expect(daysFor(log, "Ban hành kế hoạch rà soát văn bản QPPL", QT_VP)).toEqual([
      "2024-01-04 d-7",
      "2024-01-10 d-3",
      "2024-01-12 d-1",
      "2024-01-15 due",
      "2024-01-17 over-2",
      "2024-01-19 over-4",
      "2024-01-23 over-6",
      "2024-01-25 over-8",
      "2024-01-29 over-10",
    ]);
  });

  it("opens a month window and a quarter window on their first working day", () => {
    expect(daysFor(log, "Ban hành kế hoạch công tác pháp chế", QT_VP)[0]).toBe("2024-01-02 start");
    expect(daysFor(log, "Ban hành Kế hoạch kiểm soát TTHC", QT_VP).slice(0, 4)).toEqual(["2024-01-02 start", "2024-03-21 d-7", "2024-03-27 d-3", "2024-03-29 due"]);
    // Quý IV/2024: 1/10 opens it; 31/12 is a Tuesday
    expect(daysFor(log, "Kiểm kê tài sản", QT_VP)).toEqual(["2024-10-01 start", "2024-12-20 d-7", "2024-12-26 d-3", "2024-12-30 d-1", "2024-12-31 due"]);
  });

  it("sends a collective lead to every bound internal unit of that agency, never to an external one", () => {
    const units = new Set(log.filter((e) => e.r.occurrence.title === "Đề xuất phương án đơn giản hóa TTHC").map((e) => e.r.unitId));
    expect([...units].sort()).toEqual([QT_LDVL, QT_TT, QT_VP].sort());
    // "Văn phòng, các đơn vị" names Văn phòng twice over: it still gets each stage once
    expect(daysFor(log, "Kiểm kê tài sản", QT_VP)).toHaveLength(5);
    expect(daysFor(log, "Kiểm kê tài sản", QT_TT)).toHaveLength(5);
  });

  it("skips Tết 2024 for a deadline just after it, and handles 29/02/2024", () => {
    expect(daysFor(log, "Báo cáo sau Tết", QT_TT).slice(0, 4)).toEqual(["2024-02-02 d-7", "2024-02-15 d-3", "2024-02-19 d-1", "2024-02-20 due"]);
    expect(daysFor(log, "Báo cáo thanh tra tháng 2", QT_TT).slice(0, 4)).toEqual(["2024-02-20 d-7", "2024-02-26 d-3", "2024-02-28 d-1", "2024-02-29 due"]);
  });

  it("reminds each date of a several-date deadline; a Saturday due date is reminded on the Friday", () => {
    const june = daysFor(log, "Báo cáo kỷ luật, kỷ cương hành chính", QT_VP, "2024-06-15");
    expect(june.slice(0, 3)).toEqual(["2024-06-06 d-7", "2024-06-12 d-3", "2024-06-14 due"]);
    expect(daysFor(log, "Báo cáo CCHC định kỳ", SL_QLVT, "2024-09-15").slice(0, 3)).toEqual(["2024-09-05 d-7", "2024-09-11 d-3", "2024-09-13 due"]);
  });

  it("ends overdue pings after five", () => {
    const d = daysFor(log, "Đề xuất phương án đơn giản hóa TTHC", QT_TT);
    expect(d.filter((x) => x.includes("over-"))).toHaveLength(5);
    expect(d.at(-1)).toBe("2024-09-17 over-10"); // 2/9 and 3/9 are Quốc khánh
  });

  it("gives no unit two stages of one occurrence on one day, and nothing to unbound units", () => {
    const seen = new Set<string>();
    for (const e of log) {
      const key = `${e.day}|${e.r.occurrence.id}|${e.r.unitId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    expect(log.some((e) => e.r.unitId === QT_UBND)).toBe(false);
  });

  it("names unit, task, plan, due date, days left, product and code in each item", () => {
    const e = log.find((x) => x.r.occurrence.title === "Báo cáo kết quả rà soát" && x.r.stage === "d-3")!;
    expect(e.day).toBe("2024-11-13");
    expect(e.r.unitName).toBe("Văn phòng");
    expect(e.r.text).toContain("Báo cáo kết quả rà soát");
    expect(e.r.text).toContain("Kế hoạch cải cách hành chính năm 2024 — Sở LĐTBXH Quảng Trị");
    expect(e.r.text).toContain("Trước 18/11/2024");
    expect(e.r.text).toContain("còn 5 ngày");
    expect(e.r.text).toContain("Sản phẩm cần nộp: Báo cáo");
    expect(e.r.text).toContain(`mã ${e.r.occurrence.code}`);
  });
});

describe("confirmation, snooze, binding and restarts", () => {
  it("a confirmation cancels that unit's remaining stages, not the others'", () => {
    const bindings = bindAllInternal(k);
    const log = simulate({
      knowledge: k,
      bindings,
      from: "2024-08-01",
      to: "2024-09-30",
      onDay: (day, s) => {
        if (day === "2024-08-27") s.submissions.push(submission("Đề xuất phương án đơn giản hóa TTHC", QT_TT, "2024-08-27T03:00:00Z"));
      },
    });
    // Thanh tra confirmed before the 08:00 run of 27/8: only the d-7 reminder reached it
    expect(daysFor(log, "Đề xuất phương án đơn giản hóa TTHC", QT_TT)).toEqual(["2024-08-21 d-7"]);
    expect(daysFor(log, "Đề xuất phương án đơn giản hóa TTHC", QT_VP)).toContain("2024-08-29 d-1");
    expect(daysFor(log, "Đề xuất phương án đơn giản hóa TTHC", QT_VP).length).toBe(9);
  });

  it("an undone confirmation lets the reminders resume", () => {
    const s = submission("Báo cáo kết quả rà soát", QT_VP, "2024-11-13T02:00:00Z");
    const log = simulate({
      knowledge: k,
      bindings: [bind(QT_VP, "vp")],
      from: "2024-11-01",
      to: "2024-11-30",
      submissions: [s],
      onDay: (day, st) => {
        if (day === "2024-11-15") st.submissions[0] = { ...s, undoneAt: "2024-11-14T03:00:00Z" };
      },
    });
    expect(daysFor(log, "Báo cáo kết quả rà soát", QT_VP)[0]).toBe("2024-11-15 d-1");
  });

  it("snooze: quiet until the next working day, then one reminder that day", () => {
    const o = occ("Báo cáo kết quả rà soát");
    const log = simulate({
      knowledge: k,
      bindings: [bind(QT_VP, "vp")],
      from: "2024-11-01",
      to: "2024-11-20",
      onDay: (day, st) => {
        // snoozed on Thursday 7/11 after the d-7 reminder: back on Friday 8/11
        if (day === "2024-11-07") st.snoozes.push({ occurrenceId: o.id, unitId: QT_VP, until: "2024-11-08" });
      },
    });
    expect(daysFor(log, "Báo cáo kết quả rà soát", QT_VP)).toEqual(["2024-11-08 snooze-2024-11-08", "2024-11-13 d-3", "2024-11-15 d-1", "2024-11-18 due", "2024-11-20 over-2"]);
  });

  it("a snooze over a stage day holds that stage until the snooze ends", () => {
    const o = occ("Báo cáo kết quả rà soát");
    const log = simulate({
      knowledge: k,
      bindings: [bind(QT_VP, "vp")],
      from: "2024-11-12",
      to: "2024-11-14",
      snoozes: [{ occurrenceId: o.id, unitId: QT_VP, until: "2024-11-14" }],
    });
    // d-3 (13/11) was snoozed: it comes on 14/11 instead
    expect(daysFor(log, "Báo cáo kết quả rà soát", QT_VP)).toEqual(["2024-11-14 snooze-2024-11-14"]);
  });

  it("a group bound mid-window gets the current stage, not the whole history", () => {
    const log = simulate({ knowledge: k, bindings: [bind(QT_VP, "vp")], from: "2024-11-14", to: "2024-11-14" });
    expect(daysFor(log, "Báo cáo kết quả rà soát", QT_VP)).toEqual(["2024-11-14 d-3"]);
    // Quý IV opened on 1/10: too long ago to be worth a late "window opens" message
    expect(daysFor(log, "Kiểm kê tài sản", QT_VP)).toEqual([]);
  });

  it("a run after days of downtime sends only the latest stage of each item", () => {
    const log = simulate({ knowledge: k, bindings: [bind(QT_VP, "vp")], from: "2024-01-16", to: "2024-01-16" });
    expect(daysFor(log, "Ban hành kế hoạch rà soát văn bản QPPL", QT_VP)).toEqual(["2024-01-16 due"]);
  });

  it("is idempotent: a second run at the same instant plans nothing", () => {
    const bindings = bindAllInternal(k);
    const now = localInstant("2024-03-20", 8, 0);
    const first = planReminders({ now, knowledge: k, bindings, submissions: [], snoozes: [], sent: [] });
    expect(first.length).toBeGreaterThan(0);
    expect(planReminders({ now, knowledge: k, bindings, submissions: [], snoozes: [], sent: first })).toEqual([]);
  });

  it("a unit bound in two chats (Telegram and Zalo) is reminded in both", () => {
    const bindings = [bind(QT_VP, "tg-vp"), bind(QT_VP, "zl-vp", "zalo")];
    const due = planReminders({ now: localInstant("2024-11-13", 9, 0), knowledge: k, bindings, submissions: [], snoozes: [], sent: [] });
    expect(due.map((r) => `${r.channel}:${r.chatId}`).sort()).toEqual(["telegram:tg-vp", "zalo:zl-vp"]);
  });

  it("a collective lead reaches a unit only once it is bound", () => {
    const now = localInstant("2024-08-21", 8, 0);
    const before = planReminders({ now, knowledge: k, bindings: [bind(QT_VP, "vp")], submissions: [], snoozes: [], sent: [] });
    expect(before.filter((r) => r.occurrence.title === "Đề xuất phương án đơn giản hóa TTHC").map((r) => r.unitId)).toEqual([QT_VP]);
    const after = planReminders({ now, knowledge: k, bindings: [bind(QT_VP, "vp"), bind(QT_TT, "tt"), bind(QT_UBND, "ub")], submissions: [], snoozes: [], sent: [] });
    expect(after.filter((r) => r.occurrence.title === "Đề xuất phương án đơn giản hóa TTHC").map((r) => r.unitId).sort()).toEqual([QT_TT, QT_VP].sort());
    void QT_ALL;
  });
});
