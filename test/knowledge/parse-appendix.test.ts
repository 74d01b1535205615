// Quảng Trị: the tab-separated appendix — every row and sub-row a Task with lead, support,
// product and deadline; rows cut at a page break merged back; headers repeated at breaks skipped.
import { describe, expect, it } from "vitest";
import { mergeCell, cleanListCell } from "../../knowledge/parse/appendix.ts";
import { FILES, parsed, slugs, taskAt, targetAt, vals } from "../helpers/knowledge-plans.ts";

const qt = parsed(FILES.quangTri);

type Row = {
  line: number;
  row: string;
  objective?: string;
  task: string | null;
  activity: string | null;
  product: string | null;
  leadText: string;
  supportText: string;
  lead: string[];
  support: string[];
  deadline: [kind: string, due: string | null, text: string];
};

const ROWS: Row[] = [
  {
    line: 185, row: "I.1", objective: "Xây dựng văn bản QPPL thuộc lĩnh vực Lao động, người có công và xã hội",
    task: "Xây dựng văn bản theo Công văn số 6276/UBND-NC ngày 27/11/2023 của UBND và các VBQPPL khác (nếu có)",
    activity: "Soạn thảo, lấy ý kiến, tổng hợp và trình cấp có thẩm quyền ban hành", product: "Tờ trình; Quyết định",
    leadText: "Các phòng thuộc Sở", supportText: "Văn phòng", lead: ["cac-phong-thuoc-so"], support: ["van-phong-so"],
    deadline: ["ongoing", null, "Thường xuyên"],
  },
  {
    line: 186, row: "I.2", objective: "Rà soát văn bản QPPL", task: "Ban hành kế hoạch rà soát văn bản QPPL",
    activity: "Xây dựng, ban hành kế hoạch và triển khai thực hiện", product: "Kế hoạch",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["date", "2024-01-15", "Trước 15/01/2024"],
  },
  {
    // a sub-row: no STT, the objective of I.2 carried down
    line: 187, row: "I.2", objective: "Rà soát văn bản QPPL", task: "Báo cáo kết quả rà soát", activity: "Báo cáo kết quả rà soát",
    product: "Báo cáo", leadText: "Văn phòng", supportText: "Các phòng, đơn vị", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["date", "2024-11-18", "Trước 18/11/2024"],
  },
  {
    line: 188, row: "I.3", objective: "Tăng cường công tác pháp chế", task: "Ban hành kế hoạch công tác pháp chế",
    activity: "Xây dựng, ban hành kế hoạch và triển khai thực hiện", product: "Công văn; Kế hoạch",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["month", "2024-01-31", "Tháng 1/2024"],
  },
  {
    line: 189, row: "I.3", task: "Báo cáo kết quả thực hiện", activity: "Báo cáo kết quả", product: "Báo cáo",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["quarter", "2024-12-31", "Quý IV năm 2024"],
  },
  {
    // first row after the header repeated at a page break: a new row, not a continuation
    line: 194, row: "I.5", objective: "Phổ biến, giáo dục pháp luật", task: "Ban hành Kế hoạch phổ biến, giáo dục pháp luật",
    activity: "Xây dựng, ban hành kế hoạch và triển khai thực hiện", product: "Công văn; Kế hoạch",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["quarter", "2024-03-31", "Quý I/2024"],
  },
  {
    line: 198, row: "II.1", objective: "Kiểm soát TTHC", task: "Báo cáo kết quả kiểm soát TTHC", activity: "Báo cáo kết quả kiểm soát TTHC",
    product: "Báo cáo", leadText: "Văn phòng", supportText: "Các phòng, đơn vị", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["recurring", null, "Định kỳ"],
  },
  {
    line: 199, row: "II.2", objective: "Rà soát, đề xuất phương án đơn giản hóa TTHC",
    task: "Đề xuất phương án đơn giản hóa các TTHC thuộc thẩm quyền quản lý của Sở", activity: "Rà soát, thống kê, đề xuất phương án đơn giản hóa TTHC",
    product: "Tờ trình; Quyết định phê duyệt của UBND tỉnh", leadText: "Các phòng, đơn vị", supportText: "Văn phòng",
    lead: ["cac-phong-don-vi-thuoc-so"], support: ["van-phong-so"], deadline: ["date", "2024-08-30", "Trước 30/8/2024"],
  },
  {
    line: 200, row: "II.3", objective: "Kịp thời trình UBND công bố TTHC thuộc thẩm quyền quản lý", task: "Trình UBND công bố TTHC thuộc thẩm quyền quản lý",
    activity: "Rà soát, xây dựng dự thảo trình UBND tỉnh ban hành Quyết định công bố", product: "Tờ trình",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP", lead: ["van-phong-so"],
    support: ["cac-phong-don-vi-thuoc-so", "ubnd-huyen-tx-tp"], deadline: ["event", null, "Khi có QĐ công bố của Bộ"],
  },
  {
    // continued on the next page (line 204): objective, activity, support ("TP" once) and deadline joined
    line: 201, row: "II.4",
    objective: "Trình UBND công bố quy trình nội bộ, quy trình điện tử giải quyết TTHC thuộc thẩm quyền quản lý khi có TTHC ban hành mới hoặc khi có thay đổi",
    task: "Trình UBND công bố quy trình giải quyết TTHC thuộc thẩm quyền quản lý", activity: "Xây dựng dự thảo trình UBND tỉnh ban hành Quyết định công bố",
    product: "Tờ trình", leadText: "Văn phòng", supportText: "Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP", lead: ["van-phong-so"],
    support: ["cac-phong-don-vi-thuoc-so", "ubnd-huyen-tx-tp"], deadline: ["event", null, "Khi có TTHC ban hành mới hoặc khi có thay đổi"],
  },
  {
    line: 205, row: "II.5",
    objective: "Tối thiểu 90% hồ sơ giải quyết TTHC được luân chuyển trong nội bộ giữa các cơ quan có thẩm quyền giải quyết hoặc các cơ quan có liên quan được thực hiện bằng phương thức điện tử",
    task: "Đảm bảo tỷ lệ 90% các hồ sơ TTHC được số hóa khi tiếp nhận, giải quyết và trả kết quả trên Hệ thống thông tin giải quyết TTHC tỉnh",
    activity: "Thực hiện số hóa hồ sơ TTHC khi tiếp nhận, giải quyết và trả kết quả TTHC trên Hệ thống thông tin giải quyết TTHC tỉnh",
    product: "Giấy tờ, tài liệu được số hóa", leadText: "Cán bộ một cửa; Các phòng có phát sinh TTHC", supportText: "Các phòng, đơn vị thuộc Sở",
    lead: ["can-bo-mot-cua", "cac-phong-co-phat-sinh-tthc"], support: ["cac-phong-don-vi-thuoc-so"], deadline: ["ongoing", null, "Thường xuyên"],
  },
  {
    line: 207, row: "II.6", task: "Nâng cao tỷ lệ giao dịch thanh toán phí, lệ phí trực tuyến qua cổng thanh toán Quốc gia", activity: "Tuyên truyền, phổ biến",
    product: "Tỷ lệ giao dịch thanh toán trực tuyến qua Cổng thanh toán Quốc gia đạt 30% trở lên", leadText: "Các phòng, đơn vị thuộc Sở",
    supportText: "Văn phòng", lead: ["cac-phong-don-vi-thuoc-so"], support: ["van-phong-so"], deadline: ["ongoing", null, "Thường xuyên"],
  },
  {
    // continued at line 211: every cell joined, the dashed lists turned into "; "
    line: 208, row: "II.7", objective: "Công khai, minh bạch TTHC tất cả các lĩnh vực thuộc thẩm quyền giải quyết của Sở",
    task: "Công khai trên Trang thông tin điện tử và tại Bộ phận tiếp nhận và trả kết quả để phục vụ nhu cầu của tổ chức và công dân",
    activity: "Đăng các TTHC lên Trang thông tin điện tử của Sở; Phối hợp TTPVHCC niêm yết công khai các TTHC tại BP tiếp nhận và trả kết quả",
    product: "Thủ tục hành chính được công khai", leadText: "Văn phòng", supportText: "Trung tâm PVHCC; Các phòng, đơn vị thuộc Sở",
    lead: ["van-phong-so"], support: ["trung-tam-phuc-vu-hanh-chinh-cong", "cac-phong-don-vi-thuoc-so"], deadline: ["ongoing", null, "Thường xuyên"],
  },
  {
    line: 212, row: "II.8", task: "Tiếp nhận xử lý kịp thời các phản ánh, kiến nghị của tổ chức, công dân (nếu có)", activity: "Tiếp nhận và xử lý theo quy định",
    product: "Báo cáo kết quả xử lý (nếu có)", leadText: "Văn phòng", supportText: "Các phòng, đơn vị liên quan", lead: ["van-phong-so"],
    support: ["cac-phong-don-vi-lien-quan"], deadline: ["event", null, "Khi có phản ánh, kiến nghị"],
  },
  {
    line: 213, row: "II.9", task: "Kiểm tra việc giải quyết TTHC", activity: "Tổ chức kiểm tra tại các phòng, đơn vị thuộc Sở", product: "Kế hoạch; Báo cáo kết quả kiểm tra",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị thuộc Sở", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["quarter", "2024-09-30", "Quý III/2024"],
  },
  {
    // continued at line 218 ("các đơn" / "vi sự nghiệp thuộc Sở")
    line: 215, row: "III.1", objective: "Hoàn chỉnh đề án vị trí việc làm các đơn vị sự nghiệp thuộc Sở",
    task: "Tham mưu ban hành đề án vị trí việc làm các đơn vị sự nghiệp thuộc Sở",
    activity: "Thẩm định, cho ý kiến đối với VTVL các đơn vị thuộc Sở. Phối hợp Sở Nội vụ hoàn chỉnh đề án VTVL các đơn vi sự nghiệp thuộc Sở",
    product: "Tờ trình", leadText: "Văn phòng", supportText: "Các phòng, đơn vị liên quan", lead: ["van-phong-so"], support: ["cac-phong-don-vi-lien-quan"],
    deadline: ["quarter", "2024-03-31", "Quý I/2024"],
  },
  {
    line: 219, row: "III.2", task: "Thực hiện công tác tiếp công dân và theo dõi giải quyết khiếu nại tố cáo.",
    activity: "Định kỳ tiếp công dân theo quy định; Tiếp nhận và xử lý dứt điểm, hiệu quả các khiếu nại tố cáo", product: "Báo cáo",
    leadText: "Thanh tra", supportText: "Các phòng, đơn vị liên quan", lead: ["thanh-tra-so"], support: ["cac-phong-don-vi-lien-quan"],
    deadline: ["ongoing", null, "Thường xuyên"],
  },
  {
    line: 220, row: "III.3", task: "Kiểm tra cơ cấu tổ chức, vị trí việc làm tại các đơn vị thuộc Sở", activity: "Tổ chức kiểm tra công tác tổ chức cán bộ các đơn vị thuộc Sở",
    product: "Báo cáo kết quả kiểm tra", leadText: "Văn phòng", supportText: "Các đơn vị được kiểm tra", lead: ["van-phong-so"], support: ["cac-don-vi-duoc-kiem-tra"],
    deadline: ["quarter", "2024-09-30", "Quý III/2024"],
  },
  {
    line: 223, row: "IV.2", task: "Tuyển dụng công chức, viên chức theo biên chế được giao", activity: "Tiến hành các thủ tục tuyển dụng theo quy định",
    product: "Kế hoạch; Quyết định", leadText: "Văn phòng, Các đơn vị trực thuộc", supportText: "Các phòng, đơn vị liên quan",
    lead: ["van-phong-so", "cac-don-vi-truc-thuoc-so"], support: ["cac-phong-don-vi-lien-quan"], deadline: ["event", null, "Theo kế hoạch"],
  },
  {
    // the lead split at the page break: "Văn phòng, Các đơn" / "vị"
    line: 224, row: "IV.3", objective: "Đánh giá xếp loại cán bộ, công chức, viên chức, người lao động theo quy định.",
    task: "Tổ chức đánh giá cán bộ, công chức, viên chức, người lao động theo quy định",
    activity: "Đánh giá xếp loại chất lượng công chức, viên chức, người lao động", product: "Báo cáo", leadText: "Văn phòng, Các đơn vị",
    supportText: "Các phòng, đơn vị", lead: ["van-phong-so", "cac-don-vi"], support: ["cac-phong-don-vi-thuoc-so"], deadline: ["quarter", "2024-12-31", "Quý IV/2024"],
  },
  {
    line: 231, row: "IV.5", task: "Thực hiện chế độ báo cáo kỷ luật, kỷ cương hành chính", activity: "Báo cáo tình hình kỷ luật, kỷ cương hành chính", product: "Báo cáo",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị thuộc Sở", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"], deadline: ["recurring", null, "Định kỳ"],
  },
  {
    // a sub-row continued across the break (line 242)
    line: 239, row: "V.3",
    task: "Công khai tình hình sử dụng, thu hồi, điều chuyển, thanh lý, tiêu hủy và các hình thức xử lý khác đối với tài sản công tại cơ quan, tổ chức, đơn vị",
    activity: "Báo cáo công khai tình hình sử dụng, thu hồi, điều chuyển, thanh lý, tiêu hủy và các hình thức xử lý khác đối với tài sản công tại cơ quan, tổ chức, đơn vị",
    product: "Báo cáo", leadText: "Văn phòng", supportText: "Các phòng, đơn vị thuộc Sở", lead: ["van-phong-so"], support: ["cac-phong-don-vi-thuoc-so"],
    deadline: ["ongoing", null, "Thường xuyên"],
  },
  {
    line: 244, row: "V.3", objective: "Thực hiện tốt công tác công quản lý, sử dụng tài sản công", task: "Kiểm kê tài sản", activity: "Tổ chức kiểm kê tài sản",
    product: "Quyết định thành lập Hội đồng kiểm kê tài sản; Biên bản kiểm kê", leadText: "Văn phòng, các đơn vị thuộc Sở", supportText: "Các phòng, đơn vị",
    lead: ["van-phong-so", "cac-don-vi-thuoc-so"], support: ["cac-phong-don-vi-thuoc-so"], deadline: ["quarter", "2024-12-31", "Quý IV/2024"],
  },
  {
    // "Các phòng, đơn vị trực" is cut at the page edge; it still names a collective
    line: 247, row: "V.4", task: "Thực hiện chương trình Thực hành tiết kiệm, chống lãng phí", activity: "Ban hành Kế hoạch và triển khai thực hiện",
    product: "Kế hoạch; Báo cáo", leadText: "Văn phòng", supportText: "Các phòng, đơn vị trực", lead: ["van-phong-so"], support: ["cac-phong-don-vi-truc-thuoc-so"],
    deadline: ["quarter", "2024-03-31", "Quý I/2024 Định kỳ"],
  },
  {
    // right after a repeated header, but a full row of its own (lead and deadline present): a sub-row of VI.1
    line: 252, row: "VI.1", objective: "Xây dựng và tổ chức thực hiện Kế hoạch chuyển đổi số năm 2024", task: "Báo cáo kết quả thực hiện kế hoạch",
    activity: "Báo cáo kết quả", product: "Báo cáo", leadText: "Văn phòng", supportText: "Các phòng, đơn vị", lead: ["van-phong-so"],
    support: ["cac-phong-don-vi-thuoc-so"], deadline: ["quarter", "2024-12-31", "Quý IV/2024"],
  },
  {
    line: 261, row: "VII.1", objective: "Xây dựng Kế hoạch CCHC năm 2024", task: "Ban hành Kế hoạch CCHC năm 2024",
    activity: "Xây dựng, ban hành kế hoạch và triển khai thực hiện", product: "Kế hoạch", leadText: "Văn phòng", supportText: "Các phòng thuộc Sở",
    lead: ["van-phong-so"], support: ["cac-phong-thuoc-so"], deadline: ["date", "2024-01-31", "Trước 31/01/2024"],
  },
  {
    line: 265, row: "VII.3", task: "Sáng kiến trong công tác CCHC", activity: "Mỗi phòng, đơn vị có ít nhất 01 sáng kiến, giải pháp trong công tác CCHC",
    product: "Sáng kiến; Báo cáo", leadText: "Các phòng, đơn vị thuộc Sở", supportText: "Văn phòng", lead: ["cac-phong-don-vi-thuoc-so"], support: ["van-phong-so"],
    deadline: ["quarter", "2024-12-31", "Quý IV/2024"],
  },
  {
    line: 270, row: "VII.5", task: "Báo cáo kết quả kiểm tra", activity: "Tổng hợp, báo cáo kết quả kiểm tra", product: "Thông báo kết luận",
    leadText: "Văn phòng", supportText: "Các phòng, đơn vị được kiểm tra", lead: ["van-phong-so"], support: ["cac-phong-don-vi-duoc-kiem-tra"],
    deadline: ["event", null, "Sau khi hoàn thành"],
  },
  {
    line: 273, row: "VIII.2", objective: "Duy trì, cải thiện và nâng cao chỉ số PCI",
    task: "Ban hành kế hoạch triển khai các nhiệm vụ, giải pháp thực hiện cải thiện môi trường kinh doanh, nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) giai đoạn 2024 - 2025",
    activity: "Xây dựng, ban hành và triển khai thực hiện kế hoạch", product: "Kế hoạch", leadText: "Văn phòng", supportText: "Các phòng thuộc Sở",
    lead: ["van-phong-so"], support: ["cac-phong-thuoc-so"], deadline: ["quarter", "2024-03-31", "Quý I/2024"],
  },
];

describe("Quảng Trị appendix rows", () => {
  it.each(ROWS.map((r) => [r.row, r.line, r] as const))("row %s (line %i)", (_row, line, want) => {
    const t = taskAt(qt, line, want.task ?? "");
    expect(t.row).toBe(want.row);
    if (want.objective !== undefined) expect(t.objective).toBe(want.objective);
    expect(t.task).toBe(want.task);
    expect(t.activity).toBe(want.activity);
    expect(t.product).toBe(want.product);
    expect(t.leadText).toBe(want.leadText);
    expect(t.supportText).toBe(want.supportText);
    expect(slugs(t.lead)).toEqual(want.lead);
    expect(slugs(t.support)).toEqual(want.support);
    expect([t.deadline.kind, t.deadline.due, t.deadline.text]).toEqual(want.deadline);
    expect(t.budget).toBe("Thường xuyên");
    expect(t.lead.every((id) => id.startsWith("quang-tri/so-ldtbxh/"))).toBe(true);
  });

  it("turns every row and sub-row into a task (none lost, none doubled)", () => {
    const rows = qt.tasks.filter((t) => t.row !== null);
    expect(rows).toHaveLength(58); // 63 table lines with cells, less 5 continuations
    // continuation lines are never tasks of their own; header lines never are
    const lines = new Set(rows.map((t) => t.source.line));
    for (const l of [183, 193, 203, 204, 210, 211, 217, 218, 226, 227, 242, 251, 258]) expect(lines.has(l)).toBe(false);
    expect(rows.every((t) => t.lead.length > 0 && t.support.length > 0 && t.product && t.deadline.text)).toBe(true);
  });

  it("keeps the section and row number of each row", () => {
    expect(taskAt(qt, 201).section).toBe("Phụ lục › II. Cải cách thủ tục hành chính › 4");
    expect(taskAt(qt, 236).section).toBe("Phụ lục › V. Cái cách tài chính công › 1"); // the plan's own spelling
    expect(taskAt(qt, 261).section).toBe("Phụ lục › VII. Công tác chỉ đạo điều hành › 1");
  });

  it("reads the numbers an objective or activity states as targets, owned by the row's units", () => {
    const t = targetAt(qt, 205);
    expect(vals(t)).toEqual(["min 90%"]);
    expect(t.area).toBe("Cải cách thủ tục hành chính");
    expect(slugs(t.lead)).toEqual(["can-bo-mot-cua", "cac-phong-co-phat-sinh-tthc"]);
    expect(vals(targetAt(qt, 206))).toEqual(["exact 80%", "min 30%"]);
    expect(vals(targetAt(qt, 265))).toEqual(["min 1 sáng kiến"]);
    expect(vals(targetAt(qt, 269))).toEqual(["min 30%"]);
    expect(qt.targets.filter((t) => t.source.line === 207)).toHaveLength(0); // the 30% already stated by II.6
  });

  it("the plan has its appendix: nothing reported missing", () => {
    expect(qt.plan.missingAppendix).toBeNull();
  });
});

describe("merging a row cut at a page break", () => {
  it("joins pieces with a space and never repeats the last word", () => {
    expect(mergeCell("Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP", "TP")).toBe("Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP");
    expect(mergeCell("Văn phòng, Các đơn", "vị")).toBe("Văn phòng, Các đơn vị");
    expect(mergeCell("Khi có TTHC ban hành mới hoặc khi có", "thay đổi")).toBe("Khi có TTHC ban hành mới hoặc khi có thay đổi");
    expect(mergeCell("", "Báo cáo")).toBe("Báo cáo");
    expect(mergeCell("Báo cáo", "")).toBe("Báo cáo");
  });

  it("turns a dashed list inside a cell into a list, leaving hyphenated names alone", () => {
    expect(cleanListCell("- Kế hoạch - Quyết định")).toBe("Kế hoạch; Quyết định");
    expect(cleanListCell("- Trung tâm PVHCC; - Các phòng, đơn vị thuộc Sở")).toBe("Trung tâm PVHCC; Các phòng, đơn vị thuộc Sở");
    expect(cleanListCell("Sở Lao động - Thương binh và Xã hội")).toBe("Sở Lao động - Thương binh và Xã hội");
  });
});
