// Which plan items concern a unit: it leads, supports, or a collective owner of its agency
// ("Các phòng, đơn vị thuộc Sở") includes it.
import type { Knowledge, ReportSchedule, Task } from "../../knowledge/schema.ts";

export type Role = "lead" | "support" | "shared";

const collectives = new WeakMap<Knowledge, Set<string>>();

function collectiveIds(knowledge: Knowledge): Set<string> {
  let ids = collectives.get(knowledge);
  if (!ids) {
    ids = new Set(knowledge.units.filter((u) => u.kind === "collective").map((u) => u.id));
    collectives.set(knowledge, ids);
  }
  return ids;
}

const agencyOf = (unitId: string) => unitId.split("/").slice(0, -1).join("/");

/** The unit's part in a task or report, or null when it has none. */
export function roleOf(knowledge: Knowledge, item: Task | ReportSchedule, unitId: string): Role | null {
  const lead = item.kind === "task" ? item.lead : item.from;
  const support = item.kind === "task" ? item.support : [];
  if (lead.includes(unitId)) return "lead";
  if (support.includes(unitId)) return "support";
  const all = collectiveIds(knowledge);
  const mine = (ids: string[]) => ids.some((id) => all.has(id) && agencyOf(id) === agencyOf(unitId));
  if (mine(lead) || mine(support)) return "shared";
  return null;
}

export function agencyOfPlan(knowledge: Knowledge, planId: string): string | undefined {
  return knowledge.plans.find((p) => p.id === planId)?.agencyId;
}
