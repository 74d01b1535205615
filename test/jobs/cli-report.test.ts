// npm run -s report -- --from ISO --to ISO [--agency ID] [--now ISO] --out FILE.xlsx: bad input is one
// Vietnamese sentence and exit 2, with no file written; the state file is only read. (The workbook itself
// is compared with /baocao's in test/bot/e2e/desk.test.ts.)
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { ROOT, tempDir } from "../helpers/bot-process.ts";
import { seedKnowledgeFile } from "../helpers/shared-knowledge.ts";

const run = promisify(execFile);
const dir = tempDir("report-cli-");
const KNOWLEDGE_FILE = join(dir, "knowledge.json");
seedKnowledgeFile(KNOWLEDGE_FILE);
const DB_FILE = join(dir, "db.json");
const state = JSON.stringify({ bindings: [{ channel: "telegram", chatId: "-1", chatTitle: "", unitId: "son-la/so-gtvt/van-phong-so", agencyId: "son-la/so-gtvt", boundBy: "x", boundAt: "2024-01-01T00:00:00Z" }] });
writeFileSync(DB_FILE, state);

async function report(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "jobs/cli-report.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DB_FILE, KNOWLEDGE_FILE, PLANS_DIR: join(ROOT, "data/plans") },
    });
    return { code: 0, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stderr: string };
    return { code: x.code, stderr: x.stderr };
  }
}

describe("report CLI", () => {
  it("writes the workbook of the period, judged at --now, and leaves the state file as it was", async () => {
    const out = join(dir, "q1.xlsx");
    const r = await report(["--from", "2024-01-01", "--to", "2024-03-31", "--now", "2024-04-01T08:00:00+07:00", "--out", out]);
    expect(r.stderr).toContain("1 dòng, 1 đơn vị; 0 đúng hạn, 0 quá hạn, 0 còn hạn, 1 chưa nộp quá hạn; tỷ lệ đúng hạn 0%");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Chi tiết")!.getRow(2).getCell(12).value).toBe("Chưa hoàn thành và đã quá hạn");
    expect(wb.getWorksheet("Giải thích")!.getRow(1).getCell(2).value).toBe("Tình hình thực hiện nhiệm vụ — quý I/2024");
    expect(readFileSync(DB_FILE, "utf8")).toBe(state);
  }, 60_000);

  it("bad input: one sentence, exit 2, no file", async () => {
    const out = join(dir, "bad.xlsx");
    const cases: [string[], string][] = [
      [["--to", "2024-03-31", "--out", out], "Thiếu --from."],
      [["--from", "2024-02-30", "--to", "2024-03-31", "--out", out], "--from cần một ngày dạng YYYY-MM-DD"],
      [["--from", "2024-04-01", "--to", "2024-03-31", "--out", out], "--from (2024-04-01) sau --to (2024-03-31)."],
      [["--from", "2024-01-01", "--to", "2024-03-31"], "Thiếu --out"],
      [["--from", "2024-01-01", "--to", "2024-03-31", "--out", join(dir, "x.csv")], "--out phải là tệp .xlsx"],
      [["--from", "2024-01-01", "--to", "2024-03-31", "--agency", "ha-noi/so-x", "--out", out], "Không có cơ quan ha-noi/so-x trong các kế hoạch đã nạp."],
      [["--from", "2019-01-01", "--to", "2019-12-31", "--out", out], "Không có việc nào đến hạn từ 2019-01-01 đến 2019-12-31"],
    ];
    for (const [args, said] of cases) {
      const r = await report(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(said);
    }
    expect(existsSync(out)).toBe(false);
  }, 120_000);
});
