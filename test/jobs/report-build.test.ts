// The report's arithmetic and the desk's readers of dates and periods (pure).
import { describe, expect, it } from "vitest";
import { classify, onTimeRate, percentText, periodLabel } from "../../jobs/report-build.ts";
import { adhocDates } from "../../jobs/occurrences.ts";
import { reportFileName } from "../../jobs/report-xlsx.ts";
import { findDay, findMonthly } from "../../bot/core/desk/common.ts";
import { parseWindow } from "../../bot/core/desk/report.ts";
import { State } from "../../data/store.ts";

describe("the four statuses", () => {
  it("judge a submission by its day in Viet Nam against the (extended) due date", () => {
    expect(classify("2024-03-15", "2024-03-15T16:59:00.000Z", "2024-03-20")).toBe("on-time"); // 23:59 on 15/3 in Hà Nội
    expect(classify("2024-03-15", "2024-03-15T17:00:00.000Z", "2024-03-20")).toBe("late"); // 00:00 on 16/3
    expect(classify("2024-03-15", null, "2024-03-15")).toBe("open"); // the due day itself is still within the deadline
    expect(classify("2024-03-15", null, "2024-03-16")).toBe("overdue");
  });

  it("% on time counts what is decided; open items wait", () => {
    expect(onTimeRate({ onTime: 3, late: 1, overdue: 1 })).toBe(0.6);
    expect(onTimeRate({ onTime: 0, late: 0, overdue: 0 })).toBeNull();
    expect(percentText(2 / 3)).toBe("66,7%");
    expect(percentText(1)).toBe("100%");
    expect(percentText(null)).toBe("—");
  });
});

describe("periods and days", () => {
  it("labels a month, a quarter, a year, or a range", () => {
    expect(periodLabel("2024-01-01", "2024-03-31")).toBe("quý I/2024");
    expect(periodLabel("2024-09-01", "2024-09-30")).toBe("tháng 9/2024");
    expect(periodLabel("2024-01-01", "2024-12-31")).toBe("năm 2024");
    expect(periodLabel("2024-07-01", "2024-09-15")).toBe("01/07/2024–15/09/2024");
    expect(reportFileName("quý III/2024")).toBe("bao-cao-quy-III-2024.xlsx");
  });

  it("/baocao reads 'tháng 9', 'quý III 2024', 'từ 01/7 đến 30/9/2024', nothing (this quarter), and refuses nonsense", () => {
    expect(parseWindow("tháng 9/2024", "2024-10-02")).toMatchObject({ from: "2024-09-01", to: "2024-09-30", label: "tháng 9/2024" });
    expect(parseWindow("quý III 2024 Thanh tra Sở", "2024-10-02")).toMatchObject({ from: "2024-07-01", to: "2024-09-30", label: "quý III/2024", rest: "thanh tra so" });
    expect(parseWindow("từ 01/7 đến 30/9/2024", "2024-10-02")).toMatchObject({ from: "2024-07-01", to: "2024-09-30", label: "quý III/2024" });
    expect(parseWindow("", "2024-10-02")).toMatchObject({ from: "2024-10-01", to: "2024-12-31", label: "quý IV/2024" });
    expect(parseWindow("từ 30/9/2024 đến 01/7/2024", "2024-10-02")).toMatchObject({ error: expect.stringContaining("Ngày bắt đầu 30/09/2024 sau ngày kết thúc 01/07/2024") });
    expect(parseWindow("quý V 2024", "2024-10-02")).toMatchObject({ error: expect.stringContaining("Tôi chưa hiểu khoảng thời gian") });
  });

  it("a day as people type it; one that does not exist is said so", () => {
    expect(findDay("29/3/2024 Công văn 12", "2024-03-01")).toEqual({ day: "2024-03-29", rest: "Công văn 12" });
    expect(findDay("ngày 5.4", "2024-03-01")).toEqual({ day: "2024-04-05", rest: "" });
    expect(findDay("2024-04-05", "2024-03-01")).toEqual({ day: "2024-04-05", rest: "" });
    expect(findDay("31/4/2024", "2024-03-01")).toEqual({ invalid: "31/4/2024" });
    expect(findDay("tuần sau", "2024-03-01")).toBeNull();
    expect(findMonthly("Báo cáo hằng tháng ngày 20")).toEqual({ day: 20, rest: "Báo cáo" });
    expect(findMonthly("hàng tháng vào ngày 5")?.day).toBe(5);
  });

  it("a monthly ad-hoc task: each month's day, clipped to short months, up to its end", () => {
    expect(adhocDates({ due: "2024-01-31", recurrence: { kind: "monthly", day: 31 }, until: "2024-04-30" })).toEqual(["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"]);
    expect(adhocDates({ due: "2024-11-20", recurrence: { kind: "monthly", day: 20 }, until: null })).toEqual(["2024-11-20", "2024-12-20"]);
    expect(adhocDates({ due: "2024-11-20", recurrence: null, until: null })).toEqual(["2024-11-20"]);
  });
});

describe("state", () => {
  it("an old state file still opens: no extensions, no ad-hoc tasks, evidence without a hash", () => {
    const s = State.parse({ submissions: [{ id: "a", occurrenceId: "x@2024-01-01", itemId: "x", planId: "p", unitId: "u", userId: "1", userName: "A", chatId: "c", channel: "telegram", at: "2024-01-01T00:00:00Z", evidence: { fileId: "F", name: "f.pdf" } }] });
    expect(s.extensions).toEqual([]);
    expect(s.adhocTasks).toEqual([]);
    expect(s.submissions[0].evidence).toEqual({ fileId: "F", name: "f.pdf" });
  });
});
