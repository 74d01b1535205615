// Confirmation of submission: a reply "đã nộp" / "đã gửi" / "xong" / "hoàn thành" / "done" to a reminder
// (any case, with or without diacritics), "đã nộp <mã>", or the buttons ok:/snz:/undo:. Mounted before
// the commands so a group's reply is recognised even when the bot was not addressed.
import type { ButtonPress, Incoming, Outgoing, PressResult } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import { foldVietnamese } from "../../../knowledge/text.ts";
import { bindingFor } from "../common.ts";
import { findByCode, responsibleUnits, unitMap, unitName } from "../../../jobs/occurrences.ts";
import { StoreWriteError, type Submission } from "../../../data/store.ts";
import { keepEvidence } from "../desk/evidence.ts";
import { can } from "../roles.ts";
import { activeSubmission, confirm, snooze, undo, type Actor } from "./actions.ts";

const CONFIRM = /^(?:@\S+\s+)*[\s\p{P}\p{S}]*(da nop|da gui|xong|hoan thanh|done)(?![\p{L}\p{N}])([\s\S]*)$/u;
const UNDO = /^(?:@\S+\s+)*(?:hoan tac|undo)\s+([a-z0-9]{6,12})\s*$/;

/** Known occurrence codes in a text, in order of appearance. */
export function codesIn(deps: CoreDeps, text: string): string[] {
  const out: string[] = [];
  for (const m of text.toUpperCase().matchAll(/(?<![A-Z0-9])[A-Z0-9]{4,6}(?![A-Z0-9])/g)) {
    if (!out.includes(m[0]) && findByCode(deps.knowledge.knowledge, m[0], deps.store.state)) out.push(m[0]);
  }
  return out;
}

/** The codes a replied-to message carries: from our record of sent reminders, else quoted in its text. */
function repliedCodes(deps: CoreDeps, msg: Incoming): string[] {
  if (!msg.replyTo) return [];
  const sent = deps.store.state.sentMessages.find((m) => m.channel === msg.channel && m.chatId === msg.chatId && m.messageId === msg.replyTo!.messageId);
  if (sent) return sent.codes;
  return codesIn(deps, msg.replyTo.text);
}

const binding = (deps: CoreDeps, msg: Incoming) => bindingFor(deps, msg.channel, msg.chatId);

const actorOf = (x: Incoming | ButtonPress): Actor => ({ channel: x.channel, chatId: x.chatId, chatType: x.chatType, userId: x.userId, userName: x.userName });

/** Of several codes, those still open for the unit of this chat; and why each other one is not. */
function openCodes(deps: CoreDeps, msg: Incoming, codes: string[]): { open: string[]; why: string[] } {
  const binding = bindingFor(deps, msg.channel, msg.chatId);
  if (!binding) return { open: codes, why: [] };
  const k = deps.knowledge.knowledge;
  const units = unitMap(k);
  const open: string[] = [];
  const why: string[] = [];
  for (const c of codes) {
    const occ = findByCode(k, c, deps.store.state);
    if (!occ) continue;
    const done = activeSubmission(deps, occ.id, binding.unitId);
    if (!responsibleUnits(occ, units, deps.store.state.bindings).includes(binding.unitId)) why.push(`• [${c}] không giao cho ${unitName(units, binding.unitId)}`);
    else if (done) why.push(`• [${c}] đã được ghi nhận trước đó (${done.userName})`);
    else open.push(c);
  }
  return { open, why };
}

function askWhich(deps: CoreDeps, codes: string[], replyTo: string): Outgoing {
  const k = deps.knowledge.knowledge;
  const lines = codes.map((c) => `• [${c}] ${findByCode(k, c, deps.store.state)?.title ?? ""}`);
  return {
    text: ["Tin nhắc này có nhiều việc. Đơn vị đã nộp việc nào?", ...lines].join("\n"),
    buttons: codes.slice(0, 20).map((c) => [{ text: `✅ Đã nộp ${c}`, data: `ok:${c}` }]),
    textFallback: `Trả lời: đã nộp <mã> (mã: ${codes.join(", ")})`,
    replyToMessageId: replyTo,
  };
}

async function onMessage(msg: Incoming, deps: CoreDeps): Promise<Outgoing[] | null> {
  const folded = foldVietnamese(msg.text).trim();
  const u = UNDO.exec(folded);
  if (u) {
    const r = await undo(deps, actorOf(msg), u[1]);
    return [{ text: r.text, replyToMessageId: msg.messageId }];
  }
  const m = CONFIRM.exec(folded);
  if (!m || /\?|(?<![\p{L}])chua(?![\p{L}])/u.test(m[2])) return null; // "xong chưa?" asks, it does not confirm
  const typed = codesIn(deps, m[2]);
  let codes = typed;
  if (codes.length === 0) {
    const replied = repliedCodes(deps, msg);
    if (replied.length === 0) return null; // "xong" said in passing, not about a reminder
    const sorted = replied.length === 1 ? { open: replied, why: [] } : openCodes(deps, msg, replied);
    codes = sorted.open;
    // say exactly why nothing was recorded (never "đã ghi nhận" for what was not)
    if (codes.length === 0) return [{ text: ["Không ghi nhận việc nào từ tin nhắc này:", ...sorted.why, "Không có gì thay đổi."].join("\n"), replyToMessageId: msg.messageId }];
    if (codes.length > 1) return [askWhich(deps, codes, msg.messageId)];
  }
  // the file is fetched and kept before anything is recorded: an oversized or unsupported one changes nothing
  let evidence: Submission["evidence"] = null;
  let evidenceNote: string | null = null;
  // only a unit's chat or an admin can confirm at all: nobody else's file is fetched onto the server
  if (msg.file && (binding(deps, msg) || can(deps, msg, "confirm"))) {
    const kept = await keepEvidence(deps, msg);
    if (kept.kind === "refused") return [{ text: kept.text, replyToMessageId: msg.messageId }];
    evidence = kept.evidence;
    evidenceNote = kept.note;
  }
  if (msg.file && !evidence) evidence = { fileId: msg.file.fileId, name: msg.file.name };
  const out: Outgoing[] = [];
  for (const code of codes) {
    let r;
    try {
      r = await confirm(deps, actorOf(msg), code, evidence);
    } catch (e) {
      if (!(e instanceof StoreWriteError)) throw e;
      // the unit must know this one was not kept, whatever happened to the others
      out.push({ text: `⚠️ Chưa ghi nhận được [${code}]. ${e.message}`, replyToMessageId: msg.messageId });
      continue;
    }
    out.push(r.kind === "recorded" ? { ...r.reply, replyToMessageId: msg.messageId } : { text: r.text, replyToMessageId: msg.messageId });
  }
  if (evidenceNote && out.length > 0) out.push({ text: evidenceNote.replace("<mã>", codes.join(", ")), replyToMessageId: msg.messageId });
  return out;
}

/** Bot API answerCallbackQuery: a toast holds at most 200 characters. */
const toast = (s: string) => (s.length <= 200 ? s : `${s.slice(0, 199)}…`);

async function onPress(press: ButtonPress, deps: CoreDeps): Promise<PressResult | null> {
  const m = /^(ok|snz|undo):([A-Za-z0-9]{4,12})$/.exec(press.data);
  if (!m) return null;
  const [, action, arg] = m;
  const actor = actorOf(press);
  if (action === "ok") {
    const r = await confirm(deps, actor, arg, null);
    if (r.kind === "recorded") return { toast: "Đã ghi nhận ✅", replies: [r.reply] };
    return { toast: toast(r.text), replies: [] };
  }
  if (action === "snz") {
    const r = await snooze(deps, actor, arg);
    return r.ok ? { toast: toast(r.text), replies: [{ text: `${r.text} (${press.userName})` }] } : { toast: toast(r.text), replies: [] };
  }
  const r = await undo(deps, actor, arg);
  return r.ok ? { toast: "Đã hoàn tác", replies: [{ text: r.text }] } : { toast: toast(r.text), replies: [] };
}

export const confirmationFeature: CoreFeature = { name: "reminders-confirm", onMessage, onPress };
