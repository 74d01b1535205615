// Sơn La (Markdown-like text): the decision and its plan; targets per reform area; the report
// schedule with its four cut-off windows; the units told what to do in "Tổ chức thực hiện".
import { describe, expect, it } from "vitest";
import { FILES, parsed, reportAt, slugs, taskAt, targetAt, vals } from "../helpers/knowledge-plans.ts";

const sl = parsed(FILES.sonLa);

describe("Sơn La plan header", () => {
  it("reads the header, the partial issue date and the signer", () => {
    const { baseDocuments, ...plan } = sl.plan;
    expect(plan).toEqual({
      id: "son-la-gtvt-2024",
      title: "Kế hoạch cải cách hành chính Sở Giao thông vận tải năm 2024",
      agency: "Sở Giao thông vận tải",
      agencyShort: "Sở GTVT Sơn La",
      agencyId: "son-la/so-gtvt",
      province: "Sơn La",
      issuerKind: "department",
      parentBody: null,
      number: "/QĐ-SGTVT",
      issueDate: { text: "ngày tháng 01 năm 2024", day: null, month: 1, year: 2024 },
      period: { from: 2024, to: 2024, text: "năm 2024" },
      signer: { name: "Đào Tài Tuệ", title: "Giám đốc" },
      coordinatorUnitId: "son-la/so-gtvt/van-phong-so",
      missingAppendix: "III. Nhiệm vụ cụ thể công tác CCHC năm 2024: Chi tiết có Phụ lục kèm theo",
      sourceFile: FILES.sonLa,
    });
    expect(baseDocuments.map((d) => d.source.line)).toEqual([13, 15, 17, 19, 21, 23, 25, 27]);
    expect(baseDocuments[0].text).toBe(
      "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính Nhà nước giai đoạn 2021-2030",
    );
  });

  it("warns that the appendix it points to is not in the text", () => {
    expect(sl.problems).toEqual([
      { file: FILES.sonLa, line: 220, severity: "warning", message: 'Kế hoạch dẫn chiếu phụ lục không có trong văn bản: "Chi tiết có Phụ lục kèm theo".' },
    ]);
  });
});

describe("Sơn La report schedule", () => {
  const from = ["cac-phong-don-vi-thuoc-va-truc-thuoc-so"];
  it.each([
    ["Báo cáo quý I/2024", "Q1", "2024-03-15", "trước ngày 15/3", "2023-12-15", "2024-03-14", "từ ngày 15/12/2023 đến trước ngày 14/3/2024"],
    ["Báo cáo 06 tháng đầu năm 2024", "H1", "2024-06-15", "trước ngày 15/6", "2023-12-15", "2024-06-14", "từ ngày 15/12/2023 đến trước ngày 14/6/2024"],
    ["Báo cáo quý III/2024", "Q3", "2024-09-15", "trước ngày 15/9", "2024-06-14", "2024-09-14", "từ ngày 14/6/2024 đến trước ngày 14/9/2024"],
    ["Báo cáo năm 2024", "Y", "2024-12-15", "trước ngày 15/12/2024", "2023-12-15", "2024-12-14", "từ ngày 15/12/2023 đến trước ngày 14/12/2024"],
  ])("%s: due %s, data from the cut-off window", (name, period, due, dueText, cutFrom, cutTo, cutText) => {
    const r = reportAt(sl, name);
    expect(r.period).toBe(period);
    expect([r.due.kind, r.due.due, r.due.text]).toEqual(["date", due, dueText]);
    expect(r.cutoff).toEqual({ from: cutFrom, to: cutTo, text: cutText });
    expect(slugs(r.from)).toEqual(from);
    expect(r.to).toBe("Văn phòng Sở");
    expect(r.source).toEqual({ file: FILES.sonLa, line: 254 });
    expect(r.section).toBe("V. Tổ chức thực hiện › 3. Các phòng, đơn vị thuộc và trực thuộc Sở");
  });

  it("has exactly those four schedules, and the bullets they came from are not also tasks", () => {
    expect(sl.reports.map((r) => r.period)).toEqual(["Q1", "H1", "Q3", "Y"]);
    expect(sl.tasks.some((t) => /^Thời gian gửi báo cáo|^Báo cáo quý I\/2024:|^Thời điểm chốt/u.test(t.text))).toBe(false);
  });
});

describe("Sơn La owners and deadlines in 'Tổ chức thực hiện'", () => {
  it("Ban Quản lý Bảo trì đường bộ and Trung tâm sát hạch send their own plan before 20/01/2024", () => {
    const t = taskAt(sl, 268, "Ban Quản lý Bảo trì đường bộ");
    expect(slugs(t.lead)).toEqual(["ban-quan-ly-bao-tri-duong-bo", "trung-tam-sat-hach-lai-xe-co-gioi-duong-bo"]);
    expect([t.deadline.kind, t.deadline.due, t.deadline.text]).toEqual(["date", "2024-01-20", "trước ngày 20/01/2024"]);
    expect(t.section).toBe("V. Tổ chức thực hiện › 3. Các phòng, đơn vị thuộc và trực thuộc Sở");
  });

  it("Điều 2: Văn phòng Sở is told to lead and follow up the plan", () => {
    const t = taskAt(sl, 35, "Giao Văn phòng Sở chủ trì, theo dõi, đôn đốc");
    expect(t.section).toBe("Điều 2");
    expect(slugs(t.lead)).toEqual(["van-phong-so"]);
  });

  it("Điều 3: every unit it names executes the decision", () => {
    expect(slugs(taskAt(sl, 37).lead)).toEqual([
      "van-phong-so",
      "thanh-tra-so",
      "van-phong-ban-an-toan-giao-thong-tinh",
      "cac-phong-don-vi-thuoc-va-truc-thuoc-so",
      "ban-chi-dao-cchc-cua-so",
    ]);
  });

  it("each numbered heading that names a unit owns the bullets under it", () => {
    expect(slugs(taskAt(sl, 238, "Ban Chỉ đạo CCHC của Sở: Trực tiếp chỉ đạo").lead)).toEqual(["ban-chi-dao-cchc-cua-so"]);
    const vp = taskAt(sl, 242, "Chủ trì, tham mưu");
    expect(slugs(vp.lead)).toEqual(["van-phong-so"]);
    expect(slugs(vp.support)).toEqual(["to-website-so"]);
    expect(vp.text).toContain("Phối hợp với Tổ Website của Sở đăng tải nội dung Kế hoạch trên Trang thông tin điện tử của Sở");
    expect(vp.text).toContain("thực hiện đăng tải các tin, bài"); // the paragraph the page break cut (lines 242/244)
    expect(slugs(taskAt(sl, 246, "Theo dõi, đôn đốc").lead)).toEqual(["van-phong-so"]);
    const units = taskAt(sl, 252, "Thường xuyên phối hợp với Văn phòng Sở");
    expect(slugs(units.lead)).toEqual(["cac-phong-don-vi-thuoc-va-truc-thuoc-so"]);
    expect(slugs(units.support)).toEqual(["van-phong-so"]);
    expect(units.deadline.kind).toBe("recurring");
    const web = taskAt(sl, 266, "Phối hợp với Tổ Website Sở");
    expect([web.deadline.kind, web.deadline.text]).toEqual(["event", "khi có yêu cầu"]);
  });

  it("Tổ Website Sở posts the plan on the website", () => {
    const t = taskAt(sl, 270, "Tổ Website Sở: Đăng tải Kế hoạch CCHC năm 2024");
    expect(slugs(t.lead)).toEqual(["to-website-so"]);
    expect(t.section).toBe("V. Tổ chức thực hiện › 4. Tổ Website Sở");
  });

  it("keeps the unit directory with aliases", () => {
    const vp = sl.units.find((u) => u.name === "Văn phòng Sở")!;
    expect(vp).toMatchObject({ id: "son-la/so-gtvt/van-phong-so", kind: "internal" });
    expect(vp.aliases).toEqual(expect.arrayContaining(["Văn phòng", "VP"]));
    expect(sl.units.find((u) => u.name === "Tổ Website Sở")?.aliases).toEqual(expect.arrayContaining(["Tổ Website của Sở"]));
    expect(sl.units.find((u) => u.name === "Các phòng, đơn vị thuộc và trực thuộc Sở")?.kind).toBe("collective");
    expect(sl.units.find((u) => u.name === "Sở Nội vụ")?.kind).toBe("external");
  });
});

describe("Sơn La numeric targets", () => {
  it.each([
    [104, "Phần đầu tối thiểu 80% TTHC trở lên", ["min 80%", "min 30%"], "Cải cách thủ tục hành chính"],
    [106, "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC", ["min 90%"], "Cải cách thủ tục hành chính"],
    [108, "Tối thiểu 80% hồ sơ giải quyết TTHC", ["min 80%"], "Cải cách thủ tục hành chính"],
    [112, "Phấn đấu 100% các TTHC được giải quyết đúng hạn", ["exact 100%"], "Cải cách thủ tục hành chính"],
    [114, "80% trở lên người dân, doanh nghiệp", ["min 80%"], "Cải cách thủ tục hành chính"],
    [138, "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan Sở", ["min 90%"], "Cải cách tổ chức bộ máy"],
    [156, "Tỷ lệ cán bộ, công chức Sở GTVT", ["min 90%", "max 20%"], "Cải cách chế độ công vụ"],
    [156, "Tỷ lệ viên chức trong các đơn vị trực thuộc Sở", ["min 90%", "max 20%"], "Cải cách chế độ công vụ"],
    [174, "Phần đầu trên 80% các kiến nghị", ["over 80%"], "Cải cách tài chính công"],
    [202, "Trên 80% tổng số hồ sơ công việc", ["over 80%"], "Chính quyền điện tử, chính quyền số"],
    [204, "Phần đầu trên 40% hoạt động kiểm tra định kỳ", ["over 40%"], "Chính quyền điện tử, chính quyền số"],
    [80, "Thực hiện kiểm tra trực tiếp về công tác CCHC từ 30%", ["min 30%"], "Công tác chỉ đạo, điều hành"],
  ])("line %i: %s", (line, start, values, area) => {
    const t = targetAt(sl, line, start);
    expect(vals(t)).toEqual(values);
    expect(t.area).toBe(area);
    expect(t.horizon).toBe(2024);
  });

  it("a qualitative 'Chỉ tiêu' is a target too, without values", () => {
    const t = targetAt(sl, 86, "Kịp thời thể chế hóa");
    expect(t.values).toEqual([]);
    expect(t.section).toBe("II. Các nhiệm vụ trọng tâm › 2. Cải cách thể chế › a) Chỉ tiêu");
  });

  it("keeps the raw words of each value", () => {
    expect(targetAt(sl, 104).values.map((v) => v.raw)).toEqual(["tối thiểu 80%", "từ 30% trở lên"]);
    expect(targetAt(sl, 156, "Tỷ lệ cán bộ").values.map((v) => v.raw)).toEqual(["90% trở lên", "không quá 20%"]);
  });
});
