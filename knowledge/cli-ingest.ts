// npm run -s ingest -- [--plans DIR] [--out FILE]
// Builds the knowledge file from the plans folder and prints what it found, plan by plan.
// Exit code 1 when any file could not be loaded (the other plans are still written).
import { parseCli, UsageError } from "../bot/cli.ts";
import { loadConfigOrExit } from "../bot/env.ts";
import { summarize, type PlanSummary } from "./ingest.ts";
import { ingestDirectory, writeKnowledgeFile } from "./load.ts";
import type { Knowledge, Problem } from "./schema.ts";
import { ISSUER_KIND_LABEL, type IssuerKind } from "./parse/issuer.ts";

const HEADERS = ["Kế hoạch", "Nhiệm vụ", "Chỉ tiêu", "Hạn có ngày", "Báo cáo", "Đơn vị", "Không đọc được"];

/** The per-plan table, then the unreadable time expressions and the problems. */
export function formatReport(k: Knowledge, problems: Problem[]): string {
  const rows = summarize(k).map((s: PlanSummary) => [s.planId, s.tasks, s.targets, s.dated, s.reports, s.units, s.unknown.length].map(String));
  const total = summarize(k).reduce(
    (t, s) => t.map((v, i) => v + [0, s.tasks, s.targets, s.dated, s.reports, s.units, s.unknown.length][i]),
    [0, 0, 0, 0, 0, 0, 0],
  );
  rows.push(["Tổng", ...total.slice(1).map(String)]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const out = [line(HEADERS), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];

  // who issued each plan, read from the document (name, kind, parent body, place)
  out.push("", "Cơ quan ban hành:");
  const idWidth = Math.max(...k.plans.map((p) => p.id.length));
  for (const p of k.plans) {
    const kind = ISSUER_KIND_LABEL[(p.issuerKind ?? "other") as IssuerKind] ?? ISSUER_KIND_LABEL.other;
    const extra = [p.parentBody ? `thuộc ${p.parentBody}` : "", p.province].filter(Boolean).join(", ");
    out.push(`  ${p.id.padEnd(idWidth)}  ${p.agency} (${kind})${extra ? ` — ${extra}` : ""}`);
  }

  const unknown = summarize(k).flatMap((s) => s.unknown.map((u) => `  ${s.file}:${u.line}  "${u.text}"`));
  if (unknown.length > 0) out.push("", "Thời hạn không đọc được:", ...unknown);
  if (problems.length > 0) {
    out.push("", "Vấn đề:");
    for (const p of problems) {
      const where = p.line ? `${p.file}:${p.line}` : p.file;
      out.push(`  ${p.severity === "error" ? "LỖI" : "lưu ý"}  ${where}  ${p.message}`);
    }
  }
  return out.join("\n");
}

async function main(): Promise<number> {
  // defaults: PLANS_DIR and KNOWLEDGE_FILE (environment or .env), as the bot reads them
  const config = loadConfigOrExit();
  let plans = config.plansDir;
  let out = config.knowledgeFile;
  try {
    const { values } = parseCli(process.argv.slice(2), { plans: { type: "string" }, out: { type: "string" } }, "Cách dùng: npm run -s ingest -- [--plans THƯ_MỤC] [--out TỆP]");
    plans = values.plans ?? plans;
    out = values.out ?? out;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message ? `Tham số không hợp lệ: ${e.text}` : e.text);
    return e.message ? 2 : 0;
  }
  let knowledge: Knowledge;
  try {
    knowledge = await ingestDirectory(plans, new Date().toISOString());
  } catch (e) {
    console.error(`Không đọc được thư mục kế hoạch ${plans}: ${(e as Error).message}`);
    return 1;
  }
  console.log(formatReport(knowledge, knowledge.problems));
  if (knowledge.plans.length === 0) {
    console.error(`\nKhông nạp được kế hoạch nào; tệp ${out} giữ nguyên.`);
    return 1;
  }
  try {
    await writeKnowledgeFile(out, knowledge);
  } catch (e) {
    console.error(`\nKhông ghi được ${out} (tệp cũ giữ nguyên): ${(e as Error).message}`);
    return 1;
  }
  console.log(`\nĐã ghi ${out}.`);
  return knowledge.problems.some((p) => p.severity === "error") ? 1 : 0;
}

// `npm run -s ingest | head` closes the pipe early: that is not an error
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
});

process.exitCode = await main();
