// /viec (/tasks): the tasks of the group's unit (or of a unit named in the command), grouped by its role.
import type { Incoming, Outgoing } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import type { Knowledge, Task, Unit } from "../../knowledge/schema.ts";
import { bindingFor, clip, isoDay, matchCommand, taskLabel, unitById, unitLabel } from "./common.ts";
import { expandOccurrences } from "../../jobs/occurrences.ts";
import { resolveUnit } from "./resolve-unit.ts";
import { unitNotFoundText } from "./unit-replies.ts";
import { roleOf, type Role } from "./scope.ts";

const commands = [{ name: "viec", aliases: ["tasks"], description: "Nhiệm vụ của đơn vị (nhóm đã đăng ký, hoặc /viec <tên đơn vị>)" }];

const PER_ROLE = 10;
const HEADINGS: Record<Role, string> = { lead: "Chủ trì", support: "Phối hợp", shared: "Chung cho các phòng, đơn vị" };

function byDue(a: Task, b: Task) {
  return (a.deadline.due ?? "9999").localeCompare(b.deadline.due ?? "9999");
}

export function unitTasks(knowledge: Knowledge, unit: Unit): string {
  const groups: Record<Role, Task[]> = { lead: [], support: [], shared: [] };
  for (const t of knowledge.tasks) {
    const role = roleOf(knowledge, t, unit.id);
    if (role) groups[role].push(t);
  }
  const total = groups.lead.length + groups.support.length + groups.shared.length;
  if (total === 0) return `Trong các kế hoạch chưa có nhiệm vụ nào giao cho ${unitLabel(knowledge, unit)}.`;
  const lines = [`📋 Nhiệm vụ của ${unitLabel(knowledge, unit)} (${total}):`];
  for (const role of ["lead", "support", "shared"] as Role[]) {
    const list = groups[role].sort(byDue);
    if (!list.length) continue;
    lines.push("", `${HEADINGS[role]} (${list.length}):`);
    for (const t of list.slice(0, PER_ROLE)) {
      lines.push(`• ${clip(taskLabel(t), 160)}${t.deadline.text ? ` — hạn: ${clip(t.deadline.text, 60)}` : ""}`);
    }
    if (list.length > PER_ROLE) lines.push(`… và ${list.length - PER_ROLE} nhiệm vụ khác.`);
  }
  return lines.join("\n");
}

/** The unit's tasks assigned outside the plans (/giao): one line a task, its next open date. */
function adhocLines(deps: CoreDeps, unit: Unit): string[] {
  const today = isoDay(deps.now());
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const o of expandOccurrences(deps.knowledge.knowledge, deps.store.state)) {
    if (o.kind !== "adhoc" || !o.lead.includes(unit.id) || seen.has(o.itemId)) continue;
    const done = deps.store.state.submissions.some((s) => s.occurrenceId === o.id && s.unitId === unit.id && !s.undoneAt);
    if (done || (o.due < today && deps.store.state.adhocTasks.find((t) => t.id === o.itemId)?.recurrence)) continue;
    seen.add(o.itemId);
    lines.push(`• ${clip(o.title, 160)} [${o.code}] — hạn: ${o.dueText}`);
  }
  return lines.length ? ["", `Việc được giao ngoài kế hoạch, chưa nộp (${lines.length}):`, ...lines.slice(0, PER_ROLE)] : [];
}

function withAdhoc(deps: CoreDeps, unit: Unit): string {
  return [unitTasks(deps.knowledge.knowledge, unit), ...adhocLines(deps, unit)].join("\n");
}

async function tasks(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const knowledge = deps.knowledge.knowledge;
  if (args) {
    const found = resolveUnit(knowledge, args);
    if (found.kind === "one") return [{ text: withAdhoc(deps, found.unit) }];
    if (found.kind === "many")
      return [{ text: [`«${clip(args, 80)}» có ở nhiều nơi, hãy ghi thêm tên sở hoặc tỉnh:`, ...found.units.map((u) => `• ${unitLabel(knowledge, u)}`)].join("\n") }];
    return [{ text: unitNotFoundText(knowledge, args, found.suggestions, "Ví dụ: /viec Văn phòng Sở LĐTBXH Quảng Trị") }];
  }
  const binding = msg.chatType === "group" ? bindingFor(deps, msg.channel, msg.chatId) : undefined;
  const unit = binding ? unitById(knowledge, binding.unitId) : undefined;
  if (unit) return [{ text: withAdhoc(deps, unit) }];
  if (binding) return [{ text: `Nhóm này gắn với đơn vị ${binding.unitId}, nhưng đơn vị đó không còn trong các kế hoạch đang nạp. Quản trị viên hãy /dangky lại.` }];
  return [
    {
      text:
        msg.chatType === "group"
          ? "Nhóm này chưa gắn với đơn vị nào. Quản trị viên gõ /dangky <tên đơn vị>, hoặc gõ /viec <tên đơn vị> để xem nhiệm vụ của một đơn vị."
          : "Gõ /viec <tên đơn vị>, ví dụ: /viec Văn phòng Sở LĐTBXH Quảng Trị",
    },
  ];
}

export const tasksFeature: CoreFeature = {
  name: "tasks",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    return cmd ? tasks(msg, cmd.args, deps) : null;
  },
};
