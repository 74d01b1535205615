// Shared pieces of the reminder job tests: a recording channel sender, a fake clock, a no-wait limiter.
import type { Outgoing, Sender } from "../../bot/core/types.ts";
import type { Store } from "../../data/store.ts";
import type { Limiter } from "../../jobs/throttle.ts";

export interface SentMessage {
  chatId: string;
  message: Outgoing;
  messageId: string;
}

/** A sender that records what it sends; `fail` may throw for a given chat and attempt. */
export function recordingSender(fail?: (chatId: string, attempt: number) => unknown): { sender: Sender; sent: SentMessage[]; attempts: number } {
  const rec = { sent: [] as SentMessage[], attempts: 0, sender: null as unknown as Sender };
  let n = 100;
  rec.sender = async (chatId, message) => {
    rec.attempts++;
    const err = fail?.(chatId, rec.attempts);
    if (err) throw err;
    const messageId = String(++n);
    rec.sent.push({ chatId, message, messageId });
    return { messageId };
  };
  return rec;
}

export function fakeClock(iso: string): { now: () => Date; set(iso: string): void } {
  let t = new Date(iso);
  return { now: () => t, set: (v) => (t = new Date(v)) };
}

export const noWaitLimiter: Limiter = { take: async () => undefined };

export const quietLog = () => undefined;

/** A store whose writes start failing (like a killed process) once `crashed()` is true. */
export function crashingStore(inner: Store, crashed: () => boolean): Store {
  return {
    get state() {
      return inner.state;
    },
    update(fn) {
      if (crashed()) return Promise.reject(new Error("process killed"));
      return inner.update(fn);
    },
  };
}
