import { describe, expect, it } from "vitest";
import {
  compactFold,
  foldVietnamese,
  isVietnameseSyllable,
  joinLines,
  lineAt,
  normalizeText,
  repairLine,
  sentenceCase,
  sliceParagraph,
  slugify,
  titleCase,
} from "../../knowledge/text.ts";

describe("repairLine: PDF syllable splits", () => {
  it.each([
    ["đối với hoạt động củ a các cơ quan", "đối với hoạt động của các cơ quan"],
    ["thực hiện nhiệm vụ th eo dõi thi hành", "thực hiện nhiệm vụ theo dõi thi hành"],
    ["viên chức theo hướ ng dân chủ, công khai", "viên chức theo hướng dân chủ, công khai"],
    ["đề xuất giải pháp khắc phụ c; xây dựng", "đề xuất giải pháp khắc phục; xây dựng"],
    ["định hướng đến nãm 2030", "định hướng đến năm 2030"],
    ["định hướng đên năm 2030 với các nội dung", "định hướng đến năm 2030 với các nội dung"],
    ["đã được cơ quan , đơn vị kết nối", "đã được cơ quan, đơn vị kết nối"],
    ["1. Mục đích :", "1. Mục đích:"],
    ["về “ Kết quả giải quyết TTHC ”", "về “Kết quả giải quyết TTHC”"],
    ["Qu ý III/2024", "Quý III/2024"],
  ])("%s", (input, repaired) => {
    expect(repairLine(input)).toBe(repaired);
  });

  it.each([
    "lấy ý kiến người dân",
    "góp ý, phản ánh",
    "a) Mục tiêu:",
    "TTHC a) và b)",
    "nãm học", // not before a year: left as written
    "e-Cabinet và ISO 9001:2015",
    "Đắk Lắk, ngày 15 tháng 12 năm 2021",
  ])("leaves real words alone: %s", (input) => {
    expect(repairLine(input)).toBe(input);
  });

  it("knows a syllable from a fragment", () => {
    for (const w of ["của", "theo", "hướng", "năm", "quyết", "gì", "nghiêng", "ý", "được"]) expect(isVietnameseSyllable(w)).toBe(true);
    for (const w of ["th", "hướ", "c", "ng", "website", "km"]) expect(isVietnameseSyllable(w)).toBe(false);
  });
});

describe("paragraphs keep their source lines", () => {
  const p = joinLines([
    { text: "+ Tối thiểu 80% TTHC có yêu cầu nghĩa vụ tài chính, được triển khai", line: 206 },
    { text: "", line: 207 },
    { text: "thanh toán trực tuyến, trong số đó, tỷ lệ giao dịch đạt từ", line: 208 },
    { text: "30% trở lên.", line: 210 },
  ]);

  it("joins lines with one space and maps any offset back to its line", () => {
    expect(p.text).toBe(
      "+ Tối thiểu 80% TTHC có yêu cầu nghĩa vụ tài chính, được triển khai thanh toán trực tuyến, trong số đó, tỷ lệ giao dịch đạt từ 30% trở lên.",
    );
    expect(p.line).toBe(206);
    expect(lineAt(p, p.text.indexOf("80%"))).toBe(206);
    expect(lineAt(p, p.text.indexOf("thanh toán"))).toBe(208);
    expect(lineAt(p, p.text.indexOf("30%"))).toBe(210);
  });

  it("a slice cited from its own first line", () => {
    const s = sliceParagraph(p, p.text.indexOf("trong số đó"));
    expect(s.text.startsWith("trong số đó")).toBe(true);
    expect(s.line).toBe(208);
    expect(lineAt(s, s.text.indexOf("30%"))).toBe(210);
  });
});

describe("normalisation and folding", () => {
  it("CRLF, BOM and decomposed Unicode give the same text", () => {
    const nfc = "Văn phòng Sở\nBáo cáo quý III";
    expect(normalizeText(`\uFEFF${nfc.normalize("NFD").replace(/\n/g, "\r\n")}`)).toBe(nfc);
  });

  it("folds diacritics and đ for searching", () => {
    expect(foldVietnamese("Đắk Lắk ĐÔN ĐỐC")).toBe("dak lak don doc");
    expect(compactFold("củ a **các**")).toBe(compactFold("của các"));
  });

  it("slugs, headings and place names", () => {
    expect(slugify("Sơn La")).toBe("son-la");
    expect(slugify("Sở LĐTBXH")).toBe("so-ldtbxh");
    expect(sentenceCase("II. CẢI CÁCH THỦ TỤC HÀNH CHÍNH")).toBe("II. Cải cách thủ tục hành chính");
    expect(sentenceCase("VIII DUY TRÌ VÀ NÂNG CAO CHỈ SỐ PAR INDEX, SIPAS")).toBe("VIII Duy trì và nâng cao chỉ số PAR INDEX, SIPAS");
    expect(sentenceCase("Cải cách thể chế")).toBe("Cải cách thể chế");
    expect(titleCase("Đắk lắk")).toBe("Đắk Lắk");
  });
});
