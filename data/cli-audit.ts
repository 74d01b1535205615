// npm run -s audit -- [--db FILE] [--agency ID] [--unit ID] [--text S] [--limit N] [--json]
// Exports the audit log that lives beside the state file (DB_FILE, default data/db.json; settings from
// the environment and .env, validated as the bot does): one line per entry, oldest first; --json prints
// one JSON object per line (the entries as stored). Read-only.
import { existsSync } from "node:fs";
import { auditFileFor, fileAuditLog, type AuditEntry, type AuditFilter } from "./audit.ts";
import { parseCli, UsageError } from "../bot/cli.ts";
import { ConfigError, loadConfig } from "../bot/env.ts";

const USAGE = "Cách dùng: npm run -s audit -- [--db data/db.json] [--agency quang-tri/so-ldtbxh] [--unit ID] [--text MÃ] [--limit 50] [--json]";

const value = (v: unknown) => (v === undefined ? "" : v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export function formatAuditLine(e: AuditEntry): string {
  const who = `${e.channel}:${e.userId}${e.userName ? ` (${e.userName})` : ""}`;
  const where = [e.agencyId, e.unitId, e.target].filter(Boolean).join(" ");
  const change = e.before !== undefined || e.after !== undefined ? ` ${value(e.before)} → ${value(e.after)}` : "";
  return `${e.at}  ${who}  ${e.outcome === "refused" ? "TỪ CHỐI " : ""}${e.action}  ${where}${change}${e.note ? `  (${e.note})` : ""}`;
}

const OPTIONS = { db: { type: "string" }, agency: { type: "string" }, unit: { type: "string" }, text: { type: "string" }, limit: { type: "string" }, json: { type: "boolean" } } as const;

/** The CLI without process globals (`env` and `envFile` as bot/env.ts reads them): returns the exit code. */
export async function runAuditCli(argv: string[], env: Record<string, string | undefined>, out: (s: string) => void, err: (s: string) => void, envFile = ".env"): Promise<number> {
  let values;
  try {
    ({ values } = parseCli(argv, OPTIONS, USAGE));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(e.text);
    return e.message ? 2 : 0;
  }
  let dbFile: string;
  try {
    dbFile = loadConfig(env, envFile).dbFile;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err(e.message);
    return 2;
  }
  const db = values.db ?? dbFile;
  const file = auditFileFor(db);
  if (!existsSync(file)) {
    err(`Chưa có nhật ký: không thấy ${file} (nhật ký nằm cạnh tệp trạng thái ${db}).`);
    return 1;
  }
  const filter: AuditFilter = {};
  if (values.agency) filter.agencyIds = [values.agency];
  if (values.unit) filter.unitId = values.unit;
  if (values.text) filter.text = values.text;
  if (values.limit !== undefined) {
    const n = Number(values.limit);
    if (!Number.isInteger(n) || n < 1) {
      err(`--limit cần một số nguyên dương (nhận được: ${values.limit}).\n${USAGE}`);
      return 2;
    }
    filter.limit = n;
  }
  const entries = await fileAuditLog(file).list(filter);
  for (const e of entries) out(values.json ? JSON.stringify(e) : formatAuditLine(e));
  err(`${entries.length} mục (${file}).`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runAuditCli(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
