// npm run -s ask -- [--json] [--knowledge FILE] ["question"]
// One question as the argument, or one per line on stdin. --json: one JSON object per question.
import { existsSync, readFileSync } from "node:fs";
import { ask, buildAskIndex, type Answer } from "./ask.ts";
import { loadKnowledge } from "./load.ts";
import type { Knowledge } from "./schema.ts";
import { parseCli, UsageError } from "../bot/cli.ts";
import { loadConfigOrExit } from "../bot/env.ts";

interface Args {
  json: boolean;
  knowledge: string;
  plans: string;
  question: string | null;
}

function parseArguments(argv: string[], defaults: { knowledge: string; plans: string }): Args {
  const { values, positionals } = parseCli(argv, { json: { type: "boolean" }, knowledge: { type: "string" }, plans: { type: "string" } }, USAGE, true);
  return {
    json: values.json ?? false,
    knowledge: values.knowledge ?? defaults.knowledge,
    plans: values.plans ?? defaults.plans,
    question: positionals.length ? positionals.join(" ") : null,
  };
}

const USAGE = 'Cách dùng: npm run -s ask -- [--json] [--knowledge TỆP] ["câu hỏi"]  (không có câu hỏi: đọc mỗi dòng một câu từ stdin)';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A file that exists but is not a knowledge file is refused, never overwritten: the path may be
 * a typo for something else. (An outdated knowledge file is rebuilt by loadKnowledge.)
 */
function checkKnowledgeFile(file: string): string | null {
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    const why = e instanceof SyntaxError ? "không phải JSON hợp lệ" : e instanceof Error ? e.message : String(e);
    return `Tệp dữ liệu kế hoạch ${file} bị hỏng (${why}). Hãy xoá tệp này rồi chạy "npm run -s ingest" để tạo lại.`;
  }
  const k = raw as { version?: unknown; plans?: unknown; tasks?: unknown };
  if (!k || typeof k !== "object" || !Array.isArray(k.plans) || !Array.isArray(k.tasks)) {
    return `Tệp ${file} không phải tệp dữ liệu kế hoạch (thiếu danh sách kế hoạch). Hãy kiểm tra đường dẫn --knowledge hoặc chạy "npm run -s ingest".`;
  }
  return null;
}

/** The contract's JSON line: exactly these fields. */
export function toJsonLine(a: Answer): string {
  return JSON.stringify({ question: a.question, found: a.found, intent: a.intent, answer: a.answer, hits: a.hits.slice(0, 5) });
}

/** BOT_CLOCK's day when set (as the bot's clock), else today, in Viet Nam */
function todayInVietnam(clock: Date | null): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(clock ?? new Date());
}

async function main(): Promise<number> {
  let args: Args;
  let clock: Date | null = null;
  try {
    // the files default to KNOWLEDGE_FILE and PLANS_DIR (environment or .env), as the bot reads them
    const config = loadConfigOrExit();
    args = parseArguments(process.argv.slice(2), { knowledge: config.knowledgeFile, plans: config.plansDir });
    clock = config.botClock;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.text}\n`);
      return e.message ? 2 : 0;
    }
    throw e;
  }

  const bad = checkKnowledgeFile(args.knowledge);
  if (bad) {
    process.stderr.write(`${bad}\n`);
    return 1;
  }
  let knowledge: Knowledge;
  try {
    // a missing or outdated file is (re)built from the plans folder
    knowledge = await loadKnowledge({ plansDir: args.plans, file: args.knowledge });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    process.stderr.write(`Không nạp được dữ liệu kế hoạch (tệp ${args.knowledge}, thư mục ${args.plans}): ${detail}\n`);
    return 1;
  }
  if (knowledge.plans.length === 0) {
    process.stderr.write(`Không có kế hoạch nào đọc được trong thư mục ${args.plans}. Hãy kiểm tra các tệp kế hoạch rồi chạy "npm run -s ingest".\n`);
    return 1;
  }
  const index = buildAskIndex(knowledge);

  const questions = args.question !== null ? [args.question] : (await readStdin()).split(/\r?\n/);
  const today = todayInVietnam(clock);
  const out: string[] = [];
  for (const q of questions) {
    if (!q.trim()) continue; // blank lines are not questions
    const a = ask(index, q.trim(), { today });
    out.push(args.json ? toJsonLine(a) : `${a.answer}\n`);
  }
  process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Lỗi không mong đợi: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
