// The command menu (setMyCommands). Not essential: a failure is logged and the bot runs on.
import type { Api, RawApi } from "grammy";
import type { Core, CoreDeps } from "../core/index.ts";

/** Bot API BotCommand: command 1–32 of a-z, 0-9, _; description 1–256 characters. */
export function menuOf(commands: Core["commands"]) {
  return commands
    .filter((c) => /^[a-z0-9_]{1,32}$/.test(c.name))
    .map((c) => ({ command: c.name, description: c.description.slice(0, 256) }));
}

export async function registerCommands(api: Api<RawApi>, commands: Core["commands"], log: CoreDeps["log"]): Promise<boolean> {
  try {
    await api.setMyCommands(menuOf(commands));
    return true;
  } catch (e) {
    log("warn", "telegram: setMyCommands failed; the bot runs without its command menu", e instanceof Error ? e.message : e);
    return false;
  }
}
