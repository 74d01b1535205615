// What a confirmation, a snooze and an undo do to the state, and who may do them.
// Rule (DESIGN.md): only the unit's bound group (or an admin) may confirm for that unit.
import { randomBytes } from "node:crypto";
import type { ChannelName, Outgoing } from "../types.ts";
import type { CoreDeps } from "../index.ts";
import type { Submission } from "../../../data/store.ts";
import { bindingFor } from "../common.ts";
import { authorize, can, idLine } from "../roles.ts";
import { recordChange } from "../audit.ts";
import { CODE_ALPHABET, agencyOfPlanId, expandOccurrences, findByCode, responsibleUnits, unitMap, unitName, type Occurrence } from "../../../jobs/occurrences.ts";
import { cancelPendingFor } from "../../../jobs/deliver.ts";
import { planLabel } from "../../../jobs/messages.ts";
import { defaultPolicy } from "../../../jobs/policy.ts";
import { addWorkdays, localDate, localTime } from "../../../jobs/workdays.ts";
import { formatDateVi } from "../../../knowledge/deadlines.ts";

export interface Actor {
  channel: ChannelName;
  chatId: string;
  chatType: "private" | "group";
  userId: string;
  userName: string;
}

export type Resolved = { ok: true; occ: Occurrence; unitId: string } | { ok: false; reason: string };

export function whenText(iso: string): string {
  const d = new Date(iso);
  return `${localTime(d)} ngày ${formatDateVi(localDate(d))}`;
}

/** The occurrence a code names and the unit the actor confirms for — or a polite reason why not. */
export function resolveFor(deps: CoreDeps, actor: Actor, code: string): Resolved {
  const k = deps.knowledge.knowledge;
  const occ = findByCode(k, code, deps.store.state);
  if (!occ) return { ok: false, reason: `Không tìm thấy việc có mã ${code.toUpperCase()}. Hãy kiểm tra lại mã trong tin nhắc hạn.` };
  const units = unitMap(k);
  const bindings = deps.store.state.bindings;
  const responsible = responsibleUnits(occ, units, bindings);
  const names = responsible.map((u) => unitName(units, u)).join(", ") || "đơn vị chủ trì";
  const binding = bindingFor(deps, actor.channel, actor.chatId);
  if (binding && responsible.includes(binding.unitId)) return { ok: true, occ, unitId: binding.unitId };
  const agencyId = agencyOfPlan(deps, occ.planId);
  const admin = can(deps, actor, "confirm", agencyId);
  if (binding) {
    return { ok: false, reason: `Việc [${occ.code}] không giao cho ${unitName(units, binding.unitId)}, nên nhóm này không xác nhận được. Việc này do ${names} thực hiện.` };
  }
  if (admin) {
    const bound = responsible.filter((u) => bindings.some((b) => b.unitId === u));
    const pick = bound.length === 1 ? bound : responsible.length === 1 ? responsible : [];
    if (pick.length === 1) return { ok: true, occ, unitId: pick[0] };
    return { ok: false, reason: `Việc [${occ.code}] giao cho nhiều đơn vị (${names}). Hãy xác nhận trong nhóm của đơn vị đã nộp.` };
  }
  authorize(deps, actor, "confirm", agencyId, { target: occ.code }); // logs the refused attempt
  return { ok: false, reason: `Xin lỗi, chỉ thành viên nhóm của ${names} (hoặc quản trị viên) mới xác nhận được việc [${occ.code}]. Không có gì thay đổi.\n${idLine(actor)}` };
}

/** The agency whose plan an occurrence or a submission belongs to. */
export function agencyOfPlan(deps: CoreDeps, planId: string): string | null {
  return agencyOfPlanId(deps.knowledge.knowledge, planId);
}

export function activeSubmission(deps: CoreDeps, occurrenceId: string, unitId: string): Submission | undefined {
  return deps.store.state.submissions.find((s) => s.occurrenceId === occurrenceId && s.unitId === unitId && !s.undoneAt);
}

function newId(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("").toLowerCase();
}

export type ConfirmResult = { kind: "recorded"; reply: Outgoing; submission: Submission } | { kind: "already"; text: string } | { kind: "refused"; text: string };

/** Records a submission (once), cancels the unit's remaining stages, and builds the acknowledgement. */
export async function confirm(deps: CoreDeps, actor: Actor, code: string, evidence: Submission["evidence"]): Promise<ConfirmResult> {
  const r = resolveFor(deps, actor, code);
  if (!r.ok) return { kind: "refused", text: r.reason };
  const k = deps.knowledge.knowledge;
  const unit = unitName(unitMap(k), r.unitId);
  const at = deps.now().toISOString();
  const result = await deps.store.update((s) => {
    const existing = s.submissions.find((x) => x.occurrenceId === r.occ.id && x.unitId === r.unitId && !x.undoneAt);
    // the file sent again after a failed download (or later than the confirmation) is kept with it
    if (existing && evidence?.sha256 && (!existing.evidence || !existing.evidence.sha256)) {
      const before = existing.evidence;
      existing.evidence = evidence;
      return { existing, attached: before };
    }
    if (existing) return { existing };
    const submission: Submission = {
      id: newId(),
      occurrenceId: r.occ.id,
      itemId: r.occ.itemId,
      planId: r.occ.planId,
      unitId: r.unitId,
      userId: actor.userId,
      userName: actor.userName,
      chatId: actor.chatId,
      channel: actor.channel,
      at,
      evidence,
      undoneAt: null,
    };
    s.submissions.push(submission);
    cancelPendingFor(s, r.occ.id, r.unitId, "confirmed");
    s.snoozes = s.snoozes.filter((z) => !(z.occurrenceId === r.occ.id && z.unitId === r.unitId));
    return { submission };
  });
  if ("existing" in result && result.existing && "attached" in result) {
    const e = result.existing;
    await recordChange(deps, actor, { action: "evidence", agencyId: agencyOfPlan(deps, r.occ.planId), unitId: r.unitId, target: r.occ.code, before: result.attached ?? null, after: { name: evidence!.name, sha256: evidence!.sha256 }, note: r.occ.title });
    return { kind: "already", text: `📎 Đã lưu tệp «${evidence!.name}» làm minh chứng cho «${r.occ.title}» [${r.occ.code}] của ${unit} (xác nhận nộp lúc ${whenText(e.at)}, ${e.userName}). SHA-256: ${evidence!.sha256}` };
  }
  if ("existing" in result && result.existing) {
    const e = result.existing;
    return { kind: "already", text: `Việc «${r.occ.title}» [${r.occ.code}] của ${unit} đã được ghi nhận lúc ${whenText(e.at)} (người xác nhận: ${e.userName}). Không có gì thay đổi.` };
  }
  const sub = (result as { submission: Submission }).submission;
  deps.log("info", `reminders: ${r.occ.id} confirmed for ${r.unitId} by ${actor.channel}:${actor.userId}`);
  await recordChange(deps, actor, {
    action: "confirm",
    agencyId: agencyOfPlan(deps, r.occ.planId),
    unitId: r.unitId,
    target: r.occ.code,
    before: null,
    after: { submission: sub.id, occurrenceId: r.occ.id, at, evidence: evidence?.name ?? null, ...(evidence?.sha256 ? { sha256: evidence.sha256 } : {}) },
    note: r.occ.title,
  });
  const lines = [
    `✅ Đã ghi nhận: ${unit} đã nộp «${r.occ.title}» [mã ${r.occ.code}].`,
    `Kế hoạch: ${planLabel(k, r.occ.planId)}; hạn ${r.occ.dueText}.`,
    `Người xác nhận: ${actor.userName}, lúc ${whenText(at)}.`,
  ];
  if (evidence) lines.push(evidence.sha256 ? `Tệp kèm theo: ${evidence.name} (đã lưu, SHA-256: ${evidence.sha256.slice(0, 16)}…)` : `Tệp kèm theo: ${evidence.name}`);
  lines.push(`Các nhắc nhở còn lại của việc này đã dừng. Nếu nhầm, bấm ↩️ Hoàn tác trong ${defaultPolicy.undoHours} giờ.`);
  return {
    kind: "recorded",
    submission: sub,
    reply: {
      text: lines.join("\n"),
      buttons: [[{ text: "↩️ Hoàn tác", data: `undo:${sub.id}` }]],
      textFallback: `Nếu nhầm, trả lời "hoàn tác ${sub.id}" trong ${defaultPolicy.undoHours} giờ.`,
    },
  };
}

/** Takes back a confirmation within the undo window; its reminders resume. */
export async function undo(deps: CoreDeps, actor: Actor, id: string): Promise<{ ok: boolean; text: string }> {
  const sub = deps.store.state.submissions.find((s) => s.id === id.toLowerCase());
  if (!sub) return { ok: false, text: "Không tìm thấy xác nhận này (có thể đã bị xoá)." };
  if (sub.undoneAt) return { ok: false, text: "Xác nhận này đã được hoàn tác rồi." };
  const sameGroup = sub.channel === actor.channel && sub.chatId === actor.chatId;
  const sameUnit = bindingFor(deps, actor.channel, actor.chatId)?.unitId === sub.unitId;
  const agencyId = agencyOfPlan(deps, sub.planId);
  if (!sameGroup && !sameUnit && !authorize(deps, actor, "confirm", agencyId, { target: sub.id, unitId: sub.unitId }).ok) {
    return { ok: false, text: `Xin lỗi, chỉ nhóm đã xác nhận (hoặc quản trị viên) mới hoàn tác được. Không có gì thay đổi.\n${idLine(actor)}` };
  }
  const ageMs = deps.now().getTime() - Date.parse(sub.at);
  if (ageMs > defaultPolicy.undoHours * 3600_000) {
    return { ok: false, text: `Đã quá ${defaultPolicy.undoHours} giờ nên không hoàn tác được nữa. Nhờ quản trị viên nếu cần sửa.` };
  }
  const at = deps.now().toISOString();
  await deps.store.update((s) => {
    const x = s.submissions.find((y) => y.id === sub.id);
    if (x && !x.undoneAt) x.undoneAt = at;
  });
  const k = deps.knowledge.knowledge;
  const occ = expandOccurrences(k, deps.store.state).find((o) => o.id === sub.occurrenceId);
  deps.log("info", `reminders: confirmation ${sub.id} undone by ${actor.channel}:${actor.userId}`);
  await recordChange(deps, actor, {
    action: "undo",
    agencyId,
    unitId: sub.unitId,
    target: occ?.code ?? sub.occurrenceId,
    before: { submission: sub.id, at: sub.at, by: sub.userName },
    after: { undoneAt: at },
    note: occ?.title ?? null,
  });
  const what = occ ? `«${occ.title}» [${occ.code}]` : sub.occurrenceId;
  return { ok: true, text: `↩️ Đã hoàn tác xác nhận ${what} của ${unitName(unitMap(k), sub.unitId)}. Nhắc hạn sẽ tiếp tục.` };
}

/** "⏰ Nhắc lại sau": quiet until the next working day. */
export async function snooze(deps: CoreDeps, actor: Actor, code: string): Promise<{ ok: boolean; text: string }> {
  const r = resolveFor(deps, actor, code);
  if (!r.ok) return { ok: false, text: r.reason };
  if (activeSubmission(deps, r.occ.id, r.unitId)) return { ok: false, text: `Việc [${r.occ.code}] đã được xác nhận nộp, không cần nhắc lại.` };
  const until = addWorkdays(localDate(deps.now()), 1);
  const before = await deps.store.update((s) => {
    const old = s.snoozes.find((z) => z.occurrenceId === r.occ.id && z.unitId === r.unitId);
    s.snoozes = s.snoozes.filter((z) => z !== old);
    s.snoozes.push({ occurrenceId: r.occ.id, unitId: r.unitId, until });
    cancelPendingFor(s, r.occ.id, r.unitId, "snoozed");
    return old ? { until: old.until } : null;
  });
  await recordChange(deps, actor, { action: "snooze", agencyId: agencyOfPlan(deps, r.occ.planId), unitId: r.unitId, target: r.occ.code, before, after: { until }, note: r.occ.title });
  return { ok: true, text: `⏰ Sẽ nhắc lại «${r.occ.title}» [${r.occ.code}] vào ngày ${formatDateVi(until)} (ngày làm việc tiếp theo).` };
}
