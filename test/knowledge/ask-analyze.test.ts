import { describe, expect, it } from "vitest";
import { analyzeQuestion, detectLanguage, type Catalog } from "../../knowledge/ask/analyze.ts";
import { readTimeSlots } from "../../knowledge/ask/slots.ts";
import { canonText, canonTokens } from "../../knowledge/ask/tokens.ts";
import { foldVietnamese } from "../../knowledge/text.ts";

const catalog: Catalog = {
  plans: [
    { id: "son-la-gtvt-2024", agencyId: "son-la/so-gtvt", province: "son la", agency: "so giao thong van tai" },
    { id: "quang-tri-ldtbxh-2024", agencyId: "quang-tri/so-ldtbxh", province: "quang tri", agency: "so lao dong thuong binh va xa hoi" },
  ],
  units: [
    { id: "quang-tri/so-ldtbxh/van-phong-so", agencyId: "quang-tri/so-ldtbxh", phrase: "van phong so" },
    { id: "quang-tri/so-ldtbxh/van-phong-so", agencyId: "quang-tri/so-ldtbxh", phrase: "van phong" },
    { id: "quang-tri/so-ldtbxh/thanh-tra-so", agencyId: "quang-tri/so-ldtbxh", phrase: "thanh tra" },
  ],
  foreignProvinces: ["ha noi", "ha giang", "cao bang", "ca mau"],
  foreignAgencies: ["so y te", "so tai chinh"],
};
const ask = (q: string) => analyzeQuestion(q, catalog);

describe("folding and canonical words", () => {
  it("folds diacritics and đ", () => {
    expect(foldVietnamese("Đắk Lắk ĐỘC LẬP")).toBe("dak lak doc lap");
  });
  it("expands the abbreviations staff use, so both spellings meet", () => {
    expect(canonText("Cải cách TTHC")).toBe(canonText("cải cách thủ tục hành chính"));
    expect(canonText("CBCCVC")).toBe("can bo cong chuc vien chuc");
    expect(canonText("CBCC,VC")).toBe("can bo cong chuc vien chuc");
    expect(canonText("Sở LĐTBXH")).toBe("so lao dong thuong binh va xa hoi");
    for (const [abbr, full] of [
      ["CCHC", "cải cách hành chính"],
      ["QPPL", "quy phạm pháp luật"],
      ["VTVL", "vị trí việc làm"],
      ["GTVT", "giao thông vận tải"],
      ["DVC", "dịch vụ công"],
    ]) expect(canonText(abbr)).toBe(canonText(full));
  });
  it("keeps index names and adds their Vietnamese name", () => {
    expect(canonTokens("PCI")).toEqual(["pci", ...canonTokens("chỉ số năng lực cạnh tranh cấp tỉnh")]);
    expect(canonTokens("PAR INDEX").slice(0, 2)).toEqual(["par", "index"]);
  });
});

describe("time slots", () => {
  it("reads quarters written every way", () => {
    for (const q of ["quý III", "quý 3", "Q3", "q3/2024", "third quarter", "quarter 3"]) {
      expect(readTimeSlots(foldVietnamese(q)).slots.quarter, q).toBe(3);
    }
    expect(readTimeSlots("quy iv nam 2024").slots).toMatchObject({ quarter: 4, years: [2024] });
    expect(readTimeSlots("quy i").slots.quarter).toBe(1);
  });
  it("flags a quarter, month or date that cannot exist", () => {
    expect(readTimeSlots("bao cao quy 5").slots.invalid).toBe("quarter");
    expect(readTimeSlots("bao cao quy v nam 2024").slots.invalid).toBe("quarter");
    expect(readTimeSlots("when is the q5 report due").slots.invalid).toBe("quarter");
    expect(readTimeSlots("viec gi han trong thang 13/2024").slots.invalid).toBe("month");
    expect(readTimeSlots("han ngay 31/2/2024").slots.invalid).toBe("date");
  });
  it("reads half year, whole year, month, date and years", () => {
    expect(readTimeSlots("bao cao 6 thang dau nam").slots.half).toBe(true);
    expect(readTimeSlots("bao cao nam 2024").slots).toMatchObject({ annual: true, years: [2024] });
    expect(readTimeSlots("bao cao nam 2024").rest).toContain("bao cao");
    expect(readTimeSlots("viec gi han trong thang 1/2024").slots).toMatchObject({ month: 1, years: [2024] });
    expect(readTimeSlots("truoc 20/01/2024").slots.date).toEqual({ d: 20, m: 1, y: 2024 });
    expect(readTimeSlots("den nam 2030 dat bao nhieu").slots.years).toEqual([2030]);
  });
  it("does not read document numbers as dates or years", () => {
    const { slots } = readTimeSlots("nghi dinh 60/2021 va iso 9001:2015, ke hoach 126/kh-ubnd");
    expect(slots.years).toEqual([]);
    expect(slots.invalid).toBeUndefined();
  });
});

describe("intent", () => {
  it.each([
    ["Báo cáo quý I gửi trước ngày nào?", "deadline"],
    ["han nop bao cao quy 3", "deadline"],
    ["When is the Q3 report due?", "deadline"],
    ["Ai chủ trì kiểm kê tài sản?", "owner"],
    ["ai phoi hop de xuat phuong an don gian hoa tthc", "owner"],
    ["Who leads the PCI plan?", "owner"],
    ["Tỷ lệ văn bản QPPL được kiểm tra kịp thời?", "target"],
    ["How many percent of online public services use digital signatures?", "target"],
    ["Việc gì hạn trong quý I?", "list"],
    ["Thanh tra chủ trì những việc gì?", "list"],
    ["Ai ký kế hoạch CCHC?", "fact"],
    ["Số hiệu kế hoạch CCHC của Sở GTVT Đắk Lắk?", "fact"],
    ["Kế hoạch của Sở GTVT Tiền Giang thực hiện nghị quyết nào?", "fact"],
  ])("%s → %s", (q, intent) => {
    expect(ask(q).intent).toBe(intent);
  });
  it("tells lead, support and recipient apart", () => {
    expect(ask("Ai chủ trì số hóa hồ sơ?").role).toBe("lead");
    expect(ask("Ai phối hợp trình UBND công bố TTHC?").role).toBe("support");
    expect(ask("Các phòng gửi báo cáo quý về đâu?").role).toBe("recipient");
  });
  it("notices data cut-off questions", () => {
    expect(ask("chot so lieu bao cao quy 1").cutoff).toBe(true);
  });
});

describe("language", () => {
  it("answers English questions in English, Vietnamese without diacritics in Vietnamese", () => {
    expect(detectLanguage("When is the Q3 report due?")).toBe("en");
    expect(detectLanguage("Who signed the Dak Lak plan?")).toBe("en");
    expect(detectLanguage("han nop bao cao quy 3 son la")).toBe("vi");
    expect(detectLanguage("ai ky ke hoach cchc")).toBe("vi");
    expect(detectLanguage("Báo cáo quý I")).toBe("vi");
  });
  it("carries English words to the plans' Vietnamese words", () => {
    const a = ask("When must the digital transformation plan be issued?");
    expect(a.terms).toEqual(expect.arrayContaining(["chuyen", "doi"]));
    expect(a.bigrams).toContain("chuyen_doi");
  });
});

describe("agency, province and unit", () => {
  it("restricts to the plan a province or agency names", () => {
    expect(ask("han nop bao cao quy 3 so gtvt son la").planIds).toEqual(["son-la-gtvt-2024"]);
    expect(ask("Thanh tra Sở LĐTBXH chủ trì việc gì?").planIds).toEqual(["quang-tri-ldtbxh-2024"]);
    expect(ask("Báo cáo quý I gửi trước ngày nào?").planIds).toBeNull();
  });
  it("knows when a question is about another place or agency", () => {
    expect(ask("Sở GTVT Hà Giang gửi báo cáo quý I trước ngày nào?").outside).toBe("ha giang");
    expect(ask("Ai là giám đốc Sở Y tế?").outside).toBe("so y te");
    expect(ask("Nâng cao bằng cách nào?").outside).toBeUndefined();
  });
  it("finds units, the longest name first", () => {
    expect(ask("Văn phòng Sở LĐTBXH có những việc gì trong quý IV?").unitIds).toEqual(["quang-tri/so-ldtbxh/van-phong-so"]);
    expect(ask("Thanh tra chủ trì việc gì?").unitIds).toEqual(["quang-tri/so-ldtbxh/thanh-tra-so"]);
  });
  it("keeps the subject words and drops question words and places", () => {
    const a = ask("Ai chủ trì kiểm kê tài sản ở Sở LĐTBXH Quảng Trị?");
    expect(a.terms).toEqual(expect.arrayContaining(["kiem", "san"]));
    expect(a.terms).not.toContain("ai");
    expect(a.terms).not.toContain("quang");
    expect(a.bigrams).toEqual(expect.arrayContaining(["kiem_ke", "tai_san"]));
  });
});
