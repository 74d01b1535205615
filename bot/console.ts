// A chat in the terminal over the same core: each line is a private message from an admin.
// Commands work; buttons are shown as their text fallback. Ctrl-D (end of input) or /exit quits.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Core } from "./core/index.ts";
import type { Incoming, Outgoing, Sender } from "./core/types.ts";
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
  /** "group": the console is the group chat of a unit (CONSOLE_CHAT=group, the demo) */
  chatType?: "private" | "group";
  /** lines run first, echoed as if typed (the demo's /dangky) */
  startLines?: string[];
  /** what the bot posts to the console on its own (reminders); from consoleSender() */
  pushed?: ConsolePushes;
}

/** Messages the bot sent to the console chat by itself (reminders), so a plain reply can refer to the last one. */
export interface ConsolePushes {
  last: { messageId: string; text: string } | null;
}

/**
 * The console's Sender: reminders and notices arrive as messages in this chat. A plain line typed
 * afterwards ("đã nộp") counts as a reply to the last of them, the console having no reply button.
 */
export function consoleSender(output: Writable): { sender: Sender; pushed: ConsolePushes } {
  const pushed: ConsolePushes = { last: null };
  let n = 0;
  const sender: Sender = async (_chatId, message) => {
    const messageId = `bot-${++n}`;
    output.write(`\n📨 Bot gửi vào nhóm:\n${renderPlain(message)}\n`);
    pushed.last = { messageId, text: message.text };
    return { messageId };
  };
  return { sender, pushed };
}

/** The group console's welcome: what it stands for and what to try, in order. */
export function groupWelcomeText(planCount?: number): string {
  return [
    "Trợ lý Kế hoạch — cửa sổ lệnh này đóng vai nhóm chat của một đơn vị (CONSOLE_CHAT=group); bạn là quản trị viên.",
    planCount !== undefined ? `Đang đọc ${planCount} kế hoạch. Thử lần lượt:` : "Thử lần lượt:",
    "  • /nhacviec — chạy nhắc hạn ngay: tin nhắc của đơn vị hiện ra ở đây",
    "  • đã nộp — trả lời tin nhắc gần nhất (một dòng không bắt đầu bằng / được coi là trả lời tin đó)",
    "  • /tiendo — tiến độ: việc vừa xác nhận đã chuyển sang «đã nộp»",
    "  • việc gì sắp đến hạn? — hoặc bất kỳ câu hỏi nào về kế hoạch; /han, /viec, /help",
    "/exit hoặc Ctrl-D để thoát.",
  ].join("\n");
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
  const group = options.chatType === "group";
  write(group ? groupWelcomeText(options.planCount) : welcomeText(options.planCount));
  const prompt = () => options.prompt && output.write("\n> ");
  let n = 0;
  const handle = async (text: string) => {
    const last = options.pushed?.last;
    const msg: Incoming = {
      channel: "console",
      chatId: "console",
      chatType: group ? "group" : "private",
      userId: "console",
      userName: group ? "Quản trị viên (cửa sổ lệnh)" : "",
      messageId: String(++n),
      text,
      addressed: true,
      date: now().toISOString(),
      ...(last && !text.startsWith("/") ? { replyTo: { messageId: last.messageId, text: last.text, fromBot: true } } : {}),
    };
    const replies = await core.handleMessage(msg);
    for (const out of replies) write(`\n${renderPlain(out)}`);
  };
  for (const line of options.startLines ?? []) {
    write(`\n> ${line}`);
    await handle(line);
  }
  // created after the start lines: a line iterator made earlier drops lines typed meanwhile
  const rl = createInterface({ input, terminal: false });
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === "/exit" || text === "/thoat") break;
    if (!text) {
      prompt();
      continue;
    }
    await handle(text);
    prompt();
  }
  rl.close();
  write("\nTạm biệt!");
}
