// One run of the reminder job: plan (reminders, escalations, digest) → pending records → deliver → note the run.
import type { Knowledge } from "../knowledge/schema.ts";
import type { Store } from "../data/store.ts";
import type { ChannelName, Outgoing, Sender } from "../bot/core/types.ts";
import { defaultPolicy, type ReminderPolicy } from "./policy.ts";
import { defaultCalendar, type HolidayCalendar } from "./workdays.ts";
import { planReminders, type PlannedReminder } from "./reminders.ts";
import { planDigest, planEscalations, type PlannedNotice } from "./digest.ts";
import { deliverPending, recordPlanned, type DeliverDeps, type DeliverReport, type NewRecord } from "./deliver.ts";
import { composeMessage } from "./messages.ts";
import { agencyOfPlanId, unitMap, unitName } from "./occurrences.ts";
import type { Limiter } from "./throttle.ts";

export interface JobDeps {
  store: Store;
  knowledge: () => Knowledge;
  senders: Partial<Record<ChannelName, Sender>>;
  now: () => Date;
  limiter: Limiter;
  log: (level: "info" | "warn" | "error", msg: string, extra?: unknown) => void;
  policy?: ReminderPolicy;
  calendar?: HolidayCalendar;
  sleep?: (ms: number) => Promise<void>;
  /** bot removed from a group / group migrated, learnt from a send error */
  onChatGone?: DeliverDeps["onChatGone"];
  /** a channel's quota ran out during delivery (Zalo 429) */
  onQuotaExhausted?: DeliverDeps["onQuotaExhausted"];
}

export interface RunOptions {
  reason: string;
  /** include the weekly digest */
  digest: boolean;
  /** the run makes up for missed ones: the messages say so */
  catchUp: boolean;
  /** only these agencies' plans (an agency admin's /nhacviec); the scheduled run stays due for the rest */
  agencyIds?: readonly string[];
}

export interface PreviewMessage {
  channel: ChannelName;
  chatId: string;
  records: NewRecord[];
  message: Outgoing;
}

export interface RunResult {
  planned: NewRecord[];
  delivery: DeliverReport;
}

function toRecord(p: PlannedReminder): NewRecord {
  const o = p.occurrence;
  return { id: p.id, occurrenceId: o.id, itemId: o.itemId, planId: o.planId, unitId: p.unitId, channel: p.channel, chatId: p.chatId, stage: p.stage, due: o.due, code: o.code, text: p.text };
}

function noticeRecord(n: PlannedNotice): NewRecord {
  const { kind, ...rest } = n;
  return { ...rest, stage: kind };
}

/** Whether a record belongs to one of the agencies (by its plan). */
export function ofAgencies(knowledge: Knowledge, agencyIds: readonly string[]): (r: Pick<NewRecord, "planId">) => boolean {
  // ad-hoc tasks (/giao) carry their agency in their pseudo plan id
  return (r) => agencyIds.includes(agencyOfPlanId(knowledge, r.planId) ?? "");
}

/** What a run at `now` would plan, without touching the state. */
export function planRun(deps: Pick<JobDeps, "store" | "knowledge" | "now" | "policy" | "calendar">, digest: boolean, agencyIds?: readonly string[]): NewRecord[] {
  const s = deps.store.state;
  const input = {
    now: deps.now(),
    knowledge: deps.knowledge(),
    bindings: s.bindings,
    submissions: s.submissions,
    snoozes: s.snoozes,
    sent: s.outbox,
    escalations: s.escalations,
    desk: s,
    policy: deps.policy ?? defaultPolicy,
    calendar: deps.calendar ?? defaultCalendar,
  };
  const all = [...planReminders(input).map(toRecord), ...planEscalations(input).map(noticeRecord), ...(digest ? planDigest(input).map(noticeRecord) : [])];
  return agencyIds ? all.filter(ofAgencies(input.knowledge, agencyIds)) : all;
}

/** The messages a plan turns into, one per chat (for --dry-run and tests). */
export function previewMessages(records: NewRecord[], knowledge: Knowledge, catchUp: boolean): PreviewMessage[] {
  const units = unitMap(knowledge);
  const groups = new Map<string, NewRecord[]>();
  for (const r of records) groups.set(`${r.channel}:${r.chatId}`, [...(groups.get(`${r.channel}:${r.chatId}`) ?? []), r]);
  return [...groups.values()].map((rs) => ({
    channel: rs[0].channel,
    chatId: rs[0].chatId,
    records: rs,
    message: composeMessage(
      rs.map((r) => ({ ...r, status: "pending" as const, createdAt: "", sentAt: null, messageId: null, attempts: 0, lastError: null, uncertainAt: null })),
      { unitName: (id) => unitName(units, id), catchUp },
    ),
  }));
}

export async function runReminderJob(deps: JobDeps, opts: RunOptions): Promise<RunResult> {
  // an agency's own run never sends the weekly digest, so the province-wide one is not doubled
  const digest = opts.digest && !opts.agencyIds;
  const planned = planRun(deps, digest, opts.agencyIds);
  await recordPlanned(deps.store, planned, deps.now());
  const units = unitMap(deps.knowledge());
  const delivery = await deliverPending(
    {
      store: deps.store,
      senders: deps.senders,
      limiter: deps.limiter,
      unitName: (id) => unitName(units, id),
      now: deps.now,
      sleep: deps.sleep,
      onChatGone: deps.onChatGone,
      onQuotaExhausted: deps.onQuotaExhausted,
      log: deps.log,
      maxRetryAfterSeconds: (deps.policy ?? defaultPolicy).throttle.maxRetryAfterSeconds,
    },
    { catchUp: opts.catchUp, ...(opts.agencyIds ? { only: ofAgencies(deps.knowledge(), opts.agencyIds) } : {}) },
  );
  const at = deps.now().toISOString();
  // a run for some agencies leaves the scheduled 08:00 run due for the others
  if (!opts.agencyIds) {
    // old sent/cancelled rows leave the state (kept in the archive); the write below is the run's one full write
    const archived = await deps.store.archive?.(deps.now());
    if (archived && archived.outbox + archived.sentMessages > 0) deps.log("info", `state: archived ${archived.outbox} outbox row(s) and ${archived.sentMessages} sent-message entr(ies)`);
    await deps.store.update((s) => {
      s.jobRuns.remind = at;
      if (digest) s.jobRuns.digest = at;
    });
  }
  deps.log("info", `reminders (${opts.reason}): ${planned.length} planned, ${delivery.messages} message(s) sent, ${delivery.failed} failed, ${delivery.skipped} chat(s) without a running channel`);
  return { planned, delivery };
}

/** One Vietnamese line for /nhacviec; `emptyReason` says why an empty run sent nothing (no group bound). */
export function summarizeRun(r: RunResult, emptyReason: string | null = null): string {
  const d = r.delivery;
  if (r.planned.length === 0 && d.messages === 0 && d.failed === 0) {
    return emptyReason ? `Đã chạy nhắc việc: không gửi gì. ${emptyReason}` : "Đã chạy nhắc việc: không có nhắc nhở nào đến hạn lúc này.";
  }
  const parts = [`Đã chạy nhắc việc: ${r.planned.length} mục mới, đã gửi ${d.messages} tin nhắn (${d.items} mục).`];
  if (d.failed > 0) parts.push(`${d.failed} nhóm gửi lỗi — sẽ thử lại lần chạy sau.`);
  if (d.quotaExhausted.includes("zalo")) parts.push("Zalo đã hết hạn mức tin nhắn — các tin Zalo còn lại chờ lần chạy sau.");
  if (d.skipped > 0) parts.push(`${d.skipped} nhóm thuộc kênh chưa chạy — giữ lại để gửi sau.`);
  return parts.join(" ");
}
