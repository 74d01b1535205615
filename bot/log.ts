// Log lines on stderr with a level threshold (LOG_LEVEL) and an optional JSON format (LOG_FORMAT=json)
// for journald/log collectors: one object per line {time, level, msg, detail?}.
import type { CoreDeps } from "./core/index.ts";

export type Log = CoreDeps["log"];
export type LogLevel = "debug" | "info" | "warn" | "error";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function detailOf(extra: unknown): string | undefined {
  if (extra === undefined) return undefined;
  if (extra instanceof Error) return extra.stack ?? extra.message;
  if (typeof extra === "string") return extra;
  try {
    return JSON.stringify(extra);
  } catch {
    return String(extra);
  }
}

export function createLog(opts: { level: LogLevel; format: "text" | "json"; write?: (line: string) => void; now?: () => Date }): Log {
  const write = opts.write ?? ((line: string) => void process.stderr.write(line));
  const now = opts.now ?? (() => new Date());
  const min = RANK[opts.level];
  return (level, msg, extra) => {
    if (RANK[level] < min) return;
    const detail = detailOf(extra);
    const time = now().toISOString();
    if (opts.format === "json") write(`${JSON.stringify(detail === undefined ? { time, level, msg } : { time, level, msg, detail })}\n`);
    else write(`${time} ${level} ${msg}${detail === undefined ? "" : ` | ${detail}`}\n`);
  };
}
