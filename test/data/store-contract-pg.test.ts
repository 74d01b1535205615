// The store contract against a real PostgreSQL (the run's throw-away cluster), and what only it does:
// migrations once, two replicas on one database seeing each other's writes.
import { describe, expect, it } from "vitest";
import pg from "pg";
import { openPgStore, migrate, type PgStore } from "../../data/pg-store.ts";
import { recordPlanned } from "../../jobs/deliver.ts";
import { storeContract } from "./store-contract.ts";
import { freshDatabase } from "../helpers/pg-database.ts";

const urls = new WeakMap<object, string>();
storeContract("postgresql", {
  async fresh() {
    const url = await freshDatabase();
    const store = await openPgStore(url);
    urls.set(store, url);
    return store;
  },
  async reopen(store) {
    const url = urls.get(store)!;
    await store.close?.();
    const again = await openPgStore(url);
    urls.set(again, url);
    return again;
  },
});

describe("postgresql only", () => {
  it("applies the migrations once, whoever starts first", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([openPgStore(url), openPgStore(url)]);
    const pool = new pg.Pool({ connectionString: url });
    expect((await pool.query("SELECT version FROM schema_migrations")).rows).toEqual([{ version: 1 }]);
    expect(await migrate(pool)).toEqual([]);
    await pool.end();
    await a.close?.();
    await b.close?.();
  });

  it("two replicas on one database: each sees the other's writes, and one record planned by both is stored once", async () => {
    const url = await freshDatabase();
    const a: PgStore = await openPgStore(url);
    const b: PgStore = await openPgStore(url);
    await a.update((s) => void s.bindings.push({ channel: "telegram", chatId: "-1", chatTitle: "", unitId: "u", agencyId: "a", boundBy: "1", boundAt: "2024-01-01T00:00:00.000Z" }));
    await b.refresh();
    expect(b.state.bindings.map((x) => x.chatId)).toEqual(["-1"]);
    const rec = { id: "i@d|u|d-3|-1", occurrenceId: "i@d", itemId: "i", planId: "p", unitId: "u", channel: "telegram" as const, chatId: "-1", stage: "d-3", due: "2024-03-15", code: "AB12", text: "Nhắc" };
    const [na, nb] = await Promise.all([recordPlanned(a, [rec], new Date()), recordPlanned(b, [rec], new Date())]);
    expect(na + nb).toBe(1);
    await a.refresh();
    expect(a.state.outbox).toHaveLength(1);
    expect(b.state.outbox).toHaveLength(1);
    await a.close?.();
    await b.close?.();
  });
});

describe("one leader", () => {
  it("only one replica leads; when its connection dies another takes over", async () => {
    const { startLeaderElection } = await import("../../data/pg-leader.ts");
    const url = await freshDatabase();
    const a = startLeaderElection(url, { everyMs: 100 });
    await new Promise((r) => setTimeout(r, 400));
    const b = startLeaderElection(url, { everyMs: 100 });
    await new Promise((r) => setTimeout(r, 400));
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    await a.stop(); // the leader goes away (its session ends: the lock is released)
    const t0 = Date.now();
    while (!b.isLeader() && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(b.isLeader()).toBe(true);
    await b.stop();
  });
});
