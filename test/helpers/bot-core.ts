// Building the core for tests: a memory store, a fixed clock, the hand-made knowledge, recorded logs.
import { memoryStore, type State } from "../../data/store.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import { createCore, createKnowledgeRef, type CoreDeps, type CoreFeature } from "../../bot/core/index.ts";
import type { ButtonPress, Incoming } from "../../bot/core/types.ts";
import { botKnowledge } from "./bot-knowledge.ts";
import { memoryAuditLog } from "../../data/audit.ts";

export const ADMIN = "111";
export const STAFF = "222";
export const GROUP = "-100500";

export function testDeps(opts: { knowledge?: Knowledge; now?: string; state?: Partial<State>; adminIds?: string[] } = {}) {
  const logs: { level: string; msg: string; extra?: unknown }[] = [];
  const deps: CoreDeps = {
    store: memoryStore(opts.state ?? {}),
    knowledge: createKnowledgeRef(opts.knowledge ?? botKnowledge()),
    adminIds: new Set(opts.adminIds ?? [ADMIN]),
    now: () => new Date(opts.now ?? "2024-03-01T08:00:00+07:00"),
    senders: {},
    plansDir: "data/plans",
    knowledgeFile: "/nonexistent/knowledge.json",
    log: (level, msg, extra) => logs.push({ level, msg, extra }),
    audit: memoryAuditLog(),
  };
  return { deps, logs };
}

export function testCore(opts: Parameters<typeof testDeps>[0] = {}, features?: CoreFeature[]) {
  const { deps, logs } = testDeps(opts);
  return { core: createCore(deps, features), deps, logs };
}

let id = 0;
export function privateMsg(text: string, userId = ADMIN, extra: Partial<Incoming> = {}): Incoming {
  return { channel: "telegram", chatId: userId, chatType: "private", userId, userName: "An", messageId: String(++id), text, addressed: true, date: "2024-03-01T01:00:00.000Z", ...extra };
}

export function groupMsg(text: string, userId = ADMIN, extra: Partial<Incoming> = {}): Incoming {
  return { channel: "telegram", chatId: GROUP, chatType: "group", userId, userName: "An", messageId: String(++id), text, addressed: text.startsWith("/"), date: "2024-03-01T01:00:00.000Z", ...extra };
}

export function press(data: string, userId = ADMIN, extra: Partial<ButtonPress> = {}): ButtonPress {
  return { channel: "telegram", chatId: GROUP, chatType: "group", userId, userName: "An", messageId: "42", data, ...extra };
}
