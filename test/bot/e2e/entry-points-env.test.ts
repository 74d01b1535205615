// Every entry point (bot, demo, ingest, ask, remind, audit, bench) reads `.env` from its working folder
// and validates it with the same schema: one bad value in the file stops each of them with the same
// Vietnamese sentence, exit code non-zero, before any work. Run as real processes from a folder that
// holds only that .env, so the repository's own .env (if any) plays no part.
import { execFile } from "node:child_process";
import { rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../../helpers/bot-process.ts";

const run = promisify(execFile);
const dir = tempDir("entry-env-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TSX = join(ROOT, "node_modules/tsx/dist/loader.mjs");
const ENTRY_POINTS: Record<string, string[]> = {
  bot: ["bot/main.ts"],
  demo: ["bot/demo.ts", "--config", join(ROOT, "data/demo.json")],
  ingest: ["knowledge/cli-ingest.ts"],
  ask: ["knowledge/cli-ask.ts", "báo cáo quý III hạn khi nào?"],
  remind: ["jobs/cli-remind.ts", "--now", "2024-09-11T07:30:00+07:00", "--dry-run"],
  audit: ["data/cli-audit.ts"],
  bench: ["knowledge/bench.ts"],
};

async function start(args: string[]): Promise<{ code: number; stderr: string }> {
  const [script, ...rest] = args;
  try {
    const r = await run(process.execPath, ["--import", TSX, join(ROOT, script), ...rest], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
      timeout: 60_000,
    });
    return { code: 0, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stderr: string };
    return { code: x.code, stderr: x.stderr };
  }
}

describe("one way to read settings", () => {
  it("each entry point refuses the same bad value in .env with the same sentence", async () => {
    writeFileSync(join(dir, ".env"), "# written by the test\nLOG_FORMAT=xml\n");
    const results = await Promise.all(Object.entries(ENTRY_POINTS).map(async ([name, args]) => [name, await start(args)] as const));
    for (const [name, r] of results) {
      expect({ name, code: r.code === 0 ? 0 : "non-zero", stderr: r.stderr.trim().split("\n").at(-1) }).toEqual({
        name,
        code: "non-zero",
        stderr: 'Biến môi trường LOG_FORMAT không hợp lệ (đang là "xml"): phải là text hoặc json.',
      });
    }
    // refused before any work: nothing written beside the .env
    expect(existsSync(join(dir, "data"))).toBe(false);
  }, 90_000);
});
