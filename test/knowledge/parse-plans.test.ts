// Tiền Giang (plain numbered text), Đắk Lắk (hard-wrapped PDF text), Lạng Sơn (headed, 1.1 … 2.5):
// headers, numeric targets with their horizon, and owners.
import { describe, expect, it } from "vitest";
import { FILES, parsed, slugs, taskAt, targetAt, vals } from "../helpers/knowledge-plans.ts";

describe("Tiền Giang", () => {
  const tg = parsed(FILES.tienGiang);

  it("reads a header with no number and no date", () => {
    expect(tg.plan).toMatchObject({
      id: "tien-giang-gtvt-2021-2025",
      title: "Kế hoạch về đẩy mạnh cải cách hành chính, nâng cao các chỉ số cải cách hành chính của Sở Giao thông vận tải, giai đoạn 2021 - 2025",
      agencyShort: "Sở GTVT Tiền Giang",
      province: "Tiền Giang",
      number: "",
      issueDate: { text: "", day: null, month: null, year: null },
      period: { from: 2021, to: 2025, text: "giai đoạn 2021 - 2025" },
      signer: { name: "Phan Vĩnh Thanh", title: "KT. Giám đốc, Phó Giám đốc" },
      coordinatorUnitId: "tien-giang/so-gtvt/van-phong-so",
      missingAppendix: null,
    });
    expect(tg.plan.baseDocuments).toEqual([
      {
        text: "Thực hiện Nghị quyết số 09-NQ/TU ngày 06 tháng 10 năm 2021 của Tỉnh ủy Tiền Giang về đẩy mạnh cải cách hành chính, nâng cao các chỉ số cải cách hành chính tỉnh Tiền Giang giai đoạn 2021 - 2025",
        source: { file: FILES.tienGiang, line: 7 },
      },
    ]);
  });

  it.each([
    [23, "Thủ tục hành chính cung cấp trên Cổng Dịch vụ công trực tuyến mức độ 3, 4", ["exact 100%"], null],
    [23, "Đến cuối năm 2025, 90% TTHC được giải quyết trực tuyến", ["exact 90%"], "Đến cuối năm 2025"],
    [25, "Đến năm 2025, tỷ lệ người dân thực hiện các dịch vụ công trực tuyến", ["exact 50%"], "Đến năm 2025"],
    [27, "Tối thiểu từ 80% trở lên hồ sơ giải quyết TTHC", ["min 80%"], "Đến năm 2025"],
    [27, "100% kết quả giải quyết TTHC đang còn hiệu lực được số hóa", ["exact 100%"], "Đến năm 2025"],
    [27, "Giảm thời gian chờ đợi của người dân, doanh nghiệp tối đa 15 phút", ["max 15 phút", "min 30 phút"], "Đến năm 2025"],
    [27, "Mức độ hài lòng của tổ chức, cá nhân đối với chất lượng cung cấp dịch vụ công", ["min 95%"], "Đến năm 2025"],
    [29, "Phân đầu giảm tối thiểu 10% đơn vị sự nghiệp công lập", ["min 10%", "exact 10%"], null],
    [31, "Có 95% các đơn vị thực hiện cơ cấu công chức, viên chức", ["exact 95%"], null],
    [31, "100% công chức lãnh đạo, quản lý đáp ứng tiêu chuẩn chức danh", ["exact 100%"], null],
    [33, "Phân đầu có tối thiểu 20% đơn vị sự nghiệp tự chủ tài chính", ["min 20%"], null],
    [35, "Tích hợp 70% dịch vụ công trực tuyến mức 4", ["exact 70%"], "Đến cuối năm 2025"],
    [35, "20% dịch vụ công trực tuyến sử dụng chữ ký số", ["exact 20%"], "Đến cuối năm 2025"],
    [35, "60% dịch vụ công trực tuyến xử lý bằng hồ sơ điện tử", ["exact 60%"], "Đến cuối năm 2025"],
    [37, "Xây dựng các đề án, kế hoạch nâng cao sự phục vụ của ngành", ["over 95%"], "Đến năm 2025"],
  ])("target at line %i: %s", (line, start, values, horizonText) => {
    const t = targetAt(tg, line, start);
    expect(vals(t)).toEqual(values);
    expect(t.horizon).toBe(2025);
    expect(t.horizonText).toBe(horizonText);
  });

  it("the 'giảm … so với năm 2021' baseline is not taken for the horizon", () => {
    expect(targetAt(tg, 29).horizon).toBe(2025);
  });

  it("owners and the periodic report of 'Tổ chức thực hiện'", () => {
    const vp = taskAt(tg, 85, "Văn phòng Sở theo dõi, đôn đốc");
    expect(slugs(vp.lead)).toEqual(["van-phong-so"]);
    expect([vp.deadline.kind, vp.deadline.recurring, vp.deadline.text]).toEqual(["recurring", "periodic", "Định kỳ hàng quý, 06 tháng, hàng năm hoặc đột xuất"]);
    expect(slugs(taskAt(tg, 87).lead)).toEqual(["cac-phong-co-lien-quan"]);
    const units = taskAt(tg, 89, "Các đơn vị trực thuộc Sở");
    expect(slugs(units.lead)).toEqual(["cac-don-vi-truc-thuoc-so"]);
    expect([units.deadline.kind, units.deadline.text]).toEqual(["event", "khi có yêu cầu"]);
    expect(tg.reports).toHaveLength(1);
    expect(tg.reports[0]).toMatchObject({ period: "other", to: "UBND tỉnh (thông qua Sở Nội vụ)", from: ["tien-giang/so-gtvt/van-phong-so"] });
  });

  it("keeps the unnumbered paragraphs under their numbered task and joins the page break", () => {
    expect(taskAt(tg, 45).section).toBe("II. Nhiệm vụ và giải pháp › 1");
    expect(taskAt(tg, 79).text).toContain("của tổ chức, cá nhân tham gia vào công tác CCHC");
    expect(targetAt(tg, 25, "Đến năm 2025").text).toContain("và thực hiện TTHC trên môi trường điện tử");
  });
});

describe("Đắk Lắk (PDF text)", () => {
  const dl = parsed(FILES.dakLak);

  it("reads the header through the hard line breaks and misread syllables", () => {
    expect(dl.plan).toMatchObject({
      id: "dak-lak-gtvt-2021-2030",
      title: "Kế hoạch cải cách hành chính Sở Giao thông vận tải giai đoạn 2021-2025, định hướng đến năm 2030",
      agencyShort: "Sở GTVT Đắk Lắk",
      province: "Đắk Lắk",
      number: "2528/KH-SGTVT",
      issueDate: { text: "ngày 15 tháng 12 năm 2021", day: 15, month: 12, year: 2021 },
      period: { from: 2021, to: 2030, text: "giai đoạn 2021-2025, định hướng đến năm 2030" },
      signer: { name: "Đỗ Quang Trà", title: "Giám đốc" },
      coordinatorUnitId: "dak-lak/so-gtvt/van-phong-so",
    });
    expect(dl.plan.baseDocuments[0]).toEqual({
      text: "Thực hiện Quyết định số 3478/QĐ-UBND ngày 10/12/2021 của UBND tỉnh về việc ban hành Chương trình cải cách hành chính nhà nước tỉnh Đắk Lắk giai đoạn 2021-2025, định hướng đến năm 2030",
      source: { file: FILES.dakLak, line: 24 },
    });
  });

  it.each([
    [200, "Tối thiểu 80% hồ sơ giải quyết TTHC được luân chuyển", ["min 80%"], 2025],
    [206, "Tối thiểu 80% TTHC có yêu cầu nghĩa vụ tài chính", ["min 80%", "min 30%"], 2025],
    [251, "100% TTHC, có yêu cầu nghĩa vụ tài chính", ["exact 100%", "min 50%"], 2030],
    [232, "Mức độ hài lòng của người dân, doanh nghiệp, tổ chức về giải quyết TTHC", ["min 90%"], 2025],
    [261, "Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC", ["min 95%"], 2030],
    [234, "Trong đó, mức độ hài lòng về giải quyết các TTHC lĩnh vực xây dựng", ["min 85%"], 2025],
    [263, "Trong đó, mức độ hài lòng về giải quyết các TTHC lĩnh vực xây dựng", ["min 90%"], 2030],
    [342, "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của Sở", ["min 90%"], 2025],
    [354, "Mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của Sở", ["min 95%"], 2030],
    [490, "Từ 90% trở lên hồ sơ công việc được xử lý trên môi trường mạng", ["min 90%"], 2025],
    [526, "100% hồ sơ công việc được xử lý trên môi trường mạng", ["exact 100%"], 2030],
    [502, "50% hoạt động kiểm tra của cơ quan", ["exact 50%"], 2025],
    [530, "70% hoạt động kiểm tra của cơ quan", ["exact 70%"], 2030],
    [401, "Có từ 25% - 35% số lãnh đạo, quản lý Sở và trên 30%", ["range 25-35%", "over 30%"], 2030],
  ])("target at line %i: %s (by %i)", (line, start, values, horizon) => {
    const t = targetAt(dl, line, start);
    expect(vals(t)).toEqual(values);
    expect(t.horizon).toBe(horizon);
    expect(t.horizonText).toBe(`Đến năm ${horizon}`);
  });

  it("keeps the 2025 and 2030 targets of one area apart", () => {
    const tthc = dl.targets.filter((t) => t.area === "Cải cách thủ tục hành chính" && t.values.length > 0);
    expect(tthc.filter((t) => t.horizon === 2025)).toHaveLength(10);
    expect(tthc.filter((t) => t.horizon === 2030)).toHaveLength(4);
  });

  it("keeps 'năm 2022 … mỗi năm tăng' as words", () => {
    const t = targetAt(dl, 212, "Năm 2022, hoàn thành việc số hóa");
    expect(t.horizonText).toBe("Năm 2022… giai đoạn 2023-2025, mỗi năm tăng tối thiểu 20%");
    expect(t.horizon).toBe(2025);
    expect(vals(t)).toEqual(["exact 50%", "min 20%", "exact 100%"]);
  });

  it("a target that names no year is for the end of the main phase, without words to quote", () => {
    const t = targetAt(dl, 441, "Đảm bảo 100% các kiến nghị");
    expect([t.horizon, t.horizonText, t.area]).toEqual([2025, null, "Cải cách tài chính công"]);
  });

  it("owners in 'Tổ chức thực hiện', and repaired text", () => {
    const rooms = taskAt(dl, 666);
    expect(slugs(rooms.lead)).toEqual(["cac-phong-don-vi-truc-thuoc-so"]);
    expect(slugs(rooms.support)).toEqual(["phong-ke-hoach-tong-hop"]);
    expect(slugs(taskAt(dl, 676, "Văn phòng Sở có trách nhiệm tham mưu").lead)).toEqual(["van-phong-so"]);
    expect(taskAt(dl, 676).text).toContain("khắc phục; xây dựng kế hoạch hàng năm");
    expect(slugs(taskAt(dl, 579, "Lãnh đạo Sở chỉ đạo").lead)).toEqual(["lanh-dao-so"]);
    // "I. Mục đích – yêu cầu" says why, not what to do: kept as a statement, not as a task
    expect(dl.tasks.some((t) => t.source.line === 58)).toBe(false);
    expect(slugs(dl.statements.find((t) => t.source.line === 58)!.lead)).toEqual(["cac-phong-ban-thuoc-so"]);
    const t = taskAt(dl, 611);
    expect(t.text).toContain("hoạt động của các cơ quan");
    expect(t.text).not.toMatch(/củ a|th eo|hướ ng/u);
    expect(taskAt(dl, 423).text).toContain("theo hướng dân chủ");
    expect(taskAt(dl, 161).text).toContain("nhiệm vụ theo dõi thi hành pháp luật");
  });

  it("a 'Mục tiêu' written inline after its heading is a target", () => {
    expect(targetAt(dl, 384, "Xây dựng cơ quan công vụ chuyên nghiệp").section).toBe("II. Nội dung › 4. Cải cách chế độ công vụ › a) Mục tiêu");
  });
});

describe("Lạng Sơn", () => {
  const ls = parsed(FILES.langSon);

  it("reads the header", () => {
    expect(ls.plan).toMatchObject({
      id: "lang-son-gtvt-2024",
      title: "Kế hoạch triển khai nâng cao Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) tỉnh Lạng Sơn năm 2024",
      agencyShort: "Sở GTVT Lạng Sơn",
      number: "/KH-SGTVT",
      issueDate: { text: "ngày tháng 6 năm 2024", day: null, month: 6, year: 2024 },
      period: { from: 2024, to: 2024, text: "năm 2024" },
      signer: { name: "Hoàng Khánh Dư", title: "KT. Giám đốc, Phó Giám đốc" },
      coordinatorUnitId: "lang-son/so-gtvt/van-phong-so",
    });
  });

  it("says which appendices are missing", () => {
    expect(ls.plan.missingAppendix).toContain("Chi tiết tại Phụ lục I kèm theo Kế hoạch");
    expect(ls.plan.missingAppendix).toContain("Chi tiết tại Phụ lục II kèm theo Kế hoạch");
    expect(ls.problems.map((p) => p.line)).toEqual([55, 86]);
  });

  it("owners of 'Tổ chức thực hiện'", () => {
    const vp = taskAt(ls, 90, "Giao Văn phòng Sở chủ trì, theo dõi");
    expect(slugs(vp.lead)).toEqual(["van-phong-so"]);
    expect([vp.deadline.kind, vp.deadline.text]).toEqual(["event", "khi có yêu cầu"]);
    expect(vp.text).toContain("Tổng hợp báo cáo khi có yêu cầu"); // "Tổng" / "hợp" split by the page break
    expect(slugs(taskAt(ls, 94).lead)).toEqual(["cac-phong-ban-thuoc-so"]);
    expect(slugs(taskAt(ls, 96).lead)).toEqual(["bo-phan-mot-cua"]);
    expect(ls.units.find((u) => u.name === "Bộ phận một cửa")?.aliases).toEqual(expect.arrayContaining(["Bộ phận Tiếp nhận và Trả kết quả"]));
  });

  it.each([
    [23, "II. Nhiệm vụ, giải pháp › 1. Chỉ số cải cách hành chính (PAR INDEX) › 1.1. Công tác chỉ đạo điều hành CCHC"],
    [27, "II. Nhiệm vụ, giải pháp › 1. Chỉ số cải cách hành chính (PAR INDEX) › 1.2. Cải cách thể chế"],
    [39, "II. Nhiệm vụ, giải pháp › 1. Chỉ số cải cách hành chính (PAR INDEX) › 1.4. Cải cách tổ chức bộ máy hành chính"],
    [49, "II. Nhiệm vụ, giải pháp › 1. Chỉ số cải cách hành chính (PAR INDEX) › 1.6. Cải cách tài chính công"],
    [61, "II. Nhiệm vụ, giải pháp › 2. Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS) › 2.1. Chỉ số hài lòng về “Tiếp cận dịch vụ”"],
    [72, "II. Nhiệm vụ, giải pháp › 2. Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS) › 2.3. Triển khai chỉ số hài lòng về “Công chức giải quyết thủ tục hành chính”"],
  ])("task at line %i sits in %s", (line, section) => {
    expect(taskAt(ls, line).section).toBe(section);
  });

  it("the one number it states is a target; standing duties are ongoing", () => {
    const t = targetAt(ls, 31);
    expect(vals(t)).toEqual(["exact 100%"]);
    expect(t.text).toContain("trên Hệ thông tin giải quyết thủ tục hành chính của tỉnh");
    expect(taskAt(ls, 27).deadline.kind).toBe("ongoing");
    expect(taskAt(ls, 68).deadline.kind).toBe("ongoing");
  });
});
