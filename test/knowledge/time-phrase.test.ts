import { describe, expect, it } from "vitest";
import { parseDeadline } from "../../knowledge/deadlines.ts";
import { isPeriodicReport, timePhraseIn } from "../../knowledge/parse/time-phrase.ts";

const read = (sentence: string, year = 2025) => {
  const phrase = timePhraseIn(sentence);
  return { phrase, deadline: phrase === null ? null : parseDeadline(phrase, { year }) };
};

describe("timePhraseIn: the phrase inside a duty", () => {
  it.each([
    ["Phòng Kế hoạch chủ trì xây dựng đề án, hoàn thành trước ngày 15/8/2025.", "trước ngày 15/8/2025"],
    ["Văn phòng tổng hợp, trình Giám đốc chậm nhất ngày 05/01/2026 để ký ban hành.", "chậm nhất ngày 05/01/2026"],
    ["Tổ chức hội nghị tập huấn trong tháng 5/2025 cho công chức cấp xã.", "trong tháng 5/2025"],
    ["Thanh tra chủ trì kiểm tra công vụ, hoàn thành trong Quý II/2025.", "hoàn thành trong Quý II/2025"],
    ["Khảo sát mức độ hài lòng trong năm 2026 tại các điểm một cửa.", "trong năm 2026"],
    ["Rà soát quy chế nội bộ trong Quý I - Quý II/2026.", "trong Quý I - Quý II/2026"],
    ["Tuyên truyền trên Cổng thông tin từ 01/3 đến 30/4/2026.", "từ 01/3 đến 30/4/2026"],
    ["Tổ chức cuộc thi tìm hiểu pháp luật trong tháng 9 - 10/2026.", "trong tháng 9 - 10/2026"],
    ["Kiểm tra việc thực hiện; đợt 1 trong Quý II/2025, đợt 2 trong Quý IV/2025.", "đợt 1 trong Quý II/2025, đợt 2 trong Quý IV/2025"],
    ["Gửi báo cáo về Sở Tư pháp trước ngày 18/6/2026 và trước ngày 18/11/2026.", "trước ngày 18/6/2026 và trước ngày 18/11/2026"],
  ])("%s", (sentence, phrase) => {
    expect(timePhraseIn(sentence)).toBe(phrase);
    expect(parseDeadline(phrase, { year: 2025 }).kind).not.toBe("unknown");
  });

  it("finds rules, with the period words beside them", () => {
    expect(timePhraseIn("Các phòng gửi số liệu về Văn phòng trước ngày 10 của tháng cuối quý.")).toBe("trước ngày 10 của tháng cuối quý");
    expect(timePhraseIn("Các đơn vị báo cáo tiến độ trước ngày 25 hằng tháng.")).toBe("trước ngày 25 hằng tháng");
    expect(timePhraseIn("Hằng tháng, trước ngày 20, các phòng cập nhật dữ liệu.")).toBe("Hằng tháng, trước ngày 20");
    expect(timePhraseIn("Định kỳ hằng quý (trước ngày 15 của tháng cuối quý), báo cáo UBND tỉnh.")).toBe("Định kỳ hằng quý (trước ngày 15 của tháng cuối quý)");
    expect(timePhraseIn("Hằng quý, trước ngày 5 của tháng đầu quý sau, tổng hợp kết quả.")).toBe("Hằng quý, trước ngày 5 của tháng đầu quý sau");
    const { deadline } = read("Các đơn vị báo cáo tiến độ trước ngày 25 hằng tháng.");
    expect(deadline?.dates).toHaveLength(12);
  });

  it("finds a relative deadline and what it counts from", () => {
    const { phrase, deadline } = read("Chậm nhất 15 ngày kể từ ngày văn bản được ban hành, các phòng tổ chức quán triệt.");
    expect(phrase).toBe("Chậm nhất 15 ngày kể từ ngày văn bản được ban hành");
    expect(deadline).toMatchObject({ kind: "event", relative: { days: 15, workingDays: false, from: "ngày văn bản được ban hành" } });
    expect(timePhraseIn("Trả lời công dân trong vòng 10 ngày làm việc kể từ khi nhận đơn.")).toBe("trong vòng 10 ngày làm việc kể từ khi nhận đơn");
  });

  it("keeps every step of one duty, due at the last", () => {
    const { phrase, deadline } = read("Ban hành kế hoạch kiểm tra trong tháng 3/2025; hoàn thành kiểm tra trước ngày 31/10/2025.");
    expect(phrase).toBe("trong tháng 3/2025; hoàn thành kiểm tra trước ngày 31/10/2025");
    expect(deadline).toMatchObject({ kind: "date", due: "2025-10-31", dates: ["2025-03-31", "2025-10-31"] });
  });

  it("reads 'thường xuyên' where it opens the duty or follows a label", () => {
    expect(timePhraseIn("Thời gian: thường xuyên.")).toBe("thường xuyên");
    expect(timePhraseIn("Thời gian thực hiện: Thường xuyên")).toBe("Thường xuyên");
    expect(timePhraseIn("Thường xuyên kiểm tra, đôn đốc việc thực hiện.")).toBe("Thường xuyên");
    expect(timePhraseIn("Cập nhật dữ liệu (thường xuyên).")).toBe("thường xuyên");
  });

  it("drops the label that introduces a phrase", () => {
    expect(timePhraseIn("Thời gian thực hiện: Quý III/2025")).toBe("Quý III/2025");
    expect(timePhraseIn("Thời hạn hoàn thành: trước ngày 30/9/2025")).toBe("trước ngày 30/9/2025");
  });

  it("finds the phrases without diacritics and in capitals", () => {
    expect(timePhraseIn("cac phong bao cao truoc ngay 20 hang thang")).toBe("truoc ngay 20 hang thang");
    expect(timePhraseIn("hoan thanh truoc ngay 30/6/2025")).toBe("truoc ngay 30/6/2025");
    expect(timePhraseIn("HOÀN THÀNH TRONG QUÝ IV/2025")).toBe("HOÀN THÀNH TRONG QUÝ IV/2025");
  });

  it.each([
    "Căn cứ Quyết định số 12/QĐ-UBND ngày 15/01/2025 của UBND tỉnh.",
    "Thực hiện Nghị quyết số 05-NQ/TU ngày 04/11/2021 của Tỉnh ủy.",
    "Theo Thông tư ngày 01/3/2024 của Bộ Nội vụ.",
    "Phấn đấu đến năm 2030, 100% hồ sơ được số hóa.",
    "Sơ kết 6 tháng đầu năm và tổng kết năm.",
    "Nâng cao chất lượng phục vụ người dân.",
    "Giải quyết hồ sơ trong 05 ngày làm việc.",
  ])("finds no deadline in %j", (sentence) => {
    expect(timePhraseIn(sentence)).toBeNull();
  });

  it("leaves a data cut-off window out of the deadline", () => {
    expect(timePhraseIn("Báo cáo gửi trước ngày 20/6/2025, số liệu tính từ ngày 15/12/2024 đến ngày 14/6/2025.")).toBe("trước ngày 20/6/2025");
  });

  it("still reads the periodic report clause up to its period words", () => {
    expect(timePhraseIn("Định kỳ hàng quý, 06 tháng, hàng năm hoặc đột xuất báo cáo UBND tỉnh.")).toBe("Định kỳ hàng quý, 06 tháng, hàng năm hoặc đột xuất");
    expect(timePhraseIn("Thực hiện khi có yêu cầu của cấp trên.")).toBe("khi có yêu cầu");
    expect(timePhraseIn("Hằng năm, tổ chức hội nghị đối thoại.")).toBe("Hằng năm");
    expect(isPeriodicReport("Định kỳ hằng quý, các phòng gửi báo cáo về Văn phòng.")).toBe(true);
  });
});
