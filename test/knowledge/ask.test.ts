// Answers over the five bundled plans, as staff would see them.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ask, buildAskIndex, type AskIndex } from "../../knowledge/ask.ts";
import { ingestDirectory } from "../../knowledge/load.ts";

const plansDir = fileURLToPath(new URL("../../data/plans/", import.meta.url));
let index: AskIndex;
beforeAll(async () => {
  index = buildAskIndex(await ingestDirectory(plansDir, "2024-01-01T00:00:00.000Z"));
});
const q = (question: string, opts = {}) => ask(index, question, opts);

describe("deadlines", () => {
  it("starts with the fact, then the cut-off, the recipient and the citation", () => {
    const a = q("Báo cáo quý III/2024 của Sở GTVT Sơn La gửi trước ngày nào?");
    expect(a.found).toBe(true);
    expect(a.intent).toBe("deadline");
    expect(a.answer.split("\n")[0]).toBe("Báo cáo quý III/2024: gửi trước ngày 15/9/2024.");
    expect(a.answer).toContain("14/9/2024");
    expect(a.answer).toMatch(/Nguồn: .*Sở GTVT Sơn La.*dòng 254\./);
    expect(a.hits[0]).toMatchObject({ planId: "son-la-gtvt-2024", kind: "report", due: "2024-09-15", source: { line: 254 } });
  });

  it("understands a question typed without diacritics, with abbreviations", () => {
    expect(q("han nop bao cao quy 3 so gtvt son la").answer).toContain("15/9/2024");
    expect(q("chot so lieu bao cao quy 1 son la").answer).toMatch(/chốt số liệu.*15\/12\/2023.*14\/3\/2024/);
  });

  it("quotes the plan's words for a quarter and gives the last day", () => {
    const a = q("ke hoach kiem soat tthc ban hanh khi nao");
    expect(a.answer).toContain("Quý I/2024 (đến 31/3/2024)");
    expect(a.answer).toContain("Chủ trì: Văn phòng Sở");
    expect(a.answer).toContain("Phụ lục, mục II.1");
  });

  it("says so when the plan gives no deadline, and never makes one up", () => {
    const a = q("Hạn nâng cao chất lượng công tác xây dựng văn bản QPPL của Sở GTVT Sơn La?");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("không ghi thời hạn");
    expect(a.answer).not.toMatch(/\d{1,2}\/\d{1,2}\/20\d\d/);
  });

  it("reads a misspelt word as the nearest word of the plans", () => {
    expect(q("kiem kee tai san khi nao").answer).toContain("Quý IV/2024");
  });
});

describe("owners, targets and facts", () => {
  it("names who leads and who supports", () => {
    const a = q("Ai chủ trì kiểm kê tài sản?");
    expect(a.intent).toBe("owner");
    expect(a.answer).toContain("chủ trì: Văn phòng Sở, Các đơn vị thuộc Sở");
    expect(a.hits[0].lead).toEqual(["Văn phòng Sở", "Các đơn vị thuộc Sở"]);
    expect(q("ai phoi hop de xuat phuong an don gian hoa tthc").answer).toMatch(/^[^\n]*phối hợp: Văn phòng Sở/);
  });

  it("picks the target for the year asked", () => {
    expect(q("Mức độ hài lòng về giải quyết TTHC ở Đắk Lắk đến năm 2030?").answer.split("\n")[0]).toContain("95%");
    expect(q("dak lak 2025 ty le giao dich thanh toan truc tuyen").answer.split("\n")[0]).toContain("30%");
  });

  it("answers who signed a plan and what it implements", () => {
    expect(q("Ai ký kế hoạch PAR INDEX của Sở GTVT Lạng Sơn?").answer).toContain("Hoàng Khánh Dư");
    expect(q("Kế hoạch của Sở GTVT Tiền Giang thực hiện nghị quyết nào?").answer).toContain("09-NQ/TU");
  });

  it("says when the detail is in an appendix the text does not include", () => {
    const a = q("Nhiệm vụ cụ thể công tác CCHC năm 2024 của Sở GTVT Sơn La gồm những gì?");
    expect(a.found).toBe(true);
    expect(a.answer).toContain("Phụ lục");
    expect(a.answer).toContain("không có trong văn bản");
  });

  it("groups by agency when several plans answer", () => {
    const a = q("Tỷ lệ TTHC có nghĩa vụ tài chính được thanh toán trực tuyến theo các kế hoạch?");
    expect(a.answer).toContain("▸ Sở GTVT Sơn La");
    expect(a.answer).toContain("▸ Sở GTVT Đắk Lắk");
    expect(new Set(a.hits.map((h) => h.planId)).size).toBeGreaterThan(1);
  });
});

describe("lists", () => {
  it("lists what is due in a month across plans, by agency", () => {
    const a = q("Việc gì hạn trong tháng 1/2024?");
    expect(a.intent).toBe("list");
    for (const d of ["15/01/2024", "31/01/2024", "20/01/2024"]) expect(a.answer).toContain(d);
    expect(a.answer).toContain("▸ Sở LĐTBXH Quảng Trị");
    expect(a.answer).toContain("▸ Sở GTVT Sơn La");
  });

  it("lists what a unit leads", () => {
    const a = q("Thanh tra chủ trì việc gì?");
    expect(a.answer).toContain("tiếp công dân");
    expect(q("Văn phòng Sở LĐTBXH có những việc gì trong quý IV?").answer).toContain("Kiểm kê tài sản");
  });

  it("reads 'this month' from the given date", () => {
    expect(q("Việc gì hạn trong tháng này?", { today: "2024-11-05" }).answer).toContain("18/11/2024");
    expect(q("Việc gì hạn trong tháng này?", { today: "2024-01-10" }).answer).toContain("31/01/2024");
  });

  it("keeps even broad answers well under 3000 characters", () => {
    for (const question of ["Việc gì hạn trong năm 2024?", "Ai ký kế hoạch?", "Văn phòng chủ trì những việc gì?", "Cải cách thể chế gồm những nhiệm vụ gì?"]) {
      const a = q(question);
      expect(a.found, question).toBe(true);
      expect(a.answer.length, question).toBeLessThan(3000);
      expect(a.hits.length).toBeLessThanOrEqual(5);
    }
  });
});

describe("scope", () => {
  it("answers from the named agency only", () => {
    const a = q("Ai chủ trì theo dõi, đôn đốc kế hoạch CCHC của Sở GTVT Tiền Giang?");
    expect(a.hits.every((h) => h.planId === "tien-giang-gtvt-2021-2025")).toBe(true);
  });

  it("restricts to the group's agency when the question names none", () => {
    const a = q("Ai chủ trì theo dõi, đôn đốc thực hiện kế hoạch?", { agencyId: "dak-lak/so-gtvt" });
    expect(a.found).toBe(true);
    expect(a.answer).toContain("Sở GTVT Đắk Lắk");
    expect(a.hits.every((h) => h.planId === "dak-lak-gtvt-2021-2030")).toBe(true);
  });
});

describe("English", () => {
  it("answers in English around the Vietnamese names", () => {
    const a = q("When is the Q3 report of Son La due?");
    expect(a.lang).toBe("en");
    expect(a.answer).toContain("due by 15 Sep 2024");
    expect(a.answer).toContain("Source:");
    expect(q("Who leads the PCI plan?").answer).toMatch(/led by Văn phòng Sở/);
  });
});

describe("when the plans cannot answer", () => {
  it.each([
    ["Báo cáo quý 5 gửi trước ngày nào?", "4 quý"],
    ["Sở GTVT Hà Giang gửi báo cáo quý I trước ngày nào?", "Hà Giang"],
    ["Thời tiết Sơn La ngày mai thế nào?", "không tìm thấy"],
    ["Có việc gì hạn ngày 31/2/2024 không?", "không có thật"],
    ["Báo cáo quý I/2019 của Sở GTVT Sơn La hạn khi nào?", "2019"],
    ["Hạn nộp thuế thu nhập cá nhân là khi nào?", "không tìm thấy"],
  ])("%s → says it does not know, and how to ask", (question, why) => {
    const a = q(question);
    expect(a.found).toBe(false);
    expect(a.hits).toEqual([]);
    expect(a.answer).toContain(why);
    expect(a.answer).toContain("bạn thử hỏi");
    expect(a.answer).not.toMatch(/\d{1,2}\/\d{1,2}\/20\d\d/);
  });

  it("replies in English to an English question it cannot answer", () => {
    const a = q("When is the Q5 report due?");
    expect(a.found).toBe(false);
    expect(a.answer).toContain("four quarters");
  });

  it("handles an empty question", () => {
    expect(q("   ").found).toBe(false);
  });
});

describe("hits", () => {
  it("follow the contract", () => {
    for (const question of ["Ai chủ trì kiểm kê tài sản?", "Mức độ hài lòng về giải quyết TTHC ở Đắk Lắk đến năm 2030?", "Ai ký kế hoạch CCHC Sơn La?"]) {
      const a = q(question);
      expect(a.hits.length).toBeGreaterThan(0);
      expect(a.hits.length).toBeLessThanOrEqual(5);
      for (const h of a.hits) {
        expect(Object.keys(h).sort()).toEqual(["due", "dueText", "kind", "lead", "planId", "source", "support", "text", "value"]);
        expect(["task", "target", "report", "plan"]).toContain(h.kind);
        expect(h.due === null || /^\d{4}-\d{2}-\d{2}$/.test(h.due)).toBe(true);
        expect(h.source.line).toBeGreaterThan(0);
      }
    }
    expect(q("Mức độ hài lòng về giải quyết TTHC ở Đắk Lắk đến năm 2030?").hits[0].value).toContain("95%");
  });
});
