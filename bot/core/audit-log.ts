// /nhatky (/audit) [n] [đơn vị|mã]: the last entries of the audit log, for admins of the agencies concerned.
import type { Incoming, Outgoing } from "./types.ts";
import type { CoreDeps, CoreFeature } from "./index.ts";
import type { AuditEntry, AuditFilter } from "../../data/audit.ts";
import { agencyLabel, clip, formatDay, matchCommand, unitById } from "./common.ts";
import { resolveUnit } from "./resolve-unit.ts";
import { findByCode } from "../../jobs/occurrences.ts";
import { ACTIONS, ROLE_LABEL, agenciesFor, authorize, type Action } from "./roles.ts";
import { whenText } from "./reminders/actions.ts";

const commands = [{ name: "nhatky", aliases: ["audit", "log"], description: "Nhật ký thay đổi: /nhatky [số dòng] [đơn vị hoặc mã việc] (quản trị viên)", adminOnly: true }];

const DEFAULT_N = 10;
const MAX_N = 50;

/** How each kind of change reads in the log. */
export const CHANGE_LABEL: Record<string, string> = {
  bind: "gắn nhóm với đơn vị",
  unbind: "bỏ gắn nhóm",
  confirm: "xác nhận đã nộp",
  undo: "hoàn tác xác nhận",
  snooze: "hoãn nhắc",
  "plan-load": "nạp kế hoạch",
  "plan-replace": "thay kế hoạch",
  "role-add": "cấp vai trò",
  "role-remove": "bỏ vai trò",
  "run-jobs": "chạy nhắc hạn",
  extend: "gia hạn",
  assign: "giao việc phát sinh",
};

/** Keys of a before/after object that only machines need (the entry's own fields say them). */
const HIDDEN = new Set(["agencyId", "submission", "occurrenceId", "planId"]);

/** A before/after value in a few words: unit ids become names, instants and days Vietnamese dates. */
function show(deps: CoreDeps, v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return clip(v, 80);
  if (Array.isArray(v)) return v.length ? v.map((x) => show(deps, x)).join("; ") : "—";
  if (typeof v !== "object") return String(v);
  const k = deps.knowledge.knowledge;
  const o = v as Record<string, unknown>;
  const part = (key: string, x: unknown): string | null => {
    if (x === null || x === undefined || HIDDEN.has(key)) return null;
    const t = String(x);
    switch (key) {
      case "unitId":
        return unitById(k, t)?.name ?? t;
      case "role":
        return `${ROLE_LABEL[t as keyof typeof ROLE_LABEL] ?? t}${typeof o.agencyId === "string" ? ` ${agencyLabel(k, o.agencyId)}` : ""}`;
      case "at":
        return `lúc ${whenText(t)}`;
      case "undoneAt":
        return `hoàn tác lúc ${whenText(t)}`;
      case "until":
        return /^\d{4}-\d{2}-\d{2}$/.test(t) ? `đến ngày ${formatDay(t)}` : t;
      case "by":
        return `bởi ${t}`;
      case "evidence":
      case "file":
        return `tệp ${t}`;
      case "title":
        return `«${clip(t, 50)}»`;
      default:
        return t;
    }
  };
  const parts = Object.entries(o).map(([key, x]) => part(key, x)).filter((x): x is string => !!x);
  return clip(parts.join(", ") || "—", 100);
}

export function formatEntry(deps: CoreDeps, e: AuditEntry): string {
  const who = `${e.userName || e.userId} (${e.channel}:${e.userId})`;
  const unit = e.unitId ? ` · ${unitById(deps.knowledge.knowledge, e.unitId)?.name ?? e.unitId}` : "";
  const target = e.target ? ` [${clip(e.target, 40)}]` : "";
  if (e.outcome === "refused") {
    const what = ACTIONS[e.action as Action]?.what ?? CHANGE_LABEL[e.action] ?? e.action;
    return `⛔ ${whenText(e.at)} — ${who}: bị từ chối (${what})${target}${unit}${e.note ? `: ${clip(e.note, 80)}` : ""}`;
  }
  const change = e.before !== undefined || e.after !== undefined ? `: ${show(deps, e.before)} → ${show(deps, e.after)}` : "";
  return `• ${whenText(e.at)} — ${who}: ${CHANGE_LABEL[e.action] ?? e.action}${target}${unit}${change}`;
}

async function showLog(msg: Incoming, args: string, deps: CoreDeps): Promise<Outgoing[]> {
  const allowed = authorize(deps, msg, "audit");
  if (!allowed.ok) return [{ text: allowed.reply }];
  if (!deps.audit) return [{ text: "Nhật ký chưa được bật trong lần chạy này của bot." }];
  const k = deps.knowledge.knowledge;
  const m = /^(\d{1,4})\b\s*([\s\S]*)$/.exec(args);
  const n = Math.min(MAX_N, Math.max(1, m ? Number(m[1]) : DEFAULT_N));
  const query = (m ? m[2] : args).trim();
  const scope = agenciesFor(deps, msg, "audit");
  const filter: AuditFilter = { limit: n, ...(scope === "all" ? {} : { agencyIds: scope }) };
  let about = "";
  if (query) {
    const occ = /^[A-Za-z0-9]{4,6}$/.test(query) ? findByCode(k, query.toUpperCase(), deps.store.state) : undefined;
    if (occ) {
      filter.text = occ.code;
      about = ` về việc [${occ.code}]`;
    } else {
      const found = resolveUnit(k, query);
      const units = found.kind === "one" ? [found.unit] : found.kind === "many" ? found.units.filter((u) => scope === "all" || scope.includes(u.agencyId)) : [];
      if (units.length !== 1) {
        return [{ text: `Không tìm thấy đơn vị hoặc mã việc «${clip(query, 60)}»${units.length > 1 ? " (có nhiều đơn vị trùng tên, hãy ghi kèm tên sở hoặc tỉnh)" : ""}. Cách dùng: /nhatky [số dòng] [đơn vị hoặc mã việc].` }];
      }
      const own = authorize(deps, msg, "audit", units[0].agencyId, { unitId: units[0].id });
      if (!own.ok) return [{ text: own.reply }];
      filter.unitId = units[0].id;
      about = ` của ${units[0].name}`;
    }
  }
  const entries = await deps.audit.list(filter);
  if (entries.length === 0) return [{ text: `Nhật ký chưa có mục nào${about}.` }];
  const where = scope === "all" ? "" : ` (${scope.map((a) => agencyLabel(k, a)).join(", ")})`;
  const lines = [`📜 Nhật ký — ${entries.length} mục gần nhất${about}${where}:`, ...entries.map((e) => formatEntry(deps, e))];
  return [{ text: lines.join("\n") }];
}

export const auditLogFeature: CoreFeature = {
  name: "audit-log",
  commands,
  async onMessage(msg, deps) {
    const cmd = matchCommand(msg, commands);
    return cmd ? showLog(msg, cmd.args, deps) : null;
  },
};
