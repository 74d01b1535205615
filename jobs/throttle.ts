// A small send limiter for any channel: ≤ N messages per minute per chat and ≤ M per second overall
// (Telegram Bot API FAQ: about 20/minute in one group, about 30/second in total). Clock and sleep injected.

export interface Limiter {
  /** resolves when one more message may go to this chat */
  take(chatKey: string): Promise<void>;
}

export interface LimiterOptions {
  perChatPerMinute: number;
  perSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createLimiter(opts: LimiterOptions): Limiter {
  const now = opts.now ?? (() => Date.now());
  const sleep = opts.sleep ?? realSleep;
  const overall: number[] = [];
  const perChat = new Map<string, number[]>();
  let queue: Promise<void> = Promise.resolve();

  async function waitTurn(key: string): Promise<void> {
    for (;;) {
      const t = now();
      while (overall.length > 0 && overall[0] <= t - 1000) overall.shift();
      const chat = perChat.get(key) ?? [];
      while (chat.length > 0 && chat[0] <= t - 60_000) chat.shift();
      let wait = 0;
      if (overall.length >= opts.perSecond) wait = Math.max(wait, overall[0] + 1000 - t);
      if (chat.length >= opts.perChatPerMinute) wait = Math.max(wait, chat[0] + 60_000 - t);
      if (wait <= 0) {
        overall.push(t);
        chat.push(t);
        perChat.set(key, chat);
        return;
      }
      await sleep(wait);
    }
  }

  return {
    take(key) {
      // one caller at a time, so two sends never grab the same slot
      const turn = queue.then(() => waitTurn(key));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
