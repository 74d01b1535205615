// One leader among the replicas for the scheduled jobs: a session-level PostgreSQL advisory lock on a
// connection of its own. The replica holding it sends the reminders; when it dies its connection
// closes, the server releases the lock, and the next replica to try (every `everyMs`) takes over.
import pg from "pg";
import { LEADER_LOCK } from "./pg-store.ts";

export interface Leader {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export interface LeaderOptions {
  everyMs?: number;
  /** told when this replica becomes the leader (true) or stops being it (false) */
  onChange?: (leader: boolean) => void;
  log?: (level: "info" | "warn" | "error", msg: string, extra?: unknown) => void;
}

export function startLeaderElection(url: string, opts: LeaderOptions = {}): Leader {
  let client: pg.Client | null = null;
  let leader = false;
  let stopped = false;
  const set = (v: boolean) => {
    if (v === leader) return;
    leader = v;
    opts.log?.("info", v ? "postgres: this replica is now the leader (it runs the scheduled reminders)" : "postgres: this replica is no longer the leader");
    opts.onChange?.(v);
  };
  async function attempt(): Promise<void> {
    if (stopped || leader) return;
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: url });
        c.on("error", (e) => {
          opts.log?.("warn", "postgres: leader connection lost", e.message);
          client = null;
          set(false);
        });
        c.on("end", () => {
          if (client === c) client = null;
          set(false);
        });
        await c.connect();
        client = c;
      }
      const r = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [LEADER_LOCK]);
      if (r.rows[0]?.ok) set(true);
    } catch (e) {
      opts.log?.("warn", "postgres: leader election failed; trying again", e instanceof Error ? e.message : e);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    }
  }
  const timer = setInterval(() => void attempt(), opts.everyMs ?? 5000);
  timer.unref();
  void attempt();
  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const c = client;
      client = null;
      set(false);
      await c?.end().catch(() => undefined);
    },
  };
}
