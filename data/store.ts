// The one place state changes: a JSON file, writes serialised, replaced atomically (a temp file
// beside it, fsync, rename). A corrupt file is never overwritten; a failed write is rolled back
// and puts the store in read-only mode until a write succeeds again (never a silent loss).
// Made to last at province scale: compact JSON; per-send records (StoreOp) appended to a journal
// beside the file (O(1), fsynced) and folded in at the next full write; old sent/cancelled rows moved
// to an append-only archive (JSONL); a lock file so a second process on the same state refuses to start.
import { Low, Memory } from "lowdb";
import { existsSync, promises as fsp, readdirSync, readFileSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { z } from "zod";
import { applyOp, type StoreOp } from "./ops.ts";

export type { StoreOp } from "./ops.ts";

const ChannelName = z.enum(["telegram", "zalo", "console"]);

/** A group chat bound to a unit (by an admin's /dangky). */
export const Binding = z.object({
  channel: ChannelName,
  chatId: z.string(),
  chatTitle: z.string().default(""),
  unitId: z.string(),
  agencyId: z.string(),
  boundBy: z.string(),
  boundAt: z.string(),
});
export type Binding = z.infer<typeof Binding>;

/** A unit's confirmation that it submitted an occurrence (a report, a task). */
export const Submission = z.object({
  id: z.string(),
  occurrenceId: z.string(), // `${itemId}@${dueDate}`
  itemId: z.string(),
  planId: z.string(),
  unitId: z.string(),
  userId: z.string(),
  userName: z.string(),
  chatId: z.string(),
  channel: ChannelName,
  at: z.string(),
  evidence: z
    .object({
      fileId: z.string(),
      name: z.string(),
      /** kept in the data folder (bot/core/desk/evidence.ts): path relative to it, SHA-256, bytes, content type */
      path: z.string().optional(),
      sha256: z.string().optional(),
      size: z.number().optional(),
      mimeType: z.string().optional(),
      /** the download failed: the confirmation stands, the file must be sent again */
      failed: z.string().optional(),
    })
    .nullable()
    .default(null),
  undoneAt: z.string().nullable().default(null),
});
export type Submission = z.infer<typeof Submission>;

/** One reminder (occurrence × unit × stage), written before sending, marked after. */
export const OutboxRecord = z.object({
  id: z.string(), // `${occurrenceId}|${unitId}|${stage}|${chatId}`
  occurrenceId: z.string(),
  itemId: z.string(),
  planId: z.string(),
  unitId: z.string(),
  chatId: z.string(),
  channel: ChannelName,
  stage: z.string(),
  due: z.string(),
  code: z.string(),
  text: z.string(),
  status: z.enum(["pending", "sent", "cancelled"]),
  createdAt: z.string(),
  sentAt: z.string().nullable().default(null),
  messageId: z.string().nullable().default(null),
  attempts: z.number().default(0),
  lastError: z.string().nullable().default(null),
  /** the last send got no answer (a timeout): it may have arrived; resent once on the next run */
  uncertainAt: z.string().nullish(),
});
export type OutboxRecord = z.infer<typeof OutboxRecord>;

/** A role given in chat (/quantri): an agency admin or a read-only leader of one agency. Super-admins come from the environment. */
export const RoleGrant = z.object({
  channel: ChannelName,
  userId: z.string(),
  userName: z.string().default(""),
  role: z.enum(["admin", "leader"]),
  agencyId: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

/** A deadline moved by the leadership (/giahan): the occurrence keeps its id, its due date becomes `to`. */
export const Extension = z.object({
  id: z.string(),
  occurrenceId: z.string(),
  code: z.string(),
  /** the due date before this extension */
  from: z.string(),
  to: z.string(),
  /** reason or the number of the document that decided it */
  reason: z.string().default(""),
  channel: ChannelName,
  chatId: z.string(),
  userId: z.string(),
  userName: z.string().default(""),
  at: z.string(),
});
export type Extension = z.infer<typeof Extension>;

/** A task assigned outside the plans (/giao, nhiệm vụ phát sinh); expanded with the plans' occurrences (jobs/occurrences.ts). */
export const AdhocTask = z.object({
  id: z.string(), // "adhoc-<random>"
  agencyId: z.string(),
  unitId: z.string(),
  title: z.string(),
  /** the first (or only) due date */
  due: z.string(),
  /** "hằng tháng ngày 20": one occurrence a month on that day, up to `until` */
  recurrence: z.object({ kind: z.literal("monthly"), day: z.number().int().min(1).max(31) }).nullable().default(null),
  until: z.string().nullable().default(null),
  channel: ChannelName,
  chatId: z.string(),
  userId: z.string(),
  userName: z.string().default(""),
  at: z.string(),
  cancelledAt: z.string().nullable().default(null),
  cancelledBy: z.string().nullable().default(null),
});
export type AdhocTask = z.infer<typeof AdhocTask>;

export const State = z.object({
  version: z.literal(1).default(1),
  bindings: z.array(Binding).default([]),
  submissions: z.array(Submission).default([]),
  outbox: z.array(OutboxRecord).default([]),
  /** sent bot messages → the occurrence codes they carry, so a reply can be matched */
  sentMessages: z
    .array(z.object({ channel: ChannelName, chatId: z.string(), messageId: z.string(), codes: z.array(z.string()), at: z.string() }))
    .default([]),
  snoozes: z.array(z.object({ occurrenceId: z.string(), unitId: z.string(), until: z.string() })).default([]),
  escalations: z.array(z.object({ occurrenceId: z.string(), unitId: z.string(), at: z.string() })).default([]),
  jobRuns: z.record(z.string(), z.string()).default({}), // job name → last run ISO instant
  /** webhook deliveries already handled (Zalo may repeat them) */
  seenUpdates: z.array(z.string()).default([]),
  /** one-time codes of /molienket: a chat that sends one (a group joined with t.me/<bot>?startgroup=<code>,
   *  or an officer's private chat) is bound to the unit once; then the code is used up or expires */
  invites: z
    .array(
      z.object({
        code: z.string(),
        unitId: z.string(),
        agencyId: z.string(),
        createdBy: z.string(),
        createdIn: z.object({ channel: ChannelName, chatId: z.string() }),
        createdAt: z.string(),
        expiresAt: z.string(),
        usedAt: z.string().nullable().default(null),
        usedBy: z.object({ channel: ChannelName, chatId: z.string(), title: z.string() }).nullable().default(null),
      }),
    )
    .default([]),
  /** bindings dropped because the bot was removed from the group (bot/core/group-lifecycle.ts) */
  unboundGroups: z.array(Binding.extend({ removedAt: z.string(), reason: z.string() })).default([]),
  /** conversations waiting for an answer: an ambiguous /dangky, a plan upload to confirm */
  pending: z.array(z.object({ key: z.string(), kind: z.string(), data: z.unknown(), at: z.string() })).default([]),
  /** agency admins and leaders (bot/core/roles.ts) */
  roles: z.array(RoleGrant).default([]),
  /** deadline extensions in the order they were recorded (the last one of an occurrence wins) */
  extensions: z.array(Extension).default([]),
  /** ad-hoc tasks (/giao) */
  adhocTasks: z.array(AdhocTask).default([]),
});
export type State = z.infer<typeof State>;

/**
 * A state file read without opening a store (no lock, no journal, nothing written): what the
 * read-only tools (`remind --dry-run`, `report`) see. A missing file is an empty state.
 */
export function readStateFile(file: string): State {
  if (!existsSync(file)) return State.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new StateFileError(file, e instanceof Error ? e.message : String(e));
  }
  const parsed = State.safeParse(raw);
  if (!parsed.success) throw new StateFileError(file, parsed.error.issues[0]?.message ?? "sai cấu trúc");
  return parsed.data;
}

export function emptyState(): State {
  return State.parse({});
}

export class StateFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    message = `Tệp trạng thái ${file} bị hỏng (${detail}). Bot dừng để không ghi đè dữ liệu; hãy sửa hoặc khôi phục tệp rồi chạy lại.`,
  ) {
    super(message);
    this.name = "StateFileError";
  }
}

/** A change that could not be saved; it was rolled back, the store is read-only until a write succeeds. */
export class StoreWriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    readonly detail: string,
  ) {
    super(`Không lưu được dữ liệu: ${writeErrorText(code, file)}. Thay đổi này chưa được ghi; bot vẫn trả lời câu hỏi và sẽ tự thử lưu lại.`);
    this.name = "StoreWriteError";
  }
}

/** Why a write failed, in one Vietnamese phrase (the errno codes a disk really gives). */
export function writeErrorText(code: string, file: string): string {
  switch (code) {
    case "EACCES":
    case "EPERM":
      return `không có quyền ghi tệp ${file}`;
    case "EROFS":
      return `ổ đĩa chứa ${file} chỉ cho đọc`;
    case "ENOSPC":
    case "EDQUOT":
      return `ổ đĩa chứa ${file} đã đầy`;
    case "ENOENT":
      return `thư mục của ${file} không còn tồn tại`;
    case "EBUSY":
    case "EXDEV":
      return `không thay được tệp ${file} (tệp được gắn riêng lẻ vào container?)`;
    default:
      return `lỗi ghi tệp ${file} (${code})`;
  }
}

export interface StoreHealth {
  /** null: writes succeed; otherwise the failure that made the store read-only */
  readOnly: StoreWriteError | null;
}

export interface Store {
  /** the current state; read-only by convention — change it through update() */
  readonly state: State;
  /**
   * apply a change and persist it; writes are serialised in call order. When the write fails the
   * change is rolled back and a StoreWriteError thrown (never a silent, unsaved change).
   */
  update<T>(change: (s: State) => T): Promise<T>;
  /** the failure that made the store read-only, or null */
  readonly readOnly?: StoreWriteError | null;
  /** tries to write the current state again (main calls it on a timer while read-only); true when saved */
  retry?(): Promise<boolean>;
  /** called when the store enters read-only mode (error) or leaves it (null) */
  onHealth?(listener: (error: StoreWriteError | null) => void): void;
  /** records one small change (a send's outcome) at once and cheaply; without it, use update (applyStoreOp) */
  apply?(op: StoreOp): Promise<void>;
  /** moves sent/cancelled outbox rows and sent-message entries older than the archive age out of the state */
  archive?(now: Date): Promise<ArchiveReport>;
  /** releases the state (the lock file, the database connections) */
  close?(): Promise<void>;
  /** reads what other replicas changed (PostgreSQL); the jobs call it before planning */
  refresh?(): Promise<void>;
}

export interface ArchiveReport {
  outbox: number;
  sentMessages: number;
}

/** store.apply when the store has it, else the same change through update. */
export function applyStoreOp(store: Store, op: StoreOp): Promise<void> {
  return store.apply ? store.apply(op) : store.update((s) => applyOp(s, op));
}

export const DEFAULT_ARCHIVE_DAYS = 90;

/** Rows of the state older than `days` that no run needs any more, and the state without them. */
export function selectArchivable(s: State, now: Date, days: number): { outbox: OutboxRecord[]; sentMessages: State["sentMessages"] } {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return {
    outbox: s.outbox.filter((r) => r.status !== "pending" && (r.sentAt ?? r.createdAt) < cutoff),
    sentMessages: s.sentMessages.filter((m) => m.at < cutoff),
  };
}

/** The file operations the store needs; injected in tests to simulate a full or read-only disk. */
export interface StoreFs {
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** appends and fsyncs (the journal, the archive) */
  append?(path: string, data: string): Promise<void>;
  /** empties a file (the journal once folded in) */
  truncate?(path: string): Promise<void>;
}

const nodeFs: StoreFs = {
  async writeFile(path, data) {
    const h = await fsp.open(path, "w");
    try {
      await h.writeFile(data, "utf8");
      await h.sync(); // on disk before the rename makes it the state
    } finally {
      await h.close();
    }
  },
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  async append(path, data) {
    const h = await fsp.open(path, "a");
    try {
      await h.writeFile(data, "utf8");
      await h.datasync(); // the send is on record before the next one goes
    } finally {
      await h.close();
    }
  },
  truncate: (p) => fsp.truncate(p, 0).catch((e) => ((e as { code?: string }).code === "ENOENT" ? undefined : Promise.reject(e))),
};

function errCode(e: unknown): string {
  return (e as { code?: string })?.code ?? (e instanceof Error ? e.name : "UNKNOWN");
}

interface Persist {
  file: string;
  write(data: State): Promise<void>;
  /** the state as last saved (JSON), for rollback */
  saved(): string;
  /** appends one op to the journal (durable when it resolves) */
  journal(op: StoreOp): Promise<void>;
  /** ops journaled since the last full write (re-applied on rollback) */
  unfolded(): StoreOp[];
  /** appends rows to the archive (durable when it resolves) */
  archive(lines: string[]): Promise<void>;
  archiveDays: number;
  close(): Promise<void>;
}

function createStore(db: Low<State>, persist: Persist | null): Store {
  let queue: Promise<unknown> = Promise.resolve();
  let readOnly: StoreWriteError | null = null;
  const listeners: Array<(e: StoreWriteError | null) => void> = [];
  const setHealth = (e: StoreWriteError | null) => {
    const changed = (readOnly === null) !== (e === null);
    readOnly = e;
    if (changed) for (const l of listeners) l(e);
  };
  const failed = (e: unknown): StoreWriteError => {
    const err = new StoreWriteError(persist!.file, errCode(e), e instanceof Error ? e.message : String(e));
    setHealth(err);
    return err;
  };
  const save = async (): Promise<void> => {
    if (!persist) return db.write();
    try {
      await persist.write(db.data);
      setHealth(null);
    } catch (e) {
      throw failed(e);
    }
  };
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    get state() {
      return db.data;
    },
    get readOnly() {
      return readOnly;
    },
    update<T>(change: (s: State) => T): Promise<T> {
      const run = queue.then(async () => {
        // back to what the disk holds (the file and its journal), so the bot never acts on a change it could not keep
        const rollback = (before: State | null) => {
          if (persist) {
            const back = State.parse(JSON.parse(persist.saved()));
            for (const op of persist.unfolded()) applyOp(back, op);
            db.data = back;
          } else if (before) db.data = before;
        };
        // a memory store has no saved copy: a snapshot, so a change that throws leaves nothing half-done
        const before = persist ? null : structuredClone(db.data);
        let result: T;
        try {
          result = change(db.data);
        } catch (e) {
          rollback(before);
          throw e;
        }
        try {
          await save();
        } catch (e) {
          rollback(before);
          throw e;
        }
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
    retry() {
      const run = queue.then(async () => {
        try {
          await save();
          return true;
        } catch {
          return false;
        }
      });
      queue = run;
      return run;
    },
    onHealth(listener) {
      listeners.push(listener);
    },
    apply(op) {
      if (!persist) return serial(async () => void applyOp(db.data, op));
      return serial(async () => {
        // on disk first: memory never holds a send the journal does not
        try {
          await persist.journal(op);
        } catch (e) {
          throw failed(e);
        }
        applyOp(db.data, op);
      });
    },
    ...(persist
      ? {
          archive(now: Date) {
            return serial(async (): Promise<ArchiveReport> => {
              const old = selectArchivable(db.data, now, persist.archiveDays);
              if (old.outbox.length === 0 && old.sentMessages.length === 0) return { outbox: 0, sentMessages: 0 };
              const at = now.toISOString();
              const lines = [
                ...old.outbox.map((row) => JSON.stringify({ kind: "outbox", archivedAt: at, row })),
                ...old.sentMessages.map((row) => JSON.stringify({ kind: "sentMessage", archivedAt: at, row })),
              ];
              try {
                await persist.archive(lines);
              } catch (e) {
                throw failed(e);
              }
              // kept in the archive first; the next full write drops them from the file
              const gone = new Set(old.outbox);
              const goneMessages = new Set(old.sentMessages);
              db.data.outbox = db.data.outbox.filter((r) => !gone.has(r));
              db.data.sentMessages = db.data.sentMessages.filter((m) => !goneMessages.has(m));
              return { outbox: old.outbox.length, sentMessages: old.sentMessages.length };
            });
          },
          close: () => serial(() => persist.close()),
        }
      : {}),
  };
}

/** Temp files of the state left by a process that is gone (or by steno, the writer used before). */
function leftoverTemps(dir: string, names: string[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of new Set(names)) {
    const re = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:\\.(\\d+))?\\.tmp$`);
    for (const entry of entries) {
      const m = re.exec(entry);
      if (!m) continue;
      const pid = m[1] ? Number(m[1]) : null;
      if (pid !== null && pid !== process.pid && alive(pid)) continue; // another running process is writing
      out.push(join(dir, entry));
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM"; // exists, owned by someone else
  }
}

export interface OpenStoreOptions {
  fs?: StoreFs;
  /** refuse to start with less free space than this on the state's disk (bytes) */
  minFreeBytes?: number;
  /** told about what was found beside the state (a temp file left by a crash) */
  warn?: (message: string) => void;
  /** sent/cancelled rows older than this many days go to the archive (ARCHIVE_DAYS, default 90) */
  archiveDays?: number;
}

/** The files kept beside the state file. */
export function stateFiles(target: string): { journal: string; archive: string; lock: string } {
  return { journal: `${target}.journal`, archive: `${target}.archive.jsonl`, lock: `${target}.lock` };
}

// locks this process holds, removed when it exits (a SIGKILL leaves one: its pid is gone, so the next start takes it)
const heldLocks = new Set<string>();
let exitHook = false;

/** One process per state file: a second one refuses to start, naming the file and the other pid. */
async function takeLock(lock: string, file: string, warn?: (m: string) => void): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await fsp.open(lock, "wx");
      await h.writeFile(`${process.pid}\n`);
      await h.close();
      heldLocks.add(lock);
      if (!exitHook) {
        exitHook = true;
        process.once("exit", () => {
          for (const l of heldLocks) {
            try {
              unlinkSync(l);
            } catch {
              // already gone
            }
          }
        });
      }
      return;
    } catch (e) {
      if (errCode(e) !== "EEXIST") throw e;
    }
    let pid = NaN;
    try {
      pid = Number.parseInt(readFileSync(lock, "utf8"), 10);
    } catch {
      // unreadable: treated as stale
    }
    if (pid === process.pid) return; // this process already holds it (a store opened again)
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new StateFileError(
        file,
        "locked",
        `Tệp trạng thái ${file} đang được một tiến trình bot khác dùng (pid ${pid}, khoá ${lock}). Mỗi tệp chỉ một tiến trình được mở, để không gửi nhắc trùng; hãy dừng tiến trình đó trước, hoặc dùng PostgreSQL (DATABASE_URL) để chạy nhiều máy.`,
      );
    }
    warn?.(`Khoá ${lock} còn lại từ tiến trình ${Number.isNaN(pid) ? "?" : pid} đã dừng; lấy lại khoá.`);
    await fsp.unlink(lock).catch(() => undefined);
  }
  throw new StateFileError(file, "locked", `Không lấy được khoá ${lock} của tệp trạng thái ${file}.`);
}

/** Journal lines after the state's own journalSeq; a torn last line (a crash mid-append) is ignored. */
function readJournal(journal: string, after: number, file: string): Array<{ seq: number; op: StoreOp }> {
  let text = "";
  try {
    text = readFileSync(journal, "utf8");
  } catch (e) {
    if (errCode(e) === "ENOENT") return [];
    throw new StateFileError(file, `không đọc được nhật ký ${journal}: ${errCode(e)}`);
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const out: Array<{ seq: number; op: StoreOp }> = [];
  for (const [i, line] of lines.entries()) {
    let entry: { seq?: number } & StoreOp;
    try {
      entry = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) break; // the write a crash interrupted: that send was not recorded
      throw new StateFileError(file, `nhật ký ${journal} hỏng ở dòng ${i + 1}`);
    }
    const { seq, ...op } = entry;
    if (typeof seq === "number" && seq > after) out.push({ seq, op: op as StoreOp });
  }
  return out;
}

/**
 * Opens (or creates) the state file. Throws StateFileError when it is unreadable, when another live
 * process holds it (its lock file), or when it or its folder cannot be written (checked by writing it
 * once), or the disk is nearly full. A symlinked state file is followed: the target is replaced, the
 * link stays. Keys this version does not know are kept on every write. A temp file left by a crash
 * is reported and moved aside; the journal of sends is folded in.
 */
export async function openStore(file: string, opts: OpenStoreOptions = {}): Promise<Store> {
  const fs = opts.fs ?? nodeFs;
  // follow a symlink, so the atomic rename replaces the target and the link survives
  let target = file;
  try {
    target = await fsp.realpath(file);
  } catch {
    // not there yet: created at `file`
  }
  const dir = dirname(target);
  const files = stateFiles(target);
  const cannotWrite = (e: unknown) => {
    const code = errCode(e);
    return new StateFileError(file, code, `Không ghi được tệp trạng thái: ${writeErrorText(code, file)} (DB_FILE). Bot dừng để không chạy mà không lưu được gì; hãy sửa quyền/ổ đĩa rồi chạy lại.`);
  };
  try {
    if (!existsSync(dir)) await fsp.mkdir(dir, { recursive: true }); // a new DB_FILE path: its folder is made once, at start
    await takeLock(files.lock, file, opts.warn);
  } catch (e) {
    if (e instanceof StateFileError) throw e;
    throw cannotWrite(e);
  }
  try {
    return await openLocked(file, target, files, fs, opts);
  } catch (e) {
    heldLocks.delete(files.lock);
    await fsp.unlink(files.lock).catch(() => undefined);
    throw e;
  }
}

async function openLocked(file: string, target: string, files: ReturnType<typeof stateFiles>, fs: StoreFs, opts: OpenStoreOptions): Promise<Store> {
  const dir = dirname(target);
  // each process writes its own temp file, so one left by a crash is told apart from another
  // live process's write in progress (that one is left alone)
  const tmp = join(dir, `.${basename(target)}.${process.pid}.tmp`);
  for (const leftover of leftoverTemps(dir, [basename(target), basename(file)])) {
    const aside = `${target}.orphan-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
    try {
      await fsp.rename(leftover, aside);
      opts.warn?.(`Tìm thấy tệp tạm ${leftover} còn lại từ lần chạy trước (có thể bot bị tắt đột ngột khi đang ghi); đã chuyển sang ${aside} để xem lại, không dùng nó.`);
    } catch (e) {
      opts.warn?.(`Tìm thấy tệp tạm ${leftover} còn lại từ lần chạy trước nhưng không chuyển được (${errCode(e)}).`);
    }
  }

  let extras: Record<string, unknown> = {};
  let data = emptyState();
  let seq = 0;
  if (existsSync(target)) {
    let raw: unknown;
    try {
      const text = await fsp.readFile(target, "utf8");
      raw = text.trim() === "" ? (() => { throw new Error("tệp rỗng"); })() : JSON.parse(text);
    } catch (e) {
      throw new StateFileError(file, e instanceof Error ? e.message : String(e));
    }
    const parsed = State.safeParse(raw ?? {});
    if (!parsed.success) throw new StateFileError(file, parsed.error.issues[0]?.message ?? "sai cấu trúc");
    data = parsed.data;
    const js = (raw as { journalSeq?: unknown }).journalSeq;
    if (typeof js === "number") seq = js;
    // a newer version's fields are kept as they are
    const known = new Set([...Object.keys(State.shape), "journalSeq"]);
    extras = Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([k]) => !known.has(k)));
  }
  // sends recorded since the file was last written
  const replay = readJournal(files.journal, seq, file);
  for (const { seq: n, op } of replay) {
    applyOp(data, op);
    seq = n;
  }

  if (opts.minFreeBytes !== undefined && existsSync(dir)) {
    const st = await fsp.statfs(dir).catch(() => null);
    const free = st ? st.bavail * st.bsize : Infinity;
    if (free < opts.minFreeBytes) {
      throw new StateFileError(file, "ENOSPC", `Ổ đĩa chứa tệp trạng thái ${file} (DB_FILE) chỉ còn ${Math.round(free / 1024)} KB trống; cần ít nhất ${Math.round(opts.minFreeBytes / 1048576)} MB. Hãy giải phóng ổ đĩa rồi chạy lại.`);
    }
  }

  const append = fs.append ?? nodeFs.append!;
  const truncate = fs.truncate ?? nodeFs.truncate!;
  let saved = "";
  let unfolded: StoreOp[] = [];
  const persist: Persist = {
    file,
    archiveDays: opts.archiveDays ?? DEFAULT_ARCHIVE_DAYS,
    saved: () => saved,
    unfolded: () => unfolded,
    async write(state) {
      // compact: a province's state is tens of MB pretty-printed, a third of that without indentation
      const json = JSON.stringify({ ...extras, ...state, journalSeq: seq });
      await fs.writeFile(tmp, json);
      try {
        await fs.rename(tmp, target);
      } catch (e) {
        await fs.unlink(tmp).catch(() => undefined);
        throw e;
      }
      saved = json;
      unfolded = [];
      // folded in: the file holds every journaled op (a crash before this leaves lines ≤ journalSeq, skipped on replay)
      await truncate(files.journal).catch((e) => opts.warn?.(`Không làm rỗng được nhật ký ${files.journal} (${errCode(e)}); các dòng cũ được bỏ qua khi mở lại.`));
    },
    async journal(op) {
      await append(files.journal, `${JSON.stringify({ seq: seq + 1, ...op })}\n`);
      seq++;
      unfolded.push(op);
    },
    async archive(lines) {
      await append(files.archive, `${lines.join("\n")}\n`);
    },
    async close() {
      heldLocks.delete(files.lock);
      await fsp.unlink(files.lock).catch(() => undefined);
    },
  };
  const db = new Low<State>(new Memory<State>(), data);
  // the file and its folder must be writable now, not at the first confirmation
  try {
    await persist.write(data);
  } catch (e) {
    throw (() => {
      const code = errCode(e);
      return new StateFileError(file, code, `Không ghi được tệp trạng thái: ${writeErrorText(code, file)} (DB_FILE). Bot dừng để không chạy mà không lưu được gì; hãy sửa quyền/ổ đĩa rồi chạy lại.`);
    })();
  }
  if (replay.length > 0) opts.warn?.(`Đã ghi vào ${file} ${replay.length} lần gửi từ nhật ký ${files.journal} (bot dừng trước lần ghi đầy đủ kế tiếp).`);
  return createStore(db, persist);
}

/** In-memory store for tests and the console demo. */
export function memoryStore(initial: Partial<State> = {}): Store {
  const db = new Low<State>(new Memory<State>(), State.parse(initial));
  return createStore(db, null);
}
