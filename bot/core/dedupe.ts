// An update delivered twice (a webhook retried, a poll repeated after a restart) is handled once.
// Keys live in state.seenUpdates (bounded, oldest dropped), so this holds across restarts; when the
// state cannot be written a bounded in-memory set still stops repeats, and the update is handled
// (questions are answered in read-only mode).
import { StoreWriteError, type Store } from "../../data/store.ts";

export const SEEN_LIMIT = 1000;

export interface Dedupe {
  /** true the first time `key` is seen */
  firstSeen(key: string): Promise<boolean>;
}

/** `store` may be a getter, for a store replaced after the channel was built (tests). */
export function createDedupe(store: Store | (() => Store), limit = SEEN_LIMIT): Dedupe {
  const current = typeof store === "function" ? store : () => store;
  const memory = new Set<string>();
  const remember = (key: string) => {
    memory.add(key);
    if (memory.size > limit) memory.delete(memory.values().next().value!);
  };
  return {
    async firstSeen(key) {
      if (memory.has(key)) return false;
      try {
        const first = await current().update((s) => {
          if (s.seenUpdates.includes(key)) return false;
          s.seenUpdates.push(key);
          // the list is shared by the channels: at most `limit` per channel, oldest dropped first
          const prefix = key.slice(0, key.indexOf(":") + 1);
          const mine = s.seenUpdates.filter((k) => k.startsWith(prefix));
          if (mine.length > limit) {
            const drop = new Set(mine.slice(0, mine.length - limit));
            s.seenUpdates = s.seenUpdates.filter((k) => !drop.has(k));
          }
          return true;
        });
        remember(key);
        return first;
      } catch (e) {
        if (!(e instanceof StoreWriteError)) throw e;
        remember(key);
        return true;
      }
    },
  };
}
