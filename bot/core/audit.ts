// Recording a change in the audit log (data/audit.ts): who, channel, chat, when, what, before → after.
// Features call recordChange after the state change succeeded; a failed append is logged, never
// turned into a failed command (the change itself already happened).
import type { CoreDeps } from "./index.ts";
import type { Actor } from "./roles.ts";

export interface Change {
  /** "bind", "unbind", "confirm", "undo", "snooze", "plan-load", "plan-replace", "role-add", "role-remove", "run-jobs", "extend", "assign", … */
  action: string;
  agencyId?: string | null;
  unitId?: string | null;
  /** what was acted on: an occurrence code, a plan id, a user, a chat */
  target?: string | null;
  before?: unknown;
  after?: unknown;
  note?: string | null;
}

export async function recordChange(deps: Pick<CoreDeps, "audit" | "now" | "log">, actor: Actor, change: Change): Promise<void> {
  if (!deps.audit) {
    deps.log("warn", `audit: no audit log configured; ${change.action} by ${actor.channel}:${actor.userId} not recorded`);
    return;
  }
  try {
    await deps.audit.append({
      at: deps.now().toISOString(),
      channel: actor.channel,
      chatId: actor.chatId ?? "",
      userId: actor.userId,
      userName: actor.userName ?? "",
      action: change.action,
      outcome: "done",
      agencyId: change.agencyId ?? null,
      unitId: change.unitId ?? null,
      target: change.target ?? null,
      ...(change.before !== undefined ? { before: change.before } : {}),
      ...(change.after !== undefined ? { after: change.after } : {}),
      note: change.note ?? null,
    });
  } catch (e) {
    deps.log("error", `audit: recording ${change.action} by ${actor.channel}:${actor.userId} failed`, e);
  }
}
