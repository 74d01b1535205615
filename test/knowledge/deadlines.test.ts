import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDateEn, formatDateVi, formatDeadline, parseDeadline } from "../../knowledge/deadlines.ts";
import { Deadline } from "../../knowledge/schema.ts";

const ctx = { year: 2024 };
const plan = (file: string) => readFileSync(new URL(`../../data/plans/${file}`, import.meta.url), "utf8");

type Expect = Partial<Deadline> & { kind: Deadline["kind"] };
function check(text: string, want: Expect, c = ctx) {
  const got = parseDeadline(text, c);
  expect(Deadline.parse(got)).toEqual(got); // always a valid model value
  for (const [k, v] of Object.entries(want)) expect(got[k as keyof Deadline], `${text} → ${k}`).toEqual(v);
  if (!("recurring" in want)) expect(got.recurring, `${text} → recurring`).toBeUndefined();
  return got;
}

const q = (start: string, due: string) => ({ kind: "quarter" as const, start, due });
const day = (d: string) => ({ kind: "date" as const, start: d, due: d });
const none = (kind: Deadline["kind"]) => ({ kind, start: null, due: null });

describe("parseDeadline: the Quảng Trị appendix column 'Thời gian thực hiện'", () => {
  // Every distinct value of the column (the continuation "thay đổi" is merged by ingest).
  it.each([
    ["Quý I/2024", q("2024-01-01", "2024-03-31")],
    ["Quý III/2024", q("2024-07-01", "2024-09-30")],
    ["Quý IV/2024", q("2024-10-01", "2024-12-31")],
    ["Quý IV năm 2024", q("2024-10-01", "2024-12-31")],
    ["Tháng 1/2024", { kind: "month", start: "2024-01-01", due: "2024-01-31" }],
    ["Trước 15/01/2024", day("2024-01-15")],
    ["Trước 18/11/2024", day("2024-11-18")],
    ["Trước 30/8/2024", day("2024-08-30")],
    ["Trước 31/01/2024", day("2024-01-31")],
    ["Thường xuyên", none("ongoing")],
    ["Khi có QĐ công bố của Bộ", none("event")],
    ["Khi có phản ánh, kiến nghị", none("event")],
    ["Khi có TTHC ban hành mới hoặc khi có thay đổi", none("event")],
    ["Sau khi hoàn thành", none("event")],
    ["Theo kế hoạch", none("event")],
  ] as [string, Expect][])("%s", (text, want) => {
    check(text, want);
  });

  it("reads 'Định kỳ' alone as recurring and 'Quý I/2024 Định kỳ' as a quarter that recurs", () => {
    check("Định kỳ", { ...none("recurring"), recurring: "periodic" });
    check("Quý I/2024 Định kỳ", { ...q("2024-01-01", "2024-03-31"), recurring: "periodic" });
  });

  it("reads every deadline cell of the real appendix; only the page-break fragment stays unknown", () => {
    const cells = plan("quang-tri_so-ldtbxh_cchc-2024.txt")
      .split("\n")
      .map((line) => line.split("\t"))
      .filter((cols) => cols.length >= 8 && cols[0] !== "STT" && cols[7].trim() !== "")
      .map((cols) => cols[7]);
    expect(cells.length).toBeGreaterThan(50);
    const unknown = cells.filter((c) => parseDeadline(c, ctx).kind === "unknown");
    expect(unknown).toEqual(["thay đổi"]);
  });
});

describe("parseDeadline: Sơn La section V (report dates and cut-off windows)", () => {
  it("reads the four report dates with the year taken from the last one", () => {
    const d = check("15/3; 15/6; 15/9 và … 15/12/2024", { kind: "date", start: "2024-03-15", due: "2024-12-15" });
    expect(d.dates).toEqual(["2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15"]);
  });

  it("reads the plan's own line, Markdown bold and all, as the same four dates (and periodic)", () => {
    const line = plan("son-la_so-gtvt_cchc-2024.txt").split("\n").find((l) => l.startsWith("- Thời gian gửi báo cáo"))!;
    const d = check(line.replace(/^- Thời gian gửi báo cáo: /, ""), {
      kind: "date",
      due: "2024-12-15",
      recurring: "periodic",
    });
    expect(d.dates).toEqual(["2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15"]);
    expect(d.text).not.toContain("*");
  });

  it("takes the year of a year-less list from the plan when the text has none", () => {
    const d = check("15/3; 15/6; 15/9", { kind: "date", due: "2025-09-15" }, { year: 2025 });
    expect(d.dates).toEqual(["2025-03-15", "2025-06-15", "2025-09-15"]);
  });

  it("reads 'trước ngày **20/01/2024**' (the deadline of the two units' own plans)", () => {
    check("trước ngày **20/01/2024**", { ...day("2024-01-20"), text: "trước ngày 20/01/2024" });
  });

  it.each([
    ["từ ngày 15/12/2023 đến trước ngày 14/3/2024", "2023-12-15", "2024-03-14"],
    ["từ ngày 15/12/2023 đến trước ngày 14/6/2024", "2023-12-15", "2024-06-14"],
    ["từ ngày 14/6/2024 đến trước ngày 14/9/2024", "2024-06-14", "2024-09-14"],
    ["từ ngày 15/12/2023 đến trước ngày 14/12/2024", "2023-12-15", "2024-12-14"],
  ])("cut-off window %s is one window, not a list", (text, start, due) => {
    const d = check(text, { kind: "date", start, due });
    expect(d.dates).toBeUndefined();
  });

  it("reads the report names as their windows", () => {
    check("quý I/2024", q("2024-01-01", "2024-03-31"));
    check("06 tháng đầu năm 2024", q("2024-01-01", "2024-06-30"));
    check("6 tháng cuối năm", q("2024-07-01", "2024-12-31"));
    check("năm 2024", { kind: "year", start: "2024-01-01", due: "2024-12-31" });
  });
});

describe("parseDeadline: horizons and recurring words of the other plans", () => {
  it.each([
    ["Đến năm 2025", 2025],
    ["Đến năm 2025:", 2025],
    ["- Đến năm 2030:", 2030],
    ["đến năm 2030", 2030],
    ["định hướng đên năm 2030", 2030], // Đắk Lắk's typo
    ["Năm 2022", 2022],
  ])("%s → year %i", (text, y) => {
    check(text, { kind: "year", start: `${y}-01-01`, due: `${y}-12-31` });
  });

  it("reads a period 'giai đoạn 2021 - 2025' as its whole span", () => {
    check("giai đoạn 2021 - 2025", { kind: "year", start: "2021-01-01", due: "2025-12-31" });
  });

  it.each([
    ["Định kỳ hàng quý, 06 tháng, hàng năm", "periodic"],
    ["Định kỳ hàng quý", "quarterly"],
    ["hàng quý", "quarterly"],
    ["06 tháng", "half-yearly"],
    ["hàng năm", "yearly"],
    ["hằng năm", "yearly"],
    ["hằng tháng", "monthly"],
    ["Định kỳ, đột xuất", "periodic"],
  ])("%s → recurring %s", (text, period) => {
    check(text, { ...none("recurring"), recurring: period as Deadline["recurring"] });
  });

  it.each(["Thường xuyên", "thường xuyên, liên tục", "Hàng ngày", "Hằng ngày"])("%s → ongoing", (text) => {
    check(text, none("ongoing"));
  });

  it.each(["Khi có yêu cầu", "Theo yêu cầu", "Đột xuất", "khi có sự thay đổi"])("%s → event", (text) => {
    check(text, none("event"));
  });
});

describe("parseDeadline: forms and combinations", () => {
  it.each([
    ["Quý IV năm 2024", "2024-10-01", "2024-12-31"],
    ["quý 3/2024", "2024-07-01", "2024-09-30"],
    ["Quý 2/2024", "2024-04-01", "2024-06-30"],
    ["Quý II", "2024-04-01", "2024-06-30"],
    ["Quý I/25", "2025-01-01", "2025-03-31"],
  ])("quarter %s ends on the quarter's last day", (text, start, due) => {
    check(text, q(start, due));
  });

  it("reads months in both spellings, and a bare month in the plan's year", () => {
    check("tháng 01 năm 2024", { kind: "month", start: "2024-01-01", due: "2024-01-31" });
    check("Tháng 2/2024", { kind: "month", start: "2024-02-01", due: "2024-02-29" });
    check("Tháng 2/2023", { kind: "month", due: "2023-02-28" });
    check("tháng 12", { kind: "month", start: "2024-12-01", due: "2024-12-31" });
  });

  it("reads a written-out day 'ngày 15 tháng 12 năm 2021'", () => {
    check("ngày 15 tháng 12 năm 2021", day("2021-12-15"));
  });

  it("picks the most specific dated part and keeps the rest as flags", () => {
    check("Thường xuyên, Quý IV", q("2024-10-01", "2024-12-31"));
    check("Quý IV/2024, thường xuyên", q("2024-10-01", "2024-12-31"));
    check("Thường xuyên; trước 15/12/2024", day("2024-12-15"));
    check("Hàng quý, trước ngày 15/3/2024", { ...day("2024-03-15"), recurring: "quarterly" });
    check("Đến năm 2025, Quý IV", q("2025-10-01", "2025-12-31"), { year: 2025 });
  });

  it("lists several quarters with each end as a date", () => {
    const d = check("Quý I và Quý III/2024", { kind: "quarter", start: "2024-01-01", due: "2024-09-30" });
    expect(d.dates).toEqual(["2024-03-31", "2024-09-30"]);
  });
});

describe("parseDeadline: edge cases never give a wrong date", () => {
  it("knows leap years: 29/02/2024 is a day, 29/02/2023 and 30/02 are not", () => {
    check("29/02/2024", day("2024-02-29"));
    check("29/02/2023", none("unknown"));
    check("30/02/2024", none("unknown"));
  });

  it.each([
    "31/4/2024",
    "Trước 31/4",
    "15/3; 31/4; 15/9 và 15/12/2024", // one impossible day spoils the list
    "Tháng 13/2024",
    "Quý V/2024",
    "Quý 5/2024",
    "15/3/202",
    "trước 32/1/2024",
    "Trong 05 ngày làm việc",
    "Theo Nghị định 61/2018",
    "Thời gian thực hiện",
    "",
    "   ",
    "thay đổi",
    "Quý I/20 24",
  ])("%j → unknown, with its text and no date", (text) => {
    const d = check(text, none("unknown"));
    expect(d.dates).toBeUndefined();
    expect(d.text).toBe(text.trim().replace(/\s+/g, " "));
  });

  it("reads two-digit years as 20xx and a year-less day in the plan's year", () => {
    check("15/3/24", day("2024-03-15"));
    check("Trước 30/8/23", day("2023-08-30"));
    check("15/12", day("2024-12-15"));
    check("15/12", day("2026-12-15"), { year: 2026 });
  });

  it("gives the same answer for NFD text, extra spaces, line breaks and split syllables", () => {
    const cases: [string, string][] = [
      ["Quý IV năm 2024", "Quý IV năm 2024".normalize("NFD")],
      ["Trước ngày 20/01/2024", "  Trước   ngày\n20/01/2024 "],
      ["Thường xuyên", "Thườ ng xuyên".normalize("NFD")],
      ["Đến năm 2025", "Đế n\nnă m 2025"],
      ["Quý III/2024", "Qu ý III / 2024"],
      ["Khi có QĐ công bố của Bộ", "Khi có QĐ công bố củ a\r\nBộ"],
    ];
    for (const [plain, messy] of cases) {
      const a = parseDeadline(plain, ctx);
      const b = parseDeadline(messy, ctx);
      expect({ ...b, text: "" }, messy).toEqual({ ...a, text: "" });
      expect(b.text).toBe(b.text.normalize("NFC"));
      expect(b.text).not.toMatch(/\s{2}|\n/);
    }
  });

  it("never puts a date on unknown, and every window starts before it ends", () => {
    const samples = [
      ...["Quý I/2024", "Tháng 2/2024", "15/3; 15/6; 15/9 và 15/12/2024", "Đến năm 2030", "giai đoạn 2021-2025"],
      ...["31/4", "30/02/2024", "Quý 0/2024", "tháng 0/2024", "năm 20245", "1/1/1800", "abc"],
    ];
    for (const s of samples) {
      const d = parseDeadline(s, ctx);
      if (d.kind === "unknown") expect([d.start, d.due, d.dates], s).toEqual([null, null, undefined]);
      else expect(d.start! <= d.due!, s).toBe(true);
    }
  });
});

describe("formatting", () => {
  it("writes dates as the plans do, and in English", () => {
    expect(formatDateVi("2024-09-15")).toBe("15/9/2024");
    expect(formatDateVi("2024-01-05")).toBe("5/1/2024");
    expect(formatDateEn("2024-09-15")).toBe("15 Sep 2024");
    expect(formatDateEn("2024-01-05")).toBe("5 Jan 2024");
  });

  const fmt = (text: string, lang: "vi" | "en") => formatDeadline(parseDeadline(text, ctx), lang);

  it("quotes the plan's words, adding the concrete end only when it adds something", () => {
    expect(fmt("Quý III/2024", "vi")).toBe("Quý III/2024 (đến 30/9/2024)");
    expect(fmt("Tháng 1/2024", "vi")).toBe("Tháng 1/2024 (đến 31/1/2024)");
    expect(fmt("Trước ngày 20/01/2024", "vi")).toBe("Trước ngày 20/01/2024");
    expect(fmt("15/12", "vi")).toBe("15/12 (đến 15/12/2024)");
    expect(fmt("Thường xuyên", "vi")).toBe("Thường xuyên");
    expect(fmt("Đến năm 2025", "vi")).toBe("Đến năm 2025");
    expect(fmt("Quý I/2024 Định kỳ", "vi")).toBe("Quý I/2024 Định kỳ (đến 31/3/2024)");
    expect(fmt("trước ngày **20/01/2024**", "vi")).toBe("trước ngày 20/01/2024");
    expect(fmt("31/4/2024", "vi")).toBe("31/4/2024");
  });

  it("answers in English with the Vietnamese words where there is no date", () => {
    expect(fmt("Quý III/2024", "en")).toBe("Q3/2024 (by 30 Sep 2024)");
    expect(fmt("Thường xuyên", "en")).toBe("ongoing (Thường xuyên)");
    expect(fmt("Trước ngày 20/01/2024", "en")).toBe("by 20 Jan 2024");
    expect(fmt("15/3; 15/6; 15/9 và 15/12/2024", "en")).toBe("15 Mar; 15 Jun; 15 Sep; 15 Dec 2024");
    expect(fmt("06 tháng đầu năm 2024", "en")).toBe("H1/2024 (by 30 Jun 2024)");
    expect(fmt("Tháng 1/2024", "en")).toBe("Jan 2024 (by 31 Jan 2024)");
    expect(fmt("Đến năm 2025", "en")).toBe("by end of 2025");
    expect(fmt("Định kỳ", "en")).toBe("periodic (Định kỳ)");
    expect(fmt("Quý I/2024 Định kỳ", "en")).toBe("Q1/2024, periodic (by 31 Mar 2024)");
    expect(fmt("Khi có phản ánh, kiến nghị", "en")).toBe("when it occurs (Khi có phản ánh, kiến nghị)");
    expect(fmt("31/4/2024", "en")).toBe("unclear (31/4/2024)");
  });
});

const months = (y: number, day: number, list: number[]) => list.map((m) => `${y}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

describe("parseDeadline: monthly and quarterly rules with a day", () => {
  it.each([
    "Hằng tháng, trước ngày 20",
    "trước ngày 20 hằng tháng",
    "Trước ngày 20 hàng tháng",
    "trước ngày 20 của mỗi tháng",
    "ngày 20 hằng tháng",
    "HẰNG THÁNG, TRƯỚC NGÀY 20",
    "hang thang, truoc ngay 20",
    "Hằng tháng (trước ngày 20)",
    "Định kỳ hằng tháng, chậm nhất ngày 20",
    "trướ c ngày 20 hằ ng tháng".normalize("NFD"),
  ])("%s → every month on the 20th of the plan's year", (text) => {
    const d = check(text, { kind: "recurring", recurring: "monthly", rule: { every: "month", day: 20 }, start: "2025-01-20", due: "2025-12-20" }, { year: 2025 });
    expect(d.dates).toEqual(months(2025, 20, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
  });

  it.each([
    ["trước ngày 10 của tháng cuối quý", { every: "quarter", day: 10, monthOfPeriod: "last" }, months(2026, 10, [3, 6, 9, 12])],
    ["Hằng quý, trước ngày 10 của tháng đầu quý", { every: "quarter", day: 10, monthOfPeriod: "first" }, months(2026, 10, [1, 4, 7, 10])],
    ["định kỳ hằng quý (trước ngày 15 của tháng cuối quý)", { every: "quarter", day: 15, monthOfPeriod: "last" }, months(2026, 15, [3, 6, 9, 12])],
    ["trước ngày 25 tháng cuối mỗi quý", { every: "quarter", day: 25, monthOfPeriod: "last" }, months(2026, 25, [3, 6, 9, 12])],
    ["ngày 05 của tháng thứ hai mỗi quý", { every: "quarter", day: 5, monthOfPeriod: 2 }, months(2026, 5, [2, 5, 8, 11])],
    ["Hàng quý, chậm nhất ngày 8 tháng thứ 2 của quý", { every: "quarter", day: 8, monthOfPeriod: 2 }, months(2026, 8, [2, 5, 8, 11])],
    ["truoc ngay 12 cua thang cuoi quy", { every: "quarter", day: 12, monthOfPeriod: "last" }, months(2026, 12, [3, 6, 9, 12])],
  ] as [string, Deadline["rule"], string[]][])("%s → quarterly rule", (text, rule, dates) => {
    const d = check(text, { kind: "recurring", recurring: "quarterly", rule, start: dates[0], due: dates[3] }, { year: 2026 });
    expect(d.dates).toEqual(dates);
  });

  it("puts the day of 'tháng đầu của quý sau' in the quarter after, so Quý IV's falls next January", () => {
    const d = check("trước ngày 10 tháng đầu của quý sau", {
      kind: "recurring",
      recurring: "quarterly",
      rule: { every: "quarter", day: 10, monthOfPeriod: "first", next: true },
    });
    expect(d.dates).toEqual(["2024-04-10", "2024-07-10", "2024-10-10", "2025-01-10"]);
  });

  it("reads a half-year rule from 'định kỳ 6 tháng … tháng cuối kỳ'", () => {
    const d = check("Định kỳ 6 tháng, trước ngày 15 của tháng cuối kỳ", { kind: "recurring", recurring: "half-yearly", rule: { every: "half", day: 15, monthOfPeriod: "last" } });
    expect(d.dates).toEqual(["2024-06-15", "2024-12-15"]);
  });

  it("reads 'tháng cuối mỗi quý' without a day as the ends of those months", () => {
    const d = check("Tháng cuối mỗi quý", { kind: "recurring", recurring: "quarterly", rule: { every: "quarter", monthOfPeriod: "last" } });
    expect(d.dates).toEqual(["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]);
  });

  it("takes a rule's year from the text when it names one", () => {
    const d = check("Trong năm 2027, trước ngày 5 hằng tháng", { kind: "recurring", rule: { every: "month", day: 5 }, recurring: "monthly" });
    expect(d.dates?.[0]).toBe("2027-01-05");
    expect(d.dates).toHaveLength(12);
  });

  it("keeps the days a plan spells out beside its rule, and adds other days to the rule's", () => {
    const listed = check("trước ngày 20 của tháng cuối quý (20/3, 20/6 và 20/9/2025)", { kind: "date", recurring: "quarterly", rule: { every: "quarter", day: 20, monthOfPeriod: "last" } });
    expect(listed.dates).toEqual(["2025-03-20", "2025-06-20", "2025-09-20"]);
    const extra = check("trước ngày 5 của tháng cuối quý và trước ngày 25/11/2025", { kind: "date", recurring: "quarterly", due: "2025-12-05" });
    expect(extra.dates).toEqual(["2025-03-05", "2025-06-05", "2025-09-05", "2025-11-25", "2025-12-05"]);
  });

  it.each([
    "trước ngày 31 hằng tháng", // no 31 February: no schedule rather than a wrong one
    "trước ngày 30 hằng tháng",
    "trước ngày 31 của tháng cuối quý", // 31/6 and 31/9 do not exist
    "trước ngày 31 của tháng đầu quý", // nor 31/4
    "trước ngày 0 hằng tháng",
    "trước ngày 32 của tháng đầu quý",
    "hằng quý, trước ngày 10", // which month of the quarter?
    "trước ngày 20", // which month?
    "ngày 10 và ngày 20 hằng tháng",
    "trước ngày 10 của tháng thứ 4 mỗi quý",
    "Định kỳ, trước ngày 10 tháng cuối kỳ", // which period?
  ])("%j stays unknown", (text) => {
    const d = check(text, none("unknown"));
    expect(d.dates).toBeUndefined();
    expect(d.rule).toBeUndefined();
  });

  it("gives the 29th of February only in a leap year", () => {
    expect(parseDeadline("trước ngày 29 hằng tháng", { year: 2024 }).dates).toContain("2024-02-29");
    expect(parseDeadline("trước ngày 29 hằng tháng", { year: 2025 }).kind).toBe("unknown");
  });

  it("reads 'hàng năm trước ngày 15/12' as one day a year, with its rule", () => {
    check("hàng năm trước ngày 15/12", { ...day("2024-12-15"), recurring: "yearly", rule: { every: "year", day: 15, monthOfPeriod: 12 } });
    check("Hằng năm, trước ngày 15 tháng 12", { ...day("2024-12-15"), recurring: "yearly", rule: { every: "year", day: 15, monthOfPeriod: 12 } });
    check("hằng năm, trong tháng 11", { kind: "month", start: "2024-11-01", due: "2024-11-30", recurring: "yearly", rule: { every: "year", monthOfPeriod: 11 } });
    check("hang nam truoc ngay 30/02", none("unknown"));
  });
});

describe("parseDeadline: half-years, whole years and ranges", () => {
  it.each([
    ["6 tháng đầu năm", "2025-01-01", "2025-06-30"],
    ["06 tháng cuối năm", "2025-07-01", "2025-12-31"],
    ["6 tháng cuối năm 2026", "2026-07-01", "2026-12-31"],
    ["trong 6 tháng đầu năm 2027", "2027-01-01", "2027-06-30"],
    ["6 THANG DAU NAM 2025", "2025-01-01", "2025-06-30"],
    ["9 tháng đầu năm 2025", "2025-01-01", "2025-09-30"],
    ["03 tháng cuối năm", "2025-10-01", "2025-12-31"],
  ])("%s is a window of the year's first or last months", (text, start, due) => {
    check(text, q(start, due), { year: 2025 });
  });

  it.each([
    ["Trong năm 2026", 2026],
    ["Năm 2026", 2026],
    ["Cả năm", 2025],
    ["cả năm 2027", 2027],
    ["Trong năm", 2025],
    ["suốt năm", 2025],
  ])("%s → the whole year %i", (text, y) => {
    check(text, { kind: "year", start: `${y}-01-01`, due: `${y}-12-31` }, { year: 2025 });
  });

  it.each([
    ["Quý I - Quý II/2026", "2026-01-01", "2026-06-30"],
    ["Quý II-III/2025", "2025-04-01", "2025-09-30"],
    ["quý 2 - 4/2025", "2025-04-01", "2025-12-31"],
    ["Từ Quý III đến hết Quý IV năm 2025", "2025-07-01", "2025-12-31"],
    ["Quý IV/2025 - Quý I/2026", "2025-10-01", "2026-03-31"],
    ["Tháng 9 - 10/2026", "2026-09-01", "2026-10-31"],
    ["tháng 3 đến tháng 5/2025", "2025-03-01", "2025-05-31"],
    ["Từ tháng 2 đến tháng 4 năm 2026", "2026-02-01", "2026-04-30"],
    ["thang 6 - thang 8/2025", "2025-06-01", "2025-08-31"],
  ])("%s starts with the first and is due at the end of the last, one window", (text, start, due) => {
    const d = check(text, { kind: "quarter", start, due }, { year: 2024 });
    expect(d.dates).toBeUndefined();
  });

  it.each([
    ["từ 01/3 đến 30/4/2026", "2026-03-01", "2026-04-30"],
    ["Từ ngày 15/5 - 15/7/2025", "2025-05-15", "2025-07-15"],
    ["từ ngày 01/10/2025 đến ngày 31/01/2026", "2025-10-01", "2026-01-31"],
  ])("date range %s", (text, start, due) => {
    const d = check(text, { kind: "date", start, due }, { year: 2024 });
    expect(d.dates).toBeUndefined();
  });

  it("opens 'Từ tháng 4/2025' to the end of that year", () => {
    check("Từ tháng 4/2025", { kind: "year", start: "2025-04-01", due: "2025-12-31" });
    check("Bắt đầu từ Quý III/2025", { kind: "year", start: "2025-07-01", due: "2025-12-31" });
  });

  it.each([
    ["Quý I, II và III/2026", ["2026-03-31", "2026-06-30", "2026-09-30"]],
    ["tháng 3, 6, 9, 12/2025", ["2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"]],
    ["Tháng 6 và tháng 12/2025", ["2025-06-30", "2025-12-31"]],
    ["6 tháng đầu năm và 6 tháng cuối năm 2026", ["2026-06-30", "2026-12-31"]],
    ["Đợt 1: Quý II/2025; đợt 2: Quý IV/2025", ["2025-06-30", "2025-12-31"]],
    ["Lần 1 trong tháng 4/2026, lần 2 trong tháng 10/2026", ["2026-04-30", "2026-10-31"]],
  ])("a list %s keeps the end of each window (and the year written at its end)", (text, dates) => {
    const d = parseDeadline(text, { year: 2024 });
    expect(d.dates, text).toEqual(dates);
    expect(d.due).toBe(dates[dates.length - 1]);
  });

  it.each([
    "Quý III - Quý I/2025", // runs backwards
    "Từ tháng 10 đến tháng 3/2026",
    "Tháng 9 - 13/2026",
    "Quý II-V/2025",
    "từ 31/4 đến 30/5/2025",
    "13 tháng đầu năm 2025",
    "0 tháng cuối năm",
  ])("%j stays unknown", (text) => {
    check(text, none("unknown"));
  });
});

describe("parseDeadline: relative deadlines and several steps", () => {
  it.each([
    ["Chậm nhất 15 ngày kể từ ngày luật được công bố", { days: 15, workingDays: false, from: "ngày luật được công bố" }],
    ["trong vòng 30 ngày kể từ khi nhận được đề nghị", { days: 30, workingDays: false, from: "khi nhận được đề nghị" }],
    ["sau 10 ngày làm việc kể từ ngày ký", { days: 10, workingDays: true, from: "ngày ký" }],
    ["Trong thời hạn 07 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ", { days: 7, workingDays: true, from: "ngày nhận đủ hồ sơ hợp lệ" }],
    ["không quá 03 tháng tính từ ngày Nghị định 45/2025 có hiệu lực", { months: 3, workingDays: false, from: "ngày Nghị định 45/2025 có hiệu lực" }],
    ["02 tuần sau khi kết thúc đợt kiểm tra", { days: 14, workingDays: false, from: "khi kết thúc đợt kiểm tra" }],
    ["cham nhat 20 ngay ke tu ngay ban hanh", { days: 20, workingDays: false, from: "ngay ban hanh" }],
    ["Thường xuyên (05 ngày làm việc kể từ ngày có văn bản chỉ đạo)", { days: 5, workingDays: true, from: "ngày có văn bản chỉ đạo" }],
  ] as [string, Deadline["relative"]][])("%s → event, counted from the plan's words, no date invented", (text, relative) => {
    check(text, { ...none("event"), relative });
  });

  it("keeps a day written beside a relative deadline", () => {
    check("trước ngày 30/6/2025 hoặc 15 ngày kể từ ngày có hướng dẫn", { ...day("2025-06-30"), relative: { days: 15, workingDays: false, from: "ngày có hướng dẫn" } });
  });

  it.each(["Chậm nhất 15 ngày", "Trong 05 ngày làm việc", "0 ngày kể từ ngày ký"])("%j without what it counts from stays unknown", (text) => {
    check(text, none("unknown"));
  });

  it.each([
    ["ban hành trong tháng 3/2025; hoàn thành trước ngày 31/10/2025", "date", "2025-03-01", "2025-10-31", ["2025-03-31", "2025-10-31"]],
    ["Xây dựng kế hoạch trước 15/2/2026, tổ chức thực hiện trong Quý III/2026", "quarter", "2026-02-15", "2026-09-30", ["2026-02-15", "2026-09-30"]],
    ["Trước ngày 18/6/2026 và trước ngày 18/11/2026", "date", "2026-06-18", "2026-11-18", ["2026-06-18", "2026-11-18"]],
    ["đăng ký trước ngày 10/4; nộp sản phẩm trước ngày 20/9/2025", "date", "2025-04-10", "2025-09-20", ["2025-04-10", "2025-09-20"]],
  ] as [string, Deadline["kind"], string, string, string[]][])("steps %s: due at the last, every step kept", (text, kind, start, due, dates) => {
    const d = check(text, { kind, start, due }, { year: 2024 });
    expect(d.dates).toEqual(dates);
  });

  it("still reads a broader part around a day as its context, not a step", () => {
    check("Quý IV/2025, trước ngày 20/11/2025", day("2025-11-20"));
    check("Trong năm 2025, hoàn thành trước 30/9", day("2025-09-30"), { year: 2025 });
  });

  it("reads 'Theo thời hạn quy định' and 'theo hướng dẫn' as events", () => {
    check("Theo thời hạn quy định", none("event"));
    check("Theo hướng dẫn của Bộ", none("event"));
  });
});

describe("parseDeadline: the new forms read the same from PDF-broken and NFD text", () => {
  it.each([
    ["Quý I - Quý II/2026", "Qu ý I - Qu ý II/2026"],
    ["Tháng 9 - 10/2026", "Thá ng 9 -\n10/2026"],
    ["Chậm nhất 15 ngày kể từ ngày ký", "Chậ m nhấ t 15 ngà y kể t ừ ngày ký"],
    ["trước ngày 10 của tháng cuối quý", "trướ c ngà y 10 củ a thá ng cuố i quý".normalize("NFD")],
    ["6 tháng cuối năm 2026", "6 thá ng cuố i nă m 2026"],
    ["Hằng tháng, trước ngày 20", "Hằ ng thá ng,\r\ntrướ c ngà y 20"],
  ])("%s", (plain, messy) => {
    const a = parseDeadline(plain, { year: 2025 });
    const b = parseDeadline(messy, { year: 2025 });
    expect(a.kind).not.toBe("unknown");
    expect({ ...b, text: "" }).toEqual({ ...a, text: "" });
  });
});

describe("formatting the new forms", () => {
  const fmt = (text: string, lang: "vi" | "en", year = 2025) => formatDeadline(parseDeadline(text, { year }), lang);

  it("quotes the plan's words in Vietnamese, without a made-up end for a rule", () => {
    expect(fmt("Hằng tháng, trước ngày 20", "vi")).toBe("Hằng tháng, trước ngày 20");
    expect(fmt("trước ngày 10 của tháng cuối quý", "vi")).toBe("trước ngày 10 của tháng cuối quý");
    expect(fmt("Chậm nhất 15 ngày kể từ ngày ký", "vi")).toBe("Chậm nhất 15 ngày kể từ ngày ký");
    expect(fmt("Quý I - Quý II/2026", "vi")).toBe("Quý I - Quý II/2026 (đến 30/6/2026)");
    expect(fmt("hàng năm trước ngày 15/12", "vi")).toBe("hàng năm trước ngày 15/12");
  });

  it("writes a rule in words when the plan's words are missing", () => {
    const bare = (d: Deadline) => formatDeadline({ ...d, text: "" }, "vi");
    expect(bare(parseDeadline("trước ngày 20 hằng tháng", ctx))).toBe("hằng tháng, trước ngày 20");
    expect(bare(parseDeadline("trước ngày 10 của tháng cuối quý", ctx))).toBe("hằng quý, trước ngày 10 của tháng cuối quý");
    expect(bare(parseDeadline("trước ngày 10 tháng đầu quý sau", ctx))).toBe("hằng quý, trước ngày 10 của tháng đầu của quý sau");
    expect(bare(parseDeadline("hàng năm trước ngày 15/12", ctx))).toBe("hằng năm, trước ngày 15/12");
    expect(bare(parseDeadline("sau 10 ngày làm việc kể từ ngày ký", ctx))).toBe("trong 10 ngày làm việc kể từ ngày ký");
  });

  it("answers in English", () => {
    expect(fmt("Hằng tháng, trước ngày 20", "en")).toBe("monthly, by the 20th");
    expect(fmt("trước ngày 1 hằng tháng", "en")).toBe("monthly, by the 1st");
    expect(fmt("trước ngày 22 hằng tháng", "en")).toBe("monthly, by the 22nd");
    expect(fmt("trước ngày 13 hằng tháng", "en")).toBe("monthly, by the 13th");
    expect(fmt("trước ngày 10 của tháng cuối quý", "en")).toBe("quarterly, by the 10th of the quarter's last month");
    expect(fmt("Hằng quý, trước ngày 3 của tháng đầu quý", "en")).toBe("quarterly, by the 3rd of the quarter's first month");
    expect(fmt("Tháng cuối mỗi quý", "en")).toBe("quarterly, in the quarter's last month");
    expect(fmt("hàng năm trước ngày 15/12", "en")).toBe("yearly, by 15 Dec");
    expect(fmt("Chậm nhất 15 ngày kể từ ngày ký", "en")).toBe("within 15 days of “ngày ký” (Chậm nhất 15 ngày kể từ ngày ký)");
    expect(fmt("sau 1 ngày làm việc kể từ ngày họp", "en")).toBe("within 1 working day of “ngày họp” (sau 1 ngày làm việc kể từ ngày họp)");
    expect(fmt("Quý II-III/2025", "en")).toBe("Q2–Q3/2025 (by 30 Sep 2025)");
    expect(fmt("Quý I - Quý II/2026", "en")).toBe("H1/2026 (by 30 Jun 2026)");
    expect(fmt("Tháng 9 - 10/2026", "en")).toBe("Sep–Oct 2026 (by 31 Oct 2026)");
    expect(fmt("Quý IV/2025 - Quý I/2026", "en")).toBe("Oct 2025–Mar 2026 (by 31 Mar 2026)");
    expect(fmt("Từ tháng 4/2025", "en")).toBe("from 1 Apr 2025 to end of 2025");
    expect(fmt("Đợt 1: Quý II/2025; đợt 2: Quý IV/2025", "en")).toBe("30 Jun; 31 Dec 2025");
    expect(fmt("Cả năm", "en")).toBe("by end of 2025");
  });
});
