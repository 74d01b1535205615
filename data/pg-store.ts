// The store on PostgreSQL (DATABASE_URL), for deployments that outgrow one process: several replicas
// serve webhooks from one database. Same port as the lowdb store (data/store.ts): the state is held in
// memory for the core's synchronous reads and kept in step with the database — every write runs in a
// transaction under one advisory lock, first reading what other replicas changed (rows carry a version
// from one sequence), then writing only the rows the change touched. A send's outcome (apply) is one
// small transaction. The outbox is keyed by its natural id (INSERT … ON CONFLICT DO NOTHING).
import pg from "pg";
import { State, StoreWriteError, DEFAULT_ARCHIVE_DAYS, type ArchiveReport, type OutboxRecord, type Store } from "./store.ts";
import { applyOp, type StoreOp } from "./ops.ts";
import { MIGRATIONS } from "./pg-migrations.ts";

/** advisory lock keys (one namespace per purpose) */
const WRITE_LOCK = 0x7472_6c01;
const MIGRATE_LOCK = 0x7472_6c02;
export const LEADER_LOCK = 0x7472_6c03;

type Row = { json: string; ord: number };

/** The key of one entry of a collection (its natural id; the whole entry when it has none). */
function keyOf(collection: string, row: unknown): string {
  const r = row as Record<string, unknown>;
  switch (collection) {
    case "bindings":
      return `${r.channel}:${r.chatId}`;
    case "sentMessages":
      return `${r.channel}:${r.chatId}:${r.messageId}`;
    case "escalations":
      return `${r.occurrenceId}|${r.unitId}`;
    case "invites":
      return String(r.code);
    case "pending":
      return String(r.key);
    case "roles":
      return `${r.channel}:${r.userId}:${r.role}:${r.agencyId}`;
    default:
      if (typeof row === "string") return row;
      if (r && typeof r === "object" && typeof r.id === "string") return r.id;
      return JSON.stringify(row);
  }
}

/** A state as collection → key → entry JSON (arrays by key; records such as jobRuns by their own keys). */
function rowsOf(state: Record<string, unknown>): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [collection, value] of Object.entries(state)) {
    if (collection === "version" || collection === "outbox") continue;
    const rows = new Map<string, string>();
    if (Array.isArray(value)) {
      for (const entry of value) {
        let key = keyOf(collection, entry);
        for (let n = 2; rows.has(key); n++) key = `${keyOf(collection, entry)}#${n}`;
        rows.set(key, JSON.stringify(entry));
      }
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) rows.set(k, JSON.stringify(v));
    } else continue;
    out.set(collection, rows);
  }
  return out;
}

const RECORD_COLLECTIONS = new Set(["jobRuns"]);

/** A failure of the database or the connection (not of the change being applied). */
function isDbError(e: unknown): boolean {
  if (e instanceof StoreWriteError) return false;
  if (e instanceof pg.DatabaseError) return true;
  const code = (e as { code?: unknown })?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code);
}

export interface PgStoreOptions {
  log?: (level: "info" | "warn" | "error", msg: string, extra?: unknown) => void;
  archiveDays?: number;
  /** pool size; two or three suffice: writes are serialised */
  max?: number;
}

export interface PgStore extends Store {
  readonly pool: pg.Pool;
  /** reads what other replicas changed */
  refresh(): Promise<void>;
}

/** Applies the migrations not yet applied (one replica at a time). */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    const done = new Set((await client.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw e;
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK]).catch(() => undefined);
    client.release();
  }
}

export async function openPgStore(url: string, opts: PgStoreOptions = {}): Promise<PgStore> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 4 });
  pool.on("error", (e) => opts.log?.("warn", "postgres: idle connection failed", e.message));
  try {
    const applied = await migrate(pool);
    if (applied.length > 0) opts.log?.("info", `postgres: applied migration(s) ${applied.join(", ")}`);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }

  // what this replica knows the database holds: collection → key → entry JSON and order
  const known = new Map<string, Map<string, Row>>();
  const outbox = new Map<string, Row>();
  let seen = 0;
  let state = State.parse({});
  let readOnly: StoreWriteError | null = null;
  const listeners: Array<(e: StoreWriteError | null) => void> = [];
  const setHealth = (e: StoreWriteError | null) => {
    const changed = (readOnly === null) !== (e === null);
    readOnly = e;
    if (changed) for (const l of listeners) l(e);
  };
  const failure = (e: unknown) => {
    const code = (e as { code?: string })?.code ?? "PG";
    const err = new StoreWriteError(url.replace(/\/\/[^@]*@/, "//…@"), code, e instanceof Error ? e.message : String(e));
    setHealth(err);
    return err;
  };

  /** state rebuilt from what is known, collections in their stored order */
  function rebuild(collections: Iterable<string>, withOutbox: boolean) {
    const next: Record<string, unknown> = { ...state };
    for (const c of collections) {
      const rows = [...(known.get(c)?.entries() ?? [])].sort((a, b) => a[1].ord - b[1].ord);
      next[c] = RECORD_COLLECTIONS.has(c) ? Object.fromEntries(rows.map(([k, r]) => [k, JSON.parse(r.json)])) : rows.map(([, r]) => JSON.parse(r.json));
    }
    if (withOutbox) next.outbox = [...outbox.values()].sort((a, b) => a.ord - b.ord).map((r) => JSON.parse(r.json));
    // rows came from valid states: no re-validation of the whole state on every write
    state = next as State;
  }

  async function sync(client: pg.PoolClient | pg.Pool): Promise<void> {
    const rows = await client.query<{ collection: string; key: string; data: unknown; ord: string; version: string }>(
      "SELECT collection, key, data, ord, version FROM state_rows WHERE version > $1 UNION ALL SELECT '$outbox', id, data, ord, version FROM outbox WHERE version > $1",
      [seen],
    );
    if (rows.rows.length === 0) return;
    const touched = new Set<string>();
    let touchedOutbox = false;
    for (const r of rows.rows) {
      seen = Math.max(seen, Number(r.version));
      if (r.collection === "$outbox") {
        outbox.set(r.key, { json: JSON.stringify(r.data), ord: Number(r.ord) });
        touchedOutbox = true;
        continue;
      }
      const m = known.get(r.collection) ?? new Map<string, Row>();
      known.set(r.collection, m);
      if (r.data === null) m.delete(r.key);
      else m.set(r.key, { json: JSON.stringify(r.data), ord: Number(r.ord) });
      touched.add(r.collection);
    }
    rebuild(touched, touchedOutbox);
  }

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /** one transaction under the write lock, after reading other replicas' changes */
  async function transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw failure(e);
    }
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK]);
      await sync(client);
      const result = await fn(client);
      await client.query("COMMIT");
      setHealth(null);
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  async function writeOutbox(client: pg.PoolClient, records: OutboxRecord[], fresh: Set<string>): Promise<Map<string, Row>> {
    const written = new Map<string, Row>();
    for (const r of records) {
      const json = JSON.stringify(r);
      const res = fresh.has(r.id)
        ? await client.query<{ ord: string; version: string }>("INSERT INTO outbox (id, status, channel, chat_id, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING RETURNING ord, version", [r.id, r.status, r.channel, r.chatId, json])
        : await client.query<{ ord: string; version: string }>("UPDATE outbox SET status = $2, data = $3, version = nextval('state_version') WHERE id = $1 RETURNING ord, version", [r.id, r.status, json]);
      const row = res.rows[0];
      if (!row) continue; // planned by another replica meanwhile: theirs stands
      seen = Math.max(seen, Number(row.version));
      written.set(r.id, { json, ord: Number(row.ord) });
    }
    return written;
  }

  await sync(pool);
  const archiveDays = opts.archiveDays ?? DEFAULT_ARCHIVE_DAYS;

  const store: PgStore = {
    pool,
    get state() {
      return state;
    },
    get readOnly() {
      return readOnly;
    },
    update<T>(change: (s: State) => T): Promise<T> {
      return serial(() =>
        transaction(async (client) => {
          const draft = structuredClone(state);
          const result = change(draft); // a change that throws leaves the state as it was
          // the rows the change touched (compared with what the database is known to hold)
          const after = rowsOf(draft as unknown as Record<string, unknown>);
          const writes: Array<{ c: string; k: string; json: string | null }> = [];
          for (const [c, rows] of after) {
            const old = known.get(c);
            for (const [k, json] of rows) if (old?.get(k)?.json !== json) writes.push({ c, k, json });
            if (old) for (const k of old.keys()) if (!rows.has(k)) writes.push({ c, k, json: null });
          }
          const fresh = new Set<string>();
          const changedOutbox: OutboxRecord[] = [];
          const ids = new Set<string>();
          for (const r of draft.outbox) {
            ids.add(r.id);
            const old = outbox.get(r.id);
            if (!old) fresh.add(r.id);
            if (!old || old.json !== JSON.stringify(r)) changedOutbox.push(r);
          }
          const removedOutbox = ids.size === outbox.size && fresh.size === 0 ? [] : [...outbox.keys()].filter((id) => !ids.has(id));
          for (const w of writes) {
            const res = await client.query<{ ord: string; version: string }>(
              "INSERT INTO state_rows (collection, key, data) VALUES ($1, $2, $3) ON CONFLICT (collection, key) DO UPDATE SET data = EXCLUDED.data, version = nextval('state_version') RETURNING ord, version",
              [w.c, w.k, w.json],
            );
            const row = res.rows[0]!;
            seen = Math.max(seen, Number(row.version));
            const m = known.get(w.c) ?? new Map<string, Row>();
            known.set(w.c, m);
            if (w.json === null) m.delete(w.k);
            else m.set(w.k, { json: w.json, ord: Number(row.ord) });
          }
          const written = await writeOutbox(client, changedOutbox, fresh);
          if (removedOutbox.length > 0) await client.query("DELETE FROM outbox WHERE id = ANY($1)", [removedOutbox]);
          for (const [id, row] of written) outbox.set(id, row);
          for (const id of removedOutbox) outbox.delete(id);
          // the draft is the new state, unless another replica's record won over one of ours
          const lost = changedOutbox.some((r) => !written.has(r.id));
          state = draft;
          if (lost) rebuild([], true);
          return result;
        }).catch((e) => {
          // the database failed: read-only until it answers again; an error of the change itself passes as it is
          throw isDbError(e) ? failure(e) : e;
        }),
      );
    },
    apply(op: StoreOp) {
      return serial(() =>
        transaction(async (client) => {
          // only the records it names: O(1) in the size of the state
          const draft = { outbox: op.ids.map((id) => outbox.get(id)).filter((r): r is Row => !!r).map((r) => JSON.parse(r.json)), sentMessages: [] } as unknown as State;
          applyOp(draft, op);
          for (const r of draft.outbox) {
            const json = JSON.stringify(r);
            const res = await client.query<{ ord: string; version: string }>("UPDATE outbox SET status = $2, data = $3, version = nextval('state_version') WHERE id = $1 RETURNING ord, version", [r.id, r.status, json]);
            const row = res.rows[0];
            if (row) {
              seen = Math.max(seen, Number(row.version));
              outbox.set(r.id, { json, ord: Number(row.ord) });
            }
          }
          const m = op.op === "sent" ? op.message : null;
          if (m) {
            const key = keyOf("sentMessages", m);
            const res = await client.query<{ ord: string; version: string }>("INSERT INTO state_rows (collection, key, data) VALUES ('sentMessages', $1, $2) ON CONFLICT (collection, key) DO NOTHING RETURNING ord, version", [key, JSON.stringify(m)]);
            const row = res.rows[0];
            if (row) {
              seen = Math.max(seen, Number(row.version));
              const sm = known.get("sentMessages") ?? new Map<string, Row>();
              known.set("sentMessages", sm);
              sm.set(key, { json: JSON.stringify(m), ord: Number(row.ord) });
            }
          }
          // the same change on the state in memory (its entries are the rows just written)
          applyOp(state, op);
        }).catch((e) => {
          throw isDbError(e) ? failure(e) : e;
        }),
      );
    },
    archive(now: Date): Promise<ArchiveReport> {
      // the database keeps old rows (no file to rewrite: they cost nothing per write); entries marked
      // removed long ago are cleaned up
      void now;
      void archiveDays;
      return serial(async () => {
        await pool.query("DELETE FROM state_rows WHERE data IS NULL AND version < $1", [Math.max(0, seen - 100_000)]).catch(() => undefined);
        return { outbox: 0, sentMessages: 0 };
      });
    },
    refresh() {
      return serial(() => sync(pool));
    },
    retry() {
      return serial(async () => {
        try {
          await pool.query("SELECT 1");
          setHealth(null);
          return true;
        } catch {
          return false;
        }
      });
    },
    onHealth(listener) {
      listeners.push(listener);
    },
    close() {
      return serial(() => pool.end());
    },
  };
  return store;
}
