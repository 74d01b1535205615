// npm run -s remind -- --now ISO [--dry-run] [--json]
// What the reminder job sends at that instant, given the state file (DB_FILE, default data/db.json;
// settings from the environment and .env, as the bot reads them).
// --dry-run changes nothing. Without it the items are written to the outbox as pending and the bot
// sends them at its next start or run (stop the bot first: one process owns the state file).
// --json: one JSON object per item {chatId, channel, unit, unitId, planId, itemId, occurrence, stage, due, code, text},
// where text is the whole message its chat receives (items for one chat share one message).
import { openStore, memoryStore, readStateFile, StateFileError, type Store } from "../data/store.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { digestDueAt } from "./slots.ts";
import { planRun, previewMessages } from "./run.ts";
import { recordPlanned } from "./deliver.ts";
import { unitMap, unitName } from "./occurrences.ts";
import { parseCli, UsageError } from "../bot/cli.ts";
import { loadConfigOrExit } from "../bot/env.ts";
import { emptyRunHint } from "./empty-run.ts";

const USAGE = "Cách dùng: npm run -s remind -- --now 2024-11-13T08:00:00+07:00 [--dry-run] [--json]";

function fail(msg: string): never {
  process.stderr.write(`${msg}\n`);
  process.exit(2);
}

function parseArguments(argv: string[]): { now: Date; dryRun: boolean; json: boolean } {
  let values;
  try {
    ({ values } = parseCli(argv, { now: { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" } }, USAGE));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.text}\n`);
      process.exit(e.message ? 2 : 0);
    }
    throw e;
  }
  if (values.now === undefined) fail(`Thiếu --now.\n${USAGE}`);
  const now = new Date(values.now);
  if (Number.isNaN(now.getTime())) fail(`--now cần một thời điểm ISO, ví dụ 2024-11-13T08:00:00+07:00 (nhận được: ${values.now || "không có"}).\n${USAGE}`);
  return { now, dryRun: values["dry-run"] ?? false, json: values.json ?? false };
}

/** A dry run reads the state file without creating or changing it. */
async function readStore(file: string, dryRun: boolean): Promise<Store> {
  if (!dryRun) return openStore(file);
  return memoryStore(readStateFile(file));
}

async function main() {
  const args = parseArguments(process.argv.slice(2));
  const config = loadConfigOrExit();
  const dbFile = config.dbFile;
  let store: Store;
  try {
    store = await readStore(dbFile, args.dryRun);
  } catch (e) {
    fail(e instanceof StateFileError ? e.message : `Không đọc được ${dbFile} (DB_FILE): ${e instanceof Error ? e.message : String(e)}`);
  }
  let knowledge;
  try {
    knowledge = await loadKnowledge({ plansDir: config.plansDir, file: config.knowledgeFile });
  } catch (e) {
    fail(`Không nạp được các kế hoạch: ${e instanceof Error ? e.message : String(e)}`);
  }
  const now = () => args.now;
  const records = planRun({ store, knowledge: () => knowledge, now }, digestDueAt(args.now, store.state.jobRuns.digest));
  const messages = previewMessages(records, knowledge, false);
  const units = unitMap(knowledge);
  for (const m of messages) {
    if (args.json) {
      for (const r of m.records) {
        const line = { chatId: m.chatId, channel: m.channel, unit: unitName(units, r.unitId), unitId: r.unitId, planId: r.planId, itemId: r.itemId, occurrence: r.occurrenceId, stage: r.stage, due: r.due, code: r.code, text: m.message.text };
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
    } else {
      const fallback = m.message.textFallback ? `\n(${m.message.textFallback})` : "";
      process.stdout.write(`→ ${m.channel}:${m.chatId}\n${m.message.text}${fallback}\n\n`);
    }
  }
  if (!args.dryRun) await recordPlanned(store, records, args.now);
  const summary = `${messages.length} tin nhắn, ${records.length} mục${args.dryRun ? " (chạy thử: không ghi gì)" : ` — đã ghi vào ${dbFile} (chờ gửi); bot sẽ gửi khi khởi động hoặc chạy /nhacviec`}.`;
  process.stderr.write(`${summary}\n`);
  if (records.length === 0) process.stderr.write(`${emptyRunHint(store.state, dbFile)}\n`);
}

main().catch((e) => fail(`Lỗi: ${e instanceof Error ? e.message : String(e)}`));
