// Small helpers shared by the core features (kept apart from index.ts so features never import it at run time).
import type { ChannelName, Incoming } from "./types.ts";
import type { CoreCommand, CoreDeps } from "./index.ts";
import type { Binding } from "../../data/store.ts";
import type { Knowledge, Plan, Task, Unit } from "../../knowledge/schema.ts";
import { foldVietnamese } from "../../knowledge/text.ts";

export const ERROR_REPLY = "Xin lỗi, tôi gặp lỗi khi xử lý tin nhắn này. Vui lòng thử lại sau ít phút.";
export const STALE_BUTTON = "Nút này không còn dùng được nữa.";

/** A super-admin (ADMIN_IDS): a bare id matches on any channel, "zalo:ID" only on Zalo. The console user owns
 *  the process. Admin checks go through roles.ts › authorize(), which also knows agency admins. */
export function isAdmin(deps: Pick<CoreDeps, "adminIds">, channel: ChannelName, userId: string): boolean {
  if (channel === "console") return true;
  return deps.adminIds.has(`${channel}:${userId}`) || deps.adminIds.has(userId);
}

/** "/dangky@bot Văn phòng" → {name: "dangky", args: "Văn phòng"}; "/hỏi x" → "hoi" (typed with diacritics). */
export function parseCommand(text: string): { name: string; args: string } | null {
  const m = /^\s*\/([^\s@]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) return null;
  const name = foldVietnamese(m[1]);
  if (!/^[a-z0-9_]{1,32}$/.test(name)) return null;
  return { name, args: (m[2] ?? "").trim() };
}

/** The command a message carries, when it is one of `commands` (by name or alias). */
export function matchCommand(msg: Incoming, commands: CoreCommand[]): { command: CoreCommand; args: string } | null {
  const parsed = parseCommand(msg.text);
  if (!parsed) return null;
  const command = commands.find((c) => c.name === parsed.name || c.aliases.includes(parsed.name));
  return command ? { command, args: parsed.args } : null;
}

/** Plans' days are days in Asia/Ho_Chi_Minh (knowledge/schema.ts › IsoDate), whatever the server's zone. */
export const AGENCY_TZ = "Asia/Ho_Chi_Minh";
const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: AGENCY_TZ, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day of an instant in Viet Nam: "2024-03-01". */
export function isoDay(at: Date): string {
  return dayFormat.format(at);
}

/** "2024-03-05" → "05/03/2024" */
export function formatDay(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

/** Adds days to an ISO day (UTC arithmetic on calendar days). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A Telegram forum topic is the chat "<chat id>/<message_thread_id>" (bot/telegram/chat-key.ts); its group is the part before "/". */
export function groupOfChat(chatId: string): string {
  const slash = chatId.indexOf("/");
  return slash < 0 ? chatId : chatId.slice(0, slash);
}

/** The chat's binding; in a forum topic not bound itself, the binding of its group. */
export function bindingFor(deps: CoreDeps, channel: ChannelName, chatId: string): Binding | undefined {
  const find = (id: string) => deps.store.state.bindings.find((b) => b.channel === channel && b.chatId === id);
  return find(chatId) ?? (chatId.includes("/") ? find(groupOfChat(chatId)) : undefined);
}

export function unitById(knowledge: Knowledge, id: string): Unit | undefined {
  return knowledge.units.find((u) => u.id === id);
}

export function planOfAgency(knowledge: Knowledge, agencyId: string): Plan | undefined {
  return knowledge.plans.find((p) => p.agencyId === agencyId);
}

/** "Sở LĐTBXH Quảng Trị" for an agency id; the id itself when no plan names it. */
export function agencyLabel(knowledge: Knowledge, agencyId: string): string {
  const plan = planOfAgency(knowledge, agencyId);
  return plan ? plan.agencyShort || `${plan.agency} ${plan.province}` : agencyId;
}

/** "Văn phòng Sở — Sở LĐTBXH Quảng Trị" */
export function unitLabel(knowledge: Knowledge, unit: Pick<Unit, "name" | "agencyId">): string {
  return `${unit.name} — ${agencyLabel(knowledge, unit.agencyId)}`;
}

/** Names of unit ids, the id's last part when the unit is unknown. */
export function unitNames(knowledge: Knowledge, ids: string[]): string[] {
  return ids.map((id) => unitById(knowledge, id)?.name ?? id.split("/").pop() ?? id);
}

/** Shortens a long statement for a list line. */
export function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

/** How a task reads in a list: its Nhiệm vụ, after its Mục tiêu when that adds something
 *  ("Tăng cường công tác pháp chế: Báo cáo kết quả thực hiện"). */
export function taskLabel(t: Pick<Task, "objective" | "task" | "activity" | "product" | "text">): string {
  const main = t.task ?? t.activity ?? t.product ?? t.text;
  if (t.objective && !foldVietnamese(main).includes(foldVietnamese(t.objective))) return `${t.objective}: ${main}`;
  return main;
}

/** Key of the per-chat pending conversation in store.state.pending. */
export function pendingKey(channel: ChannelName, chatId: string, kind: string): string {
  return `${kind}:${channel}:${chatId}`;
}
