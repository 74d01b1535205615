// npm run -s migrate-state -- --from data/db.json [--to postgres://…]
// Moves a JSON state (the file, its journal of sends) into PostgreSQL (DATABASE_URL, or --to) without
// loss: every collection in one transaction, then read back from a fresh connection and compared
// entry by entry; the counts are printed. Stop the bot first (the file's lock is taken). An empty
// database is required (nothing is merged or overwritten).
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { openStore, StateFileError, type State } from "./store.ts";
import { openPgStore } from "./pg-store.ts";
import { withEnvFile } from "../bot/env.ts";

const USAGE = "Cách dùng: npm run -s migrate-state -- --from data/db.json [--to postgres://người-dùng:mật-khẩu@máy:5432/csdl] (mặc định --to là DATABASE_URL)";

/** entries per collection (a record such as jobRuns counts its keys) */
export function counts(s: State): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(s)) {
    if (Array.isArray(v)) out[k] = v.length;
    else if (v && typeof v === "object") out[k] = Object.keys(v).length;
  }
  return out;
}

/** The CLI without process globals: returns the exit code. */
export async function runMigrateState(argv: string[], env: Record<string, string | undefined>, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { from: { type: "string" }, to: { type: "string" } } }));
  } catch (e) {
    err(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const from = values.from;
  const to = values.to ?? withEnvFile(env).DATABASE_URL;
  if (!from) return err(`Thiếu --from.\n${USAGE}`), 2;
  if (!to) return err(`Thiếu địa chỉ PostgreSQL: đặt DATABASE_URL hoặc --to.\n${USAGE}`), 2;
  if (!existsSync(from)) return err(`Không thấy tệp trạng thái ${from}.`), 1;

  let source;
  try {
    source = await openStore(from); // takes the lock: refuses while the bot runs on it; folds in its journal
  } catch (e) {
    return err(e instanceof StateFileError ? e.message : `Không mở được ${from}: ${e instanceof Error ? e.message : String(e)}`), 1;
  }
  try {
    const state = structuredClone(source.state);
    let target;
    try {
      target = await openPgStore(to);
    } catch (e) {
      return err(`Không kết nối được PostgreSQL: ${e instanceof Error ? e.message : String(e)}`), 1;
    }
    try {
      const existing = Object.values(counts(target.state)).reduce((a, b) => a + b, 0);
      if (existing > 0) return err(`Cơ sở dữ liệu đích đã có dữ liệu (${existing} mục); chỉ chuyển vào một cơ sở dữ liệu trống, không gộp hay ghi đè.`), 1;
      await target.update((s) => void Object.assign(s, structuredClone(state)));
    } finally {
      await target.close?.();
    }
    // read back from a fresh connection: what a replica would see
    const check = await openPgStore(to);
    try {
      const want = counts(state);
      const got = counts(check.state);
      const bad = Object.keys(want).filter((k) => JSON.stringify((check.state as Record<string, unknown>)[k]) !== JSON.stringify((state as Record<string, unknown>)[k]));
      for (const k of Object.keys(want)) out(`${k}: ${want[k]} → ${got[k] ?? 0}${bad.includes(k) ? "  ✗ KHÁC" : ""}`);
      if (bad.length > 0) return err(`Kiểm tra thấy khác biệt ở: ${bad.join(", ")}. Đừng dùng cơ sở dữ liệu này; tệp ${from} không bị đổi.`), 1;
      out(`Đã chuyển ${from} vào PostgreSQL và kiểm tra lại từng mục: khớp. Đặt DATABASE_URL rồi khởi động bot; giữ lại ${from} làm bản sao lưu.`);
      return 0;
    } finally {
      await check.close?.();
    }
  } finally {
    await source.close?.();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runMigrateState(process.argv.slice(2), process.env, (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`)).then((code) => process.exit(code));
}
