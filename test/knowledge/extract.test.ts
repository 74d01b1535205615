// Reading plans from Word and PDF: the same text as the bundled .txt plans, chosen by content.
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ExtractError, extractPlanText, MAX_PLAN_BYTES } from "../../knowledge/extract.ts";
import { htmlToLines } from "../../knowledge/extract-docx.ts";
import { buildKnowledge } from "../../knowledge/ingest.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import { planDocx, planPdf, planText, renameInZip, scannedPdf } from "../helpers/plan-documents.ts";
import { ROOT } from "../helpers/bot-process.ts";

const PLANS = [
  "son-la_so-gtvt_cchc-2024.txt",
  "tien-giang_so-gtvt_cchc-2021-2025.txt",
  "dak-lak_so-gtvt_cchc-2021-2030.txt",
  "lang-son_so-gtvt_par-sipas-2024.txt",
  "quang-tri_so-ldtbxh_cchc-2024.txt",
];
const QT = "quang-tri_so-ldtbxh_cchc-2024.txt";

/** Lines as a reader sees them: spaces collapsed, ends trimmed. */
const tidy = (text: string) => text.replace(/\s+$/, "").split("\n").map((l) => l.replace(/ +/g, " ").replace(/^ +| +$/g, ""));
const words = (text: string) => text.split(/\s+/).filter(Boolean);

async function failure(bytes: Uint8Array, file: string): Promise<ExtractError> {
  try {
    await extractPlanText(bytes, file);
  } catch (e) {
    if (e instanceof ExtractError) return e;
    throw e;
  }
  throw new Error(`${file} was read`);
}

describe("extractPlanText — Word (.docx)", () => {
  it.each(PLANS)("reads %s as Word exactly like the text", async (file) => {
    const text = planText(file);
    const out = await extractPlanText(await planDocx(text), file.replace(".txt", ".docx"));
    expect(out.format).toBe("docx");
    expect(tidy(out.text)).toEqual(tidy(text));
  });

  it("keeps the Quảng Trị appendix a table: every Word row is one tab-separated line of 9 cells", async () => {
    const out = await extractPlanText(await planDocx(planText(QT), { tables: "real" }), "qt.docx");
    const rows = out.text.split("\n").filter((l) => l.includes("\t"));
    expect(rows.every((r) => r.split("\t").length === 9)).toBe(true);
    // the header once (Word repeats it on each page by itself)
    expect(rows.filter((r) => r.startsWith("STT\t"))).toHaveLength(1);
    // a task's second row under merged STT/Mục tiêu cells: empty first cells, its own owner and deadline
    expect(rows).toContain("\t\tBáo cáo kết quả rà soát\tBáo cáo kết quả rà soát\tBáo cáo\tVăn phòng\tCác phòng, đơn vị\tTrước 18/11/2024\tThường xuyên");
    // a section row merged across the table
    expect(rows).toContain("I\tCẢI CÁCH THỂ CHẾ\t\t\t\t\t\t\t");
    // a row the PDF split over two pages is one row again
    const row = rows.find((r) => r.startsWith("4\tTrình UBND công bố quy trình"))!.split("\t");
    expect(row[7]).toBe("Khi có TTHC ban hành mới hoặc khi có thay đổi");
    // everything outside the table reads as in the text
    const prose = (t: string) => tidy(t).filter((l) => !l.includes("\t") && l !== "");
    expect(prose(out.text)).toEqual(prose(planText(QT)));
  });

  it("is chosen by content: a Word file named .txt is still read as Word", async () => {
    const out = await extractPlanText(await planDocx(planText(PLANS[3])), "ke-hoach.txt");
    expect(out.format).toBe("docx");
    expect(out.text).toContain("PAR INDEX");
  });
});

/** The model without source lines (a Word table or a PDF puts items on other lines); everything else must match. */
function model(file: string, text: string) {
  const { knowledge } = buildKnowledge([{ name: file, text }], "2024-01-01T00:00:00.000Z");
  const strip = <T extends { source: unknown }>({ source: _s, ...rest }: T) => rest;
  return {
    plans: knowledge.plans.map((p) => ({ ...p, baseDocuments: p.baseDocuments.map((d) => d.text) })),
    units: knowledge.units,
    tasks: knowledge.tasks.map(strip),
    targets: knowledge.targets.map(strip),
    reports: knowledge.reports.map(strip),
    problems: knowledge.problems.map((p) => ({ ...p, line: null })),
  };
}

/** Field by field, so a failure names the item and the field that differ. */
function expectSameModel(got: ReturnType<typeof model>, want: ReturnType<typeof model>) {
  for (const kind of ["plans", "units", "tasks", "targets", "reports"] as const) {
    expect(got[kind].length, `number of ${kind}`).toBe(want[kind].length);
    want[kind].forEach((item, i) => {
      for (const [field, value] of Object.entries(item)) {
        expect((got[kind][i] as Record<string, unknown>)[field], `${kind}[${i}].${field} (${(item as { id: string }).id})`).toEqual(value);
      }
    });
  }
}

describe("the same plan from Word and PDF as from text (after ingest, field by field)", () => {
  it.each(PLANS)("%s as .docx: same plan, units, tasks, targets, reports", async (file) => {
    const text = planText(file);
    const want = model(file, text);
    expect(want.tasks.length + want.targets.length).toBeGreaterThan(10);
    const out = await extractPlanText(await planDocx(text), file);
    expectSameModel(model(file, out.text), want);
  });

  it("Quảng Trị with its appendix as a real Word table (one header, merged cells, rows whole again)", async () => {
    const text = planText(QT);
    const want = model(QT, text);
    const out = await extractPlanText(await planDocx(text, { tables: "real" }), QT);
    const got = model(QT, out.text);
    expectSameModel(got, want);
    // spot checks a user would notice: owners and deadlines of appendix rows
    const find = (k: typeof got, words: string) => k.tasks.find((t) => t.text.includes(words))!;
    const ii4 = got.tasks.find((t) => t.row === "II.4")!;
    expect(ii4.deadline.text).toBe("Khi có TTHC ban hành mới hoặc khi có thay đổi");
    expect(ii4.supportText).toBe("Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP");
    const review = find(got, "Báo cáo kết quả rà soát");
    expect(review.deadline).toMatchObject({ kind: "date", due: "2024-11-18" });
    expect(review.lead).toEqual(find(want, "Báo cáo kết quả rà soát").lead);
  });

  it("Đắk Lắk as a PDF: same tasks, targets (2025 and 2030 apart), owners and deadlines", async () => {
    const file = PLANS[2];
    const text = planText(file);
    const want = model(file, text);
    const out = await extractPlanText(await planPdf(text), file.replace(".txt", ".pdf"));
    expectSameModel(model(file, out.text), want);
    expect(new Set(want.targets.map((t) => t.horizon))).toEqual(new Set([2025, 2030]));
  });
});

describe("htmlToLines (mammoth's HTML → lines)", () => {
  it("pads merged cells so the columns stay in place", () => {
    const html =
      "<table><tr><td>STT</td><td>Việc</td><td>Hạn</td></tr>" +
      '<tr><td rowspan="2"><p>1</p></td><td>Lập kế hoạch</td><td>Quý I/2024</td></tr>' +
      "<tr><td>Báo cáo</td><td>Quý IV/2024</td></tr>" +
      '<tr><td>II</td><td colspan="2">CẢI CÁCH TTHC</td></tr></table>';
    expect(htmlToLines(html)).toEqual(["STT\tViệc\tHạn", "1\tLập kế hoạch\tQuý I/2024", "\tBáo cáo\tQuý IV/2024", "II\tCẢI CÁCH TTHC\t"]);
  });

  it("joins a cell's paragraphs, numbers Word lists, marks headings and decodes entities", () => {
    const html =
      "<h2>KẾ HOẠCH</h2><p>Văn phòng &amp; Thanh tra</p><p></p><ol><li>Mục đích</li><li>Yêu cầu</li></ol>" +
      "<ul><li>Sở Nội vụ;</li></ul><p>dòng một<br />dòng hai</p>" +
      "<table><tr><td><p>- Tờ trình</p><p>- Quyết định</p></td><td>Văn phòng</td></tr></table>";
    expect(htmlToLines(html)).toEqual([
      "## KẾ HOẠCH",
      "Văn phòng & Thanh tra",
      "",
      "1. Mục đích",
      "2. Yêu cầu",
      "- Sở Nội vụ;",
      "dòng một",
      "dòng hai",
      "- Tờ trình - Quyết định\tVăn phòng",
    ]);
  });
});

describe("extractPlanText — PDF", () => {
  it("reads the Đắk Lắk plan from a PDF (DejaVu font) line for line, diacritics intact", async () => {
    const text = planText(PLANS[2]);
    const out = await extractPlanText(await planPdf(text), "dak-lak.pdf");
    expect(out.format).toBe("pdf");
    expect(tidy(out.text).filter(Boolean)).toEqual(tidy(text).filter(Boolean));
    expect(out.text).toContain("Đắk lắk, ngày 15 tháng 12 năm 2021");
  });

  it("gives the words of a plan in order when long paragraphs wrap on the page", async () => {
    const text = planText(PLANS[3]);
    const out = await extractPlanText(await planPdf(text), "lang-son.pdf");
    expect(words(out.text)).toEqual(words(text));
    // wrapped: more lines than paragraphs
    expect(out.text.split("\n").length).toBeGreaterThan(text.split("\n").filter((l) => l.trim()).length);
  });

  it("refuses a password-protected PDF with a reason", async () => {
    const e = await failure(await planPdf(planText(PLANS[3]), { userPassword: "mat-khau" }), "kh.pdf");
    expect(e.reason).toBe("encrypted");
    expect(e.message).toContain("mật khẩu");
  });

  it("refuses a scanned PDF (pictures, no text layer)", async () => {
    const e = await failure(await scannedPdf(), "scan.pdf");
    expect(e.reason).toBe("scanned");
    expect(e.message).toContain("không có lớp chữ");
  });

  it("refuses a truncated PDF as corrupt", async () => {
    const pdf = await planPdf(planText(PLANS[3]));
    const e = await failure(pdf.slice(0, pdf.length >> 1), "cut.pdf");
    expect(e.reason).toBe("corrupt");
    expect(e.message).toBe("Tệp PDF cut.pdf bị hỏng hoặc không đọc được.");
  });
});

describe("extractPlanText — refusals with a clear Vietnamese reason", () => {
  it("a truncated .docx is corrupt", async () => {
    const docx = await planDocx(planText(PLANS[3]));
    const e = await failure(docx.slice(0, docx.length >> 1), "cut.docx");
    expect(e.reason).toBe("corrupt");
    expect(e.message).toContain("bị hỏng");
  });

  it("a ZIP that is not Word (.xlsx, .odt…) is not taken for one", async () => {
    const docx = await planDocx(planText(PLANS[3]));
    const e = await failure(renameInZip(docx, "word/document.xml", "word/documenX.xml"), "bang.docx");
    expect(e.message).toContain("không phải văn bản Word");
  });

  it("a legacy .doc and a password-protected Office file", async () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const doc = await failure(new Uint8Array([...ole, ...new Array(504).fill(0)]), "cu.doc");
    expect(doc.message).toContain("Word cũ (.doc)");
    const locked = new Uint8Array([...ole, ...new Array(64).fill(0), ...Buffer.from("EncryptedPackage", "utf16le")]);
    const enc = await failure(locked, "khoa.docx");
    expect(enc.reason).toBe("encrypted");
    expect(enc.message).toContain("mật khẩu");
  });

  it("binary, legacy-encoded text, empty and oversized files", async () => {
    expect((await failure(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), "anh.png")).message).toContain("không phải văn bản");
    expect((await failure(new Uint8Array([0x4b, 0xd5, 0x20, 0x68, 0xef]), "tcvn3.txt")).message).toContain("UTF-8");
    expect((await failure(new Uint8Array(), "rong.txt")).reason).toBe("empty");
    expect((await failure(new Uint8Array(MAX_PLAN_BYTES + 1), "lon.pdf")).message).toContain("20 MB");
  });

  it("text typed with the old TCVN3 or VNI fonts (wrong diacritics once read)", async () => {
    const tcvn3 = "KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2025 cña Së Giao th«ng vËn t¶i\n".repeat(5);
    const e = await failure(await planDocx(tcvn3), "cu.docx");
    expect(e.message).toContain("bảng mã cũ (TCVN3 hoặc VNI)");
    const vni = "Keá hoaïch caûi caùch haønh chính naêm 2025 cuûa Sôû Giao thoâng vaän taûi\n".repeat(5);
    expect((await failure(await planPdf(vni), "vni.pdf")).message).toContain("Unikey");
  });

  it("reads UTF-16 text (Notepad's 'Unicode') and text named .pdf as text", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Kế hoạch cải cách hành chính năm 2024", "utf16le")]);
    expect(await extractPlanText(new Uint8Array(utf16), "kh.txt")).toEqual({ text: "Kế hoạch cải cách hành chính năm 2024", format: "text" });
    expect((await extractPlanText(new TextEncoder().encode("Kế hoạch năm 2024"), "kh.pdf")).format).toBe("text");
  });
});

describe("npm run ingest", () => {
  it("reads a folder of Word, PDF and text plans, choosing the reader by content", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ingest-formats-"));
    try {
      const plans = join(dir, "plans");
      mkdirSync(plans);
      writeFileSync(join(plans, "quang-tri.docx"), await planDocx(planText(QT), { tables: "real" }));
      writeFileSync(join(plans, "dak-lak.pdf"), await planPdf(planText(PLANS[2])));
      writeFileSync(join(plans, "son-la.txt"), planText(PLANS[0]));
      // a Word file whose name says text: still read as Word
      writeFileSync(join(plans, "lang-son.txt"), await planDocx(planText(PLANS[3])));
      const out = join(dir, "knowledge.json");
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "knowledge/cli-ingest.ts", "--plans", plans, "--out", out], { cwd: ROOT });
      expect(stdout).toMatch(/^quang-tri-ldtbxh-2024\s+109\s+6\s/m);
      expect(stdout).toMatch(/^dak-lak-gtvt-2021-2030\s+42\s+47\s/m);
      expect(stdout).toMatch(/^lang-son-gtvt-2024\s+24\s/m);
      const k = JSON.parse(readFileSync(out, "utf8")) as Knowledge;
      expect(k.plans.map((p) => p.sourceFile).sort()).toEqual(["dak-lak.pdf", "lang-son.txt", "quang-tri.docx", "son-la.txt"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
