// Small changes the delivery makes once per message, as data: a store can append them to a journal
// (lowdb: O(1) per send) or run them in a transaction (PostgreSQL) instead of rewriting the state.
// applyOp is the one meaning of each; replaying one twice changes nothing more.
import type { State } from "./store.ts";

export interface SentMessageEntry {
  channel: "telegram" | "zalo" | "console";
  chatId: string;
  messageId: string;
  codes: string[];
  at: string;
}

export type StoreOp =
  /** the platform accepted the message carrying these outbox records */
  | { op: "sent"; ids: string[]; at: string; messageId: string; message: SentMessageEntry | null }
  /** a send failed; `uncertain`: no answer came, it may have arrived */
  | { op: "failed"; ids: string[]; at: string; error: string; uncertain: boolean };

export function applyOp(s: State, op: StoreOp): void {
  const ids = new Set(op.ids);
  if (op.op === "sent") {
    for (const r of s.outbox) {
      if (!ids.has(r.id) || r.status !== "pending") continue;
      r.status = "sent";
      r.sentAt = op.at;
      r.messageId = op.messageId;
      r.attempts++;
      r.uncertainAt = null;
    }
    const m = op.message;
    if (m && !s.sentMessages.some((x) => x.channel === m.channel && x.chatId === m.chatId && x.messageId === m.messageId)) s.sentMessages.push(m);
    return;
  }
  for (const r of s.outbox) {
    if (!ids.has(r.id) || r.status !== "pending") continue;
    r.attempts++;
    r.lastError = op.error.slice(0, 300);
    r.uncertainAt = op.uncertain ? op.at : null;
  }
}
