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
