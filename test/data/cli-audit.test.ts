import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAuditCli } from "../../data/cli-audit.ts";
import { auditFileFor, auditTable, fileAuditLog } from "../../data/audit.ts";

const dir = mkdtempSync(join(tmpdir(), "cli-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a developer's own .env never leaks in: the tests name the .env file they mean
async function run(argv: string[], env: Record<string, string> = {}, envFile = join(dir, "no.env")) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuditCli(argv, env, (s) => out.push(s), (s) => err.push(s), envFile);
  return { code, out, err: err.join("\n") };
}

describe("npm run -s audit", () => {
  it("exports the log beside DB_FILE, filtered, as text or JSON lines", async () => {
    const db = join(dir, "db.json");
    const log = fileAuditLog(auditFileFor(db));
    await log.append({ at: "2024-11-13T02:00:00.000Z", channel: "telegram", userId: "111", userName: "An", action: "bind", agencyId: "qt/so", unitId: "qt/so/vp", target: "telegram:-1", before: null, after: { unitId: "qt/so/vp" } });
    await log.append({ at: "2024-11-13T02:05:00.000Z", channel: "zalo", userId: "abc123", action: "run-jobs", outcome: "refused", agencyId: "sl/so" });
    const text = await run([], { DB_FILE: db });
    expect(text.code).toBe(0);
    expect(text.out).toEqual([
      '2024-11-13T02:00:00.000Z  telegram:111 (An)  bind  qt/so qt/so/vp telegram:-1 — → {"unitId":"qt/so/vp"}',
      "2024-11-13T02:05:00.000Z  zalo:abc123  TỪ CHỐI run-jobs  sl/so",
    ]);
    const json = await run(["--db", db, "--json", "--agency", "sl/so"]);
    expect(json.out.map((l) => JSON.parse(l).action)).toEqual(["run-jobs"]);
    expect((await run(["--db", db, "--limit", "1"])).out).toHaveLength(1);
  });

  it("reads DB_FILE from .env and validates it with the bot's schema", async () => {
    const envFile = join(dir, "audit.env");
    writeFileSync(envFile, `DB_FILE=${join(dir, "db.json")}\n`);
    const fromFile = await run([], {}, envFile);
    expect(fromFile.code).toBe(0);
    expect(fromFile.out).toHaveLength(2);
    writeFileSync(envFile, "BOT_CLOCK=2024-02-30\n");
    const bad = await run([], {}, envFile);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('Biến môi trường BOT_CLOCK không hợp lệ (đang là "2024-02-30"): ngày 30/02/2024 không có trong lịch.');
  });

  it("says clearly when there is no log or an option is wrong", async () => {
    const none = await run(["--db", join(dir, "none", "db.json")]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^Chưa có nhật ký: không thấy .*audit\.jsonl/);
    expect((await run(["--limit", "x", "--db", join(dir, "db.json")])).err).toMatch(/^--limit cần một số nguyên dương/);
    const bogus = await run(["--bogus"]);
    expect(bogus.code).toBe(2);
    expect(bogus.err).toMatch(/^Không hiểu tuỳ chọn --bogus\.\nCách dùng: npm run -s audit/);
  });

  it("gives the report workbook a table: header and one row per entry", async () => {
    const entries = await fileAuditLog(auditFileFor(join(dir, "db.json"))).list();
    const t = auditTable(entries);
    expect(t.header[0]).toBe("Thời điểm");
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1]).toEqual(["2024-11-13T02:05:00.000Z", "zalo", "", "abc123", "", "run-jobs", "bị từ chối", "sl/so", "", "", "", "", ""]);
  });
});
