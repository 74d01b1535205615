// getUpdates long polling. Zalo keeps no offset: each update is handed out once, so the
// loop only has to keep asking, back off on errors, and stop promptly.
import type { Log, ZaloClient, ZaloUpdate } from "./client.ts";

export interface PollingOptions {
  client: ZaloClient;
  onUpdate: (update: ZaloUpdate) => Promise<void>;
  log: Log;
  /** seconds one getUpdates call waits for an update */
  timeoutSec?: number;
  /** first backoff after an error; doubles up to maxBackoffMs */
  backoffMs?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface Polling {
  /** resolves when the loop has ended */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

export function startPolling(opts: PollingOptions): Polling {
  const { client, onUpdate, log } = opts;
  const timeoutSec = opts.timeoutSec ?? 30;
  const base = opts.backoffMs ?? 1000;
  const max = opts.maxBackoffMs ?? 30_000;
  const sleep = opts.sleep ?? abortableSleep;
  const controller = new AbortController();
  const signal = controller.signal;

  async function loop() {
    let failures = 0;
    while (!signal.aborted) {
      let updates: ZaloUpdate[];
      try {
        updates = await client.getUpdates(timeoutSec, { signal });
        failures = 0;
      } catch (e) {
        if (signal.aborted) break;
        const delay = Math.min(base * 2 ** failures++, max);
        log("warn", `zalo: getUpdates failed; polling again in ${delay} ms`, e instanceof Error ? e.message : e);
        await sleep(delay, signal);
        continue;
      }
      for (const u of updates) {
        try {
          await onUpdate(u);
        } catch (e) {
          log("error", "zalo: update handler failed", e);
        }
      }
    }
  }

  const done = loop();
  return {
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
