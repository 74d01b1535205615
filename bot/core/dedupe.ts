// An update delivered twice (a webhook retried, a poll repeated after a restart) is handled once.
// Keys live in state.seenUpdates (bounded per channel, oldest dropped), so this holds across
// restarts. Keys are checked in memory at once and written in batches (one write in the queue at a
// time), so a flood of messages does not become a flood of state writes. When the state cannot be
// written the in-memory set still stops repeats, and the update is handled (read-only mode answers).
import type { Store } from "../../data/store.ts";

export const SEEN_LIMIT = 1000;

export interface Dedupe {
  /** true the first time `key` is seen */
  firstSeen(key: string): Promise<boolean>;
}

/** `store` may be a getter, for a store replaced after the channel was built (tests). */
export function createDedupe(store: Store | (() => Store), limit = SEEN_LIMIT): Dedupe {
  const current = typeof store === "function" ? store : () => store;
  const memory = new Set<string>();
  let queued: string[] = [];
  let flushing = false;

  const remember = (key: string) => {
    memory.add(key);
    if (memory.size > limit * 4) memory.delete(memory.values().next().value!);
  };

  const flush = () => {
    if (flushing) return;
    flushing = true;
    current()
      .update((s) => {
        const keys = queued;
        queued = [];
        flushing = false;
        for (const key of keys) if (!s.seenUpdates.includes(key)) s.seenUpdates.push(key);
        // the list is shared by the channels: at most `limit` per channel, oldest dropped first
        for (const prefix of new Set(keys.map((k) => k.slice(0, k.indexOf(":") + 1)))) {
          const mine = s.seenUpdates.filter((k) => k.startsWith(prefix));
          if (mine.length <= limit) continue;
          const drop = new Set(mine.slice(0, mine.length - limit));
          s.seenUpdates = s.seenUpdates.filter((k) => !drop.has(k));
        }
      })
      .catch(() => undefined); // read-only: the store reports it; memory still dedupes
  };

  return {
    async firstSeen(key) {
      if (memory.has(key) || current().state.seenUpdates.includes(key)) return false;
      remember(key);
      queued.push(key);
      flush();
      return true;
    },
  };
}
