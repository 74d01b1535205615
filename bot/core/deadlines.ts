// /han (/deadlines) [tháng/quý/năm] [sở, tỉnh]: dated deadlines of the plans — for the group's unit
// when the group is registered. Without a period: the coming weeks from today.
import type { Incoming, Outgoing } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import type { Knowledge } from "../../knowledge/schema.ts";
import { addDays, agencyLabel, bindingFor, clip, formatDay, isoDay, matchCommand, taskLabel, unitById, unitNames } from "./common.ts";
import { inYear, parsePeriod, type Period } from "./period.ts";
import { findAgencies } from "./resolve-unit.ts";
import { roleOf } from "./scope.ts";
import { agencyOfPlanId, expandOccurrences, latestExtensions, type Desk, type Occurrence as JobOccurrence } from "../../jobs/occurrences.ts";

const commands = [{ name: "han", aliases: ["deadlines"], description: "Các hạn sắp tới (có thể theo tháng/quý: /han quý III/2024)" }];

/** how far "upcoming" looks when no period is given */
const UPCOMING_DAYS = 60;
const MAX_LINES = 15;

export interface Occurrence {
  date: string;
  label: string;
  dueText: string;
  planId: string;
  agencyId: string;
  owners: string[];
  /** a horizon ("Đến năm 2025"): shown only when a whole year is asked for */
  horizon: boolean;
}

/** Every dated deadline of the plans, one per date (a report due 15/3; 15/6; … gives four); with the desk,
 *  extended dates moved (jobs/occurrences.ts keeps the extensions) and the ad-hoc tasks of /giao added. */
export function occurrences(
  knowledge: Knowledge,
  filter: (item: Knowledge["tasks"][number] | Knowledge["reports"][number]) => boolean = () => true,
  desk?: Desk & { adhocFilter?: (o: JobOccurrence) => boolean },
): Occurrence[] {
  const agency = new Map(knowledge.plans.map((p) => [p.id, p.agencyId]));
  const ext = latestExtensions(desk?.extensions ?? []);
  const moved = (id: string, date: string, text: string): [string, string] => {
    const e = ext.get(`${id}@${date}`);
    return e ? [e.to, `gia hạn đến ${formatDay(e.to)}; hạn cũ ${text || formatDay(date)}`] : [date, text];
  };
  const out: Occurrence[] = [];
  for (const t of knowledge.tasks) {
    const d = t.deadline;
    if (!filter(t) || !["date", "month", "quarter", "recurring", "year"].includes(d.kind)) continue;
    const dates = d.dates?.length ? d.dates : d.due ? [d.due] : [];
    const label = taskLabel(t);
    for (const date of dates) {
      const [day, dueText] = moved(t.id, date, d.text);
      out.push({ date: day, label, dueText, planId: t.planId, agencyId: agency.get(t.planId) ?? "", owners: unitNames(knowledge, t.lead), horizon: d.kind === "year" });
    }
  }
  for (const r of knowledge.reports) {
    if (!filter(r)) continue;
    const dates = r.due.dates?.length ? r.due.dates : r.due.due ? [r.due.due] : [];
    for (const date of dates) {
      const [day, dueText] = moved(r.id, date, r.due.text);
      out.push({ date: day, label: r.name, dueText, planId: r.planId, agencyId: agency.get(r.planId) ?? "", owners: unitNames(knowledge, r.from), horizon: false });
    }
  }
  if (desk) {
    for (const o of expandOccurrences(knowledge, desk)) {
      if (o.kind !== "adhoc" || (desk.adhocFilter && !desk.adhocFilter(o))) continue;
      out.push({ date: o.due, label: `${o.title} (việc được giao)`, dueText: o.originalDue ? `gia hạn; hạn cũ ${formatDay(o.originalDue)}` : "", planId: o.planId, agencyId: agencyOfPlanId(knowledge, o.planId) ?? "", owners: unitNames(knowledge, o.lead), horizon: false });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.label.localeCompare(b.label));
}

function within(list: Occurrence[], from: string, to: string, horizons: boolean) {
  return list.filter((o) => o.date >= from && o.date <= to && (horizons || !o.horizon));
}

function render(knowledge: Knowledge, header: string, list: Occurrence[], hint: string): string {
  const manyAgencies = new Set(list.map((o) => o.agencyId)).size > 1;
  const lines = list.slice(0, MAX_LINES).map((o) => {
    const where = manyAgencies ? ` (${agencyLabel(knowledge, o.agencyId)})` : "";
    const due = o.dueText ? ` [${clip(o.dueText, 60)}]` : "";
    const owners = o.owners.length ? ` — chủ trì: ${clip(o.owners.join(", "), 80)}` : "";
    return `• ${formatDay(o.date)}${due}: ${clip(o.label, 140)}${where}${owners}`;
  });
  if (list.length > MAX_LINES) lines.push(`… và ${list.length - MAX_LINES} mục khác. ${hint}`);
  return [header, ...lines].join("\n");
}

async function deadlines(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const knowledge = deps.knowledge.knowledge;
  const today = isoDay(deps.now());
  const { period, rest } = parsePeriod(args, today);
  const agencies = rest ? findAgencies(knowledge, rest).agencyIds : [];
  // "13/2024" or "quý V/2024" leave a number or "quý" behind: answering for the whole year would mislead
  const leftover = period !== null && /\d|\b(?:quy|thang|quarter|month)\b/.test(rest);
  // "-1", "tháng -3": a minus sign (not a date's "2024-02") is never a period
  const negative = /(?<!\d)[-−]\s*\d/.test(args);
  if (args && ((!period && agencies.length === 0) || leftover || negative))
    return [
      {
        text: `Tôi chưa hiểu khoảng thời gian «${clip(args, 60)}» (tháng từ 1 đến 12, quý từ I đến IV). Ví dụ: /han tháng 3/2024, /han quý III/2024, /han 2024, /han tháng này.`,
      },
    ];

  const binding = msg.chatType === "group" ? bindingFor(deps, msg.channel, msg.chatId) : undefined;
  const desk = { extensions: deps.store.state.extensions, adhocTasks: deps.store.state.adhocTasks };
  const unit = binding ? unitById(knowledge, binding.unitId) : undefined;
  let scopeLabel = "";
  let all: Occurrence[];
  if (binding) {
    all = occurrences(knowledge, (item) => roleOf(knowledge, item, binding.unitId) !== null, { ...desk, adhocFilter: (o) => o.lead.includes(binding.unitId) });
    scopeLabel = ` — ${unit?.name ?? binding.unitId} (${agencyLabel(knowledge, binding.agencyId)})`;
  } else {
    all = occurrences(knowledge, undefined, desk).filter((o) => agencies.length === 0 || agencies.includes(o.agencyId));
    if (agencies.length === 1) scopeLabel = ` — ${agencyLabel(knowledge, agencies[0])}`;
  }
  const hint = "Thu hẹp bằng /han tháng 3/2024 hoặc /han quý I/2024.";

  if (!period) {
    const to = addDays(today, UPCOMING_DAYS);
    const soon = within(all, today, to, false);
    if (soon.length) return [{ text: render(knowledge, `📅 Các hạn từ ${formatDay(today)} đến ${formatDay(to)}${scopeLabel}:`, soon, hint) }];
    const later = all.filter((o) => o.date >= today && !o.horizon);
    if (later.length) return [{ text: render(knowledge, `📅 Không có hạn nào trong ${UPCOMING_DAYS} ngày tới${scopeLabel}. Các hạn gần nhất sau đó:`, later, hint) }];
    const last = all.filter((o) => !o.horizon).at(-1);
    return [
      {
        text: `Không còn hạn nào sắp tới (tính từ ${formatDay(today)})${scopeLabel}.${last ? ` Hạn cuối cùng trong kế hoạch là ${formatDay(last.date)}; xem lại bằng /han ${last.date.slice(0, 4)}.` : ""}`,
      },
    ];
  }

  let p: Period = period;
  let found = within(all, p.from, p.to, p.kind === "year");
  if (!found.length && !p.yearGiven) {
    // "quý III" without a year: the most recent year of the plans that has something then
    const years = [...new Set(all.map((o) => Number(o.date.slice(0, 4))))].sort((a, b) => b - a);
    for (const y of years) {
      const candidate = inYear(p, y);
      const f = within(all, candidate.from, candidate.to, false);
      if (f.length) {
        p = candidate;
        found = f;
        break;
      }
    }
  }
  if (!found.length) return [{ text: `Không có hạn nào trong ${p.label}${scopeLabel}.` }];
  return [{ text: render(knowledge, `📅 Các hạn trong ${p.label}${scopeLabel}:`, found, hint) }];
}

export const deadlinesFeature: CoreFeature = {
  name: "deadlines",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    return cmd ? deadlines(msg, cmd.args, deps) : null;
  },
};
