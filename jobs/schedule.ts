// Wiring the job to time. node-cron ticks every minute (Asia/Ho_Chi_Minh); each tick asks the injected
// clock whether a working day's 08:00 has passed that state.jobRuns has not seen — so a BOT_CLOCK demo,
// a suspended laptop and a bot stopped over 08:00 all end the same way: one run, one message per chat.
import cron from "node-cron";
import { defaultPolicy } from "./policy.ts";
import { defaultCalendar, localDate } from "./workdays.ts";
import { digestDueAt, lastRunSlot } from "./slots.ts";
import { runReminderJob, summarizeRun, type JobDeps } from "./run.ts";
import { noGroupReason } from "./empty-run.ts";
import { deliverPending } from "./deliver.ts";
import { createLimiter, type Limiter } from "./throttle.ts";
import { unitMap, unitName } from "./occurrences.ts";

export interface CronLike {
  schedule(expr: string, fn: () => unknown, opts: { timezone: string; name?: string }): { stop(): unknown };
}

export type StartJobsDeps = Omit<JobDeps, "limiter"> & {
  limiter?: Limiter;
  cron?: CronLike;
  /** wait this long before the start-up catch-up, so a process that is about to exit (Telegram 409:
   *  another instance owns the token) sends nothing */
  startDelayMs?: number;
  /** several replicas on one database: only the leader runs the scheduled jobs (data/pg-leader.ts) */
  isLeader?: () => boolean;
};

export interface Jobs {
  /** runs the job now (e.g. /nhacviec); resolves with a Vietnamese summary */
  runNow(reason: string, opts?: { agencyIds?: readonly string[] }): Promise<string>;
  /** checks the clock against the schedule (what each cron tick does) */
  tick(reason?: string): Promise<void>;
  /** resolves when the start-up catch-up is done */
  ready: Promise<void>;
  /** what a start does: a missed run, or what a run left pending (this replica just became the leader) */
  catchUp(reason: string): Promise<void>;
  stop(): void;
}

const LATE_MS = 30 * 60_000;

export function startJobs(deps: StartJobsDeps): Jobs {
  const policy = deps.policy ?? defaultPolicy;
  const cal = deps.calendar ?? defaultCalendar;
  const limiter = deps.limiter ?? createLimiter({ perChatPerMinute: policy.throttle.perChatPerMinute, perSecond: policy.throttle.perSecond, sleep: deps.sleep });
  const jobDeps: JobDeps = { ...deps, limiter, policy, calendar: cal };
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  let started = false;

  // one run at a time: a cron tick and /nhacviec never interleave
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = chain.then(fn);
    chain = next.catch(() => undefined);
    return next;
  }

  const digestDue = (now: Date) => digestDueAt(now, deps.store.state.jobRuns.digest, policy, cal);

  const leading = () => !deps.isLeader || deps.isLeader();

  async function scheduled(reason: string, startup: boolean): Promise<void> {
    if (stopped || !leading()) return;
    await deps.store.refresh?.();
    const now = deps.now();
    const slot = lastRunSlot(now, policy, cal);
    const last = deps.store.state.jobRuns.remind;
    // never ran before: only today's 08:00 counts (a first start on a holiday or a weekend sends nothing)
    const due = last ? new Date(last) < slot : localDate(slot, policy.utcOffsetMinutes) === localDate(now, policy.utcOffsetMinutes);
    if (due) {
      await runReminderJob(jobDeps, { reason, digest: digestDue(now), catchUp: now.getTime() - slot.getTime() > LATE_MS });
    } else if (startup && deps.store.state.outbox.some((r) => r.status === "pending")) {
      // a run that crashed or failed before its messages went out: send them now
      const units = unitMap(deps.knowledge());
      await deliverPending({ ...jobDeps, unitName: (id) => unitName(units, id) }, { catchUp: true });
    }
  }

  const tick = (reason = "08:00") =>
    started ? serial(() => scheduled(reason, false)).catch((e) => deps.log("error", "reminders: scheduled run failed", e)) : Promise.resolve();
  const ready = new Promise((r) => setTimeout(r, deps.startDelayMs ?? 0))
    .then(() => {
      started = true;
      return serial(() => scheduled("khởi động (bù lần chạy bị lỡ)", true));
    })
    .catch((e) => deps.log("error", "reminders: start-up catch-up failed", e));

  const task = (deps.cron ?? cron).schedule("* * * * *", () => void tick(), { timezone: policy.timezone, name: "reminders" });

  return {
    tick,
    ready,
    catchUp: (reason) => serial(() => scheduled(reason, true)).catch((e) => deps.log("error", "reminders: catch-up failed", e)),
    runNow(reason, opts = {}) {
      // two replicas must not send the same reminders: the leader's run does it
      if (!leading()) return Promise.resolve("Máy chủ này không phải máy chính: nhắc việc do máy chính gửi theo lịch (lúc 08:00 ngày làm việc). Hãy thử lại sau ít phút nếu máy chính vừa khởi động lại.");
      return serial(async () => {
        await deps.store.refresh?.();
        const result = await runReminderJob(jobDeps, { reason, digest: digestDue(deps.now()), catchUp: false, ...(opts.agencyIds ? { agencyIds: opts.agencyIds } : {}) });
        return summarizeRun(result, noGroupReason(deps.store.state));
      });
    },
    stop() {
      stopped = true;
      void task.stop();
    },
  };
}
