// Runs the Word/PDF readers in a worker thread with a heap limit and a time limit, so that a
// pathological file ends in a refusal instead of taking the bot (or `npm run ingest`) down.
// One worker is kept and reused (loading mammoth and pdf.js costs more than most reads); it never
// keeps the process alive, and a worker that died or overran is replaced on the next call.
import { Worker } from "node:worker_threads";
import { ExtractError, type ExtractFailure } from "./extract-error.ts";
import type { ExtractLimits } from "./extract-limits.ts";

export interface IsolationLimits {
  /** V8 old-generation heap of the worker */
  memoryMb: number;
  timeoutMs: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { memoryMb: 768, timeoutMs: 60_000 };

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  file: string;
  limits: ExtractLimits;
}
export type WorkerReply =
  | { id: number; ok: true; text: string; format: "text" | "docx" | "pdf" }
  | { id: number; ok: false; message: string; reason: ExtractFailure | null; detail: string };

let worker: Worker | null = null;
let workerKey = "";
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();

function spawn(iso: IsolationLimits): Worker {
  // execArgv [] : the .mjs entry registers tsx itself, so it works under tsx, vitest or plain node
  const w = new Worker(new URL("./extract-worker.mjs", import.meta.url), {
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: iso.memoryMb, maxYoungGenerationSizeMb: 64 },
    stdout: false,
    stderr: false,
  });
  w.unref();
  return w;
}

function drop(w: Worker): void {
  if (worker === w) worker = null;
  void w.terminate().catch(() => undefined);
}

function runOnce(bytes: Uint8Array, file: string, limits: ExtractLimits, iso: IsolationLimits): Promise<{ text: string; format: "text" | "docx" | "pdf" }> {
  const key = `${iso.memoryMb}`;
  if (!worker || workerKey !== key) {
    if (worker) drop(worker);
    worker = spawn(iso);
    workerKey = key;
  }
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      w.off("message", onMessage);
      w.off("error", onError);
      w.off("exit", onExit);
    };
    const timer = setTimeout(() => {
      cleanup();
      drop(w);
      reject(new ExtractError(file, `Đọc tệp ${file} mất quá ${Math.round(iso.timeoutMs / 1000)} giây nên đã dừng; tệp quá phức tạp hoặc bị hỏng. Hãy lưu lại thành .docx/.pdf gọn hơn rồi gửi lại.`, "too-large"));
    }, iso.timeoutMs);
    const onMessage = (m: WorkerReply) => {
      if (m.id !== id) return;
      cleanup();
      if (m.ok) resolve({ text: m.text, format: m.format });
      else if (m.reason) reject(new ExtractError(file, m.message, m.reason));
      else reject(new ExtractError(file, `Tệp ${file} bị hỏng hoặc không đọc được.`, "corrupt", new Error(m.detail)));
    };
    const onError = (e: Error) => {
      cleanup();
      drop(w);
      const oom = (e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      reject(
        oom
          ? new ExtractError(file, `Đọc tệp ${file} cần quá ${iso.memoryMb} MB bộ nhớ nên đã dừng; tệp quá lớn hoặc bị hỏng.`, "too-large", e)
          : new ExtractError(file, `Tệp ${file} bị hỏng hoặc không đọc được.`, "corrupt", e),
      );
    };
    const onExit = (code: number) => {
      cleanup();
      drop(w);
      reject(new ExtractError(file, `Tệp ${file} không đọc được (trình đọc dừng, mã ${code}).`, "corrupt"));
    };
    w.on("message", onMessage);
    w.once("error", onError);
    w.once("exit", onExit);
    w.postMessage({ id, bytes, file, limits } satisfies WorkerRequest);
  });
}

/** Reads a Word/PDF document in the isolated worker; one read at a time. */
export function extractInWorker(bytes: Uint8Array, file: string, limits: ExtractLimits, iso: IsolationLimits = DEFAULT_ISOLATION) {
  const run = queue.then(() => runOnce(bytes, file, limits, iso));
  queue = run.catch(() => undefined);
  return run;
}
