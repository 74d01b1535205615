// `npm run -s ask -- --json`: the contract the bot and the grader rely on.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "ask-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runAsk(args: string[], input = "") {
  return spawnSync(process.execPath, ["--import", "tsx", "knowledge/cli-ask.ts", ...args], {
    cwd: root,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("ask --json", () => {
  it("prints one contract object per question line, skipping blank lines, and builds a missing knowledge file", () => {
    const file = join(dir, "knowledge.json");
    const questions = ["Báo cáo quý III của Sở GTVT Sơn La gửi trước ngày nào?", "", "Ai chủ trì kiểm kê tài sản?", "Báo cáo quý 5 hạn khi nào?"];
    const run = runAsk(["--json", "--knowledge", file], questions.join("\n") + "\n");
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const lines = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    for (const o of lines) {
      expect(Object.keys(o)).toEqual(["question", "found", "intent", "answer", "hits"]);
      expect(typeof o.answer).toBe("string");
      expect(o.hits.length).toBeLessThanOrEqual(5);
      for (const h of o.hits) {
        expect(Object.keys(h).sort()).toEqual(["due", "dueText", "kind", "lead", "planId", "source", "support", "text", "value"]);
        expect(h.due === null || /^\d{4}-\d{2}-\d{2}$/.test(h.due)).toBe(true);
        expect(Object.keys(h.source)).toEqual(["file", "line"]);
      }
    }
    expect(lines[0]).toMatchObject({ question: questions[0], found: true, intent: "deadline" });
    expect(lines[0].answer).toContain("15/9/2024");
    expect(lines[0].hits[0]).toMatchObject({ planId: "son-la-gtvt-2024", kind: "report", due: "2024-09-15", source: { file: "son-la_so-gtvt_cchc-2024.txt", line: 254 } });
    expect(lines[1].hits[0].lead).toContain("Văn phòng Sở");
    expect(lines[2]).toMatchObject({ found: false, hits: [] });

    // the same question as an argument, plain text: exactly the answer
    const plain = runAsk(["--knowledge", file, questions[0]]);
    expect(plain.status).toBe(0);
    expect(plain.stdout.trim()).toBe(lines[0].answer);
  });

  it("refuses a broken knowledge file with a Vietnamese message and leaves it alone", () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, "{not json");
    const run = runAsk(["--json", "--knowledge", file, "Ai ký kế hoạch?"]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("bị hỏng");
    expect(run.stdout).toBe("");
  });
});
