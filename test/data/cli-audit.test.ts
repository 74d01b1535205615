import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAuditCli } from "../../data/cli-audit.ts";
import { auditFileFor, auditTable, fileAuditLog } from "../../data/audit.ts";

const dir = mkdtempSync(join(tmpdir(), "cli-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuditCli(argv, env, (s) => out.push(s), (s) => err.push(s));
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

  it("says clearly when there is no log or an option is wrong", async () => {
    const none = await run(["--db", join(dir, "none", "db.json")]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^Chưa có nhật ký: không thấy .*audit\.jsonl/);
    expect((await run(["--limit", "x", "--db", join(dir, "db.json")])).err).toMatch(/^--limit cần một số nguyên dương/);
    expect((await run(["--bogus"])).code).toBe(2);
  });

  it("gives the report workbook a table: header and one row per entry", async () => {
    const entries = await fileAuditLog(auditFileFor(join(dir, "db.json"))).list();
    const t = auditTable(entries);
    expect(t.header[0]).toBe("Thời điểm");
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1]).toEqual(["2024-11-13T02:05:00.000Z", "zalo", "", "abc123", "", "run-jobs", "bị từ chối", "sl/so", "", "", "", "", ""]);
  });
});
