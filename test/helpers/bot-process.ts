// Runs the real bot (bot/main.ts) as a child process for end-to-end tests, with a clean environment:
// only what the test passes (plus PATH/HOME), so a developer's .env or shell cannot leak in.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { seedKnowledgeFile } from "./shared-knowledge.ts";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url)).replace(/\/$/, "");

export interface BotProcess {
  proc: ChildProcess;
  /** everything printed so far */
  stdout(): string;
  stderr(): string;
  /** resolves when stdout (or stderr) matches */
  waitForOutput(pattern: RegExp, timeoutMs?: number, stream?: "stdout" | "stderr"): Promise<string>;
  /** writes a line to stdin */
  send(line: string): void;
  /** closes stdin (Ctrl-D) */
  endInput(): void;
  /** SIGTERM, then the exit code */
  stop(): Promise<number | null>;
  exited: Promise<number | null>;
}

/** A temp folder for DB_FILE and KNOWLEDGE_FILE. */
export function tempDir(prefix = "bot-e2e-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every variable of bot/config.ts unset, so only what a test sets applies. */
export const BLANK_ENV = {
  TELEGRAM_BOT_TOKEN: "",
  TELEGRAM_API_ROOT: "",
  BOT_MODE: "",
  WEBHOOK_URL: "",
  WEBHOOK_SECRET: "",
  PORT: "",
  ZALO_BOT_TOKEN: "",
  ZALO_API_ROOT: "",
  ZALO_WEBHOOK_SECRET: "",
  ADMIN_IDS: "",
  BOT_CLOCK: "",
  STARTUP_TIMEOUT: "",
  CONSOLE_CHAT: "",
  CONSOLE_UNIT: "",
  LOG_LEVEL: "",
  LOG_FORMAT: "",
  HEALTH_STUCK_SECONDS: "",
  DATABASE_URL: "",
  ARCHIVE_DAYS: "",
};

/**
 * A program of the run's bundle (test/global-setup.ts), as servers start it: "main" (the bot),
 * "remind", "ask", "ingest". `npm start` and the CLIs under tsx are started by the demo and
 * entry-point tests.
 */
export function bundled(name: "main" | "remind" | "ask" | "ingest"): string {
  return join(inject("botBundleDir"), `${name}.mjs`);
}

// a test that fails or times out before stopping its bot must not leave it running after the run
const live = new Set<ChildProcess>();
process.once("exit", () => live.forEach((p) => p.kill("SIGKILL")));

/** The bot of the run's bundle by default; `command` defaults to this Node ("npm": a package.json script as a user types it). */
export function startBotProcess(env: Record<string, string>, args: string[] = [bundled("main")], command: string = process.execPath): BotProcess {
  // a missing knowledge file of the bundled plans starts as the run's shared one (not rebuilt per bot)
  if (env.KNOWLEDGE_FILE) seedKnowledgeFile(resolve(ROOT, env.KNOWLEDGE_FILE), resolve(ROOT, env.PLANS_DIR ?? "data/plans"));
  const proc = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...BLANK_ENV, PLANS_DIR: join(ROOT, "data/plans"), TZ: "Asia/Ho_Chi_Minh", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  live.add(proc);
  proc.once("exit", () => live.delete(proc));
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  proc.stdout!.setEncoding("utf8").on("data", (d: string) => ((out += d), listeners.forEach((l) => l())));
  proc.stderr!.setEncoding("utf8").on("data", (d: string) => ((err += d), listeners.forEach((l) => l())));
  const exited = new Promise<number | null>((resolveExit) => proc.on("exit", (code) => (listeners.forEach((l) => l()), resolveExit(code))));

  return {
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput(pattern, timeoutMs = 20_000, stream = "stdout") {
      return new Promise((resolveWait, reject) => {
        const text = () => (stream === "stdout" ? out : err);
        const check = () => {
          const m = pattern.exec(text());
          if (m) {
            cleanup();
            resolveWait(m[0]);
          } else if (proc.exitCode !== null) {
            cleanup();
            reject(new Error(`bot exited (${proc.exitCode}) before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    send: (line) => void proc.stdin!.write(`${line}\n`),
    endInput: () => void proc.stdin!.end(),
    async stop() {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      return exited;
    },
  };
}
