import { describe, expect, it } from "vitest";
import holidayData from "../../data/holidays.json" with { type: "json" };
import { lunarToSolar } from "../../jobs/lunar.ts";
import {
  addWorkdays,
  coversYear,
  isWorkday,
  isoWeekday,
  localDate,
  localInstant,
  workdayOnOrAfter,
  workdayOnOrBefore,
  workdaysBetween,
} from "../../jobs/workdays.ts";

const years = holidayData.years as Record<string, { source: string; days: { date: string; name: string }[]; makeupWorkdays?: string[] }>;

describe("Vietnamese lunar dates (Hồ Ngọc Đức, UTC+7)", () => {
  it("gives the known Tết and Giỗ Tổ days", () => {
    expect(lunarToSolar(1, 1, 2024)).toBe("2024-02-10");
    expect(lunarToSolar(1, 1, 2025)).toBe("2025-01-29");
    expect(lunarToSolar(1, 1, 2023)).toBe("2023-01-22");
    expect(lunarToSolar(1, 1, 2026)).toBe("2026-02-17");
    expect(lunarToSolar(10, 3, 2024)).toBe("2024-04-18");
    expect(lunarToSolar(10, 3, 2025)).toBe("2025-04-07");
    expect(lunarToSolar(10, 3, 2023)).toBe("2023-04-29");
  });
  it("follows Vietnam's time zone, not China's, in 2030 (Tết on 2/2, not 3/2)", () => {
    expect(lunarToSolar(1, 1, 2030)).toBe("2030-02-02");
  });
});

describe("data/holidays.json", () => {
  it("covers 2021–2030, each year naming its source", () => {
    for (let y = 2021; y <= 2030; y++) {
      expect(coversYear(y)).toBe(true);
      expect(years[String(y)].source.length).toBeGreaterThan(20);
    }
  });
  it("lists only weekdays, sorted, inside their year; make-up days are Saturdays", () => {
    for (const [y, data] of Object.entries(years)) {
      const dates = data.days.map((d) => d.date);
      expect([...dates].sort()).toEqual(dates);
      for (const d of dates) {
        expect(d.startsWith(y)).toBe(true);
        expect(isoWeekday(d)).toBeLessThanOrEqual(5);
      }
      for (const d of data.makeupWorkdays ?? []) expect(isoWeekday(d)).toBe(6);
    }
  });
  it("gives every year 1/1 (or its bù), five Tết weekdays around mùng 1, Giỗ Tổ, 30/4, 1/5 and two Quốc khánh days", () => {
    for (let y = 2021; y <= 2030; y++) {
      const days = years[String(y)].days;
      const tet = days.filter((d) => d.name.includes("Tết Nguyên đán"));
      expect(tet.length, `Tết ${y}`).toBe(5);
      const mung1 = lunarToSolar(1, 1, y);
      // every Tết day is within 8 days of mùng 1 (the eve, mùng 1–5, and bù days)
      for (const d of tet) expect(Math.abs(Date.parse(d.date) - Date.parse(mung1)) / 86_400_000).toBeLessThanOrEqual(8);
      // Giỗ Tổ (10/3 âm lịch) is a holiday, or falls on a weekend and is made up on a weekday
      const gioTo = lunarToSolar(10, 3, y);
      expect(isWorkday(gioTo)).toBe(false);
      for (const fixed of [`${y}-01-01`, `${y}-04-30`, `${y}-05-01`, `${y}-09-02`]) expect(isWorkday(fixed), fixed).toBe(false);
      const quocKhanh = days.filter((d) => d.date.slice(5, 7) === "08" || d.date.slice(5, 7) === "09");
      expect(quocKhanh.length, `Quốc khánh ${y}`).toBeGreaterThanOrEqual(1);
      // the total of weekday holidays: 11 a year (1 + 5 + 1 + 1 + 1 + 2), more with announced bridge days
      expect(days.length, `total ${y}`).toBeGreaterThanOrEqual(11);
    }
  });
  it("holds the officially announced days of 2024 and 2025", () => {
    for (const d of ["2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18", "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03"]) expect(isWorkday(d), d).toBe(false);
    for (const d of ["2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07", "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02"]) expect(isWorkday(d), d).toBe(false);
    expect(isWorkday("2024-05-04")).toBe(true); // Saturday worked in exchange for 29/4
    expect(isWorkday("2025-04-26")).toBe(true);
  });
});

describe("working-day arithmetic", () => {
  it("skips weekends", () => {
    expect(isWorkday("2024-03-15")).toBe(true); // Friday
    expect(isWorkday("2024-03-16")).toBe(false);
    expect(addWorkdays("2024-03-15", 1)).toBe("2024-03-18");
    expect(addWorkdays("2024-03-18", -1)).toBe("2024-03-15");
    expect(addWorkdays("2024-03-15", 0)).toBe("2024-03-15");
  });
  it("skips Tết 2024: the working day after 7/2 is 15/2", () => {
    expect(addWorkdays("2024-02-07", 1)).toBe("2024-02-15");
    expect(addWorkdays("2024-02-15", -1)).toBe("2024-02-07");
    expect(workdaysBetween("2024-02-07", "2024-02-15")).toBe(1);
  });
  it("handles 29/02/2024 (a Thursday, a working day)", () => {
    expect(isWorkday("2024-02-29")).toBe(true);
    expect(addWorkdays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addWorkdays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addWorkdays("2024-02-29", -7)).toBe("2024-02-20");
  });
  it("moves a due date on a weekend or holiday to the working day before / after", () => {
    expect(workdayOnOrBefore("2024-06-15")).toBe("2024-06-14"); // Saturday → Friday
    expect(workdayOnOrBefore("2024-09-02")).toBe("2024-08-30"); // Quốc khánh Monday → Friday
    expect(workdayOnOrAfter("2024-09-01")).toBe("2024-09-04");
    expect(workdayOnOrAfter("2025-01-01")).toBe("2025-01-02");
  });
  it("counts working days in (a, b], negative backwards", () => {
    expect(workdaysBetween("2024-03-15", "2024-03-19")).toBe(2);
    expect(workdaysBetween("2024-03-19", "2024-03-15")).toBe(-2);
    expect(workdaysBetween("2024-12-31", "2024-12-31")).toBe(0);
  });
  it("reads the local day of an instant in Asia/Ho_Chi_Minh (UTC+7)", () => {
    expect(localDate(new Date("2024-03-14T17:30:00Z"))).toBe("2024-03-15");
    expect(localDate(new Date("2024-03-14T16:59:00Z"))).toBe("2024-03-14");
    expect(localInstant("2024-03-15", 8, 0).toISOString()).toBe("2024-03-15T01:00:00.000Z");
  });
});
