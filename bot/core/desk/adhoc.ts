// /giao (/assign): a task outside the plans (nhiệm vụ phát sinh, from a chỉ đạo document) for one unit, with a
// due date and optionally "hằng tháng ngày 20". In one line — /giao <đơn vị> | <nội dung> | <hạn> [| hằng tháng ngày 20]
// — or step by step (buttons on Telegram, numbered answers on Zalo and the console), the steps kept in
// state.pending so they survive a restart. The task joins the plans' occurrences (jobs/occurrences.ts):
// a code, reminders, "đã nộp <mã>", /giahan, /tiendo, /han, the report. /huygiao (/cancel_task) <mã> cancels it.
import type { Button, ButtonPress, Incoming, Outgoing, PressResult } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import type { AdhocTask } from "../../../data/store.ts";
import type { Unit } from "../../../knowledge/schema.ts";
import { randomBytes } from "node:crypto";
import { bindingFor, clip, isoDay, matchCommand, pendingKey, unitById, unitLabel } from "../common.ts";
import { agenciesFor, authorize, type Actor } from "../roles.ts";
import { recordChange } from "../audit.ts";
import { resolveUnit } from "../resolve-unit.ts";
import { adhocDates } from "../../../jobs/occurrences.ts";
import { recordKind } from "../../../jobs/messages.ts";
import { formatDateVi } from "../../../knowledge/deadlines.ts";
import { chatsOfUnit, findDay, findMonthly, newRecordId, occurrencesOf } from "./common.ts";

const commands = [
  { name: "giao", aliases: ["assign"], description: "Giao việc ngoài kế hoạch: /giao <đơn vị> | <nội dung> | <hạn> (quản trị viên)", adminOnly: true },
  { name: "huygiao", aliases: ["cancel_task"], description: "Huỷ việc đã giao: /huygiao <mã> (quản trị viên)", adminOnly: true },
];

const USAGE =
  "Cách dùng: /giao <đơn vị> | <nội dung> | <hạn> [| hằng tháng ngày 20], ví dụ /giao Thanh tra Sở | Báo cáo kết quả kiểm tra theo Công văn 45/UBND | 30/9/2024. Hoặc gõ /giao rồi trả lời từng bước.";
const KIND = "giao";
const MAX_TITLE = 400;
/** steps older than this are forgotten */
const PENDING_TTL_MS = 24 * 3600_000;

interface Draft {
  unitId: string;
  title: string;
  due: string;
  monthlyDay: number | null;
}

type Step =
  | { step: "unit"; by: string; nonce: string; choices?: string[] }
  | { step: "title"; by: string; nonce: string; unitId: string }
  | { step: "due"; by: string; nonce: string; unitId: string; title: string };

/** The first day on or after `today` that is day `n` of a month (clipped to the month's end). */
function nextMonthly(today: string, n: number): string {
  const [y, m] = today.split("-").map(Number);
  const dates = adhocDates({ due: today, recurrence: { kind: "monthly", day: n }, until: `${y + 1}-${String(m).padStart(2, "0")}-28` });
  return dates[0] ?? today;
}

type Parsed = { ok: true; due: string; monthlyDay: number | null; rest: string } | { ok: false; text: string };

/** The due date (and recurrence) in a text; the rest is the content. */
function parseDue(text: string, today: string): Parsed {
  const monthly = findMonthly(text);
  const afterMonthly = monthly ? monthly.rest : text;
  const found = findDay(afterMonthly, today);
  if (found && "invalid" in found) return { ok: false, text: `Ngày «${found.invalid}» không có thật. Hãy gõ hạn dạng ngày/tháng/năm, ví dụ 30/9/2024. Chưa giao việc nào.` };
  if (!found && !monthly) return { ok: false, text: `Tôi chưa đọc được hạn hoàn thành. Hãy gõ dạng ngày/tháng/năm (ví dụ 30/9/2024), có thể thêm «hằng tháng ngày 20». Chưa giao việc nào.` };
  const due = found ? found.day : nextMonthly(today, monthly!.day);
  if (due < today) return { ok: false, text: `Hạn ${formatDateVi(due)} đã qua (hôm nay ${formatDateVi(today)}); hạn phải từ hôm nay trở đi. Chưa giao việc nào.` };
  return { ok: true, due, monthlyDay: monthly?.day ?? null, rest: found ? found.rest : afterMonthly };
}

/** A unit the actor may assign to, or the sentence why not; several matches → choices. In a bound group,
 *  a name that several agencies have ("Thanh tra Sở") means the group's agency's. */
function findUnit(deps: CoreDeps, actor: Actor & { chatId: string }, query: string): { unit: Unit } | { many: Unit[] } | { text: string } {
  const k = deps.knowledge.knowledge;
  const scope = agenciesFor(deps, actor, "manage-tasks");
  const r = resolveUnit(k, query);
  const allowed = (u: Unit) => (scope === "all" || scope.includes(u.agencyId)) && u.kind !== "collective";
  if (r.kind === "one" && allowed(r.unit)) return { unit: r.unit };
  if (r.kind === "many") {
    const list = r.units.filter(allowed);
    if (list.length === 1) return { unit: list[0] };
    const home = bindingFor(deps, actor.channel, actor.chatId)?.agencyId;
    const ours = list.filter((u) => u.agencyId === home);
    if (ours.length === 1) return { unit: ours[0] };
    if (list.length > 1) return { many: list };
  }
  const hint = r.kind === "none" && r.suggestions.length > 0 ? ` Có phải: ${r.suggestions.slice(0, 3).map((u) => unitLabel(k, u)).join("; ")}?` : "";
  return { text: `Không tìm thấy đơn vị «${clip(query, 60)}» mà bạn được giao việc.${hint} Chưa giao việc nào.` };
}

/** Saves the task, tells the unit's groups, answers the admin. */
async function assign(deps: CoreDeps, actor: Actor & { chatId: string }, draft: Draft): Promise<Outgoing[]> {
  const k = deps.knowledge.knowledge;
  const unit = unitById(k, draft.unitId);
  if (!unit) return [{ text: "Đơn vị này không còn trong các kế hoạch đã nạp. Chưa giao việc nào." }];
  const allowed = authorize(deps, actor, "manage-tasks", unit.agencyId, { unitId: unit.id });
  if (!allowed.ok) return [{ text: allowed.reply }];
  const task: AdhocTask = {
    id: newRecordId("adhoc"),
    agencyId: unit.agencyId,
    unitId: unit.id,
    title: draft.title,
    due: draft.due,
    recurrence: draft.monthlyDay ? { kind: "monthly", day: draft.monthlyDay } : null,
    until: draft.monthlyDay ? `${draft.due.slice(0, 4)}-12-31` : null,
    channel: actor.channel,
    chatId: actor.chatId,
    userId: actor.userId,
    userName: actor.userName ?? "",
    at: deps.now().toISOString(),
    cancelledAt: null,
    cancelledBy: null,
  };
  await deps.store.update((s) => {
    s.adhocTasks.push(task);
    s.pending = s.pending.filter((p) => p.key !== pendingKey(actor.channel, actor.chatId, KIND));
  });
  const occs = occurrencesOf(deps).filter((o) => o.itemId === task.id);
  const first = occs[0];
  const repeat = task.recurrence ? ` (hằng tháng ngày ${task.recurrence.day}, đến ${formatDateVi(task.until!)}; ${occs.length} lần)` : "";
  await recordChange(deps, actor, { action: "assign", agencyId: unit.agencyId, unitId: unit.id, target: first?.code ?? task.id, before: null, after: { task: task.id, title: task.title, due: task.due, recurrence: task.recurrence }, note: task.title });
  deps.log("info", `desk: ad-hoc task ${task.id} for ${unit.id} due ${task.due} by ${actor.channel}:${actor.userId}`);
  const codes = occs.map((o) => o.code);
  const chats = chatsOfUnit(deps, unit.id);
  const notice = (code: string): Outgoing => ({
    text: `📌 Việc được giao cho ${unit.name}: «${task.title}» [mã ${code}] — hạn ${formatDateVi(task.due)}${repeat}. Người giao: ${actor.userName || actor.userId}. Khi xong, trả lời: đã nộp ${code}`,
    format: { code: [code] },
  });
  const out: Outgoing[] = [
    {
      text: [
        `✅ Đã giao việc [mã ${codes[0]}] cho ${unitLabel(k, unit)}: «${task.title}», hạn ${formatDateVi(task.due)}${repeat}.`,
        chats.length > 0 ? "Nhóm của đơn vị đã được báo và sẽ được nhắc hạn như các việc trong kế hoạch." : `Đơn vị chưa đăng ký nhóm nên chưa nhận được nhắc hạn; quản trị viên gõ /dangky ${unit.name} trong nhóm của đơn vị.`,
        `Huỷ: /huygiao ${codes[0]}`,
      ].join("\n"),
      format: { code: codes.slice(0, 1) },
    },
  ];
  for (const b of chats) if (!(b.channel === actor.channel && b.chatId === actor.chatId)) out.push({ ...notice(codes[0]), channel: b.channel, chatId: b.chatId });
  return out;
}

function unitPrompt(units: Unit[], deps: CoreDeps, nonce: string): Outgoing {
  const k = deps.knowledge.knowledge;
  const labels = units.map((u) => unitLabel(k, u));
  const buttons: Button[][] = labels.map((l, i) => [{ text: clip(l, 60), data: `giao:${nonce}:u${i}` }]);
  buttons.push([{ text: "✖ Huỷ", data: `giao:${nonce}:x` }]);
  return {
    text: "Có nhiều đơn vị khớp. Giao cho đơn vị nào?",
    buttons,
    textFallback: [...labels.map((l, i) => `${i + 1}. ${l}`), `Trả lời bằng số (1–${labels.length}), hoặc «huỷ».`].join("\n"),
  };
}

async function savePending(deps: CoreDeps, where: { channel: Incoming["channel"]; chatId: string }, data: Step): Promise<void> {
  const key = pendingKey(where.channel, where.chatId, KIND);
  await deps.store.update((s) => {
    s.pending = s.pending.filter((p) => p.key !== key);
    s.pending.push({ key, kind: KIND, data, at: deps.now().toISOString() });
  });
}

function livePending(deps: CoreDeps, where: { channel: Incoming["channel"]; chatId: string }): Step | null {
  const p = deps.store.state.pending.find((x) => x.key === pendingKey(where.channel, where.chatId, KIND));
  if (!p || deps.now().getTime() - Date.parse(p.at) > PENDING_TTL_MS) return null;
  return p.data as Step;
}

async function dropPending(deps: CoreDeps, where: { channel: Incoming["channel"]; chatId: string }): Promise<void> {
  const key = pendingKey(where.channel, where.chatId, KIND);
  if (deps.store.state.pending.some((p) => p.key === key)) await deps.store.update((s) => void (s.pending = s.pending.filter((p) => p.key !== key)));
}

const cancelButton = (nonce: string): Button[][] => [[{ text: "✖ Huỷ", data: `giao:${nonce}:x` }]];

async function askTitle(deps: CoreDeps, msg: Pick<Incoming, "channel" | "chatId" | "userId">, unit: Unit, nonce: string): Promise<Outgoing[]> {
  await savePending(deps, msg, { step: "title", by: msg.userId, nonce, unitId: unit.id });
  return [{ text: `Giao việc cho ${unitLabel(deps.knowledge.knowledge, unit)}.\nBước 2/3 — Nội dung công việc là gì? (ghi cả số văn bản chỉ đạo nếu có)`, buttons: cancelButton(nonce), textFallback: "Gõ nội dung, hoặc «huỷ»." }];
}

/** One-line /giao, or the first step. */
async function giao(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const allowed = authorize(deps, msg, "manage-tasks");
  if (!allowed.ok) return [{ text: allowed.reply }];
  const nonce = randomBytes(4).toString("hex");
  if (!args) {
    await savePending(deps, msg, { step: "unit", by: msg.userId, nonce });
    return [{ text: "Giao việc ngoài kế hoạch.\nBước 1/3 — Giao cho đơn vị nào? (gõ tên, ví dụ «Thanh tra Sở GTVT Sơn La»)", buttons: cancelButton(nonce), textFallback: "Gõ tên đơn vị, hoặc «huỷ»." }];
  }
  const parts = args.split(/\s*[|;\n]\s*/).filter(Boolean);
  if (parts.length < 2) return [{ text: `Thiếu nội dung hoặc hạn. ${USAGE}` }];
  const where = findUnit(deps, msg, parts[0]);
  if ("text" in where) return [{ text: where.text }];
  if ("many" in where) return [{ text: `«${clip(parts[0], 60)}» khớp nhiều đơn vị: ${where.many.map((u) => unitLabel(deps.knowledge.knowledge, u)).join("; ")}. Hãy gõ tên đầy đủ hơn (kèm tên sở/tỉnh). Chưa giao việc nào.` }];
  const parsed = parseDue(parts.slice(1).join(" | "), isoDay(deps.now()));
  if (!parsed.ok) return [{ text: parsed.text }];
  const title = parsed.rest.split(/\s*\|\s*/).filter(Boolean).join("; ").trim();
  if (!title) return [{ text: `Thiếu nội dung công việc. ${USAGE}` }];
  if (title.length > MAX_TITLE) return [{ text: `Nội dung dài quá (${title.length} ký tự; tối đa ${MAX_TITLE}). Hãy viết ngắn lại, chi tiết để trong văn bản chỉ đạo. Chưa giao việc nào.` }];
  return assign(deps, { ...msg, chatId: msg.chatId }, { unitId: where.unit.id, title, due: parsed.due, monthlyDay: parsed.monthlyDay });
}

const CANCEL_WORDS = /^(?:huy|huỷ|hủy|thoi|thôi|cancel|\/huy)$/iu;

/** A reply in the middle of the steps (same chat, same person). */
async function onStep(msg: Incoming, deps: CoreDeps): Promise<Outgoing[] | null> {
  if (msg.text.trim().startsWith("/")) return null;
  const step = livePending(deps, msg);
  if (!step || step.by !== msg.userId) return null;
  if (msg.chatType === "group" && !msg.addressed) return null;
  const text = msg.text.trim();
  if (!text) return null;
  if (CANCEL_WORDS.test(text)) {
    await dropPending(deps, msg);
    return [{ text: "Đã huỷ, chưa giao việc nào." }];
  }
  const k = deps.knowledge.knowledge;
  if (step.step === "unit") {
    if (step.choices && /^\d{1,2}$/.test(text)) {
      const unit = unitById(k, step.choices[Number(text) - 1] ?? "");
      if (!unit) return [{ text: `Hãy trả lời một số từ 1 đến ${step.choices.length}, hoặc «huỷ».` }];
      return askTitle(deps, msg, unit, step.nonce);
    }
    const where = findUnit(deps, msg, text);
    if ("text" in where) return [{ text: where.text.replace(" Chưa giao việc nào.", " Hãy gõ lại tên đơn vị, hoặc «huỷ».") }];
    if ("many" in where) {
      await savePending(deps, msg, { ...step, choices: where.many.map((u) => u.id) });
      return [unitPrompt(where.many, deps, step.nonce)];
    }
    return askTitle(deps, msg, where.unit, step.nonce);
  }
  if (step.step === "title") {
    if (text.length > MAX_TITLE) return [{ text: `Nội dung dài quá (${text.length} ký tự; tối đa ${MAX_TITLE}). Hãy viết ngắn lại.` }];
    await savePending(deps, msg, { step: "due", by: step.by, nonce: step.nonce, unitId: step.unitId, title: text });
    return [{ text: "Bước 3/3 — Hạn hoàn thành? (ngày/tháng/năm, ví dụ 30/9/2024; việc định kỳ: «hằng tháng ngày 20» hoặc «20/7/2024 hằng tháng ngày 20»)", buttons: cancelButton(step.nonce), textFallback: "Gõ hạn, hoặc «huỷ»." }];
  }
  const parsed = parseDue(text, isoDay(deps.now()));
  if (!parsed.ok) return [{ text: parsed.text.replace(" Chưa giao việc nào.", " Hãy gõ lại hạn, hoặc «huỷ».") }];
  return assign(deps, { ...msg, chatId: msg.chatId }, { unitId: step.unitId, title: step.title, due: parsed.due, monthlyDay: parsed.monthlyDay });
}

async function onPress(press: ButtonPress, deps: CoreDeps): Promise<PressResult | null> {
  const m = /^giao:([0-9a-f]+):(x|u\d{1,2})$/.exec(press.data);
  if (!m) return null;
  const step = livePending(deps, press);
  if (!step || step.nonce !== m[1] || step.by !== press.userId) return { toast: "Lựa chọn này đã hết hạn. Gõ lại /giao.", replies: [], edit: { text: "Lựa chọn đã hết hạn. Gõ lại /giao.", buttons: [] } };
  if (m[2] === "x") {
    await dropPending(deps, press);
    return { toast: "Đã huỷ.", replies: [], edit: { text: "Đã huỷ, chưa giao việc nào.", buttons: [] } };
  }
  const unit = step.step === "unit" ? unitById(deps.knowledge.knowledge, step.choices?.[Number(m[2].slice(1))] ?? "") : undefined;
  if (!unit) return { toast: "Lựa chọn này đã hết hạn. Gõ lại /giao.", replies: [] };
  const replies = await askTitle(deps, press, unit, step.nonce);
  return { toast: unit.name.slice(0, 200), replies, edit: { text: `Giao cho: ${unitLabel(deps.knowledge.knowledge, unit)}`, buttons: [] } };
}

/** /huygiao <mã>: the task (every month of a recurring one) is cancelled and the unit told. */
async function cancelTask(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const code = args.split(/\s+/)[0]?.toUpperCase() ?? "";
  if (!code) return [{ text: "Cách dùng: /huygiao <mã việc đã giao>, ví dụ /huygiao K7MXR." }];
  const occ = occurrencesOf(deps).find((o) => o.code === code);
  const task = occ?.kind === "adhoc" ? deps.store.state.adhocTasks.find((t) => t.id === occ.itemId) : undefined;
  if (!occ || !task) return [{ text: `Không có việc được giao nào mang mã ${code}${occ ? " (mã này là việc trong kế hoạch, không huỷ được)" : ""}. Không có gì thay đổi.` }];
  const allowed = authorize(deps, msg, "manage-tasks", task.agencyId, { target: code, unitId: task.unitId });
  if (!allowed.ok) return [{ text: allowed.reply }];
  const at = deps.now().toISOString();
  await deps.store.update((s) => {
    const t = s.adhocTasks.find((x) => x.id === task.id);
    if (t && !t.cancelledAt) {
      t.cancelledAt = at;
      t.cancelledBy = `${msg.channel}:${msg.userId}`;
    }
    for (const r of s.outbox) if (r.itemId === task.id && r.status === "pending" && recordKind(r) === "reminder") (r.status = "cancelled"), (r.lastError = "task cancelled");
  });
  await recordChange(deps, msg, { action: "cancel-task", agencyId: task.agencyId, unitId: task.unitId, target: code, before: { task: task.id, title: task.title, due: task.due }, after: { cancelledAt: at }, note: task.title });
  const k = deps.knowledge.knowledge;
  const unit = unitById(k, task.unitId);
  const line = `✖ Việc được giao «${task.title}» [mã ${code}] đã được huỷ (người huỷ: ${msg.userName || msg.userId}); đơn vị không cần thực hiện nữa.`;
  const out: Outgoing[] = [{ text: `Đã huỷ việc «${task.title}» [mã ${code}] của ${unit ? unitLabel(k, unit) : task.unitId}; nhóm của đơn vị đã được báo.` }];
  for (const b of chatsOfUnit(deps, task.unitId)) if (!(b.channel === msg.channel && b.chatId === msg.chatId)) out.push({ text: line, channel: b.channel, chatId: b.chatId });
  return out;
}

export const adhocFeature: CoreFeature = {
  name: "desk-adhoc",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    if (!cmd) return null;
    return cmd.command.name === "giao" ? giao(msg, cmd.args, deps) : cancelTask(msg, cmd.args, deps);
  },
  onPress,
};

/** The answers to /giao's steps; mounted after the commands (a command typed mid-way wins). */
export const adhocStepsFeature: CoreFeature = { name: "desk-adhoc-steps", onMessage: onStep };
