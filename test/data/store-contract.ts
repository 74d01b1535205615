// The store port's contract: what the bot, core and jobs rely on, run against every adapter
// (memory, the lowdb file, PostgreSQL). An adapter is a factory of fresh, empty stores plus a way
// to open the same state again (a restart).
import { describe, expect, it } from "vitest";
import { applyStoreOp, type Store } from "../../data/store.ts";
import { recordPlanned, type NewRecord } from "../../jobs/deliver.ts";

export interface StoreAdapter {
  /** a new, empty state */
  fresh(): Promise<Store>;
  /** the same state opened again, as after a restart (null: the adapter keeps nothing) */
  reopen?(store: Store): Promise<Store>;
}

const binding = (chatId: string, unitId = "u/vp") => ({ channel: "telegram" as const, chatId, chatTitle: "Nhóm", unitId, agencyId: "u", boundBy: "1", boundAt: "2024-01-01T00:00:00.000Z" });
const record = (id: string, chatId = "-1"): NewRecord => ({ id, occurrenceId: `${id[0]}@2024-03-15`, itemId: id[0], planId: "p", unitId: "u/vp", channel: "telegram", chatId, stage: id.split("|")[2] ?? "d-3", due: "2024-03-15", code: id.slice(0, 4), text: "Nhắc" });

export function storeContract(name: string, adapter: StoreAdapter): void {
  const again = async (s: Store) => (adapter.reopen ? adapter.reopen(s) : s);

  describe(`store contract: ${name}`, () => {
    it("starts empty, keeps a change, and has it after a restart", async () => {
      const store = await adapter.fresh();
      expect(store.state.bindings).toEqual([]);
      await store.update((s) => void s.bindings.push(binding("-1")));
      expect(store.state.bindings.map((b) => b.chatId)).toEqual(["-1"]);
      const reopened = await again(store);
      expect(reopened.state.bindings).toEqual([binding("-1")]);
      await reopened.close?.();
    });

    it("update returns the change's result and serialises changes in call order", async () => {
      const store = await adapter.fresh();
      const results = await Promise.all([1, 2, 3].map((n) => store.update((s) => (s.jobRuns[`j${n}`] = `2024-01-0${n}T00:00:00.000Z`, Object.keys(s.jobRuns).length))));
      expect(results).toEqual([1, 2, 3]);
      await store.close?.();
    });

    it("a change that throws changes nothing", async () => {
      const store = await adapter.fresh();
      await store.update((s) => void s.bindings.push(binding("-1")));
      await expect(
        store.update((s) => {
          s.bindings.push(binding("-2"));
          throw new Error("bad input");
        }),
      ).rejects.toThrow("bad input");
      const reopened = await again(store);
      expect(reopened.state.bindings.map((b) => b.chatId)).toEqual(["-1"]);
      await reopened.close?.();
    });

    it("the outbox is keyed by its natural id: planning the same records twice adds them once", async () => {
      const store = await adapter.fresh();
      const items = [record("a|u/vp|d-3|-1"), record("b|u/vp|d-3|-2", "-2")];
      expect(await recordPlanned(store, items, new Date("2024-03-12T01:00:00Z"))).toBe(2);
      expect(await recordPlanned(store, items, new Date("2024-03-12T02:00:00Z"))).toBe(0);
      const reopened = await again(store);
      expect(reopened.state.outbox.map((r) => r.id).sort()).toEqual(items.map((i) => i.id).sort());
      await reopened.close?.();
    });

    it("a send's outcome (apply) is kept, once, with the message that carries the codes", async () => {
      const store = await adapter.fresh();
      await recordPlanned(store, [record("a|u/vp|d-3|-1"), record("c|u/vp|d-3|-1")], new Date("2024-03-12T01:00:00Z"));
      const at = "2024-03-12T01:00:05.000Z";
      await applyStoreOp(store, { op: "failed", ids: ["c|u/vp|d-3|-1"], at, error: "timeout", uncertain: true });
      const sent = { op: "sent" as const, ids: ["a|u/vp|d-3|-1"], at, messageId: "77", message: { channel: "telegram" as const, chatId: "-1", messageId: "77", codes: ["a|u/"], at } };
      await applyStoreOp(store, sent);
      await applyStoreOp(store, sent); // replayed: nothing more
      const reopened = await again(store);
      const a = reopened.state.outbox.find((r) => r.id === "a|u/vp|d-3|-1")!;
      const c = reopened.state.outbox.find((r) => r.id === "c|u/vp|d-3|-1")!;
      expect([a.status, a.messageId, a.attempts]).toEqual(["sent", "77", 1]);
      expect([c.status, c.uncertainAt, c.lastError]).toEqual(["pending", at, "timeout"]);
      expect(reopened.state.sentMessages).toHaveLength(1);
      await reopened.close?.();
    });

    it("keeps every collection the core uses, and removes what a change removes", async () => {
      const store = await adapter.fresh();
      await store.update((s) => {
        s.bindings.push(binding("-1"), binding("-2", "u/tt"));
        s.submissions.push({ id: "s1", occurrenceId: "i1@2024-03-15", itemId: "i1", planId: "p", unitId: "u/vp", userId: "9", userName: "Lan", chatId: "-1", channel: "telegram", at: "2024-03-13T00:00:00.000Z", evidence: null, undoneAt: null });
        s.snoozes.push({ occurrenceId: "i1@2024-03-15", unitId: "u/tt", until: "2024-03-14" });
        s.escalations.push({ occurrenceId: "i1@2024-03-15", unitId: "u/tt", at: "2024-03-20T00:00:00.000Z" });
        s.seenUpdates.push("zalo:1");
        s.pending.push({ key: "telegram:-1:9", kind: "register", data: { options: ["a", "b"] }, at: "2024-03-13T00:00:00.000Z" });
        s.roles.push({ channel: "telegram", userId: "9", userName: "Lan", role: "admin", agencyId: "u", addedBy: "1", addedAt: "2024-03-13T00:00:00.000Z" });
        s.jobRuns.remind = "2024-03-13T01:00:00.000Z";
      });
      await store.update((s) => {
        s.bindings = s.bindings.filter((b) => b.chatId !== "-2");
        s.pending = [];
      });
      const r = await again(store);
      expect(r.state.bindings.map((b) => b.chatId)).toEqual(["-1"]);
      expect(r.state.submissions.map((x) => x.id)).toEqual(["s1"]);
      expect(r.state.snoozes).toHaveLength(1);
      expect(r.state.escalations).toHaveLength(1);
      expect(r.state.seenUpdates).toEqual(["zalo:1"]);
      expect(r.state.pending).toEqual([]);
      expect(r.state.roles.map((x) => x.userId)).toEqual(["9"]);
      expect(r.state.jobRuns.remind).toBe("2024-03-13T01:00:00.000Z");
      await r.close?.();
    });
  });
}
