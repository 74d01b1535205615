// One send limiter for every outgoing message of a channel — answers, button replies, reminders:
// ≤ N messages per minute per group, ≤ M per second overall (Telegram Bot API FAQ: about 20/minute
// in one group, about 30/second in total, about one per second in a private chat). Callers wait
// their turn instead of being refused (a 429 loses nothing but time; a dropped answer is lost).
// Answers go before bulk sends (a morning's reminders), so a question asked during the 08:00
// fan-out is not queued behind 1,000 groups. Clock and sleep injected.

export type SendPriority = "reply" | "bulk";

export interface Limiter {
  /** resolves when one more message may go to this chat; the slot counts from now */
  take(chatKey: string, priority?: SendPriority): Promise<void>;
  /** like take, but the slot counts until `release()` (the call's answer): a send that waits in a
   *  socket or a busy event loop cannot bunch up with the next second's at the server */
  hold?(chatKey: string, priority?: SendPriority): Promise<() => void>;
}

/** Runs `send` holding a slot when the limiter can, else after take(). */
export async function limited<T>(limiter: Limiter, key: string, priority: SendPriority, send: () => Promise<T>): Promise<T> {
  if (!limiter.hold) {
    await limiter.take(key, priority);
    return send();
  }
  const release = await limiter.hold(key, priority);
  try {
    return await send();
  } finally {
    release();
  }
}

export interface LimiterOptions {
  perChatPerMinute: number;
  perSecond: number;
  /** private chats allow more (about one per second); default 60 */
  privatePerMinute?: number;
  /** which keys are private chats; default: a Telegram chat with a positive id ("telegram:123", "123") */
  isPrivate?: (chatKey: string) => boolean;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Passes everything at once: for senders already limited further down (bot/main.ts wires one limiter into the channels). */
export const passThroughLimiter: Limiter = { take: async () => undefined, hold: async () => () => undefined };

const defaultIsPrivate = (key: string) => /^(?:telegram:)?\d+(?:\/\d+)?$/.test(key);

interface Waiter {
  key: string;
  priority: SendPriority;
  grant: (slot: Slot) => void;
  hold: boolean;
}

/** a granted send: counts in the windows until `at` + window (Infinity while held) */
interface Slot {
  at: number;
}

export function createLimiter(opts: LimiterOptions): Limiter {
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? realSleep;
  const isPrivate = opts.isPrivate ?? defaultIsPrivate;
  let overall: Slot[] = [];
  const perChat = new Map<string, Slot[]>();
  const waiting: Waiter[] = [];
  let pumping = false;
  let wake: (() => void) | null = null;

  const chatLimit = (key: string) => (isPrivate(key) ? (opts.privatePerMinute ?? 60) : opts.perChatPerMinute);

  /** ms until this chat may get one more message (0: now) */
  /** ms until one more fits in a window of `slots` (Infinity: only a release frees one) */
  function windowWait(slots: Slot[], limit: number, windowMs: number, t: number): number {
    if (slots.length < limit) return 0;
    let oldest = Infinity;
    for (const s of slots) oldest = Math.min(oldest, s.at);
    return oldest + windowMs - t;
  }

  function chatWait(key: string, t: number): number {
    const chat = perChat.get(key)?.filter((s) => s.at > t - 60_000);
    if (!chat || chat.length === 0) {
      perChat.delete(key);
      return 0;
    }
    perChat.set(key, chat);
    return windowWait(chat, chatLimit(key), 60_000, t);
  }

  async function pump(): Promise<void> {
    pumping = true;
    try {
      while (waiting.length > 0) {
        const t = now();
        overall = overall.filter((s) => s.at > t - 1000);
        let wait = windowWait(overall, opts.perSecond, 1000, t);
        if (wait <= 0) {
          // answers first, then bulk; first come first served within each; a full chat does not block others
          let pick = -1;
          let soonest = Infinity;
          for (const priority of ["reply", "bulk"] as const) {
            for (let i = 0; i < waiting.length && pick < 0; i++) {
              const w = waiting[i];
              if (w.priority !== priority) continue;
              const cw = chatWait(w.key, t);
              if (cw <= 0) pick = i;
              else soonest = Math.min(soonest, cw);
            }
            if (pick >= 0) break;
          }
          if (pick >= 0) {
            const [w] = waiting.splice(pick, 1);
            const slot: Slot = { at: w.hold ? Infinity : t };
            overall.push(slot);
            perChat.set(w.key, [...(perChat.get(w.key) ?? []), slot]);
            w.grant(slot);
            continue;
          }
          wait = soonest;
        }
        // sleep until a slot frees, or until a new caller or a release wakes us
        const woken = new Promise<void>((r) => (wake = r));
        await (Number.isFinite(wait) ? Promise.race([sleep(Math.max(1, wait)), woken]) : woken);
        wake = null;
      }
    } finally {
      pumping = false;
    }
  }

  const enqueue = (key: string, priority: SendPriority, hold: boolean) =>
    new Promise<Slot>((grant) => {
      waiting.push({ key, priority, grant, hold });
      if (wake) wake();
      if (!pumping) void pump();
    });

  return {
    async take(key, priority = "bulk") {
      await enqueue(key, priority, false);
    },
    async hold(key, priority = "bulk") {
      const slot = await enqueue(key, priority, true);
      return () => {
        if (slot.at !== Infinity) return;
        slot.at = now();
        if (wake) wake();
      };
    },
  };
}
