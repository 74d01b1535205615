// The audit log: an append-only record of every change (who, channel, chat, when, what, before → after)
// and of every refused attempt. Kept apart from the state file so a state rewrite can never edit it:
// one JSON line per entry in audit.jsonl beside the state file (DB_FILE), backed up with it.
import { appendFile, mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";

export const AuditEntry = z.object({
  at: z.string(),
  channel: z.string(),
  chatId: z.string().default(""),
  userId: z.string(),
  userName: z.string().default(""),
  /** what was done: "bind", "unbind", "confirm", "undo", "snooze", "plan-load", "plan-replace", "role-add", "role-remove", "run-jobs", … */
  action: z.string(),
  /** "done", or "refused" for an attempt authorize() turned down */
  outcome: z.enum(["done", "refused"]).default("done"),
  agencyId: z.string().nullable().default(null),
  unitId: z.string().nullable().default(null),
  /** what was acted on: an occurrence code, a plan id, a user id, a chat */
  target: z.string().nullable().default(null),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  note: z.string().nullable().default(null),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export type NewAuditEntry = z.input<typeof AuditEntry>;

export interface AuditFilter {
  /** only entries of these agencies (entries without an agency are shown only when this is absent) */
  agencyIds?: readonly string[];
  unitId?: string;
  /** matched against target and note, case-insensitively */
  text?: string;
  /** the last `limit` entries (after filtering), oldest first */
  limit?: number;
}

export interface AuditLog {
  /** appends one entry; appends are written in call order */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** entries matching the filter, oldest first (waits for appends already asked for) */
  list(filter?: AuditFilter): Promise<AuditEntry[]>;
}

/** Where the audit log of a state file lives: audit.jsonl in the same directory. */
export function auditFileFor(dbFile: string): string {
  return join(dirname(dbFile), "audit.jsonl");
}

export function filterAudit(entries: readonly AuditEntry[], f: AuditFilter = {}): AuditEntry[] {
  const text = f.text?.toLowerCase();
  const out = entries.filter(
    (e) =>
      (!f.agencyIds || (e.agencyId !== null && f.agencyIds.includes(e.agencyId))) &&
      (!f.unitId || e.unitId === f.unitId) &&
      (!text || `${e.target ?? ""} ${e.note ?? ""}`.toLowerCase().includes(text)),
  );
  return f.limit !== undefined ? out.slice(Math.max(0, out.length - f.limit)) : out;
}

/** Reads a JSONL audit file; a line that does not parse (a torn last write) is skipped, never fatal. */
export function parseAuditLines(text: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const parsed = AuditEntry.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // a partial line: keep the rest readable
    }
  }
  return out;
}

function serial() {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const next = queue.then(fn);
      queue = next.catch(() => undefined);
      return next;
    },
    idle: () => queue,
  };
}

/** The audit log in a JSONL file, opened for appending only (O_APPEND): earlier lines are never rewritten. */
export function fileAuditLog(file: string): AuditLog {
  const q = serial();
  let dirReady = false;
  return {
    append(entry) {
      const e = AuditEntry.parse(entry);
      return q.run(async () => {
        if (!dirReady) {
          await mkdir(dirname(file), { recursive: true });
          dirReady = true;
        }
        await appendFile(file, `${JSON.stringify(e)}\n`, { encoding: "utf8", flag: "a" });
        return e;
      });
    },
    async list(filter) {
      await q.idle();
      const text = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return "";
        throw err;
      });
      return filterAudit(parseAuditLines(text), filter);
    },
  };
}

/** The audit log in memory (tests, the console demo). */
export function memoryAuditLog(initial: NewAuditEntry[] = []): AuditLog & { readonly entries: readonly AuditEntry[] } {
  const entries: AuditEntry[] = initial.map((e) => AuditEntry.parse(e));
  const q = serial();
  return {
    entries,
    append(entry) {
      const e = AuditEntry.parse(entry);
      return q.run(async () => {
        entries.push(e);
        return e;
      });
    },
    async list(filter) {
      await q.idle();
      return filterAudit(entries, filter);
    },
  };
}

/** The log as a table (the report workbook's "Nhật ký" sheet): a header row and one row per entry. */
export function auditTable(entries: readonly AuditEntry[]): { header: string[]; rows: string[][] } {
  const cell = (v: unknown) => (v === undefined ? "" : v === null ? "—" : typeof v === "string" ? v : JSON.stringify(v));
  return {
    header: ["Thời điểm", "Kênh", "Nhóm/chat", "Mã người dùng", "Người thực hiện", "Việc", "Kết quả", "Cơ quan", "Đơn vị", "Đối tượng", "Trước", "Sau", "Ghi chú"],
    rows: entries.map((e) => [e.at, e.channel, e.chatId, e.userId, e.userName, e.action, e.outcome === "refused" ? "bị từ chối" : "đã thực hiện", e.agencyId ?? "", e.unitId ?? "", e.target ?? "", cell(e.before), cell(e.after), e.note ?? ""]),
  };
}
