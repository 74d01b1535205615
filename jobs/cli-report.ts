// npm run -s report -- --from ISO --to ISO [--agency ID] [--now ISO] --out FILE.xlsx
// The same workbook /baocao sends (jobs/report-xlsx.ts), from the state file (DB_FILE, default
// data/db.json) and the plans, with settings from the environment and .env as the bot reads them.
// Reads the state without changing it, so it may run beside the bot. "Today" (what is overdue) is
// --now, else BOT_CLOCK, else the current time.
import { writeFileSync } from "node:fs";
import { readStateFile, StateFileError, type State } from "../data/store.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { parseCli, UsageError } from "../bot/cli.ts";
import { loadConfigOrExit } from "../bot/env.ts";
import { buildReportFile } from "./report-xlsx.ts";
import { periodLabel, percentText } from "./report-build.ts";

const USAGE = "Cách dùng: npm run -s report -- --from 2024-01-01 --to 2024-03-31 [--agency son-la/so-gtvt] [--now 2024-04-01T08:00:00+07:00] --out bao-cao.xlsx";

function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(2);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseArguments(argv: string[]) {
  let values;
  try {
    ({ values } = parseCli(argv, { from: { type: "string" }, to: { type: "string" }, agency: { type: "string" }, now: { type: "string" }, out: { type: "string" } }, USAGE));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.text}\n`);
      process.exit(e.message ? 2 : 0);
    }
    throw e;
  }
  const day = (name: "from" | "to") => {
    const v = values[name];
    if (v === undefined) fail(`Thiếu --${name}.\n${USAGE}`);
    if (!DAY.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) fail(`--${name} cần một ngày dạng YYYY-MM-DD, ví dụ 2024-03-31 (nhận được: ${v || "không có"}).\n${USAGE}`);
    return v;
  };
  const from = day("from");
  const to = day("to");
  if (from > to) fail(`--from (${from}) sau --to (${to}).\n${USAGE}`);
  if (!values.out) fail(`Thiếu --out (tệp .xlsx sẽ ghi).\n${USAGE}`);
  if (!/\.xlsx$/i.test(values.out)) fail(`--out phải là tệp .xlsx (nhận được: ${values.out}).\n${USAGE}`);
  const now = values.now === undefined ? null : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) fail(`--now cần một thời điểm ISO, ví dụ 2024-04-01T08:00:00+07:00 (nhận được: ${values.now}).\n${USAGE}`);
  return { from, to, agency: values.agency ?? null, now, out: values.out };
}

async function main() {
  const args = parseArguments(process.argv.slice(2));
  const config = loadConfigOrExit();
  let state: State;
  try {
    state = readStateFile(config.dbFile);
  } catch (e) {
    fail(e instanceof StateFileError ? e.message : `Không đọc được ${config.dbFile} (DB_FILE): ${e instanceof Error ? e.message : String(e)}`);
  }
  let knowledge;
  try {
    knowledge = await loadKnowledge({ plansDir: config.plansDir, file: config.knowledgeFile });
  } catch (e) {
    fail(`Không nạp được các kế hoạch: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (args.agency && !knowledge.plans.some((p) => p.agencyId === args.agency)) {
    fail(`Không có cơ quan ${args.agency} trong các kế hoạch đã nạp. Các cơ quan: ${[...new Set(knowledge.plans.map((p) => p.agencyId))].join(", ")}.`);
  }
  const now = args.now ?? config.botClock ?? new Date();
  const { report, bytes } = await buildReportFile({ knowledge, state, from: args.from, to: args.to, label: periodLabel(args.from, args.to), now, agencies: args.agency ? [args.agency] : "all" });
  if (report.rows.length === 0) fail(`Không có việc nào đến hạn từ ${args.from} đến ${args.to} ở các đơn vị đã đăng ký nhóm (${config.dbFile}). Không ghi tệp.`);
  try {
    writeFileSync(args.out, bytes);
  } catch (e) {
    fail(`Không ghi được ${args.out}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const t = report.total;
  process.stderr.write(`Đã ghi ${args.out}: ${report.rows.length} dòng, ${report.units.length} đơn vị; ${t.onTime} đúng hạn, ${t.late} quá hạn, ${t.open} còn hạn, ${t.overdue} chưa nộp quá hạn; tỷ lệ đúng hạn ${percentText(t.rate)}.\n`);
}

main().catch((e) => fail(`Lỗi: ${e instanceof Error ? e.message : String(e)}`));
