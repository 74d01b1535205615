// /giao step by step: unit (several matches → buttons on Telegram, numbers on Zalo and the console),
// content, due date. The steps are kept in state.pending, so they survive a restart; «huỷ» stops them.
import type { Button, ButtonPress, Incoming, Outgoing, PressResult } from "../types.ts";
import type { CoreDeps, CoreFeature } from "../index.ts";
import type { Unit } from "../../../knowledge/schema.ts";
import { randomBytes } from "node:crypto";
import { clip, isoDay, pendingKey, unitById, unitLabel } from "../common.ts";
import { ADHOC_PENDING, MAX_TITLE, assign, findUnit, parseDue } from "./adhoc-assign.ts";

const KIND = ADHOC_PENDING;
/** steps older than this are forgotten */
const PENDING_TTL_MS = 24 * 3600_000;

type Step =
  | { step: "unit"; by: string; nonce: string; choices?: string[] }
  | { step: "title"; by: string; nonce: string; unitId: string }
  | { step: "due"; by: string; nonce: string; unitId: string; title: string };

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

/** /giao alone: the first step. */
export async function startSteps(deps: CoreDeps, msg: Incoming): Promise<Outgoing[]> {
  const nonce = randomBytes(4).toString("hex");
  await savePending(deps, msg, { step: "unit", by: msg.userId, nonce });
  return [{ text: "Giao việc ngoài kế hoạch.\nBước 1/3 — Giao cho đơn vị nào? (gõ tên, ví dụ «Thanh tra Sở GTVT Sơn La»)", buttons: cancelButton(nonce), textFallback: "Gõ tên đơn vị, hoặc «huỷ»." }];
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

/** The answers to /giao's steps and its buttons; mounted after the commands (a command typed mid-way wins). */
export const adhocStepsFeature: CoreFeature = { name: "desk-adhoc-steps", onMessage: onStep, onPress };
