// The parser is chosen by what the text looks like, not by the file's name; the same plan read
// from Word or PDF gives the same model.
import { describe, expect, it } from "vitest";
import { extractPlanText } from "../../knowledge/extract.ts";
import { toSourceLines } from "../../knowledge/parse/blocks.ts";
import { detectShape, layoutOf } from "../../knowledge/parse/detect.ts";
import { parsePlan, PlanParseError } from "../../knowledge/parse/index.ts";
import { normalizeText } from "../../knowledge/text.ts";
import { FILES, parsed, readPlan } from "../helpers/knowledge-plans.ts";
import { planDocx, planPdf } from "../helpers/plan-documents.ts";

const shapeOf = (file: string) => detectShape(toSourceLines(normalizeText(readPlan(file))));

describe("choosing the parser by content", () => {
  it("recognises each shape", () => {
    expect(shapeOf(FILES.sonLa)).toBe("headed");
    expect(shapeOf(FILES.langSon)).toBe("headed");
    expect(shapeOf(FILES.tienGiang)).toBe("numbered");
    expect(shapeOf(FILES.dakLak)).toBe("wrapped");
    const qt = layoutOf(toSourceLines(normalizeText(readPlan(FILES.quangTri))));
    expect(qt.shape).toBe("numbered");
    expect(qt.appendix[0].line).toBe(183);
  });

  it("a renamed file is read the same (the id comes from the province, not the name)", () => {
    const renamed = parsePlan("ke-hoach-moi.md", readPlan(FILES.dakLak));
    const original = parsed(FILES.dakLak);
    expect(renamed.plan.id).toBe("dak-lak-gtvt-2021-2030");
    expect(renamed.targets.map((t) => [t.text, t.horizon])).toEqual(original.targets.map((t) => [t.text, t.horizon]));
    expect(renamed.tasks.every((t) => t.source.file === "ke-hoach-moi.md")).toBe(true);
  });

  it("refuses a text that is not a plan, with the file's name", () => {
    expect(() => parsePlan("thu-moi.txt", "Kính gửi các đồng chí,\n\nMời dự họp giao ban lúc 8 giờ sáng thứ Hai.\n")).toThrow(PlanParseError);
    expect(() => parsePlan("thu-moi.txt", "Kính gửi các đồng chí,\n\nMời dự họp.\n")).toThrow(/thu-moi\.txt không phải một kế hoạch/);
    expect(() => parsePlan("chi-tieu-de.txt", "KẾ HOẠCH\n\nMột trang không có mục nào.\n")).toThrow(/không có cấu trúc kế hoạch/);
  });
});

describe("the same plan from Word and PDF", () => {
  const rowsOf = (p: ReturnType<typeof parsePlan>) =>
    p.tasks.filter((t) => t.row).map((t) => [t.row, t.objective, t.task, t.activity, t.product, t.lead, t.support, t.deadline, t.budget]);

  it("Quảng Trị as a Word file with real tables (header once, merged cells) gives the same appendix tasks", async () => {
    const bytes = await planDocx(readPlan(FILES.quangTri), { tables: "real" });
    const { text } = await extractPlanText(bytes, "quang-tri.docx");
    const fromWord = parsePlan(FILES.quangTri, text);
    expect(rowsOf(fromWord)).toEqual(rowsOf(parsed(FILES.quangTri)));
    expect(fromWord.plan.coordinatorUnitId).toBe("quang-tri/so-ldtbxh/van-phong-so");
  });

  it("Đắk Lắk from a real PDF gives the same header, targets and owners", async () => {
    const { text } = await extractPlanText(await planPdf(readPlan(FILES.dakLak)), "dak-lak.pdf");
    const fromPdf = parsePlan(FILES.dakLak, text);
    const original = parsed(FILES.dakLak);
    expect({ ...fromPdf.plan, baseDocuments: [] }).toEqual({ ...original.plan, baseDocuments: [] });
    expect(fromPdf.targets.map((t) => [t.text, t.values, t.horizon, t.area])).toEqual(original.targets.map((t) => [t.text, t.values, t.horizon, t.area]));
    expect(fromPdf.tasks.map((t) => [t.text, t.lead, t.support])).toEqual(original.tasks.map((t) => [t.text, t.lead, t.support]));
  });
});
