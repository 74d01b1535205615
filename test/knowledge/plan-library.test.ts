// The plans folder as a library: an uploaded document read, summarised, placed among the loaded
// plans, and stored (old version kept under archive/, knowledge file rebuilt atomically).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExtractError } from "../../knowledge/extract.ts";
import { ingestDirectory, readKnowledgeFile } from "../../knowledge/load.ts";
import {
  NotAPlanError,
  StorePlanError,
  formatPlanList,
  formatPlanSummary,
  placePlan,
  readPlanDocument,
  safePlanFileName,
  storePlan,
  summarizePlan,
} from "../../knowledge/plan-library.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import { PLANS_DIR, planDocx, planPdf, planText, scannedPdf } from "../helpers/plan-documents.ts";

const QT = "quang-tri_so-ldtbxh_cchc-2024.txt";
const LS = "lang-son_so-gtvt_par-sipas-2024.txt";
const SL = "son-la_so-gtvt_cchc-2024.txt";
const NOW = new Date("2024-12-20T03:00:00Z");

/** Variants of the bundled plans, as next year's documents would differ. */
const variants = {
  /** the same plan, one deadline moved, one impossible date */
  qtRevised: () => planText(QT).replace("Trước 15/01/2024", "Trước 22/01/2024").replace("Trước 30/8/2024", "Trước 31/4/2024"),
  /** the same agency's plan for the next year: another title and id, the same agency */
  qt2025: () => planText(QT).replaceAll("2024", "2025"),
  /** a province not loaded yet */
  caoBang: () => planText(LS).replaceAll("Lạng Sơn", "Cao Bằng"),
  /** another agency in a province already loaded */
  gtvtQuangTri: () => planText(SL).replaceAll("Sơn La", "Quảng Trị"),
};

describe("safePlanFileName", () => {
  it("folds Vietnamese to a plain name and keeps no path", () => {
    expect(safePlanFileName("Kế hoạch CCHC năm 2025 (bản chính thức).docx", "docx")).toBe("ke-hoach-cchc-nam-2025-ban-chinh-thuc.docx");
    expect(safePlanFileName("../../etc/Đắk Lắk.pdf", "pdf")).toBe("dak-lak.pdf");
    expect(safePlanFileName("C:\\Users\\vp\\KH 2025.txt", "text")).toBe("kh-2025.txt");
  });

  it("takes the extension of the real format, and a name when none is left", () => {
    expect(safePlanFileName("ke-hoach.txt", "docx")).toBe("ke-hoach.docx");
    expect(safePlanFileName("....pdf", "pdf")).toBe("ke-hoach.pdf");
  });
});

describe("readPlanDocument and the summary", () => {
  it("summarises a Word plan: agency, title, period, counts, first deadlines, units, unreadable expressions", async () => {
    const parsed = await readPlanDocument(await planDocx(variants.qtRevised(), { tables: "real" }), "KH CCHC 2024.docx", NOW);
    expect(parsed.format).toBe("docx");
    expect(parsed.fileName).toBe("kh-cchc-2024.docx");
    const s = summarizePlan(parsed);
    expect(s).toMatchObject({ agency: "Sở LĐTBXH Quảng Trị", period: "năm 2024", tasks: 109, targets: 6, reports: 1 });
    expect(s.title).toContain("Kế hoạch cải cách hành chính của Sở Lao động");
    expect(s.datedDeadlines).toBeGreaterThan(20);
    expect(s.firstDeadlines[0]).toEqual({ date: "2024-01-22", what: "Ban hành kế hoạch rà soát văn bản QPPL" });
    expect(s.units).toEqual(expect.arrayContaining(["Văn phòng Sở", "Thanh tra Sở", "Cán bộ một cửa"]));
    expect(s.unread).toEqual([{ text: "Trước 31/4/2024", line: expect.any(Number) }]);

    const text = formatPlanSummary(s);
    expect(text).toContain("Cơ quan: Sở LĐTBXH Quảng Trị");
    expect(text).toContain("Nhiệm vụ: 109 · Chỉ tiêu: 6 · Lịch báo cáo: 1");
    expect(text).toContain("• 22/01/2024: Ban hành kế hoạch rà soát văn bản QPPL");
    expect(text).toMatch(/Thời hạn không đọc được \(1\):\n {2}• «Trước 31\/4\/2024» \(dòng \d+\)/);
  });

  it("reads a PDF plan and says what it could not find", async () => {
    const parsed = await readPlanDocument(await planPdf(planText("dak-lak_so-gtvt_cchc-2021-2030.txt")), "dak-lak.pdf", NOW);
    const text = formatPlanSummary(summarizePlan(parsed));
    expect(text).toContain("(PDF)");
    expect(text).toContain("Thời kỳ: giai đoạn 2021-2025, định hướng đến năm 2030");
    expect(text).toContain("Thời hạn không đọc được: không có");
  });

  it("refuses a document that is not a plan, and one that cannot be read", async () => {
    const letter = "CÔNG VĂN\n\nV/v mời họp giao ban\n\nKính gửi: các phòng, đơn vị.\n\nVăn phòng Sở mời các đồng chí dự họp lúc 8 giờ.";
    const e = await readPlanDocument(await planDocx(letter), "giay-moi.docx", NOW).catch((x) => x);
    expect(e).toBeInstanceOf(NotAPlanError);
    expect(e.message).toContain("giay-moi.docx là một công văn, không phải một kế hoạch");
    const scan = await readPlanDocument(await scannedPdf(), "scan.pdf", NOW).catch((x) => x);
    expect(scan).toBeInstanceOf(ExtractError);
    expect(scan.message).toContain("không có lớp chữ");
  });
});

describe("placePlan", () => {
  let loaded: Knowledge;
  beforeEach(async () => {
    loaded = await ingestDirectory(PLANS_DIR, NOW.toISOString());
  });
  const place = async (text: string) => placePlan(loaded, (await readPlanDocument(new TextEncoder().encode(text), "x.txt", NOW)).plan);

  it("a plan of a province not loaded is new", async () => {
    expect((await place(variants.caoBang())).kind).toBe("new");
  });

  it("the same agency and title replaces that plan", async () => {
    expect(await place(variants.qtRevised())).toEqual({ kind: "replace", old: expect.objectContaining({ sourceFile: QT }) });
  });

  it("the same agency's next plan is new: it loads beside the current one", async () => {
    expect(await place(variants.qt2025())).toEqual({ kind: "new" });
  });

  it("another agency's plan in a loaded province is new", async () => {
    expect(await place(variants.gtvtQuangTri())).toEqual({ kind: "new" });
  });
});

describe("storePlan", () => {
  let dir: string;
  let plansDir: string;
  let knowledgeFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "plan-library-"));
    plansDir = join(dir, "plans");
    knowledgeFile = join(dir, "knowledge.json");
    cpSync(PLANS_DIR, plansDir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const listing = () => readdirSync(plansDir, { recursive: true }).map(String).sort();

  it("adds a new plan: the document in the folder, the knowledge file rebuilt with six plans", async () => {
    const bytes = await planDocx(variants.caoBang());
    const stored = await storePlan({ plansDir, knowledgeFile, bytes, fileName: "KH Cao Bằng 2024.docx", now: NOW });
    expect(stored.file).toBe("kh-cao-bang-2024.docx");
    expect(stored.archived).toBeNull();
    expect(new Uint8Array(readFileSync(join(plansDir, stored.file)))).toEqual(bytes);
    expect(stored.knowledge.plans.map((p) => p.id).sort()).toEqual(["cao-bang-gtvt-2024", "dak-lak-gtvt-2021-2030", "lang-son-gtvt-2024", "quang-tri-ldtbxh-2024", "son-la-gtvt-2024", "tien-giang-gtvt-2021-2025"]);
    const onDisk = await readKnowledgeFile(knowledgeFile);
    expect(onDisk?.plans.find((p) => p.id === "cao-bang-gtvt-2024")?.sourceFile).toBe("kh-cao-bang-2024.docx");
    expect(formatPlanList(onDisk!)).toContain("Sở GTVT Cao Bằng");
  });

  it("replaces a plan: the old document renamed with the date under archive/, never deleted", async () => {
    const before = readFileSync(join(plansDir, QT));
    const stored = await storePlan({ plansDir, knowledgeFile, bytes: await planDocx(variants.qtRevised()), fileName: "quang-tri.docx", replaces: QT, now: NOW });
    expect(stored.archived).toBe("archive/quang-tri_so-ldtbxh_cchc-2024.2024-12-20.txt");
    expect(readFileSync(join(plansDir, stored.archived!))).toEqual(before);
    expect(existsSync(join(plansDir, QT))).toBe(false);
    const review = stored.knowledge.tasks.find((t) => t.planId === "quang-tri-ldtbxh-2024" && t.row === "I.2")!;
    expect(review.deadline.due).toBe("2024-01-22");
    expect(stored.knowledge.plans).toHaveLength(5);

    // replaced again the same day: a second archive name, both kept
    const again = await storePlan({ plansDir, knowledgeFile, bytes: await planDocx(planText(QT)), fileName: "quang-tri.docx", replaces: "quang-tri.docx", now: NOW });
    expect(again.archived).toBe("archive/quang-tri.2024-12-20.docx");
    expect(readdirSync(join(plansDir, "archive")).sort()).toEqual(["quang-tri.2024-12-20.docx", "quang-tri_so-ldtbxh_cchc-2024.2024-12-20.txt"]);
  });

  it("another agency's plan and next year's plan load beside the province's plan, each under its own id", async () => {
    const gtvt = await storePlan({ plansDir, knowledgeFile, bytes: await planDocx(variants.gtvtQuangTri()), fileName: "KH GTVT Quảng Trị.docx", now: NOW });
    const next = await storePlan({ plansDir, knowledgeFile, bytes: await planDocx(variants.qt2025()), fileName: "KH CCHC 2025.docx", now: NOW });
    expect(gtvt.archived).toBeNull();
    expect(next.archived).toBeNull();
    const quangTri = next.knowledge.plans.filter((p) => p.province === "Quảng Trị").map((p) => [p.id, p.agencyId, p.sourceFile]);
    expect(quangTri).toEqual([
      ["quang-tri-ldtbxh-2025", "quang-tri/so-ldtbxh", "kh-cchc-2025.docx"],
      ["quang-tri-gtvt-2024", "quang-tri/so-gtvt", "kh-gtvt-quang-tri.docx"],
      ["quang-tri-ldtbxh-2024", "quang-tri/so-ldtbxh", QT],
    ]);
    expect((await readKnowledgeFile(knowledgeFile))?.plans).toHaveLength(7);
    expect(formatPlanList(next.knowledge)).toContain("Các kế hoạch đang dùng (7):");
  });

  it("a copy of a loaded plan sent without confirming the replacement changes nothing", async () => {
    const files = listing();
    for (const fileName of ["a-ban-sao.txt", "z-ban-sao.txt"]) {
      const e = await storePlan({ plansDir, knowledgeFile, bytes: new TextEncoder().encode(planText(QT)), fileName, now: NOW }).catch((x) => x);
      expect(e).toBeInstanceOf(StorePlanError);
      expect(e.message).toMatch(/trùng/);
    }
    expect(listing()).toEqual(files);
    expect(existsSync(knowledgeFile)).toBe(false);
  });

  it("a second plan with a taken file name gets a numbered name", async () => {
    const stored = await storePlan({ plansDir, knowledgeFile, bytes: new TextEncoder().encode(variants.caoBang()), fileName: LS, now: NOW });
    expect(stored.file).toBe("lang-son_so-gtvt_par-sipas-2024-2.txt");
    expect(statSync(join(plansDir, LS)).size).toBe(readFileSync(join(PLANS_DIR, LS)).length);
  });
});

describe("formatPlanList (/kehoach)", () => {
  it("lists every loaded plan with its period and counts", async () => {
    const k = await ingestDirectory(PLANS_DIR, NOW.toISOString());
    const text = formatPlanList(k);
    expect(text.split("\n")[0]).toBe("Các kế hoạch đang dùng (5):");
    expect(text).toContain("Sở LĐTBXH Quảng Trị — Kế hoạch cải cách hành chính của Sở Lao động");
    expect(text).toMatch(/Thời kỳ: năm 2024 · 109 nhiệm vụ · 6 chỉ tiêu · 1 lịch báo cáo/);
    expect(text).toContain("Tệp: dak-lak_so-gtvt_cchc-2021-2030.txt");
    expect(formatPlanList({ ...k, plans: [] })).toBe("Chưa có kế hoạch nào được nạp.");
  });
});
