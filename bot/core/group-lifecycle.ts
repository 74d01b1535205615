// A group the bot can no longer post to: removed (my_chat_member "left"/"kicked", or a send answered
// 403 "bot was kicked") → the binding is dropped (kept in state.unboundGroups), its pending reminders
// cancelled, the coordinators told once; upgraded to a supergroup (a new chat id) → the binding, the
// sent-message records and the outbox move to the new id, so nothing is sent again.
import type { Binding, State } from "../../data/store.ts";
import type { CoreDeps } from "./index.ts";
import type { ChannelName } from "./types.ts";
import { alertTargets } from "./store-alerts.ts";

export type ChatGone = { kind: "removed"; why: string } | { kind: "migrated"; to: string };

/** A send error that means the chat is gone for good (Bot API 403/400 descriptions), or null. */
export function chatGoneFrom(e: unknown): ChatGone | null {
  if (!e || typeof e !== "object") return null;
  // grammY's GrammyError (error_code) and the Zalo client's ZaloApiError (errorCode)
  const o = e as { error_code?: number; errorCode?: number; status?: number; description?: string; message?: string; parameters?: { migrate_to_chat_id?: number | string } };
  const to = o.parameters?.migrate_to_chat_id;
  if (to !== undefined) return { kind: "migrated", to: String(to) };
  const code = o.error_code ?? o.errorCode ?? o.status;
  const text = o.description ?? o.message ?? "";
  if (code === 403 && /kicked|not a member|blocked|deactivated|have no rights|removed/i.test(text)) return { kind: "removed", why: text };
  if (code === 400 && /chat not found|chat was deactivated|bot is not a member/i.test(text)) return { kind: "removed", why: text };
  return null;
}

/** Drops the chat's binding and what waits for it; returns the binding it had, or null. */
export function unbindGroup(s: State, channel: ChannelName, chatId: string, why: string, at: string): Binding | null {
  const old = s.bindings.find((b) => b.channel === channel && b.chatId === chatId) ?? null;
  if (!old) return null;
  s.bindings = s.bindings.filter((b) => b !== old);
  s.unboundGroups.push({ ...old, removedAt: at, reason: why });
  for (const r of s.outbox) {
    if (r.channel === channel && r.chatId === chatId && r.status === "pending") {
      r.status = "cancelled";
      r.lastError = `bot removed from the group: ${why}`.slice(0, 300);
    }
  }
  return old;
}

/** Moves everything of chat `from` to `to` (a supergroup upgrade); returns how many records moved. */
export function migrateGroup(s: State, channel: ChannelName, from: string, to: string): number {
  if (from === to) return 0;
  let n = 0;
  const already = s.bindings.some((b) => b.channel === channel && b.chatId === to);
  for (const b of s.bindings) if (b.channel === channel && b.chatId === from) (b.chatId = to), n++;
  if (already) s.bindings = s.bindings.filter((b, i, all) => all.findIndex((x) => x.channel === b.channel && x.chatId === b.chatId) === i);
  for (const m of s.sentMessages) if (m.channel === channel && m.chatId === from) (m.chatId = to), n++;
  const suffix = `|${from}`;
  const ids = new Set(s.outbox.map((r) => r.id));
  for (const r of s.outbox) {
    if (r.channel !== channel || r.chatId !== from) continue;
    r.chatId = to;
    // the outbox id carries the chat: rewrite it, or the planner would plan (and send) it again
    const id = r.id.endsWith(suffix) ? `${r.id.slice(0, -suffix.length)}|${to}` : r.id;
    if (!ids.has(id)) (ids.delete(r.id), ids.add(id), (r.id = id));
    n++;
  }
  for (const p of s.pending) if (p.key.endsWith(`:${channel}:${from}`)) p.key = `${p.key.slice(0, -from.length)}${to}`;
  return n;
}

export type LifecycleDeps = Pick<CoreDeps, "store" | "knowledge" | "senders" | "adminIds" | "log" | "now">;

function unitLabel(deps: LifecycleDeps, unitId: string): string {
  const u = deps.knowledge.knowledge.units.find((x) => x.id === unitId);
  return u?.name ?? unitId;
}

/** Applies a "chat gone" fact to the state and tells the coordinators once (a removal). */
export async function handleGroupGone(deps: LifecycleDeps, channel: ChannelName, chatId: string, gone: ChatGone): Promise<void> {
  if (gone.kind === "migrated") {
    const n = await deps.store.update((s) => migrateGroup(s, channel, chatId, gone.to));
    if (n) deps.log("info", `${channel}: group ${chatId} became ${gone.to}; binding and ${n} record(s) moved`);
    return;
  }
  const old = await deps.store.update((s) => unbindGroup(s, channel, chatId, gone.why, deps.now().toISOString()));
  if (!old) return;
  const name = old.chatTitle ? `«${old.chatTitle}» ` : "";
  const text = `⚠️ Bot không còn trong nhóm ${name}(${channel} ${chatId}) của ${unitLabel(deps, old.unitId)} (${gone.why}). Nhóm đã được bỏ gắn và không nhận nhắc hạn nữa. Thêm lại bot vào nhóm rồi gõ /dangky để gắn lại.`;
  deps.log("warn", `${channel}: removed from group ${chatId} (${old.unitId}); binding dropped`);
  const targets = alertTargets(deps.knowledge.knowledge, deps.store.state.bindings, deps.adminIds).filter((t) => !(t.channel === channel && t.chatId === chatId));
  for (const t of targets) {
    await deps.senders[t.channel]?.(t.chatId, { text }).catch((e) => deps.log("warn", `${channel}: telling ${t.chatId} of the removal failed`, e instanceof Error ? e.message : e));
  }
}
