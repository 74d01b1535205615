// What a plan file may cost: a zip bomb, a zip that lies about its sizes, thousands of entries,
// endless PDF pages — each refused in Vietnamese naming the limit, and the process lives on.
import { describe, expect, it } from "vitest";
import { ExtractError, extractPlanText, extractPlanTextInProcess, DEFAULT_LIMITS } from "../../knowledge/extract.ts";
import { buildZip, docxBomb } from "../helpers/zip-build.ts";
import { planDocx, planPdf, planText } from "../helpers/plan-documents.ts";

async function refusal(p: Promise<unknown>): Promise<ExtractError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ExtractError) return e;
    throw e;
  }
  throw new Error("the file was read");
}

const QT = "quang-tri_so-ldtbxh_cchc-2024.txt";

describe("limits on what a .docx may inflate to", () => {
  const bomb = docxBomb(60); // ~60 MB of document.xml from a few hundred KB

  it("refuses a zip bomb whose document.xml inflates past 50 MB, and keeps memory flat", async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    const e = await refusal(extractPlanText(bomb, "bom.docx"));
    expect(e.reason).toBe("too-large");
    expect(e.message).toMatch(/bom.docx.*bị từ chối.*50 MB/);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it("does not trust the sizes the zip declares", async () => {
    const e = await refusal(extractPlanTextInProcess(docxBomb(60, 1000), "noi-doi.docx"));
    expect(e.message).toMatch(/noi-doi.docx/);
    expect(["too-large", "corrupt"]).toContain(e.reason);
  });

  it("refuses a .docx of more than 2000 entries", async () => {
    const entries = [{ name: "word/document.xml", data: Buffer.from("<w:document/>") }];
    for (let i = 0; i < 2100; i++) entries.push({ name: `word/media/x${i}.xml`, data: Buffer.from("x") });
    const e = await refusal(extractPlanText(buildZip(entries), "nhieu.docx"));
    expect(e.message).toMatch(/2101 phần, giới hạn là 2000/);
  });

  it("still reads a real plan through the isolated reader, many times over one worker", async () => {
    const docx = await planDocx(planText(QT));
    for (let i = 0; i < 3; i++) {
      const out = await extractPlanText(docx, "qt.docx");
      expect(out.format).toBe("docx");
      expect(out.text).toMatch(/Quảng Trị/);
    }
  });
});

describe("limits on a PDF", () => {
  it("refuses more pages than allowed, naming the limit", async () => {
    const pdf = await planPdf(planText(QT));
    const e = await refusal(extractPlanText(pdf, "dai.pdf", { limits: { ...DEFAULT_LIMITS, maxPdfPages: 1 } }));
    expect(e.reason).toBe("too-large");
    expect(e.message).toMatch(/dai.pdf có \d+ trang, giới hạn là 1 trang/);
  });

  it("refuses more text than allowed", async () => {
    const pdf = await planPdf(planText(QT));
    const e = await refusal(extractPlanText(pdf, "chu.pdf", { limits: { ...DEFAULT_LIMITS, maxPdfChars: 500 } }));
    expect(e.message).toMatch(/chu.pdf có hơn 500 ký tự/);
  });
});

describe("isolation", () => {
  it("a read that overruns its time is stopped and refused; the next read works", async () => {
    const docx = await planDocx(planText(QT));
    const e = await refusal(extractPlanText(docx, "cham.docx", { isolate: { memoryMb: 256, timeoutMs: 1 } }));
    expect(e.message).toMatch(/cham.docx mất quá/);
    expect((await extractPlanText(docx, "qt.docx")).format).toBe("docx");
  });

  it("a read that runs out of memory is refused, not fatal", async () => {
    const docx = await planDocx(planText(QT).repeat(8));
    const e = await refusal(extractPlanText(docx, "nang.docx", { isolate: { memoryMb: 4, timeoutMs: 60_000 } }));
    expect(e.message).toMatch(/nang.docx/);
    expect((await extractPlanText(docx, "qt.docx")).format).toBe("docx");
  });
});
