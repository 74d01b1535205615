// Reading any agency's plan: who issued it, who leads and supports a duty however the drafter
// wrote it, labelled fields, short names a plan defines, report schedules by rule.
import { describe, expect, it } from "vitest";
import { fieldLine, inlineFields } from "../../../knowledge/parse/fields.ts";
import { definedNames, parsePlan } from "../../../knowledge/parse/index.ts";
import { issuerKind, splitLetterhead } from "../../../knowledge/parse/issuer.ts";
import { rolesIn } from "../../../knowledge/parse/owners.ts";

describe("the issuer, read from the letterhead", () => {
  it("splits parent and issuing body, whatever their kind", () => {
    expect(splitLetterhead("UBND TỈNH KHÁNH HÒA SỞ NỘI VỤ")).toEqual({ parent: "UBND TỈNH KHÁNH HÒA", body: "SỞ NỘI VỤ" });
    expect(splitLetterhead("UBND THÀNH PHỐ CẦN THƠ SỞ XÂY DỰNG")).toEqual({ parent: "UBND THÀNH PHỐ CẦN THƠ", body: "SỞ XÂY DỰNG" });
    expect(splitLetterhead("BỘ CÔNG AN CÔNG AN TỈNH GIA LAI")).toEqual({ parent: "BỘ CÔNG AN", body: "CÔNG AN TỈNH GIA LAI" });
    expect(splitLetterhead("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")).toEqual({ parent: null, body: "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ" });
    // "MÔI TRƯỜNG" is not a school, "CƠ SỞ" not a department
    expect(splitLetterhead("UBND TỈNH AN GIANG SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")?.body).toBe("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG");
  });

  it("names the kind of body", () => {
    expect(issuerKind("UBND huyện Krông Pắc")).toBe("district");
    expect(issuerKind("Ủy ban nhân dân phường Bến Thành")).toBe("commune");
    expect(issuerKind("Bảo hiểm xã hội tỉnh Bình Phước")).toBe("insurance");
    expect(issuerKind("Trường Trung học phổ thông Lê Quý Đôn")).toBe("school");
    expect(issuerKind("Sở Văn hóa, Thể thao và Du lịch")).toBe("department");
  });

  it("files a commune's plan under the commune, with its province and a short name", () => {
    const text = [
      "UBND HUYỆN CHÂU THÀNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "ỦY BAN NHÂN DÂN XÃ AN HIỆP\tĐộc lập - Tự do - Hạnh phúc",
      "Số: 14/KH-UBND\tAn Hiệp, ngày 05 tháng 02 năm 2026",
      "",
      "KẾ HOẠCH",
      "Phòng, chống thiên tai năm 2026",
      "",
      "I. NHIỆM VỤ",
      "1. Kiện toàn Ban Chỉ huy phòng chống thiên tai của xã. Giao Văn phòng - Thống kê chủ trì, phối hợp Công an xã thực hiện; hoàn thành trước ngày 15/3/2026.",
      "",
      "TM. ỦY BAN NHÂN DÂN",
      "CHỦ TỊCH",
      "Trần Văn Bình",
    ].join("\n");
    const p = parsePlan("an-hiep.txt", text);
    expect(p.plan.agency).toBe("Ủy ban nhân dân xã An Hiệp");
    expect(p.plan.issuerKind).toBe("commune");
    expect(p.plan.parentBody).toBe("UBND huyện Châu Thành");
    expect(p.plan.agencyShort).toBe("UBND xã An Hiệp");
    expect(p.plan.signer).toEqual({ name: "Trần Văn Bình", title: "TM. Ủy ban nhân dân, Chủ tịch" });
    const t = p.tasks[0];
    const name = (id: string) => p.units.find((u) => u.id === id)?.name;
    expect(t.lead.map(name)).toEqual(["Văn phòng - Thống kê"]);
    expect(t.support.map(name)).toEqual(["Công an xã"]);
    expect(t.deadline.due).toBe("2026-03-15");
  });

  it("loads a plan whose issuer cannot be read under its file name, with a note", () => {
    const p = parsePlan("ke-hoach-le-hoi.txt", "KẾ HOẠCH\nTổ chức lễ hội năm 2026\n\nI. NHIỆM VỤ\n1. Chuẩn bị sân khấu trước ngày 10/4/2026.");
    expect(p.plan.agency).toBe("ke-hoach-le-hoi");
    expect(p.problems.map((x) => x.message).join(" ")).toContain("Không đọc được cơ quan ban hành");
  });
});

describe("who leads and supports, as the sentence says", () => {
  it("reads the usual assignment clauses", () => {
    expect(rolesIn("Tổ chức tập huấn. Giao Phòng Văn hóa - Thông tin chủ trì, phối hợp Trung tâm Văn hóa huyện thực hiện.")).toEqual({
      lead: ["Phòng Văn hóa - Thông tin"],
      support: ["Trung tâm Văn hóa huyện"],
    });
    expect(rolesIn("Rà soát hồ sơ. Phòng Tư pháp chủ trì, Văn phòng HĐND và UBND phối hợp; thường xuyên.")).toEqual({
      lead: ["Phòng Tư pháp"],
      support: ["Văn phòng HĐND và UBND"],
    });
    expect(rolesIn("Kiểm tra an toàn. Các trường học thực hiện, Phòng Giáo dục và Đào tạo theo dõi.")).toEqual({
      lead: ["Các trường học"],
      support: ["Phòng Giáo dục và Đào tạo"],
    });
    // an assignment in brackets after the duty
    expect(rolesIn("Cập nhật cơ sở dữ liệu hộ nghèo (Phòng Lao động chủ trì, phối hợp UBND các xã)").lead).toEqual(["Phòng Lao động"]);
  });

  it("does not take a sentence's subject with its verb for a unit", () => {
    expect(rolesIn("Văn phòng có trách nhiệm tham mưu, phối hợp tổ chức hội nghị.").lead).toEqual([]);
  });
});

describe("labelled fields", () => {
  it("reads a field line and fields inside a sentence", () => {
    expect(fieldLine("- Cơ quan thực hiện: Đội Cảnh sát PCCC.")).toEqual({ name: "lead", value: "Đội Cảnh sát PCCC" });
    expect(fieldLine("+ Tiến độ hoàn thành: Quý III/2026")).toEqual({ name: "deadline", value: "Quý III/2026" });
    expect(fieldLine("Phân công rõ cơ quan chủ trì, phối hợp.")).toBeNull();
    expect(inlineFields("Lắp đặt camera; đơn vị phối hợp: Công an xã; thời hạn: tháng 6/2026.").fields).toEqual({
      support: "Công an xã",
      deadline: "tháng 6/2026",
    });
  });
});

describe("short names a plan defines", () => {
  it("reads 'sau đây gọi tắt là' and bracketed acronyms", () => {
    expect(definedNames(["Giao Trung tâm Y tế huyện (sau đây gọi tắt là Trung tâm) chủ trì."])).toEqual([{ name: "Trung tâm Y tế huyện", short: "Trung tâm" }]);
    expect(definedNames(["Phòng Kinh tế và Hạ tầng (KTHT) tham mưu."])).toEqual([{ name: "Phòng Kinh tế và Hạ tầng", short: "KTHT" }]);
    expect(definedNames(["Thực hiện cải cách hành chính (CCHC) năm 2026."])).toEqual([]);
  });

  it("then reads the short name as that unit", () => {
    const text = [
      "KẾ HOẠCH",
      "Chuyển đổi số năm 2026",
      "",
      "I. NHIỆM VỤ",
      "1. Nâng cấp cổng thông tin của Trung tâm Chuyển đổi số tỉnh (sau đây gọi tắt là Trung tâm). Trung tâm chủ trì; hoàn thành trong Quý II/2026.",
      "2. Đào tạo kỹ năng số. Phòng Bưu chính (PBC) chủ trì, phối hợp Trung tâm; thường xuyên.",
      "3. Rà soát thiết bị. PBC chủ trì; trước ngày 30/9/2026.",
    ].join("\n");
    const p = parsePlan("cds.txt", text);
    const name = (id: string) => p.units.find((u) => u.id === id)?.name;
    expect(p.tasks.map((t) => t.lead.map(name))).toEqual([["Trung tâm Chuyển đổi số tỉnh"], ["Phòng Bưu chính"], ["Phòng Bưu chính"]]);
    expect(p.tasks[1].support.map(name)).toEqual(["Trung tâm Chuyển đổi số tỉnh"]);
  });
});

describe("report schedules by rule", () => {
  it("reads any number of reports, with their data windows", () => {
    const text = [
      "KẾ HOẠCH",
      "Công tác tư pháp năm 2026",
      "",
      "I. TỔ CHỨC THỰC HIỆN",
      "1. Các phòng gửi báo cáo tháng trước ngày 20 hằng tháng; báo cáo 9 tháng trước ngày 10/9/2026, số liệu tính từ ngày 15/12/2025 đến ngày 14/9/2026; báo cáo năm trước ngày 05/12/2026.",
    ].join("\n");
    const p = parsePlan("tp.txt", text);
    const by = (name: string) => p.reports.find((r) => r.name.startsWith(name));
    expect(by("Báo cáo 9 tháng")?.due.due).toBe("2026-09-10");
    expect(by("Báo cáo 9 tháng")?.cutoff).toMatchObject({ from: "2025-12-15", to: "2026-09-14" });
    expect(by("Báo cáo năm")?.due.due).toBe("2026-12-05");
    expect(by("Báo cáo tháng")?.due.dates).toHaveLength(12);
  });
});

describe("an assignment in brackets with its time", () => {
  it("reads owners and time from '(Sở X chủ trì, phối hợp với Y; thời gian: Quý III/2026)'", () => {
    const text = ["KẾ HOẠCH", "Giảm nghèo năm 2026", "", "I. NHIỆM VỤ", "1. Đào tạo nghề cho lao động nông thôn (Sở Nội vụ chủ trì, phối hợp với Hội Nông dân tỉnh; thời gian: Quý III/2026)."].join("\n");
    const p = parsePlan("gn.txt", text);
    const name = (id: string) => p.units.find((u) => u.id === id)?.name;
    expect(p.tasks[0].lead.map(name)).toEqual(["Sở Nội vụ"]);
    expect(p.tasks[0].support.map(name)).toEqual(["Hội Nông dân tỉnh"]);
    expect([p.tasks[0].deadline.start, p.tasks[0].deadline.due]).toEqual(["2026-07-01", "2026-09-30"]);
  });
});

describe("doers named later in the sentence, and the units a duty works through", () => {
  const plan = (lines: string[]) => {
    const p = parsePlan("x.txt", ["KẾ HOẠCH", "Công tác y tế năm 2026", "", "I. NHIỆM VỤ", ...lines].join("\n"));
    const name = (id: string) => p.units.find((u) => u.id === id)?.name;
    return { p, lead: (i: number) => p.tasks[i].lead.map(name), support: (i: number) => p.tasks[i].support.map(name) };
  };

  it("takes a unit the plan named, opening a later clause with a duty verb, as the lead", () => {
    const { lead } = plan([
      "1. Rà soát trang thiết bị. Phòng Hành chính chủ trì; hoàn thành trong Quý I/2026.",
      "2. Kinh phí mua sắm được bố trí trong dự toán năm 2026, Phòng Hành chính lập dự toán chi tiết trước ngày 30/4/2026.",
    ]);
    expect(lead(1)).toEqual(["Phòng Hành chính"]);
  });

  it("counts the issuer's own units it guides or compiles from as taking part, not another body it guides", () => {
    const { lead, support } = plan([
      "1. Phòng Tài vụ hướng dẫn các đơn vị trực thuộc xây dựng dự toán; trước ngày 15/7/2026.",
      "2. Phòng Tài vụ tổng hợp nhu cầu đào tạo của các phòng, đơn vị, trình Giám đốc trước ngày 20/3/2026.",
      "3. Phòng Nghiệp vụ hướng dẫn UBND các xã tổ chức tiêm chủng; thường xuyên.",
    ]);
    expect(lead(0)).toEqual(["Phòng Tài vụ"]);
    expect(support(0)).toHaveLength(1);
    expect(support(1)).toHaveLength(1);
    expect(support(2)).toEqual([]);
  });
});

describe("reports whose period follows the date, or is only a rule", () => {
  it("reads 'trước ngày … đối với báo cáo năm' and a quarterly rule without the word quý before it", () => {
    const text = [
      "KẾ HOẠCH",
      "Cải cách hành chính năm 2026",
      "",
      "I. TỔ CHỨC THỰC HIỆN",
      "1. Các phòng gửi báo cáo kết quả về Văn phòng trước ngày 12 của tháng cuối quý và trước ngày 20/11/2026 đối với báo cáo năm.",
    ].join("\n");
    const p = parsePlan("r.txt", text);
    expect(p.reports.find((r) => r.period === "Y")?.due.due).toBe("2026-11-20");
    expect(p.reports.find((r) => /quý/u.test(r.name))?.due.kind).toBe("recurring");
  });
});

describe("targets stated as a rank or a planned count", () => {
  it("reads 'thuộc nhóm 5 … dẫn đầu' in a purpose and 'tổ chức 03 hội thi' in a duty", () => {
    const text = [
      "KẾ HOẠCH",
      "Nâng cao chỉ số năm 2026",
      "",
      "I. MỤC ĐÍCH, YÊU CẦU",
      "1. Góp phần đưa chỉ số của tỉnh thuộc nhóm 5 tỉnh dẫn đầu khu vực.",
      "II. NHIỆM VỤ",
      "1. Tổ chức 03 hội thi tìm hiểu pháp luật. Phòng Tuyên truyền chủ trì; Quý III/2026.",
      "2. Thực hiện 07 nội dung công tác theo hướng dẫn. Phòng Tuyên truyền chủ trì; thường xuyên.",
    ].join("\n");
    const p = parsePlan("t.txt", text);
    const values = p.targets.flatMap((t) => t.values.map((v) => v.value));
    expect(values).toContain(5);
    expect(values).toContain(3);
    // "thực hiện 07 nội dung" names the plan's parts, not a figure to reach
    expect(values).not.toContain(7);
    expect(p.tasks).toHaveLength(2);
  });
});
