// Recurring deadlines feed reminders like dated ones: a rule ("trước ngày 20 hằng tháng") gives one
// occurrence per day in each year of the plan, with the usual `${itemId}@${due}` ids.
import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../knowledge/deadlines.ts";
import { Knowledge, type Task } from "../../knowledge/schema.ts";
import { expandOccurrences } from "../../jobs/occurrences.ts";
import { planReminders } from "../../jobs/reminders.ts";
import { localInstant } from "../../jobs/workdays.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../helpers/reminders-knowledge.ts";

const PLAN = "quang-tri-ldtbxh-2024";

/** The reminder tests' knowledge, with tasks whose deadlines are read from the given words. */
function withTasks(deadlines: string[], period?: { from: number; to: number }): Knowledge {
  const base = remindersKnowledge();
  const template = base.tasks[0];
  const tasks: Task[] = deadlines.map((text, i) => ({
    ...template,
    id: `${PLAN}:task:${100 + i}`,
    text: `Việc ${i + 1}`,
    task: `Việc ${i + 1}`,
    lead: [i % 2 === 0 ? QT_VP : QT_TT],
    deadline: parseDeadline(text, { year: period?.from ?? 2024 }),
  }));
  const plans = base.plans.map((p) => (p.id === PLAN && period ? { ...p, period: { ...p.period, ...period } } : p));
  return Knowledge.parse({ ...base, plans, tasks: [...base.tasks, ...tasks] });
}

const of = (k: Knowledge, title: string) => expandOccurrences(k).filter((o) => o.title === title);

describe("occurrences of recurring deadlines", () => {
  it("gives a monthly rule 12 occurrences in a plan year, one on each day", () => {
    const occ = of(withTasks(["trước ngày 20 hằng tháng"]), "Việc 1");
    expect(occ).toHaveLength(12);
    expect(occ.map((o) => o.due)).toEqual(Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}-20`));
    expect(occ[2].id).toBe(`${PLAN}:task:100@2024-03-20`);
    expect(occ[2].dueText).toBe("trước ngày 20 hằng tháng (hạn 20/3/2024)");
    expect(new Set(occ.map((o) => o.code)).size).toBe(12);
  });

  it("gives a quarterly rule its four days, and 'tháng đầu quý sau' the next January for Quý IV", () => {
    expect(of(withTasks(["trước ngày 10 của tháng cuối quý"]), "Việc 1").map((o) => o.due)).toEqual(["2024-03-10", "2024-06-10", "2024-09-10", "2024-12-10"]);
    expect(of(withTasks(["Hằng quý, trước ngày 5 tháng đầu quý sau"]), "Việc 1").map((o) => o.due)).toEqual(["2024-04-05", "2024-07-05", "2024-10-05", "2025-01-05"]);
  });

  it("repeats a rule in every year of a plan's period", () => {
    const occ = of(withTasks(["trước ngày 15 của tháng cuối quý", "hàng năm trước ngày 15/12"], { from: 2024, to: 2026 }), "Việc 1");
    expect(occ).toHaveLength(12);
    expect(occ[0].due).toBe("2024-03-15");
    expect(occ[11].due).toBe("2026-12-15");
    const yearly = of(withTasks(["trước ngày 15 của tháng cuối quý", "hàng năm trước ngày 15/12"], { from: 2024, to: 2026 }), "Việc 2");
    expect(yearly.map((o) => o.due)).toEqual(["2024-12-15", "2025-12-15", "2026-12-15"]);
  });

  it("skips the years where a rule's day does not exist rather than inventing one", () => {
    const occ = of(withTasks(["trước ngày 29 hằng tháng"], { from: 2024, to: 2025 }), "Việc 1");
    expect(occ.map((o) => o.due)).toContain("2024-02-29");
    expect(occ.every((o) => o.due < "2025-01-01")).toBe(true);
  });

  it("gives every listed step and every day of a list its occurrence, and none to relative or unknown deadlines", () => {
    const k = withTasks(["ban hành trong tháng 3/2024; hoàn thành trước ngày 31/10/2024", "Chậm nhất 15 ngày kể từ ngày ký", "trước ngày 31 hằng tháng", "Đợt 1: Quý II/2024; đợt 2: Quý IV/2024"]);
    expect(of(k, "Việc 1").map((o) => o.due)).toEqual(["2024-03-31", "2024-10-31"]);
    expect(of(k, "Việc 2")).toEqual([]);
    expect(of(k, "Việc 3")).toEqual([]);
    expect(of(k, "Việc 4").map((o) => o.due)).toEqual(["2024-06-30", "2024-12-31"]);
  });

  it("leaves today's dated tasks and reports as they were", () => {
    const before = expandOccurrences(remindersKnowledge()).map((o) => `${o.id} ${o.dueText} ${o.start}`);
    const after = expandOccurrences(withTasks([])).map((o) => `${o.id} ${o.dueText} ${o.start}`);
    expect(after).toEqual(before);
  });

  it("reminds a bound unit of this month's day of a monthly rule", () => {
    const k = withTasks(["trước ngày 20 hằng tháng"]);
    const planned = planReminders({ now: localInstant("2024-05-20", 8, 0), knowledge: k, bindings: [bind(QT_VP, "g1")], submissions: [], snoozes: [], sent: [] });
    const mine = planned.filter((r) => r.occurrence.title === "Việc 1");
    expect(mine.map((r) => `${r.occurrence.due} ${r.stage}`)).toContain("2024-05-20 due");
  });
});
