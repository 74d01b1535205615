// npm run -s remind -- --now ISO [--dry-run] [--json], run as a child process on the bundled plans.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, bundled, tempDir } from "../helpers/bot-process.ts";
import { seedKnowledgeFile } from "../helpers/shared-knowledge.ts";

const run = promisify(execFile);
const VP = "quang-tri/so-ldtbxh/van-phong-so";
const dir = tempDir("remind-cli-");
const KNOWLEDGE_FILE = join(dir, "knowledge.json");
seedKnowledgeFile(KNOWLEDGE_FILE); // the run's shared knowledge: no rebuild in the child

async function remind(args: string[], dbFile: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bundled("remind"), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DB_FILE: dbFile, KNOWLEDGE_FILE, PLANS_DIR: join(ROOT, "data/plans") },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

function stateFile(name: string, state: object): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(state));
  return f;
}

const bound = {
  bindings: [{ channel: "telegram", chatId: "-1001", chatTitle: "VP", unitId: VP, agencyId: "quang-tri/so-ldtbxh", boundBy: "111", boundAt: "2024-01-01T00:00:00.000Z" }],
  jobRuns: { digest: "2024-11-11T01:00:00.000Z" },
};

describe("remind CLI", () => {
  let noGroups: Awaited<ReturnType<typeof remind>>;
  beforeAll(async () => {
    noGroups = await remind(["--now", "2024-11-13T08:00:00+07:00", "--dry-run"], join(dir, "none.json"));
  }, 120_000);

  it("--dry-run with no group bound says why it is empty and how to try the product", () => {
    expect(noGroups.code).toBe(0);
    expect(noGroups.stderr).toContain("0 tin nhắn, 0 mục (chạy thử: không ghi gì).");
    expect(noGroups.stderr).toContain("Không có gì để gửi vì chưa có nhóm nào được gắn với đơn vị trong");
    expect(noGroups.stderr).toContain("Muốn xem thử ngay: npm run demo");
  });

  it("--dry-run --json prints one line per item with the contract's fields, and changes nothing", async () => {
    const f = stateFile("db1.json", bound);
    const before = readFileSync(f, "utf8");
    const r = await remind(["--now", "2024-11-13T08:00:00+07:00", "--dry-run", "--json"], f);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ chatId: "-1001", unit: "Văn phòng Sở", planId: "quang-tri-ldtbxh-2024", stage: "d-3", due: "2024-11-18" });
    expect(lines[0].occurrence).toBe(`${lines[0].itemId}@2024-11-18`);
    expect(lines[0].text).toContain("Báo cáo kết quả rà soát");
    expect(lines[0].text).toContain("còn 5 ngày");
    expect(lines[0].text).toContain(`mã ${lines[0].code}`);
    expect(readFileSync(f, "utf8")).toBe(before);
  }, 60_000);

  it("without --json prints the message as the group sees it, with the text-only fallback", async () => {
    const r = await remind(["--now", "2024-11-13T08:00:00+07:00", "--dry-run"], stateFile("db2.json", bound));
    expect(r.stdout).toContain("→ telegram:-1001");
    expect(r.stdout).toContain("🔔 Nhắc hạn — Văn phòng Sở");
    expect(r.stdout).toMatch(/\(Trả lời: đã nộp [A-Z0-9]{5}\)/);
    expect(r.stderr).toContain("1 tin nhắn, 1 mục (chạy thử: không ghi gì)");
  }, 60_000);

  it("without --dry-run writes the items as pending once; a second run finds nothing new", async () => {
    const f = stateFile("db3.json", bound);
    await remind(["--now", "2024-11-13T08:00:00+07:00"], f);
    const state = JSON.parse(readFileSync(f, "utf8"));
    expect(state.outbox.map((r: { status: string; stage: string }) => `${r.stage}:${r.status}`)).toEqual(["d-3:pending"]);
    const again = await remind(["--now", "2024-11-13T08:00:00+07:00", "--json"], f);
    expect(again.stdout.trim()).toBe("");
  }, 60_000);

  it("says clearly what is wrong: a bad --now, a corrupt state file (left untouched), and never creates a file on a dry run", async () => {
    const bad = await remind(["--now", "hôm qua", "--dry-run"], join(dir, "x.json"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--now cần một thời điểm ISO");
    const corrupt = join(dir, "corrupt.json");
    writeFileSync(corrupt, "{ not json");
    const c = await remind(["--now", "2024-11-13T08:00:00+07:00"], corrupt);
    expect(c.code).not.toBe(0);
    expect(c.stderr).toContain("bị hỏng");
    expect(readFileSync(corrupt, "utf8")).toBe("{ not json");
    const missing = join(dir, "missing.json");
    const m = await remind(["--now", "2024-11-13T08:00:00+07:00", "--dry-run", "--json"], missing);
    expect(m.code).toBe(0);
    expect(existsSync(missing)).toBe(false);
  }, 60_000);
});
