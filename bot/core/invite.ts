// Self-registration: /molienket <đơn vị> (admins) makes a one-time code. On Telegram it travels in a
// t.me/<bot>?startgroup=<code> link: whoever adds the bot to the unit's group with it binds that group
// (Telegram then sends "/start <code>" in the group). On Zalo the code is typed: in a group ("@Bot <code>"),
// or by an officer in a private chat with the bot — the fallback when the bot cannot join groups
// (getMe can_join_groups false): that officer then gets the unit's reminders and confirms there.
// A code binds once and expires after 7 days; the admin who made it is told which chat it bound.
import { authorize } from "./roles.ts";
import { randomBytes } from "node:crypto";
import type { Incoming, Outgoing } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import type { State } from "../../data/store.ts";
import { clip, formatDay, isoDay, matchCommand, unitById, unitLabel } from "./common.ts";
import { resolveUnit } from "./resolve-unit.ts";
import { unitNotFoundText } from "./unit-replies.ts";

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
/** no 0/O, 1/I/L: read aloud and typed by hand (Telegram's start parameter allows A-Z a-z 0-9 _ -) */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const PREFIX = "LK";
/** the code alone, or after /start or /lienket, or after a leading "@Bot" mention (Zalo groups) */
const REDEEM = /^\s*(?:\/(?:start|lienket)(?:@\S+)?\s+|@[^\n]{1,80}?\s+)?(LK[A-Z0-9]{8})\s*$/i;

type Invite = State["invites"][number];

const commands = [{ name: "molienket", aliases: ["invite"], description: "Tạo liên kết/mã để gắn nhóm của một đơn vị (quản trị viên)", adminOnly: true }];

const USAGE = "Cách dùng: /molienket <tên đơn vị>, có thể kèm tên sở hoặc tỉnh.\nVí dụ: /molienket Văn phòng Sở LĐTBXH Quảng Trị";

export function newInviteCode(): string {
  return PREFIX + [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** "https://t.me/<bot>?startgroup=<code>" (Bot API deep linking) */
export function startGroupLink(username: string, code: string): string {
  return `https://t.me/${username}?startgroup=${code}`;
}

async function create(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const allowed = authorize(deps, msg, "register");
  if (!allowed.ok) return [{ text: allowed.reply }];
  if (!args) return [{ text: USAGE }];
  const knowledge = deps.knowledge.knowledge;
  const found = resolveUnit(knowledge, args);
  if (found.kind === "none") return [{ text: `${unitNotFoundText(knowledge, args, found.suggestions, USAGE)}\nKhông có gì thay đổi.` }];
  if (found.kind === "many") {
    const lines = found.units.map((u) => `• ${unitLabel(knowledge, u)}`);
    return [{ text: [`«${clip(args, 80)}» có ở nhiều nơi:`, ...lines, "Hãy gõ lại /molienket kèm tên sở hoặc tỉnh."].join("\n") }];
  }
  const unit = found.unit;
  const forAgency = authorize(deps, msg, "register", unit.agencyId, { unitId: unit.id });
  if (!forAgency.ok) return [{ text: forAgency.reply }];
  const now = deps.now();
  const invite: Invite = {
    code: newInviteCode(),
    unitId: unit.id,
    agencyId: unit.agencyId,
    createdBy: msg.userId,
    createdIn: { channel: msg.channel, chatId: msg.chatId },
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITE_TTL_MS).toISOString(),
    usedAt: null,
    usedBy: null,
  };
  await deps.store.update((s) => {
    // used and expired codes are kept a while for the answer "đã dùng"/"hết hạn", then dropped
    s.invites = s.invites.filter((i) => Date.parse(i.expiresAt) + INVITE_TTL_MS > now.getTime());
    s.invites.push(invite);
  });
  deps.log("info", `invite: ${invite.code} for ${unit.id} by ${msg.channel}:${msg.userId}`);
  const label = unitLabel(knowledge, unit);
  const username = deps.channelInfo?.telegram?.username;
  const lines = [`🔗 Gắn nhóm cho đơn vị: ${label}`, ""];
  if (username) {
    lines.push("Telegram: mở liên kết này rồi chọn nhóm của đơn vị, bot sẽ vào nhóm và tự gắn nhóm với đơn vị:", startGroupLink(username, invite.code), "");
  }
  lines.push(
    `Mã: ${invite.code}`,
    "Zalo: trong nhóm của đơn vị, gõ @tên bot rồi mã trên. Nếu bot không vào được nhóm Zalo, cán bộ phụ trách nhắn riêng mã này cho bot: tin nhắc hạn của đơn vị sẽ gửi cho cán bộ đó, và «đã nộp» gửi ở đó được ghi nhận cho đơn vị.",
    "",
    `Mã dùng được một lần, hết hạn sau 7 ngày (${formatDay(isoDay(new Date(invite.expiresAt)))}).`,
  );
  return [{ text: lines.join("\n"), format: { bold: [label], code: [invite.code] } }];
}

/** Binds the chat the code came from; tells that chat and the admin who made the code. */
async function redeem(msg: Incoming, code: string, deps: CoreDeps): Promise<Outgoing[]> {
  const now = deps.now();
  const knowledge = deps.knowledge.knowledge;
  const title = msg.chatType === "group" ? (msg.chatTitle ?? "") : msg.userName;
  const outcome = await deps.store.update((s) => {
    const invite = s.invites.find((i) => i.code === code);
    if (!invite) return { kind: "unknown" as const };
    if (invite.usedAt) return { kind: "used" as const, invite };
    if (Date.parse(invite.expiresAt) <= now.getTime()) return { kind: "expired" as const, invite };
    invite.usedAt = now.toISOString();
    invite.usedBy = { channel: msg.channel, chatId: msg.chatId, title };
    const old = s.bindings.find((b) => b.channel === msg.channel && b.chatId === msg.chatId);
    s.bindings = s.bindings.filter((b) => b !== old);
    s.bindings.push({ channel: msg.channel, chatId: msg.chatId, chatTitle: title, unitId: invite.unitId, agencyId: invite.agencyId, boundBy: invite.createdBy, boundAt: now.toISOString() });
    return { kind: "bound" as const, invite };
  });
  if (outcome.kind === "unknown") return [{ text: `Không tìm thấy mã liên kết ${code}. Hãy kiểm tra lại, hoặc nhờ quản trị viên tạo mã mới bằng /molienket.` }];
  if (outcome.kind === "used") return [{ text: `Mã ${code} đã được dùng (ngày ${formatDay(isoDay(new Date(outcome.invite.usedAt!)))}); mỗi mã chỉ gắn được một lần. Nhờ quản trị viên tạo mã mới bằng /molienket.` }];
  if (outcome.kind === "expired") return [{ text: `Mã ${code} đã hết hạn ngày ${formatDay(isoDay(new Date(outcome.invite.expiresAt)))}. Nhờ quản trị viên tạo mã mới bằng /molienket.` }];
  const unit = unitById(knowledge, outcome.invite.unitId);
  const label = unit ? unitLabel(knowledge, unit) : outcome.invite.unitId;
  deps.log("info", `invite: ${code} bound ${msg.channel}:${msg.chatId} → ${outcome.invite.unitId}`);
  const here =
    msg.chatType === "group"
      ? `✅ Đã gắn nhóm này với đơn vị: ${label}.\nNhắc hạn của đơn vị sẽ được gửi vào nhóm này; gõ /viec để xem nhiệm vụ, /han để xem các hạn sắp tới.`
      : `✅ Bạn sẽ nhận nhắc hạn của đơn vị: ${label}, trong cuộc trò chuyện này.\nKhi đơn vị đã nộp, trả lời «đã nộp» (hoặc «đã nộp <mã>»): xác nhận được ghi nhận cho đơn vị.`;
  const where = msg.chatType === "group" ? `Nhóm «${title || msg.chatId}»` : `Cán bộ ${title || msg.userId} (nhắn riêng)`;
  const notice: Outgoing = {
    channel: outcome.invite.createdIn.channel,
    chatId: outcome.invite.createdIn.chatId,
    text: `🔗 ${where} trên ${msg.channel === "telegram" ? "Telegram" : msg.channel === "zalo" ? "Zalo" : msg.channel} đã gắn với đơn vị ${label} bằng mã ${code}.`,
    format: { code: [code] },
  };
  const sameChat = notice.channel === msg.channel && notice.chatId === msg.chatId;
  return [{ text: here, format: { bold: [label] } }, ...(sameChat ? [] : [notice])];
}

export const inviteFeature: CoreFeature = {
  name: "invite",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    return cmd ? create(msg, cmd.args, deps) : null;
  },
};

/** A one-time code arriving in a chat (also "/start <code>" from a startgroup link). */
export const redeemInviteFeature: CoreFeature = {
  name: "invite-redeem",
  async onMessage(msg, deps) {
    if (msg.text.length > 140) return null;
    const m = REDEEM.exec(msg.text);
    if (!m) return null;
    return redeem(msg, m[1].toUpperCase(), deps);
  },
};
