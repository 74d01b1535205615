// The command menu and the bot's profile texts. Bot API keeps a menu per BotCommandScope and language:
// everyone gets the public commands (scope default); admin commands show only where admins are — the
// private chats of ADMIN_IDS (scope chat) and to group administrators (scope all_chat_administrators).
// English descriptions go to users whose Telegram is in English (language_code "en").
// Not essential: a failure is logged and the bot runs on.
import type { Api, RawApi } from "grammy";
import type { BotCommandScope } from "grammy/types";
import type { Core, CoreDeps } from "../core/index.ts";

type Commands = Core["commands"];

/** English menu lines, by command name; a command missing here shows its Vietnamese description. */
export const ENGLISH_DESCRIPTIONS: Record<string, string> = {
  start: "What the assistant does, example questions",
  help: "List of commands",
  hoi: "Ask about the plans: targets, owners, deadlines",
  han: "Upcoming deadlines (or of a month/quarter: /han Q3/2024)",
  viec: "Tasks of the unit (this group's, or /viec <unit>)",
  tiendo: "Who submitted, who is pending or late",
  kehoach: "Loaded plans",
  dangky: "Bind this group to a unit (admins)",
  huydangky: "Unbind this group (admins)",
  nhacviec: "Run the reminders now (admins)",
  molienket: "Link to add the bot to a unit's group (admins)",
  baocao: "Excel report of a period: on time, late, open, overdue (admins, leaders)",
  giahan: "Extend a deadline: /giahan <code> <date> [reason] (admins)",
  giao: "Assign a task outside the plans (admins)",
  huygiao: "Cancel an assigned task (admins)",
  minhchung: "Evidence files of a submission (admins, leaders)",
};

/** Shown in the empty chat before /start (≤ 512) and on the bot's profile (≤ 120). */
export const BOT_DESCRIPTION =
  "Trợ lý Kế hoạch đọc các kế hoạch của cơ quan và trả lời về chỉ tiêu, đơn vị chủ trì, thời hạn (kèm trích dẫn); nhắc hạn vào nhóm của từng đơn vị và ghi nhận xác nhận «đã nộp». Bấm Bắt đầu hoặc gõ câu hỏi.";
export const BOT_SHORT_DESCRIPTION = "Hỏi đáp kế hoạch, nhắc hạn và ghi nhận nộp báo cáo của các đơn vị.";
const BOT_DESCRIPTION_EN =
  "Trợ lý Kế hoạch reads the agency's plans and answers about targets, lead units and deadlines (with citations); it reminds each unit's group of its deadlines and records submissions. Press Start or type a question.";
const BOT_SHORT_DESCRIPTION_EN = "Questions about plans, deadline reminders, submission tracking.";

/** Bot API BotCommand: command 1–32 of a-z, 0-9, _; description 1–256 characters. */
export function menuOf(commands: Commands, language: "vi" | "en" = "vi") {
  return commands
    .filter((c) => /^[a-z0-9_]{1,32}$/.test(c.name))
    .map((c) => ({ command: c.name, description: ((language === "en" && ENGLISH_DESCRIPTIONS[c.name]) || c.description).slice(0, 256) }));
}

/** Telegram user ids among ADMIN_IDS ("telegram:123" or a bare number). */
export function telegramAdminIds(adminIds: Iterable<string>): number[] {
  const ids = new Set<number>();
  for (const id of adminIds) {
    const m = /^(?:telegram:)?(\d{1,15})$/.exec(id.trim());
    if (m) ids.add(Number(m[1]));
  }
  return [...ids];
}

/** Every (scope, language, commands) the menu is made of. */
export function menuPlan(commands: Commands, adminIds: Iterable<string>): { scope?: BotCommandScope; language_code?: string; commands: ReturnType<typeof menuOf> }[] {
  const everyone = commands.filter((c) => !c.adminOnly);
  const plan: { scope?: BotCommandScope; language_code?: string; commands: ReturnType<typeof menuOf> }[] = [];
  const admins: BotCommandScope[] = [{ type: "all_chat_administrators" }, ...telegramAdminIds(adminIds).map((id) => ({ type: "chat" as const, chat_id: id }))];
  for (const language of ["vi", "en"] as const) {
    const lang = language === "en" ? { language_code: "en" } : {};
    plan.push({ ...lang, commands: menuOf(everyone, language) });
    for (const scope of admins) plan.push({ scope, ...lang, commands: menuOf(commands, language) });
  }
  return plan;
}

export async function registerCommands(api: Api<RawApi>, commands: Commands, log: CoreDeps["log"], adminIds: Iterable<string> = []): Promise<boolean> {
  let ok = true;
  for (const step of menuPlan(commands, adminIds)) {
    try {
      await api.setMyCommands(step.commands, { ...(step.scope ? { scope: step.scope } : {}), ...(step.language_code ? { language_code: step.language_code as "en" } : {}) });
    } catch (e) {
      ok = false;
      log("warn", `telegram: setMyCommands (${step.scope?.type ?? "default"}${step.language_code ? `, ${step.language_code}` : ""}) failed; that menu is missing`, e instanceof Error ? e.message : e);
    }
  }
  return ok;
}

/** setMyDescription / setMyShortDescription in Vietnamese (default) and English. */
export async function registerDescriptions(api: Api<RawApi>, log: CoreDeps["log"]): Promise<boolean> {
  const steps: [string, () => Promise<unknown>][] = [
    ["setMyDescription", () => api.setMyDescription(BOT_DESCRIPTION)],
    ["setMyShortDescription", () => api.setMyShortDescription(BOT_SHORT_DESCRIPTION)],
    ["setMyDescription en", () => api.setMyDescription(BOT_DESCRIPTION_EN, { language_code: "en" })],
    ["setMyShortDescription en", () => api.setMyShortDescription(BOT_SHORT_DESCRIPTION_EN, { language_code: "en" })],
  ];
  let ok = true;
  for (const [name, run] of steps) {
    try {
      await run();
    } catch (e) {
      ok = false;
      log("warn", `telegram: ${name} failed; the bot runs without it`, e instanceof Error ? e.message : e);
    }
  }
  return ok;
}
