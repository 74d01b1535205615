// End to end: `npm run build` bundles the bot so a server runs plain node (no TypeScript at start).
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startBotProcess, tempDir } from "../../helpers/bot-process.ts";
import { planDocx, planText } from "../../helpers/plan-documents.ts";

// inside the repo, so the bundle finds node_modules (packages stay external)
const out = join(ROOT, "node_modules", ".cache", `build-test-${process.pid}`);
const dir = tempDir("build-e2e-");
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run build", () => {
  it("bundles the bot and the tools; the bundle starts with plain node and answers", async () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bot/build.ts", "--outdir", out], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    for (const name of ["main", "remind", "ask", "ingest", "extract-worker"]) expect(existsSync(join(out, `${name}.mjs`))).toBe(true);
    const bot = startBotProcess({ DB_FILE: join(dir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json"), BOT_CLOCK: "2024-03-01T08:00:00+07:00" }, [join(out, "main.mjs")]);
    await bot.waitForOutput(/Ctrl-D để thoát/, 30_000);
    bot.send("/han quý I/2024");
    bot.endInput();
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toMatch(/📅 Các hạn trong quý I\/2024/);
  }, 60_000);

  it("the bundle reads a Word plan (its reader's worker thread ships beside it)", async () => {
    const plans = join(dir, "plans");
    mkdirSync(plans, { recursive: true });
    writeFileSync(join(plans, "son-la.docx"), await planDocx(planText("son-la_so-gtvt_cchc-2024.txt")));
    const k = join(dir, "docx-knowledge.json");
    const r = spawnSync(process.execPath, [join(out, "ingest.mjs"), "--plans", plans, "--out", k], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" } });
    expect(r.stdout).not.toMatch(/không đọc được/);
    expect(r.stdout).toContain(`Đã ghi ${k}.`);
    expect(JSON.parse(readFileSync(k, "utf8")).plans).toHaveLength(1);
  }, 60_000);
});
