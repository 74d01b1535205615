// Who may do what (DESIGN.md › Reliability rules). Every admin check goes through authorize(), which
// knows the agency of the thing acted on. Super-admins come from the environment; agency admins and
// leaders are given in chat (/quantri) and kept in state.roles, so they survive restarts and apply at once.
import type { ChannelName } from "./types.ts";
import type { CoreDeps } from "./index.ts";
import type { RoleGrant } from "../../data/store.ts";
import { agencyLabel, isAdmin } from "./common.ts";

export type Role = "super" | "admin" | "leader";

/**
 * The one table of actions: which roles may do each, and how a refusal names it. "admin" and "leader"
 * act only on their own agency; "super" on every agency. Call: authorize(deps, actor, "register", unit.agencyId).
 */
export const ACTIONS = {
  /** /dangky, /huydangky, the choice of an ambiguous /dangky */
  register: { roles: ["super", "admin"], what: "đăng ký nhóm cho đơn vị" },
  /** /nhacviec: the reminder job run by hand (an agency admin's run covers only their agency) */
  "run-jobs": { roles: ["super", "admin"], what: "chạy nhắc hạn" },
  /** sending a plan document, and the load/replace buttons */
  "load-plan": { roles: ["super", "admin"], what: "nạp kế hoạch" },
  /** /giahan (extension), /giao (ad-hoc task), changing a task */
  "manage-tasks": { roles: ["super", "admin"], what: "gia hạn hoặc giao việc" },
  /** confirming, snoozing or undoing for a unit from outside its bound group */
  confirm: { roles: ["super", "admin"], what: "xác nhận thay cho đơn vị" },
  /** /nhatky */
  audit: { roles: ["super", "admin"], what: "xem nhật ký thay đổi" },
  /** /quantri lanhdao, /quantri xoa of a leader */
  "manage-leaders": { roles: ["super", "admin"], what: "thêm hoặc bớt lãnh đạo" },
  /** /quantri them, /quantri xoa of an agency admin */
  "manage-admins": { roles: ["super"], what: "thêm hoặc bớt quản trị viên" },
  /** /baocao (the report workbook) */
  report: { roles: ["super", "admin", "leader"], what: "lấy báo cáo" },
  /** /tiendo across an agency (a unit's own group always sees its own progress) */
  view: { roles: ["super", "admin", "leader"], what: "xem tiến độ của cơ quan" },
} as const satisfies Record<string, { roles: readonly Role[]; what: string }>;

export type Action = keyof typeof ACTIONS;

/** The person acting: a message's or a button press's sender (Incoming and ButtonPress both fit). */
export interface Actor {
  channel: ChannelName;
  userId: string;
  userName?: string;
  chatId?: string;
}

export type Decision = { ok: true } | { ok: false; reply: string; toast: string };

export const ROLE_LABEL: Record<Role, string> = {
  super: "Quản trị toàn hệ thống",
  admin: "Quản trị cơ quan",
  leader: "Lãnh đạo (chỉ xem)",
};

const CHANNEL_LABEL: Record<ChannelName, string> = { telegram: "Telegram", zalo: "Zalo", console: "cửa sổ lệnh" };

/** Super-admins: "telegram:123"/"zalo:abc", or a bare id on any channel. The console user owns the process. */
export const isSuperAdmin = isAdmin;

/** The roles given in chat to this person on this channel. */
export function grantsOf(deps: Pick<CoreDeps, "store">, actor: Pick<Actor, "channel" | "userId">): RoleGrant[] {
  return deps.store.state.roles.filter((r) => r.channel === actor.channel && r.userId === actor.userId);
}

function allowedGrants(deps: Pick<CoreDeps, "store">, actor: Actor, action: Action): RoleGrant[] {
  const roles: readonly Role[] = ACTIONS[action].roles;
  return grantsOf(deps, actor).filter((g) => roles.includes(g.role));
}

/** Whether the actor may do `action` on `agencyId` (on some agency when no agency is given). */
export function can(deps: Pick<CoreDeps, "store" | "adminIds">, actor: Actor, action: Action, agencyId?: string | null): boolean {
  if (isSuperAdmin(deps, actor.channel, actor.userId)) return true;
  const grants = allowedGrants(deps, actor, action);
  return agencyId ? grants.some((g) => g.agencyId === agencyId) : grants.length > 0;
}

/** The agencies the actor may do `action` on: "all" for a super-admin, else the agencies of their roles. */
export function agenciesFor(deps: Pick<CoreDeps, "store" | "adminIds">, actor: Actor, action: Action): "all" | string[] {
  if (isSuperAdmin(deps, actor.channel, actor.userId)) return "all";
  return [...new Set(allowedGrants(deps, actor, action).map((g) => g.agencyId))];
}

/** "Mã của bạn trên Telegram: 222 — …": what every refusal ends with, so the person can ask IT. */
export function idLine(actor: Pick<Actor, "channel" | "userId">): string {
  return `Mã của bạn trên ${CHANNEL_LABEL[actor.channel]}: ${actor.userId} — hãy gửi mã này cho quản trị viên hoặc bộ phận CNTT nếu bạn cần được cấp quyền.`;
}

function refusalText(deps: CoreDeps, actor: Actor, action: Action, agencyId: string | null): string {
  const what = ACTIONS[action].what;
  const grants = grantsOf(deps, actor);
  const k = deps.knowledge.knowledge;
  const own = [...new Set(allowedGrants(deps, actor, action).map((g) => g.agencyId))];
  let why: string;
  const who = (ACTIONS[action].roles as readonly Role[]).includes("leader") ? "quản trị viên hoặc lãnh đạo cơ quan" : "quản trị viên";
  if (grants.length === 0) why = `Xin lỗi, chỉ ${who} mới được ${what}; bạn chưa có quyền này.`;
  else if (own.length > 0 && agencyId) why = `Xin lỗi, bạn chỉ được ${what} của ${own.map((a) => agencyLabel(k, a)).join(", ")}; việc này thuộc ${agencyLabel(k, agencyId)}.`;
  else {
    const roles = [...new Set(grants.map((g) => `${ROLE_LABEL[g.role]} — ${agencyLabel(k, g.agencyId)}`))].join("; ");
    why = `Xin lỗi, vai trò của bạn (${roles}) không cho phép ${what}.`;
  }
  return `${why} Không có gì thay đổi.\n${idLine(actor)}`;
}

/**
 * The one admin check. `agencyId`: the agency of the thing acted on (a unit's, a plan's, a group's);
 * omitted when the action is not about one agency yet (then any agency of the actor's role will do).
 * A refusal is logged in the audit log and comes with a reply and a short toast (≤ 200 characters).
 */
export function authorize(deps: CoreDeps, actor: Actor, action: Action, agencyId?: string | null, opts: { target?: string; unitId?: string } = {}): Decision {
  if (can(deps, actor, action, agencyId)) return { ok: true };
  const reply = refusalText(deps, actor, action, agencyId ?? null);
  deps.log("info", `roles: ${actor.channel}:${actor.userId} refused ${action}${agencyId ? ` on ${agencyId}` : ""}`);
  void deps.audit
    ?.append({
      at: deps.now().toISOString(),
      channel: actor.channel,
      chatId: actor.chatId ?? "",
      userId: actor.userId,
      userName: actor.userName ?? "",
      action,
      outcome: "refused",
      agencyId: agencyId ?? null,
      unitId: opts.unitId ?? null,
      target: opts.target ?? null,
    })
    .catch((e) => deps.log("error", "audit: recording a refusal failed", e));
  return { ok: false, reply, toast: `Chỉ quản trị viên mới được ${ACTIONS[action].what}. Mã của bạn: ${actor.userId}.`.slice(0, 200) };
}
