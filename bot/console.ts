// A chat in the terminal over the same core: each line is a private message from an admin.
// Commands work; buttons are shown as their text fallback. Ctrl-D (end of input) or /exit quits.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Core } from "./core/index.ts";
import type { Incoming, Outgoing } from "./core/types.ts";
import { EXAMPLE_QUESTIONS } from "./core/start.ts";

export interface ConsoleOptions {
  core: Core;
  input: Readable;
  output: Writable;
  now: () => Date;
  /** show a prompt (only when a person types: a TTY) */
  prompt?: boolean;
  /** the loaded plans, for the welcome line */
  planCount?: number;
}

export function welcomeText(planCount?: number): string {
  return [
    "Trợ lý Kế hoạch — trò chuyện ngay trong cửa sổ lệnh (chưa đặt TELEGRAM_BOT_TOKEN nên chưa nối Telegram).",
    planCount !== undefined ? `Đang đọc ${planCount} kế hoạch. Gõ câu hỏi rồi Enter, ví dụ:` : "Gõ câu hỏi rồi Enter, ví dụ:",
    ...EXAMPLE_QUESTIONS.map((q) => `  • ${q}`),
    "Các lệnh: /help, /han quý III/2024, /viec Văn phòng Sở LĐTBXH Quảng Trị … — /exit hoặc Ctrl-D để thoát.",
  ].join("\n");
}

/** A reply as plain text: the text, then what a channel without buttons shows instead of them. */
export function renderPlain(out: Outgoing): string {
  return [out.text.trim(), out.textFallback?.trim()].filter(Boolean).join("\n");
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { core, input, output, now } = options;
  const write = (s: string) => output.write(`${s}\n`);
  write(welcomeText(options.planCount));
  const rl = createInterface({ input, terminal: false });
  const prompt = () => options.prompt && output.write("\n> ");
  prompt();
  let n = 0;
  for await (const line of rl) {
    const text = line.trim();
    if (text === "/exit" || text === "/thoat") break;
    if (!text) {
      prompt();
      continue;
    }
    const msg: Incoming = {
      channel: "console",
      chatId: "console",
      chatType: "private",
      userId: "console",
      userName: "",
      messageId: String(++n),
      text,
      addressed: true,
      date: now().toISOString(),
    };
    const replies = await core.handleMessage(msg);
    for (const out of replies) write(`\n${renderPlain(out)}`);
    prompt();
  }
  rl.close();
  write("\nTạm biệt!");
}
