// /quantri (/roles): super-admins add and remove agency admins, agency admins add and remove their
// agency's leaders, both list who holds which role. The person is named by their id (/toi shows it)
// or by replying to one of their messages. Every change and every refused attempt goes to the audit log.
import type { Incoming, Outgoing } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import type { RoleGrant } from "../../data/store.ts";
import { agencyLabel, bindingFor, clip, matchCommand } from "./common.ts";
import { findAgencies } from "./resolve-unit.ts";
import { foldVietnamese } from "../../knowledge/text.ts";
import { ROLE_LABEL, agenciesFor, authorize, grantsOf, isSuperAdmin, type Action } from "./roles.ts";
import { recordChange } from "./audit.ts";

const commands = [
  { name: "quantri", aliases: ["roles"], description: "Quản trị viên và lãnh đạo của cơ quan: xem, thêm, bớt (quản trị viên)", adminOnly: true },
];

const USAGE = [
  "Cách dùng:",
  "/quantri — danh sách quản trị viên và lãnh đạo",
  "/quantri them <mã người dùng> [tên cơ quan] — thêm quản trị viên cơ quan",
  "/quantri lanhdao <mã người dùng> [tên cơ quan] — thêm lãnh đạo (chỉ xem tiến độ, báo cáo)",
  "/quantri xoa <mã người dùng> [tên cơ quan] — bỏ vai trò",
  "Thay cho mã, có thể trả lời (reply) một tin nhắn của người đó. Mỗi người gõ /toi để xem mã của mình.",
].join("\n");
const UNCHANGED = "Không có gì thay đổi.";

type Verb = "admin" | "leader" | "remove";
const VERBS: Record<string, Verb> = { them: "admin", add: "admin", admin: "admin", lanhdao: "leader", leader: "leader", xoa: "remove", bo: "remove", remove: "remove" };

/** Ids as channels give them: Telegram user ids are numbers; Zalo ids are letters, digits, - and _. */
const ID_SHAPE: Record<Incoming["channel"], RegExp> = { telegram: /^\d{3,20}$/, zalo: /^[A-Za-z0-9_-]{6,64}$/, console: /^[\w.-]{1,64}$/ };

interface Person {
  channel: Incoming["channel"];
  userId: string;
  userName: string;
}

type AgencyPick = { ok: true; agencyId: string } | { ok: false; text: string };

/** Agencies the bot knows: those of the loaded plans, and those roles were given for. */
function knownAgencies(deps: CoreDeps): string[] {
  return [...new Set([...deps.knowledge.knowledge.plans.map((p) => p.agencyId), ...deps.store.state.roles.map((r) => r.agencyId)])];
}

function agencyList(deps: CoreDeps): string {
  return knownAgencies(deps)
    .map((a) => `• ${agencyLabel(deps.knowledge.knowledge, a)}`)
    .join("\n");
}

/** The agency a text names; without one, the group's agency, the actor's only agency, or the only agency. */
function pickAgency(deps: CoreDeps, msg: Incoming, text: string, action: Action): AgencyPick {
  const k = deps.knowledge.knowledge;
  const known = knownAgencies(deps);
  if (text) {
    const exact = known.find((a) => a === text.trim());
    if (exact) return { ok: true, agencyId: exact };
    const { agencyIds, rest } = findAgencies(k, text);
    const leftover = foldVietnamese(rest).replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter((w) => w && !["so", "co", "quan", "cua", "tinh"].includes(w));
    if (agencyIds.length === 1 && leftover.length <= 1) return { ok: true, agencyId: agencyIds[0] };
    if (agencyIds.length > 1) return { ok: false, text: `«${clip(text, 60)}» có thể là nhiều cơ quan: ${agencyIds.map((a) => agencyLabel(k, a)).join("; ")}. Hãy ghi rõ hơn (kèm tên tỉnh). ${UNCHANGED}` };
    return { ok: false, text: `Không tìm thấy cơ quan «${clip(text, 60)}». Các cơ quan đang có:\n${agencyList(deps)}\n${UNCHANGED}` };
  }
  const group = msg.chatType === "group" ? bindingFor(deps, msg.channel, msg.chatId) : undefined;
  if (group) return { ok: true, agencyId: group.agencyId };
  const mine = agenciesFor(deps, msg, action);
  if (mine !== "all" && mine.length === 1) return { ok: true, agencyId: mine[0] };
  if (known.length === 1) return { ok: true, agencyId: known[0] };
  return { ok: false, text: `Hãy ghi tên cơ quan sau mã người dùng, ví dụ: /quantri them 123456789 ${agencyLabel(k, known[0] ?? "")}. Các cơ quan đang có:\n${agencyList(deps)}\n${UNCHANGED}` };
}

/** The person named: the replied-to sender, or the first word as an id ("123", "zalo:abc"). */
function pickPerson(msg: Incoming, args: string): { person: Person; rest: string } | { error: string } | null {
  const [first = "", ...others] = args.split(/\s+/).filter(Boolean);
  // bots cannot look up a user by @username (Bot API): ask for a reply or the id instead
  if (first.startsWith("@") && !msg.replyTo?.userId) return { error: `Tôi không tra được mã của ${clip(first, 40)} từ tên. Hãy trả lời (reply) một tin nhắn của người đó bằng lệnh này, hoặc nhờ họ gõ /toi để lấy mã. ${UNCHANGED}` };
  const m = /^(?:(telegram|zalo):)?(\S+)$/i.exec(first);
  const looksLikeId = !!m && /\d/.test(m[2]) && /^[\w-]+$/.test(m[2]);
  if (looksLikeId) {
    const channel = (m![1]?.toLowerCase() as Person["channel"] | undefined) ?? msg.channel;
    if (!ID_SHAPE[channel].test(m![2])) return { error: `«${clip(first, 40)}» không phải mã người dùng ${channel === "telegram" ? "Telegram (một dãy số)" : "Zalo"}. Người đó gõ /toi để xem mã của mình. ${UNCHANGED}` };
    return { person: { channel, userId: m![2], userName: "" }, rest: others.join(" ") };
  }
  const r = msg.replyTo;
  if (r?.userId && !r.fromBot) return { person: { channel: msg.channel, userId: r.userId, userName: r.userName ?? "" }, rest: args };
  return null;
}

const who = (g: Pick<RoleGrant, "channel" | "userId" | "userName">) => (g.userName ? `${g.userName} (${g.channel}:${g.userId})` : `${g.channel}:${g.userId}`);

function listRoles(deps: CoreDeps, msg: Incoming): Outgoing[] {
  const allowed = authorize(deps, msg, "manage-leaders");
  if (!allowed.ok) return [{ text: allowed.reply }];
  const k = deps.knowledge.knowledge;
  const scope = agenciesFor(deps, msg, "manage-leaders");
  const lines: string[] = [];
  if (scope === "all") {
    const supers = [...deps.adminIds].join(", ") || "(chưa có)";
    lines.push(`${ROLE_LABEL.super} (do bộ phận CNTT cấu hình khi triển khai): ${supers}`);
  }
  const agencies = scope === "all" ? knownAgencies(deps) : scope;
  for (const a of agencies) {
    const grants = deps.store.state.roles.filter((r) => r.agencyId === a);
    const admins = grants.filter((g) => g.role === "admin").map((g) => who(g));
    const leaders = grants.filter((g) => g.role === "leader").map((g) => who(g));
    lines.push("", `🏛 ${agencyLabel(k, a)}`, `  ${ROLE_LABEL.admin}: ${admins.join(", ") || "chưa có"}`, `  ${ROLE_LABEL.leader}: ${leaders.join(", ") || "chưa có"}`);
  }
  lines.push("", "Thêm: /quantri them <mã> [cơ quan] · lãnh đạo: /quantri lanhdao <mã> [cơ quan] · bỏ: /quantri xoa <mã> [cơ quan]");
  return [{ text: lines.join("\n").trim() }];
}

async function refuseBadInput(deps: CoreDeps, msg: Incoming, action: string, text: string, target: string | null): Promise<Outgoing[]> {
  await deps.audit
    ?.append({ at: deps.now().toISOString(), channel: msg.channel, chatId: msg.chatId, userId: msg.userId, userName: msg.userName, action, outcome: "refused", target, note: clip(text.split("\n")[0], 160) })
    .catch((e) => deps.log("error", "audit: recording a refusal failed", e));
  return [{ text }];
}

async function addRole(deps: CoreDeps, msg: Incoming, role: "admin" | "leader", args: string): Promise<Outgoing[]> {
  const action: Action = role === "admin" ? "manage-admins" : "manage-leaders";
  const allowed = authorize(deps, msg, action, null, args ? { target: clip(args, 60) } : {});
  if (!allowed.ok) return [{ text: allowed.reply }];
  const picked = pickPerson(msg, args);
  if (!picked) return refuseBadInput(deps, msg, "role-add", `Thiếu mã người dùng. ${UNCHANGED}\n${USAGE}`, null);
  if ("error" in picked) return refuseBadInput(deps, msg, "role-add", picked.error, args.split(/\s+/)[0] ?? null);
  const { person, rest } = picked;
  const agency = pickAgency(deps, msg, rest, action);
  if (!agency.ok) return refuseBadInput(deps, msg, "role-add", agency.text, `${person.channel}:${person.userId}`);
  const target = `${person.channel}:${person.userId}`;
  const own = authorize(deps, msg, action, agency.agencyId, { target });
  if (!own.ok) return [{ text: own.reply }];
  const label = agencyLabel(deps.knowledge.knowledge, agency.agencyId);
  if (isSuperAdmin(deps, person.channel, person.userId)) return [{ text: `${target} đã là ${ROLE_LABEL.super.toLowerCase()}, có mọi quyền. ${UNCHANGED}` }];
  const before = grantsOf(deps, person).map((g) => ({ role: g.role, agencyId: g.agencyId }));
  if (before.some((g) => g.role === role && g.agencyId === agency.agencyId)) return [{ text: `${target} đã là ${ROLE_LABEL[role].toLowerCase()} của ${label}. ${UNCHANGED}` }];
  await deps.store.update((s) => {
    s.roles.push({ channel: person.channel, userId: person.userId, userName: person.userName, role, agencyId: agency.agencyId, addedBy: `${msg.channel}:${msg.userId}`, addedAt: deps.now().toISOString() });
  });
  const after = grantsOf(deps, person).map((g) => ({ role: g.role, agencyId: g.agencyId }));
  deps.log("info", `roles: ${target} is now ${role} of ${agency.agencyId} (by ${msg.channel}:${msg.userId})`);
  await recordChange(deps, msg, { action: "role-add", agencyId: agency.agencyId, target, before, after, note: role });
  const rights = role === "admin" ? "đăng ký nhóm, chạy nhắc hạn, nạp kế hoạch, gia hạn và giao việc, xem nhật ký của cơ quan" : "xem tiến độ và báo cáo của cơ quan";
  return [{ text: `✅ ${who(person)} là ${ROLE_LABEL[role].toLowerCase()} của ${label} từ bây giờ: được ${rights}.` }];
}

async function removeRole(deps: CoreDeps, msg: Incoming, args: string): Promise<Outgoing[]> {
  const allowed = authorize(deps, msg, "manage-leaders");
  if (!allowed.ok) return [{ text: allowed.reply }];
  const picked = pickPerson(msg, args);
  if (!picked) return refuseBadInput(deps, msg, "role-remove", `Thiếu mã người dùng. ${UNCHANGED}\n${USAGE}`, null);
  if ("error" in picked) return refuseBadInput(deps, msg, "role-remove", picked.error, args.split(/\s+/)[0] ?? null);
  const { person, rest } = picked;
  const target = `${person.channel}:${person.userId}`;
  if (isSuperAdmin(deps, person.channel, person.userId)) {
    return refuseBadInput(deps, msg, "role-remove", `Không bỏ được quyền của ${target} trong chat: ${ROLE_LABEL.super.toLowerCase()} do bộ phận CNTT cấu hình khi triển khai bot. ${UNCHANGED}`, target);
  }
  let agencyId: string | null = null;
  if (rest) {
    const agency = pickAgency(deps, msg, rest, "manage-leaders");
    if (!agency.ok) return refuseBadInput(deps, msg, "role-remove", agency.text, target);
    agencyId = agency.agencyId;
  }
  const held = grantsOf(deps, person).filter((g) => !agencyId || g.agencyId === agencyId);
  if (held.length === 0) return [{ text: `${target} không có vai trò nào${agencyId ? ` ở ${agencyLabel(deps.knowledge.knowledge, agencyId)}` : ""}. ${UNCHANGED}` }];
  // every grant removed must be within the actor's rights; one outside refuses the whole command
  for (const g of held) {
    const d = authorize(deps, msg, g.role === "admin" ? "manage-admins" : "manage-leaders", g.agencyId, { target });
    if (!d.ok) return [{ text: d.reply }];
  }
  const before = grantsOf(deps, person).map((g) => ({ role: g.role, agencyId: g.agencyId }));
  await deps.store.update((s) => {
    s.roles = s.roles.filter((r) => !held.some((g) => g.channel === r.channel && g.userId === r.userId && g.role === r.role && g.agencyId === r.agencyId));
  });
  const after = grantsOf(deps, person).map((g) => ({ role: g.role, agencyId: g.agencyId }));
  for (const a of new Set(held.map((g) => g.agencyId))) await recordChange(deps, msg, { action: "role-remove", agencyId: a, target, before, after });
  deps.log("info", `roles: ${target} lost ${held.length} role(s) (by ${msg.channel}:${msg.userId})`);
  const k = deps.knowledge.knowledge;
  const gone = held.map((g) => `${ROLE_LABEL[g.role].toLowerCase()} của ${agencyLabel(k, g.agencyId)}`).join("; ");
  return [{ text: `Đã bỏ vai trò của ${target}: ${gone}. Thay đổi có hiệu lực ngay.` }];
}

export const manageRolesFeature: CoreFeature = {
  name: "manage-roles",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    if (!cmd) return null;
    const [verbWord = "", ...rest] = cmd.args.split(/\s+/).filter(Boolean);
    if (!verbWord) return listRoles(deps, msg);
    const verb = VERBS[foldVietnamese(verbWord).replace(/[^a-z]/g, "")];
    // "lanh dao" typed as two words
    const args = rest.join(" ");
    if (!verb && foldVietnamese(verbWord) === "lanh" && foldVietnamese(rest[0] ?? "") === "dao") return addRole(deps, msg, "leader", rest.slice(1).join(" "));
    if (!verb) {
      const d = authorize(deps, msg, "manage-leaders");
      return [{ text: d.ok ? `Không hiểu «${clip(verbWord, 30)}». ${UNCHANGED}\n${USAGE}` : d.reply }];
    }
    if (verb === "remove") return removeRole(deps, msg, args);
    return addRole(deps, msg, verb, args);
  },
};
