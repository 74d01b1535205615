// The one place state changes: a lowdb JSON file, writes serialised, replaced atomically
// (lowdb's steno writer writes a temp file and renames it). A corrupt file is never overwritten.
import { Low, Memory } from "lowdb";
import { JSONFile } from "lowdb/node";
import { existsSync } from "node:fs";
import { z } from "zod";

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
  evidence: z.object({ fileId: z.string(), name: z.string() }).nullable().default(null),
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
  /** conversations waiting for an answer: an ambiguous /dangky, a plan upload to confirm */
  pending: z.array(z.object({ key: z.string(), kind: z.string(), data: z.unknown(), at: z.string() })).default([]),
  /** agency admins and leaders (bot/core/roles.ts) */
  roles: z.array(RoleGrant).default([]),
});
export type State = z.infer<typeof State>;

export function emptyState(): State {
  return State.parse({});
}

export class StateFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`Tệp trạng thái ${file} bị hỏng (${detail}). Bot dừng để không ghi đè dữ liệu; hãy sửa hoặc khôi phục tệp rồi chạy lại.`);
    this.name = "StateFileError";
  }
}

export interface Store {
  /** the current state; read-only by convention — change it through update() */
  readonly state: State;
  /** apply a change and persist it; writes are serialised in call order */
  update<T>(change: (s: State) => T): Promise<T>;
}

function createStore(db: Low<State>): Store {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get state() {
      return db.data;
    },
    update<T>(change: (s: State) => T): Promise<T> {
      const run = queue.then(async () => {
        const result = change(db.data);
        await db.write();
        return result;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** Opens (or creates) the state file. Throws StateFileError when it is unreadable. */
export async function openStore(file: string): Promise<Store> {
  const db = new Low<State>(new JSONFile<State>(file), emptyState());
  if (existsSync(file)) {
    try {
      await db.read();
    } catch (e) {
      throw new StateFileError(file, e instanceof Error ? e.message : String(e));
    }
    const parsed = State.safeParse(db.data ?? {});
    if (!parsed.success) throw new StateFileError(file, parsed.error.issues[0]?.message ?? "sai cấu trúc");
    db.data = parsed.data;
  } else {
    await db.write();
  }
  return createStore(db);
}

/** In-memory store for tests and the console demo. */
export function memoryStore(initial: Partial<State> = {}): Store {
  const db = new Low<State>(new Memory<State>(), State.parse(initial));
  return createStore(db);
}
