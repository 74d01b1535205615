// A plan's appendix printed to PDF as a real table (borders, wrapped cells, header repeated on
// each page, rows cut by the page end) reads back as the tab-separated appendix of the text plan.
import { describe, expect, it } from "vitest";
import { extractPlanText } from "../../knowledge/extract.ts";
import { buildKnowledge } from "../../knowledge/ingest.ts";
import { pageText, type Segment, type TextItem } from "../../knowledge/pdf-layout.ts";
import { planPdfTable, planText, type PdfTableOptions } from "../helpers/plan-documents.ts";

const QT = "quang-tri_so-ldtbxh_cchc-2024.txt";
const HEADER = "STT\tMục tiêu\tNhiệm vụ\tHoạt động\tSản phẩm/kết quả\tChủ trì\tPhối hợp\tThời gian thực hiện\tKinh phí";

const tableLines = (text: string) => text.split("\n").filter((l) => l.includes("\t"));
const words = (lines: string[]) => lines.join(" ").split(/\s+/).filter(Boolean);
/** Rows right under a repeated header: where the page breaks fell. */
const underHeaders = (text: string) => {
  const lines = text.split("\n");
  return lines.filter((_, i) => i > 0 && lines[i - 1] === HEADER);
};

/** The model without source lines (a PDF puts items on other lines); everything else must match. */
function model(text: string) {
  const { knowledge } = buildKnowledge([{ name: QT, text }], "2024-01-01T00:00:00.000Z");
  const strip = <T extends { source: unknown }>({ source: _s, ...rest }: T) => rest;
  return {
    plans: knowledge.plans.map((p) => ({ ...p, baseDocuments: p.baseDocuments.map((d) => d.text) })),
    units: knowledge.units,
    tasks: knowledge.tasks.map(strip),
    targets: knowledge.targets.map(strip),
    reports: knowledge.reports.map(strip),
  };
}

/** Field by field, so a failure names the item and the field that differ. */
function expectSameModel(got: ReturnType<typeof model>, want: ReturnType<typeof model>) {
  for (const kind of ["plans", "units", "tasks", "targets", "reports"] as const) {
    expect(got[kind].length, `number of ${kind}`).toBe(want[kind].length);
    want[kind].forEach((item, i) => {
      for (const [field, value] of Object.entries(item)) {
        expect((got[kind][i] as Record<string, unknown>)[field], `${kind}[${i}].${field} (${(item as { id: string }).id})`).toEqual(value);
      }
    });
  }
}

const TASK_FIELDS = ["objective", "task", "activity", "product", "leadText", "lead", "supportText", "support", "deadline", "budget", "row"] as const;

async function readTablePdf(opts: PdfTableOptions = {}) {
  const out = await extractPlanText(await planPdfTable(planText(QT), opts), "quang-tri.pdf");
  expect(out.format).toBe("pdf");
  return out.text;
}

describe("a PDF appendix drawn as a table", () => {
  it("comes out as tab-separated rows: 9 cells, the header on each page, wrapped cells joined", async () => {
    const text = await readTablePdf({ pageNumbers: true });
    const rows = tableLines(text);
    // the page numbers over the table's pages do not cut it apart
    expect(text.split("\n").filter((l) => /^\d+$/.test(l.trim()))).toEqual([]);
    expect(rows.every((r) => r.split("\t").length === 9)).toBe(true);
    // the header once per page of the appendix, as the text has it
    expect(rows.filter((r) => r === HEADER).length).toBeGreaterThanOrEqual(5);
    // a cell's text wrapped over several lines is one cell again
    const ii4 = rows.find((r) => r.startsWith("4\tTrình UBND công bố quy trình"))!.split("\t");
    expect(ii4[1]).toBe("Trình UBND công bố quy trình nội bộ, quy trình điện tử giải quyết TTHC thuộc thẩm quyền quản lý khi có TTHC ban hành mới hoặc khi có thay đổi");
    expect(ii4[6]).toBe("Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP");
    expect(ii4[7]).toBe("Khi có TTHC ban hành mới hoặc khi có thay đổi");
    // a sub-row under merged STT/Mục tiêu cells: its own row with those cells empty
    expect(rows).toContain("\t\tBáo cáo kết quả rà soát\tBáo cáo kết quả rà soát\tBáo cáo\tVăn phòng\tCác phòng, đơn vị\tTrước 18/11/2024\tThường xuyên");
    // section rows merged across the table
    expect(rows).toContain("I\tCẢI CÁCH THỂ CHẾ\t\t\t\t\t\t\t");
    expect(rows).toContain("VII CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH\t\t\t\t\t\t\t\t");
    // a row cut by the page end goes on under the next header with an empty STT and no owner or time of its own
    const cut = underHeaders(text).filter((r) => r.startsWith("\t"));
    expect(cut.some((r) => r.split("\t")[5] === "" || r.split("\t")[7] === "")).toBe(true);
    // the text around the table reads as before
    const prose = (t: string) => t.split("\n").filter((l) => !l.includes("\t"));
    expect(words(prose(text))).toEqual(words(prose(planText(QT))));
  });

  const layouts: [string, PdfTableOptions, (text: string) => void][] = [
    ["borders, STT and Mục tiêu merged over sub-rows, numbered pages", { pageNumbers: true }, () => {}],
    [
      "a merged Mục tiêu cell going on at the top of the next page beside a new sub-row",
      { fontSize: 8.8 },
      // its rest gets a row of its own, so the parser joins it to the cell it continues
      (text) => expect(underHeaders(text).some((r) => /^\t[^\t]+(\t)+$/.test(r) && r.split("\t").length === 9)).toBe(true),
    ],
    ["no borders: rows told apart by STT and spacing, columns by the centred header", { borders: false }, () => {}],
  ];

  it.each(layouts)("gives the same tasks as the text plan, field by field (%s)", async (_name, opts, check) => {
    const text = await readTablePdf(opts);
    check(text);
    const want = model(planText(QT));
    const got = model(text);
    expect(want.tasks).toHaveLength(109);
    const exact = want.tasks.filter((t, i) => TASK_FIELDS.every((f) => JSON.stringify(got.tasks[i]?.[f]) === JSON.stringify(t[f])));
    expect(exact).toHaveLength(109);
    // everything but the source lines: ids, sections, texts, units, targets, report schedules
    expectSameModel(got, want);
    const review = got.tasks.find((t) => t.task === "Báo cáo kết quả rà soát")!;
    expect(review.deadline).toMatchObject({ kind: "date", due: "2024-11-18" });
    expect(review.row).toBe("I.2");
  });
});

describe("pageText", () => {
  const item = (str: string, x: number, y: number): TextItem => ({ str, x, y, width: str.length * 4, size: 8, eol: false });
  const h = (y: number, x0 = 40, x1 = 540): Segment => ({ x0, y0: y, x1, y1: y });
  const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, y0, x1: x, y1 });

  it("reads a two-level header: a title over two columns names neither, the words under it do", () => {
    const xs = [40, 70, 200, 300, 360, 420, 480, 540];
    const items = [
      item("Kế hoạch năm 2024", 40, 760),
      item("STT", 44, 730),
      item("Nội dung", 74, 730),
      item("Kết quả", 204, 730),
      item("Đơn vị thực hiện", 304, 730),
      item("Thời gian", 424, 730),
      item("Kinh phí", 484, 730),
      item("Chủ trì", 304, 712),
      item("Phối hợp", 364, 712),
      item("1", 44, 690),
      item("Lập kế hoạch", 74, 690),
      item("Kế hoạch", 204, 690),
      item("Văn phòng", 304, 690),
      item("Các phòng", 364, 690),
      item("Quý I/2024", 424, 690),
      item("Ngân sách", 484, 690),
      item("Ký ban hành.", 40, 640),
    ];
    const segments = [
      h(742),
      h(722, 300, 420), // under the title "Đơn vị thực hiện" only
      h(704),
      h(680),
      ...xs.map((x) => v(x, 680, 742)).filter((s) => s.x0 !== 360),
      v(360, 680, 722),
    ];
    expect(pageText(items, segments).split("\n")).toEqual([
      "Kế hoạch năm 2024",
      "STT\tNội dung\tKết quả\tChủ trì\tPhối hợp\tThời gian\tKinh phí",
      "1\tLập kế hoạch\tKế hoạch\tVăn phòng\tCác phòng\tQuý I/2024\tNgân sách",
      "Ký ban hành.",
    ]);
  });

  it("reads a table ruled only above and below its header and at its end: rows by STT and spacing", () => {
    const items = [
      item("STT", 44, 730),
      item("Nhiệm vụ", 74, 730),
      item("Sản phẩm", 204, 730),
      item("Chủ trì", 304, 730),
      item("Phối hợp", 364, 730),
      item("Thời gian", 424, 730),
      item("1", 44, 700),
      item("Lập kế hoạch cải cách", 74, 700),
      item("hành chính", 74, 690),
      item("Kế hoạch", 204, 700),
      item("Văn phòng", 304, 700),
      item("Các phòng", 364, 700),
      item("Quý I/2024", 424, 700),
      item("Báo cáo kết quả", 74, 672),
      item("Báo cáo", 204, 672),
      item("Văn phòng", 304, 672),
      item("Các phòng", 364, 672),
      item("Quý IV/2024", 424, 672),
      item("2", 44, 654),
      item("Kiểm tra", 74, 654),
      item("Biên bản", 204, 654),
      item("Thanh tra", 304, 654),
      item("Các phòng", 364, 654),
      item("Quý III/2024", 424, 654),
      item("Trên đây là kế hoạch.", 40, 600),
    ];
    expect(pageText(items, [h(742), h(716), h(640)]).split("\n")).toEqual([
      "STT\tNhiệm vụ\tSản phẩm\tChủ trì\tPhối hợp\tThời gian",
      "1\tLập kế hoạch cải cách hành chính\tKế hoạch\tVăn phòng\tCác phòng\tQuý I/2024",
      "\tBáo cáo kết quả\tBáo cáo\tVăn phòng\tCác phòng\tQuý IV/2024",
      "2\tKiểm tra\tBiên bản\tThanh tra\tCác phòng\tQuý III/2024",
      "Trên đây là kế hoạch.",
    ]);
  });

  it("leaves a page without a table header as pdf.js reads it", () => {
    const items = [{ ...item("STT Nội dung", 40, 700), eol: true }, item("Chủ trì", 40, 690)];
    expect(pageText(items, [h(680)])).toBe("STT Nội dung\nChủ trì");
  });
});
