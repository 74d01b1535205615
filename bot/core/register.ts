// /dangky binds a group to a unit (admins only); /huydangky removes the binding. An ambiguous name is
// answered with buttons "reg:<n>" (Telegram) or a numbered list (text-only channels); both read the
// choice list kept in state.pending, so a choice still works after a restart.
import type { Button, ButtonPress, Incoming, Outgoing } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import type { Unit } from "../../knowledge/schema.ts";
import { bindingFor, clip, matchCommand, pendingKey, unitById, unitLabel } from "./common.ts";
import { agenciesFor, authorize, can } from "./roles.ts";
import { recordChange } from "./audit.ts";
import { resolveUnit } from "./resolve-unit.ts";
import { unitNotFoundText } from "./unit-replies.ts";

const KIND = "register";
/** a choice list older than this is stale */
const PENDING_TTL_MS = 24 * 3600_000;

interface RegisterChoice {
  unitIds: string[];
  by: string;
}

const commands = [
  { name: "dangky", aliases: ["register"], description: "Gắn nhóm này với một đơn vị (quản trị viên)", adminOnly: true },
  { name: "huydangky", aliases: ["unregister"], description: "Bỏ gắn nhóm với đơn vị (quản trị viên)", adminOnly: true },
];

const USAGE =
  "Cách dùng: /dangky <tên đơn vị>, có thể kèm tên sở hoặc tỉnh.\nVí dụ: /dangky Văn phòng Sở LĐTBXH Quảng Trị";
const GROUP_ONLY =
  "Lệnh này dùng trong nhóm chat của đơn vị: thêm tôi vào nhóm, rồi gõ /dangky <tên đơn vị> trong nhóm đó.";

type Where = { channel: Incoming["channel"]; chatId: string; userId: string; userName?: string };

/** Binds after checking the actor may register groups of the unit's agency, and of the agency the group had. */
async function bind(deps: CoreDeps, where: Where, unit: Unit): Promise<{ ok: boolean; text: string }> {
  const old = bindingFor(deps, where.channel, where.chatId);
  const target = `${where.channel}:${where.chatId}`;
  for (const agencyId of new Set([unit.agencyId, ...(old ? [old.agencyId] : [])])) {
    const d = authorize(deps, where, "register", agencyId, { target, unitId: unit.id });
    if (!d.ok) return { ok: false, text: d.reply };
  }
  return { ok: true, text: await bindNow(deps, where, unit) };
}

async function bindNow(deps: CoreDeps, where: Where, unit: Unit): Promise<string> {
  const knowledge = deps.knowledge.knowledge;
  const previous = await deps.store.update((s) => {
    const old = s.bindings.find((b) => b.channel === where.channel && b.chatId === where.chatId);
    s.bindings = s.bindings.filter((b) => b !== old);
    s.bindings.push({
      channel: where.channel,
      chatId: where.chatId,
      chatTitle: old?.chatTitle ?? "",
      unitId: unit.id,
      agencyId: unit.agencyId,
      boundBy: where.userId,
      boundAt: deps.now().toISOString(),
    });
    s.pending = s.pending.filter((p) => p.key !== pendingKey(where.channel, where.chatId, KIND));
    return old;
  });
  deps.log("info", `register: ${where.channel}:${where.chatId} → ${unit.id} by ${where.userId}`);
  await recordChange(deps, where, {
    action: "bind",
    agencyId: unit.agencyId,
    unitId: unit.id,
    target: `${where.channel}:${where.chatId}`,
    before: previous ? { unitId: previous.unitId, agencyId: previous.agencyId } : null,
    after: { unitId: unit.id, agencyId: unit.agencyId },
  });
  const was = previous && previous.unitId !== unit.id ? `\n(Trước đây nhóm gắn với: ${unitById(knowledge, previous.unitId)?.name ?? previous.unitId}.)` : "";
  return `✅ Đã gắn nhóm này với đơn vị: ${unitLabel(knowledge, unit)}.${was}\nNhắc hạn của đơn vị sẽ được gửi vào nhóm này; gõ /viec để xem nhiệm vụ, /han để xem các hạn sắp tới.`;
}

async function register(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const allowed = authorize(deps, msg, "register");
  if (!allowed.ok) return [{ text: allowed.reply }];
  if (msg.chatType !== "group") return [{ text: GROUP_ONLY }];
  if (!args) return [{ text: USAGE }];
  const knowledge = deps.knowledge.knowledge;
  const found = resolveUnit(knowledge, args);
  if (found.kind === "one") return [{ text: (await bind(deps, msg, found.unit)).text }];
  if (found.kind === "none") return [{ text: `${unitNotFoundText(knowledge, args, found.suggestions, USAGE)}\nKhông có gì thay đổi.` }];
  // an agency admin chooses only among their own agency's units
  const scope = agenciesFor(deps, msg, "register");
  const units = scope === "all" ? found.units : found.units.filter((u) => scope.includes(u.agencyId));
  if (units.length === 0) return [{ text: (await bind(deps, msg, found.units[0])).text }];
  if (units.length === 1) return [{ text: (await bind(deps, msg, units[0])).text }];
  const choice: RegisterChoice = { unitIds: units.map((u) => u.id), by: msg.userId };
  await deps.store.update((s) => {
    const key = pendingKey(msg.channel, msg.chatId, KIND);
    s.pending = s.pending.filter((p) => p.key !== key);
    s.pending.push({ key, kind: KIND, data: choice, at: deps.now().toISOString() });
  });
  const labels = units.map((u) => unitLabel(knowledge, u));
  const buttons: Button[][] = labels.map((label, i) => [{ text: label, data: `reg:${i}` }]);
  buttons.push([{ text: "✖ Huỷ", data: "reg:x" }]);
  return [
    {
      text: `«${clip(args, 80)}» có ở nhiều nơi. Nhóm này là của đơn vị nào?`,
      buttons,
      textFallback: [...labels.map((l, i) => `${i + 1}. ${l}`), `Trả lời bằng số (1–${labels.length}), hoặc gõ lại /dangky kèm tên sở/tỉnh.`].join("\n"),
    },
  ];
}

async function unregister(msg: Incoming, deps: CoreDeps): Promise<Outgoing[]> {
  const allowed = authorize(deps, msg, "register");
  if (!allowed.ok) return [{ text: allowed.reply }];
  if (msg.chatType !== "group") return [{ text: "Lệnh này dùng trong nhóm chat đã đăng ký: gõ /huydangky trong nhóm đó." }];
  const old = bindingFor(deps, msg.channel, msg.chatId);
  if (!old) return [{ text: "Nhóm này chưa gắn với đơn vị nào, không có gì để bỏ." }];
  const target = `${msg.channel}:${msg.chatId}`;
  const own = authorize(deps, msg, "register", old.agencyId, { target, unitId: old.unitId });
  if (!own.ok) return [{ text: own.reply }];
  await deps.store.update((s) => {
    s.bindings = s.bindings.filter((b) => !(b.channel === msg.channel && b.chatId === msg.chatId));
  });
  deps.log("info", `unregister: ${msg.channel}:${msg.chatId} (was ${old.unitId}) by ${msg.userId}`);
  await recordChange(deps, msg, { action: "unbind", agencyId: old.agencyId, unitId: old.unitId, target, before: { unitId: old.unitId, agencyId: old.agencyId }, after: null });
  const name = unitById(deps.knowledge.knowledge, old.unitId)?.name ?? old.unitId;
  return [{ text: `Đã bỏ gắn: nhóm này không còn là nhóm của ${name} và sẽ không nhận nhắc hạn nữa.` }];
}

/** The live choice list of a chat, or null (none, or older than a day). */
function pendingChoice(deps: CoreDeps, channel: Incoming["channel"], chatId: string): RegisterChoice | null {
  const key = pendingKey(channel, chatId, KIND);
  const p = deps.store.state.pending.find((x) => x.key === key);
  if (!p || deps.now().getTime() - Date.parse(p.at) > PENDING_TTL_MS) return null;
  return p.data as RegisterChoice;
}

async function choose(deps: CoreDeps, where: Where, n: number): Promise<{ ok: boolean; text: string } | null> {
  const choice = pendingChoice(deps, where.channel, where.chatId);
  const unit = choice ? unitById(deps.knowledge.knowledge, choice.unitIds[n] ?? "") : undefined;
  return unit ? bind(deps, where, unit) : null;
}

export const registerFeature: CoreFeature = {
  name: "register",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    if (!cmd) return null;
    return cmd.command.name === "dangky" ? register(msg, cmd.args, deps) : unregister(msg, deps);
  },
  async onPress(press: ButtonPress, deps) {
    if (!press.data.startsWith("reg:")) return null;
    const allowed = authorize(deps, press, "register");
    if (!allowed.ok) return { toast: allowed.toast, replies: [] };
    const rest = press.data.slice(4);
    if (rest === "x") {
      await deps.store.update((s) => {
        s.pending = s.pending.filter((p) => p.key !== pendingKey(press.channel, press.chatId, KIND));
      });
      return { toast: "Đã huỷ.", replies: [], edit: { text: "Đã huỷ đăng ký nhóm.", buttons: [] } };
    }
    const r = await choose(deps, press, Number(rest));
    if (r && !r.ok) return { toast: "Không có quyền với đơn vị này.", replies: [{ text: r.text }] };
    const text = r?.text;
    if (!text) return { toast: "Lựa chọn này đã hết hạn, hãy gõ lại /dangky.", replies: [], edit: { text: "Lựa chọn đã hết hạn. Gõ lại /dangky <tên đơn vị>.", buttons: [] } };
    return { toast: "Đã gắn nhóm.", replies: [], edit: { text, buttons: [] } };
  },
};

/** A bare number answering the numbered list of an ambiguous /dangky (text-only channels). */
export const pendingChoiceFeature: CoreFeature = {
  name: "register-choice",
  async onMessage(msg, deps) {
    const m = /^\s*(\d{1,2})\s*\.?\s*$/.exec(msg.text);
    if (!m || msg.chatType !== "group" || !can(deps, msg, "register")) return null;
    const choice = pendingChoice(deps, msg.channel, msg.chatId);
    if (!choice) return null;
    const n = Number(m[1]) - 1;
    if (n < 0 || n >= choice.unitIds.length) return [{ text: `Hãy trả lời một số từ 1 đến ${choice.unitIds.length}.` }];
    const r = await choose(deps, msg, n);
    return r ? [{ text: r.text }] : null;
  },
};
