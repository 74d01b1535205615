// migrate-state: a JSON state (with sends still in its journal) into an empty PostgreSQL, counts printed, verified.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyStoreOp, openStore } from "../../data/store.ts";
import { openPgStore } from "../../data/pg-store.ts";
import { recordPlanned } from "../../jobs/deliver.ts";
import { runMigrateState } from "../../data/cli-migrate-state.ts";
import { freshDatabase } from "../helpers/pg-database.ts";

describe("migrate-state", () => {
  it("moves every collection, prints the counts, and refuses a database that already has data", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "migrate-")), "db.json");
    const store = await openStore(file);
    await store.update((s) => {
      for (let i = 0; i < 30; i++) s.bindings.push({ channel: "telegram", chatId: String(-i - 1), chatTitle: `Nhóm ${i}`, unitId: `u/${i}`, agencyId: "u", boundBy: "1", boundAt: "2024-01-01T00:00:00.000Z" });
      s.jobRuns.remind = "2024-03-11T01:00:00.000Z";
    });
    const recs = Array.from({ length: 50 }, (_, i) => ({ id: `i${i}@d|u/${i % 30}|d-3|${-(i % 30) - 1}`, occurrenceId: `i${i}@d`, itemId: `i${i}`, planId: "p", unitId: `u/${i % 30}`, channel: "telegram" as const, chatId: String(-(i % 30) - 1), stage: "d-3", due: "2024-03-15", code: `C${i}`, text: "Nhắc" }));
    await recordPlanned(store, recs, new Date("2024-03-11T01:00:00Z"));
    // a send only in the journal (the bot stopped before its next full write)
    await applyStoreOp(store, { op: "sent", ids: [recs[0].id], at: "2024-03-11T01:00:01.000Z", messageId: "9", message: { channel: "telegram", chatId: "-1", messageId: "9", codes: ["C0"], at: "2024-03-11T01:00:01.000Z" } });
    await store.close?.();

    const url = await freshDatabase("migrate");
    const out: string[] = [];
    const err: string[] = [];
    const code = await runMigrateState(["--from", file, "--to", url], {}, (s) => void out.push(s), (s) => void err.push(s));
    expect([code, err, out]).toEqual([0, [], expect.anything()]);
    expect(err).toEqual([]);
    expect(out).toContain("bindings: 30 → 30");
    expect(out).toContain("outbox: 50 → 50");
    expect(out).toContain("sentMessages: 1 → 1");
    expect(out.at(-1)).toMatch(/khớp/);
    const pgStore = await openPgStore(url);
    expect(pgStore.state.outbox.find((r) => r.id === recs[0].id)?.status).toBe("sent");
    expect(pgStore.state.jobRuns.remind).toBe("2024-03-11T01:00:00.000Z");
    await pgStore.close?.();

    const again: string[] = [];
    expect(await runMigrateState(["--from", file, "--to", url], {}, () => undefined, (s) => void again.push(s))).toBe(1);
    expect(again[0]).toMatch(/đã có dữ liệu/);
  });
});
