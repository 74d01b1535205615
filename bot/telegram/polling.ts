// Long polling through @grammyjs/runner (updates processed concurrently, one chat at a time thanks to
// sequentialize in createBot). Our own fetcher logs in our format, stops on 401/409, and lets stop()
// confirm the updates already handled so a restart does not answer them twice.
import { GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import { createConcurrentSink, createRunner, createSource } from "@grammyjs/runner";
import type { CoreDeps } from "../core/index.ts";

export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"] as const;

export interface Polling {
  /** settles when polling ends: rejects on 401 (bad token) or 409 (another instance) */
  task: Promise<void>;
  stop(): Promise<void>;
}

export interface PollingOptions {
  log: CoreDeps["log"];
  /** getUpdates long-poll timeout in seconds */
  timeoutSeconds?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });

/** A clear sentence for the errors that end polling. */
export function pollingErrorMessage(e: unknown): string {
  if (e instanceof GrammyError && e.error_code === 409)
    return "Telegram báo xung đột (409): một tiến trình bot khác đang chạy với cùng TELEGRAM_BOT_TOKEN, hoặc bot đang đặt webhook. Hãy dừng tiến trình kia rồi chạy lại.";
  if (e instanceof GrammyError && e.error_code === 401) return "Telegram từ chối TELEGRAM_BOT_TOKEN (401). Hãy kiểm tra lại token lấy từ BotFather.";
  return `Không nhận được cập nhật từ Telegram: ${e instanceof Error ? e.message : String(e)}`;
}

export function startPolling(bot: Bot, options: PollingOptions): Polling {
  const { log, timeoutSeconds = 30 } = options;
  let offset = 0;

  async function fetchUpdates(batchSize: number, signal: AbortSignal): Promise<Update[]> {
    let retryIn = 200;
    for (;;) {
      try {
        const updates = await bot.api.getUpdates(
          { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout: timeoutSeconds, allowed_updates: [...ALLOWED_UPDATES] },
          signal as never, // grammY types its signal with the abort-controller polyfill
        );
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        return updates;
      } catch (e) {
        if (signal.aborted) throw e;
        if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 409)) throw e;
        log("warn", `telegram: getUpdates failed, retrying in ${retryIn} ms`, e instanceof Error ? e.message : e);
        await sleep(retryIn, signal);
        retryIn = Math.min(retryIn * 2, 30_000);
      }
    }
  }

  const source = createSource({
    supply: async (batchSize, signal) => {
      await bot.init();
      return fetchUpdates(batchSize, signal as unknown as AbortSignal);
    },
  });
  const sink = createConcurrentSink<Update, unknown>({ consume: (update) => bot.handleUpdate(update) }, async (error) => {
    try {
      await bot.errorHandler(error as never);
    } catch (e) {
      log("error", "telegram: error handler failed", e);
    }
  });
  const runner = createRunner(source, sink);
  runner.start();
  const task = runner.task() ?? Promise.resolve();

  return {
    task,
    async stop() {
      await runner.stop()?.catch(() => undefined);
      // let the updates in hand finish, then tell Telegram they are done (as bot.stop() does)
      for (let waited = 0; sink.size() > 0 && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      if (offset > 0) await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
    },
  };
}
