// buildKnowledge: all five plans into one validated model; bad files reported, the rest loaded;
// every item cites a line that really says what the item says.
import { describe, expect, it } from "vitest";
import { buildKnowledge, summarize } from "../../knowledge/ingest.ts";
import { Knowledge } from "../../knowledge/schema.ts";
import { compactFold, normalizeText } from "../../knowledge/text.ts";
import { FILES, readPlan } from "../helpers/knowledge-plans.ts";

const ALL = Object.values(FILES).map((name) => ({ name, text: readPlan(name) }));
const BUILT_AT = "2024-03-01T01:00:00.000Z";
const { knowledge: k, problems } = buildKnowledge(ALL, BUILT_AT);

describe("the five bundled plans", () => {
  it("load without errors into a model the schema accepts", () => {
    expect(Knowledge.parse(k)).toEqual(k);
    expect(k.builtAt).toBe(BUILT_AT);
    expect(k.plans.map((p) => p.id)).toEqual(["son-la-gtvt-2024", "tien-giang-gtvt-2021-2025", "dak-lak-gtvt-2021-2030", "lang-son-gtvt-2024", "quang-tri-ldtbxh-2024"]);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(k.problems).toEqual(problems);
  });

  it("sums up each plan for the ingest table", () => {
    const byId = Object.fromEntries(summarize(k).map((s) => [s.planId, s]));
    expect(byId["son-la-gtvt-2024"]).toMatchObject({ reports: 4, dated: 5, unknown: [] });
    expect(byId["quang-tri-ldtbxh-2024"]).toMatchObject({ units: 16, unknown: [] });
    expect(byId["quang-tri-ldtbxh-2024"].tasks).toBeGreaterThanOrEqual(58 + 50);
    expect(byId["dak-lak-gtvt-2021-2030"].targets).toBeGreaterThanOrEqual(40);
    expect(byId["tien-giang-gtvt-2021-2025"].targets).toBeGreaterThanOrEqual(15);
  });

  it("ids are unique, stable and in document order", () => {
    const ids = [...k.tasks, ...k.targets, ...k.reports].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(k.tasks.filter((t) => t.planId === "son-la-gtvt-2024").slice(0, 2).map((t) => t.id)).toEqual(["son-la-gtvt-2024:task:1", "son-la-gtvt-2024:task:2"]);
    expect(buildKnowledge(ALL, BUILT_AT).knowledge).toEqual(k);
  });

  it("every owner id names a unit of the plan's agency", () => {
    const units = new Map(k.units.map((u) => [u.id, u]));
    const agency = new Map(k.plans.map((p) => [p.id, p.agencyId]));
    for (const item of [...k.tasks, ...k.targets]) {
      for (const id of [...item.lead, ...item.support]) expect(units.get(id)?.agencyId).toBe(agency.get(item.planId));
    }
    for (const p of k.plans) expect(units.get(p.coordinatorUnitId!)?.name).toBe("Văn phòng Sở");
  });
});

describe("citations", () => {
  const lines = Object.fromEntries(ALL.map((f) => [f.name, normalizeText(f.text).split("\n")]));
  /** The cited line and the next non-empty one (a statement may start in a line's last word). */
  const near = (file: string, line: number) => {
    const all = lines[file];
    const next = all.slice(line).find((l) => l.trim() !== "") ?? "";
    return { here: compactFold(all[line - 1] ?? ""), withNext: compactFold(`${all[line - 1]} ${next}`) };
  };
  const firstWords = (s: string, n: number) => s.split(/\s+/).slice(0, n).join(" ");

  it("every task and target cites the line its words start on", () => {
    const bad: string[] = [];
    for (const item of [...k.tasks, ...k.targets]) {
      const { here, withNext } = near(item.source.file, item.source.line);
      const ok = here.includes(compactFold(firstWords(item.text, 1))) && withNext.includes(compactFold(firstWords(item.text, 3)));
      if (!ok) bad.push(`${item.id} → ${item.source.file}:${item.source.line} "${firstWords(item.text, 3)}"`);
    }
    expect(bad).toEqual([]);
  });

  it("every target's numbers are in the plan's words from the cited line on", () => {
    const bad: string[] = [];
    for (const t of k.targets) {
      const from = lines[t.source.file].slice(t.source.line - 1, t.source.line + 12).join(" ");
      for (const v of t.values) if (!compactFold(from).includes(compactFold(v.raw))) bad.push(`${t.id}: ${v.raw}`);
    }
    expect(bad).toEqual([]);
  });

  it("every report cites the line with its date (or its 'định kỳ')", () => {
    for (const r of k.reports) {
      const { here } = near(r.source.file, r.source.line);
      const key = r.due.kind === "date" ? r.due.text.replace(/^trước ngày /, "") : "định kỳ";
      expect(here).toContain(compactFold(key));
    }
  });
});

describe("input encodings give the identical model", () => {
  const variants: [string, (s: string) => string][] = [
    ["CRLF", (s) => s.replace(/\n/g, "\r\n")],
    ["BOM", (s) => `\uFEFF${s}`],
    ["NFD", (s) => s.normalize("NFD")],
    ["all three", (s) => `\uFEFF${s.normalize("NFD").replace(/\n/g, "\r\n")}`],
  ];
  it.each(variants)("%s", (_name, change) => {
    const { knowledge } = buildKnowledge(
      ALL.map((f) => ({ name: f.name, text: change(f.text) })),
      BUILT_AT,
    );
    expect(knowledge).toEqual(k);
  });
});

describe("bad input", () => {
  const sonLa = { name: FILES.sonLa, text: readPlan(FILES.sonLa) };
  const tienGiang = { name: FILES.tienGiang, text: readPlan(FILES.tienGiang) };

  it("a second file with the same plan (same id and title) is refused with its file; the first and the others stay", () => {
    const copy = { name: "son-la-ban-sao.txt", text: sonLa.text };
    const { knowledge, problems } = buildKnowledge([sonLa, copy, tienGiang], BUILT_AT);
    expect(knowledge.plans.map((p) => [p.id, p.sourceFile])).toEqual([
      ["son-la-gtvt-2024", FILES.sonLa],
      ["tien-giang-gtvt-2021-2025", FILES.tienGiang],
    ]);
    const err = problems.filter((p) => p.severity === "error");
    expect(err).toHaveLength(1);
    expect(err[0]).toMatchObject({ file: "son-la-ban-sao.txt", line: null });
    expect(err[0].message).toContain("trùng mã");
    expect(knowledge.tasks.every((t) => t.source.file !== "son-la-ban-sao.txt")).toBe(true);
  });

  it("a file that is not a plan, and an empty one, are reported; the plans still load", () => {
    const { knowledge, problems } = buildKnowledge(
      [{ name: "giay-moi.txt", text: "Kính gửi các phòng,\nMời dự họp giao ban.\n" }, { name: "rong.txt", text: " \n\n" }, tienGiang],
      BUILT_AT,
    );
    expect(knowledge.plans.map((p) => p.id)).toEqual(["tien-giang-gtvt-2021-2025"]);
    expect(problems.map((p) => [p.file, p.severity])).toEqual([
      ["giay-moi.txt", "error"],
      ["rong.txt", "error"],
    ]);
    expect(problems[0].message).toMatch(/giay-moi\.txt không phải một kế hoạch/);
    expect(problems[1].message).toBe("Tệp rong.txt rỗng.");
  });

  it("an impossible date in the appendix stays unknown with its words, and is listed with its line", () => {
    const text = readPlan(FILES.quangTri).replace("Trước 30/8/2024", "Trước 31/4/2024");
    const { knowledge, problems } = buildKnowledge([{ name: FILES.quangTri, text }], BUILT_AT);
    const t = knowledge.tasks.find((x) => x.row === "II.2")!;
    expect(t.deadline).toMatchObject({ kind: "unknown", due: null, text: "Trước 31/4/2024" });
    expect(problems).toContainEqual({ file: FILES.quangTri, line: 199, severity: "warning", message: 'Không đọc được thời hạn "Trước 31/4/2024".' });
    expect(summarize(knowledge)[0].unknown).toEqual([{ text: "Trước 31/4/2024", line: 199 }]);
  });
});

describe("several plans of one province or one agency", () => {
  const quangTri = { name: FILES.quangTri, text: readPlan(FILES.quangTri) };
  /** Sở GTVT's plan, as if Quảng Trị's: another agency of a province already loaded */
  const gtvtQuangTri = { name: "quang-tri_so-gtvt_cchc-2024.txt", text: readPlan(FILES.sonLa).replaceAll("Sơn La", "Quảng Trị") };
  /** the same agency's plan for the next year */
  const quangTri2025 = { name: "quang-tri_so-ldtbxh_cchc-2025.txt", text: readPlan(FILES.quangTri).replaceAll("2024", "2025") };
  /** another 2024 plan of the same agency, issued later: another title, the same agency and period */
  const tthcQuangTri = {
    name: "a-kiem-soat-tthc.txt", // sorts before the first plan: ids must not depend on file names
    text: readPlan(FILES.quangTri)
      .replace("ngày tháng 01 năm 2024", "ngày 15 tháng 3 năm 2024")
      .replace("\nCải cách hành chính của Sở Lao động", "\nKiểm soát thủ tục hành chính của Sở Lao động"),
  };

  it("two agencies of one province both load, each under its own id and agency", () => {
    const { knowledge, problems } = buildKnowledge([quangTri, gtvtQuangTri], BUILT_AT);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(knowledge.plans.map((p) => [p.id, p.agencyId, p.agencyShort])).toEqual([
      ["quang-tri-ldtbxh-2024", "quang-tri/so-ldtbxh", "Sở LĐTBXH Quảng Trị"],
      ["quang-tri-gtvt-2024", "quang-tri/so-gtvt", "Sở GTVT Quảng Trị"],
    ]);
    const gtvtTasks = knowledge.tasks.filter((t) => t.planId === "quang-tri-gtvt-2024");
    expect(gtvtTasks[0].id).toBe("quang-tri-gtvt-2024:task:1");
    expect(gtvtTasks.flatMap((t) => t.lead).every((id) => id.startsWith("quang-tri/so-gtvt/"))).toBe(true);
  });

  it("next year's plan loads beside this year's: another id, the same agency and the same unit ids", () => {
    const { knowledge, problems } = buildKnowledge([quangTri, quangTri2025], BUILT_AT);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(knowledge.plans.map((p) => [p.id, p.agencyId])).toEqual([
      ["quang-tri-ldtbxh-2024", "quang-tri/so-ldtbxh"],
      ["quang-tri-ldtbxh-2025", "quang-tri/so-ldtbxh"],
    ]);
    // a group bound to Văn phòng Sở keeps its binding: the unit is the agency's, not the plan's
    const leads = (planId: string) => new Set(knowledge.tasks.filter((t) => t.planId === planId).flatMap((t) => t.lead));
    expect([...leads("quang-tri-ldtbxh-2025")].sort()).toEqual([...leads("quang-tri-ldtbxh-2024")].sort());
    expect(leads("quang-tri-ldtbxh-2025").has("quang-tri/so-ldtbxh/van-phong-so")).toBe(true);
    expect(knowledge.plans.map((p) => p.coordinatorUnitId)).toEqual(["quang-tri/so-ldtbxh/van-phong-so", "quang-tri/so-ldtbxh/van-phong-so"]);
    // one unit list for the agency, not one per plan
    const unitIds = knowledge.units.map((u) => u.id);
    expect(new Set(unitIds).size).toBe(unitIds.length);
    expect(summarize(knowledge).map((s) => s.units)).toEqual([16, 16]);
  });

  it("two different plans of one agency and period both load; the later one's id gets a tag from its title", () => {
    const { knowledge, problems } = buildKnowledge([tthcQuangTri, quangTri], BUILT_AT);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const [tthc, cchc] = knowledge.plans;
    expect(cchc.id).toBe("quang-tri-ldtbxh-2024"); // issued first: keeps the plain id
    expect(tthc.id).toMatch(/^quang-tri-ldtbxh-2024-[0-9a-f]{6}$/);
    expect(tthc.title).toContain("Kế hoạch kiểm soát thủ tục hành chính");
    const ids = [...knowledge.tasks, ...knowledge.targets, ...knowledge.reports].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(knowledge.tasks.filter((t) => t.planId === tthc.id).every((t) => t.id.startsWith(`${tthc.id}:task:`))).toBe(true);
    // the same ids whatever the files' order
    const again = buildKnowledge([quangTri, tthcQuangTri], BUILT_AT).knowledge.plans;
    expect(Object.fromEntries(again.map((p) => [p.sourceFile, p.id]))).toEqual({ [FILES.quangTri]: cchc.id, "a-kiem-soat-tthc.txt": tthc.id });
  });

  it("the same plan in two files (same id and title) loads once; the second file is reported", () => {
    const copy = { name: "quang-tri-ban-sao.txt", text: quangTri2025.text };
    const { knowledge, problems } = buildKnowledge([quangTri, quangTri2025, copy], BUILT_AT);
    expect(knowledge.plans.map((p) => p.sourceFile)).toEqual([FILES.quangTri, quangTri2025.name]);
    const err = problems.filter((p) => p.severity === "error");
    expect(err).toEqual([
      {
        file: "quang-tri-ban-sao.txt",
        line: null,
        severity: "error",
        message: `Kế hoạch "quang-tri-ldtbxh-2025" trong tệp quang-tri-ban-sao.txt trùng mã với tệp ${quangTri2025.name} (cùng cơ quan, thời kỳ và tiêu đề); tệp này không được nạp.`,
      },
    ]);
  });
});
