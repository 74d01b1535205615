// The persisted outbox. Every item is written as `pending` before anything is sent, and marked `sent`
// only after the channel accepted the message. A crash between those two steps is the one way a
// message can go out twice (the next run sends the still-pending item again); nothing is ever lost.
// A send is never repeated inside a call or a run after a timeout (bot/core/send-failure.ts): it is
// marked uncertain and sent once more on the next run, so a timeout, like a crash, costs at most one duplicate.
import { StoreWriteError, applyStoreOp, type Store, type OutboxRecord } from "../data/store.ts";
import type { ChannelName, Sender } from "../bot/core/types.ts";
import { composeMessage, recordKind } from "./messages.ts";
import type { Limiter } from "./throttle.ts";
import { limited, realSleep } from "./throttle.ts";
import { unitKey } from "./reminders.ts";
import { chatGoneFrom, type ChatGone } from "../bot/core/group-lifecycle.ts";
import { classifySendFailure } from "../bot/core/send-failure.ts";

/** What a planner hands over to the outbox: the record before it has a status. */
export type NewRecord = Pick<
  OutboxRecord,
  "id" | "occurrenceId" | "itemId" | "planId" | "unitId" | "channel" | "chatId" | "stage" | "due" | "code" | "text"
>;

/**
 * Writes planned items as pending records in one atomic state write. A pending reminder of an older
 * stage for the same occurrence, unit and chat is superseded (cancelled): a chat never gets two stages
 * of one item in one message. Escalations are noted in state.escalations so they happen once.
 */
export async function recordPlanned(store: Store, items: readonly NewRecord[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  return store.update((s) => {
    const byId = new Map(s.outbox.map((r) => [r.id, r]));
    const at = now.toISOString();
    let added = 0;
    for (const it of items) {
      const existing = byId.get(it.id);
      if (existing) {
        if (existing.status === "pending") existing.text = it.text; // a retried item says "còn 2 ngày", not yesterday's "còn 3"
        continue;
      }
      if (recordKind(it) === "reminder") {
        for (const r of s.outbox) {
          if (r.status === "pending" && recordKind(r) === "reminder" && r.occurrenceId === it.occurrenceId && r.unitId === it.unitId && r.chatId === it.chatId) {
            r.status = "cancelled";
            r.lastError = `superseded by ${it.stage}`;
          }
        }
      }
      if (recordKind(it) === "escalation" && !s.escalations.some((e) => e.occurrenceId === it.occurrenceId && e.unitId === it.unitId)) {
        s.escalations.push({ occurrenceId: it.occurrenceId, unitId: it.unitId, at });
      }
      const rec: OutboxRecord = { ...it, status: "pending", createdAt: at, sentAt: null, messageId: null, attempts: 0, lastError: null, uncertainAt: null };
      s.outbox.push(rec);
      byId.set(rec.id, rec);
      added++;
    }
    return added;
  });
}

/** Cancels the pending reminders of an occurrence for a unit (it was confirmed, or snoozed). */
export function cancelPendingFor(s: { outbox: OutboxRecord[] }, occurrenceId: string, unitId: string, why: string): number {
  let n = 0;
  for (const r of s.outbox) {
    if (r.status === "pending" && recordKind(r) === "reminder" && unitKey(r.occurrenceId, r.unitId) === unitKey(occurrenceId, unitId)) {
      r.status = "cancelled";
      r.lastError = why;
      n++;
    }
  }
  return n;
}

export interface DeliverDeps {
  store: Store;
  senders: Partial<Record<ChannelName, Sender>>;
  limiter: Limiter;
  unitName: (unitId: string) => string;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  log: (level: "info" | "warn" | "error", msg: string, extra?: unknown) => void;
  /** longest 429 retry_after we wait for inside a run; longer → stays pending for the next run */
  maxRetryAfterSeconds?: number;
  /** a send answered "bot was kicked" / "upgraded to a supergroup" (bot/core/group-lifecycle.ts) */
  onChatGone?: (channel: ChannelName, chatId: string, gone: ChatGone) => Promise<void>;
  /** a channel's message quota is spent (Zalo 429): its sends stop for this run; main tells the coordinators */
  onQuotaExhausted?: (channel: ChannelName) => void;
}

export interface DeliverReport {
  messages: number;
  items: number;
  failed: number;
  /** chats whose channel is not running (e.g. a Zalo group while only Telegram runs), or whose quota is spent */
  skipped: number;
  /** sends that got no answer (may have arrived): resent once on the next run */
  uncertain: number;
  /** channels whose quota ran out during the run */
  quotaExhausted: ChannelName[];
}

/** Bot API 429: `parameters.retry_after` (grammY's GrammyError keeps it); other channels may set retryAfter. */
export function retryAfterSeconds(e: unknown): number | null {
  if (!e || typeof e !== "object") return null;
  const o = e as { error_code?: number; status?: number; parameters?: { retry_after?: number }; retryAfter?: number; retry_after?: number };
  const v = o.parameters?.retry_after ?? o.retryAfter ?? o.retry_after;
  if (typeof v === "number") return v;
  return o.error_code === 429 || o.status === 429 ? 1 : null;
}

/** Telegram 429 waits retry_after (up to the policy's limit) and tries again; nothing else is retried here. */
async function sendWithRetry(send: () => Promise<{ messageId: string }>, channel: ChannelName, deps: DeliverDeps): Promise<{ messageId: string }> {
  const sleep = deps.sleep ?? realSleep;
  const max = deps.maxRetryAfterSeconds ?? 120;
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      const f = classifySendFailure(e, channel);
      if (f.kind !== "retry-after" || f.seconds > max || attempt >= 2) throw e;
      deps.log("warn", `deliver: 429, waiting ${f.seconds}s as asked`);
      await sleep(f.seconds * 1000);
    }
  }
}

/** Sends every pending record, one message per chat, throttled; failures stay pending. */
export async function deliverPending(deps: DeliverDeps, opts: { catchUp: boolean; only?: (r: OutboxRecord) => boolean }): Promise<DeliverReport> {
  const report: DeliverReport = { messages: 0, items: 0, failed: 0, skipped: 0, uncertain: 0, quotaExhausted: [] };
  // nothing is sent that could not be recorded as sent (it would go out again after a restart)
  if (deps.store.readOnly) return report;
  const groups = new Map<string, OutboxRecord[]>();
  for (const r of deps.store.state.outbox) {
    if (r.status !== "pending" || (opts.only && !opts.only(r))) continue;
    const key = `${r.channel}:${r.chatId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, records] of groups) {
    const { channel, chatId } = records[0];
    if (!deps.store.state.bindings.some((b) => b.channel === channel && b.chatId === chatId)) {
      // the group was unregistered (/huydangky) after these were planned: it must not hear from us
      const ids = new Set(records.map((r) => r.id));
      await deps.store.update((s) => {
        for (const r of s.outbox) {
          if (!ids.has(r.id) || r.status !== "pending") continue;
          r.status = "cancelled";
          r.lastError = "group unregistered";
        }
      });
      continue;
    }
    const sender = deps.senders[channel];
    if (!sender || report.quotaExhausted.includes(channel)) {
      report.skipped++;
      continue;
    }
    records.sort((a, b) => (a.due === b.due ? a.id.localeCompare(b.id) : a.due < b.due ? -1 : 1));
    const message = composeMessage(records, { unitName: deps.unitName, catchUp: opts.catchUp });
    const ids = new Set(records.map((r) => r.id));
    try {
      const { messageId } = await sendWithRetry(() => limited(deps.limiter, key, "bulk", () => sender(chatId, { ...message, chatId, channel })), channel, deps);
      const at = deps.now().toISOString();
      const codes = [...new Set(records.filter((r) => recordKind(r) === "reminder").map((r) => r.code))];
      // recorded the moment the platform accepted it: one journal line, not a rewrite of the state
      await applyStoreOp(deps.store, { op: "sent", ids: [...ids], at, messageId, message: codes.length > 0 ? { channel, chatId, messageId, codes, at } : null });
      report.messages++;
      report.items += records.length;
    } catch (e) {
      // sent but not recorded (the disk refused): stop here; the store is read-only and alerting
      if (e instanceof StoreWriteError) {
        deps.log("error", `deliver: sent to ${key} but could not record it; delivery stops until the state can be written`, e.message);
        report.failed++;
        break;
      }
      report.failed++;
      const detail = e instanceof Error ? e.message : String(e);
      const failure = classifySendFailure(e, channel);
      if (failure.kind === "uncertain") {
        report.uncertain++;
        deps.log("warn", `deliver: no answer from ${key} (it may have arrived); ${records.length} item(s) are sent once more on the next run`, detail);
      } else {
        deps.log("warn", `deliver: sending to ${key} failed; ${records.length} item(s) stay pending`, detail);
      }
      if (failure.kind === "quota" && !report.quotaExhausted.includes(channel)) {
        report.quotaExhausted.push(channel);
        deps.log("error", `deliver: ${channel} answered 429: its message quota is spent; no more ${channel} sends this run, the rest stay pending`);
        deps.onQuotaExhausted?.(channel);
      }
      const gone = chatGoneFrom(e);
      if (gone && deps.onChatGone) {
        await deps.onChatGone(channel, chatId, gone);
        continue;
      }
      await applyStoreOp(deps.store, { op: "failed", ids: [...ids], at: deps.now().toISOString(), error: detail, uncertain: failure.kind === "uncertain" });
    }
  }
  return report;
}
