// Runs the reminders' core features on their own (confirmation, /tiendo, /nhacviec), in mounting order,
// so these tests do not depend on the rest of the core. The full core is exercised end to end.
import { memoryStore, type State } from "../../data/store.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import type { AskIndex } from "../../knowledge/ask.ts";
import type { CoreDeps, CoreFeature } from "../../bot/core/index.ts";
import type { ButtonPress, Incoming, Outgoing, PressResult } from "../../bot/core/types.ts";
import { confirmationFeature, reminderStatusFeature, remindNowFeature } from "../../bot/core/reminders/index.ts";
import { memoryAuditLog } from "../../data/audit.ts";

export const ADMIN = "111";
export const STAFF = "222";
export const GROUP = "-100500";

const features: CoreFeature[] = [confirmationFeature, reminderStatusFeature, remindNowFeature];

export function reminderHarness(opts: { knowledge: Knowledge; now?: string; state?: Partial<State> }) {
  const deps: CoreDeps = {
    store: memoryStore(opts.state ?? {}),
    knowledge: { knowledge: opts.knowledge, index: { knowledge: opts.knowledge } as AskIndex, replace: () => undefined },
    adminIds: new Set([ADMIN]),
    now: () => new Date(opts.now ?? "2024-11-13T09:00:00+07:00"),
    senders: {},
    plansDir: "data/plans",
    knowledgeFile: "/nonexistent/knowledge.json",
    log: () => undefined,
    audit: memoryAuditLog(),
  };
  return {
    deps,
    async handleMessage(msg: Incoming): Promise<Outgoing[]> {
      for (const f of features) {
        const out = await f.onMessage?.(msg, deps);
        if (out) return out;
      }
      return [];
    },
    async handlePress(p: ButtonPress): Promise<PressResult> {
      for (const f of features) {
        const out = await f.onPress?.(p, deps);
        if (out) return out;
      }
      return { toast: "(not handled)", replies: [] };
    },
  };
}

let id = 0;
export function privateMsg(text: string, userId = ADMIN, extra: Partial<Incoming> = {}): Incoming {
  return { channel: "telegram", chatId: userId, chatType: "private", userId, userName: "An", messageId: String(++id), text, addressed: true, date: "2024-11-13T02:00:00.000Z", ...extra };
}

export function groupMsg(text: string, userId = ADMIN, extra: Partial<Incoming> = {}): Incoming {
  return { channel: "telegram", chatId: GROUP, chatType: "group", userId, userName: "An", messageId: String(++id), text, addressed: text.startsWith("/"), date: "2024-11-13T02:00:00.000Z", ...extra };
}

export function press(data: string, userId = ADMIN, extra: Partial<ButtonPress> = {}): ButtonPress {
  return { channel: "telegram", chatId: GROUP, chatType: "group", userId, userName: "An", messageId: "42", data, ...extra };
}
