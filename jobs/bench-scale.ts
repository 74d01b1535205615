// npm run -s bench:scale [-- --days N] [--groups N] [--adapters lowdb,postgresql]
// Province scale with the project's own job code: the bundled plans copied to ~60 agencies' plans,
// 1,000 groups bound over their units, every working day of 2024 at 08:00 (planning, recording,
// delivery with an instant sender), 80% of the items sent confirmed. Per adapter: state size, p50/p95
// of a write (a send's record, a confirmation) and of a read, the planning run's time, and a real
// morning fan-out to every group against a loopback Bot API that enforces Telegram's limits (first
// day and December). PostgreSQL: DATABASE_URL, else a throw-away cluster (Debian's server). Last line JSON.
import { mkdtempSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { Knowledge } from "../knowledge/schema.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { openStore, type Store, type Binding } from "../data/store.ts";
import { openPgStore } from "../data/pg-store.ts";
import { runReminderJob } from "./run.ts";
import { deliverPending, cancelPendingFor, recordPlanned, type NewRecord } from "./deliver.ts";
import { createLimiter, passThroughLimiter } from "./throttle.ts";
import { isWorkday, localInstant } from "./workdays.ts";
import { createBulkApi } from "../bot/telegram/bot.ts";
import { createTelegramSender } from "../bot/telegram/render.ts";
import { startFakeTelegram } from "../test/helpers/fake-telegram.ts";
import { startTestCluster } from "../test/helpers/postgres.ts";

const { values } = parseArgs({ options: { days: { type: "string" }, groups: { type: "string" }, adapters: { type: "string" }, copies: { type: "string" } } });
const GROUPS = Number(values.groups ?? 1000);
const COPIES = Number(values.copies ?? 12);
const adapters = (values.adapters ?? "lowdb,postgresql").split(",");
const log = (s: string) => process.stderr.write(`${s}\n`);

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 100) / 100;
};

/** the bundled plans, copied under other province slugs: ~60 agencies' plans */
async function provinceKnowledge(): Promise<Knowledge> {
  const dir = mkdtempSync(join(tmpdir(), "bench-scale-k-"));
  const base = await loadKnowledge({ plansDir: "data/plans", file: join(dir, "knowledge.json") });
  const slugs = [...new Set(base.plans.map((p) => p.agencyId.split("/")[0]))];
  const re = new RegExp(`"(${slugs.join("|")})([-/])`, "g");
  const text = JSON.stringify(base);
  const copies = Array.from({ length: COPIES }, (_, n) => JSON.parse(n === 0 ? text : text.replace(re, `"$1-c${n}$2`)) as Knowledge);
  rmSync(dir, { recursive: true, force: true });
  return Knowledge.parse({
    ...base,
    plans: copies.flatMap((k) => k.plans),
    units: copies.flatMap((k) => k.units),
    tasks: copies.flatMap((k) => k.tasks),
    targets: copies.flatMap((k) => k.targets),
    reports: copies.flatMap((k) => k.reports),
    problems: copies.flatMap((k) => k.problems),
    statements: copies.flatMap((k) => k.statements),
  });
}

function bindings(k: Knowledge): Binding[] {
  const units = k.units.filter((u) => u.kind === "internal");
  return Array.from({ length: GROUPS }, (_, i) => {
    const u = units[i % units.length];
    return { channel: "telegram" as const, chatId: String(-100000 - i), chatTitle: `Nhóm ${i}`, unitId: u.id, agencyId: u.id.split("/").slice(0, 2).join("/"), boundBy: "telegram:1", boundAt: "2024-01-01T00:00:00.000Z" };
  });
}

/** times each write (update, apply) of a store */
function timed(store: Store, writes: number[]): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if ((prop === "update" || prop === "apply") && typeof v === "function") {
        return async (...args: unknown[]) => {
          const t = performance.now();
          try {
            return await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            writes.push(performance.now() - t);
          }
        };
      }
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

/** every group gets one reminder this morning, sent for real through the limiter to a Bot API enforcing Telegram's limits */
async function fanOut(store: Store, day: string, groups: Binding[]) {
  const tg = await startFakeTelegram({ limits: { perSecond: 30, perChatPerMinute: 20 } });
  try {
    const limiter = createLimiter({ perChatPerMinute: 20, perSecond: 25 });
    const sender = createTelegramSender(createBulkApi({ token: tg.token, apiRoot: tg.apiRoot, limiter }));
    const at = localInstant(day, 8, 0);
    const records: NewRecord[] = groups.map((b, i) => ({ id: `fanout-${day}-${i}@${day}|${b.unitId}|due|${b.chatId}`, occurrenceId: `fanout-${day}-${i}@${day}`, itemId: `fanout-${i}`, planId: "bench", unitId: b.unitId, channel: "telegram", chatId: b.chatId, stage: "due", due: day, code: `F${i}`, text: "Báo cáo định kỳ (kiểm tra tải)" }));
    await recordPlanned(store, records, at);
    const ids = new Set(records.map((r) => r.id));
    const t = performance.now();
    const r = await deliverPending({ store, senders: { telegram: sender }, limiter: passThroughLimiter, unitName: (id) => id, now: () => at, log: () => undefined }, { catchUp: false, only: (x) => ids.has(x.id) });
    const seconds = (performance.now() - t) / 1000;
    const delivered = new Set(tg.messages().map((m) => m.chatId)).size;
    return { seconds: Math.round(seconds * 10) / 10, messages: r.messages, perSecond: Math.round((r.messages / seconds) * 10) / 10, delivered, lost: groups.length - delivered, tooMany: tg.tooMany };
  } finally {
    await tg.close();
  }
}

async function benchAdapter(name: string, k: Knowledge, open: () => Promise<{ store: Store; size: () => Promise<number>; close: () => Promise<void> }>) {
  const { store: raw, size, close } = await open();
  const writes: number[] = [];
  const reads: number[] = [];
  const planning: number[] = [];
  const store = timed(raw, writes);
  const groups = bindings(k);
  await store.update((s) => void s.bindings.push(...groups));
  const days: string[] = [];
  for (let d = new Date("2024-01-01T00:00:00Z"); d.getUTCFullYear() === 2024; d = new Date(d.getTime() + 86_400_000)) {
    const iso = d.toISOString().slice(0, 10);
    if (isWorkday(iso)) days.push(iso);
  }
  const limit = values.days ? Number(values.days) : days.length;
  const run = days.slice(0, limit);
  const first = await fanOut(store, run[0], groups);
  log(`${name}: first-day fan-out ${JSON.stringify(first)}`);
  let sentItems = 0;
  let confirmed = 0;
  let n = 0;
  for (const day of run) {
    const now = localInstant(day, 8, 0);
    const t = performance.now();
    const sender = async () => ({ messageId: String(++n) });
    const r = await runReminderJob({ store, knowledge: () => k, senders: { telegram: sender }, now: () => now, limiter: passThroughLimiter, log: () => undefined }, { reason: "bench", digest: false, catchUp: false });
    planning.push(performance.now() - t);
    sentItems += r.delivery.items;
    // 80% of what went out today is confirmed: 20 one by one (as the core does, timed), the rest at once
    const today = store.state.outbox.filter((o) => o.status === "sent" && o.sentAt === now.toISOString() && o.stage !== "escalation" && o.stage !== "digest");
    const picked = today.filter((_, i) => i % 5 !== 0);
    const sub = (o: (typeof today)[number]) => ({ id: `s-${o.id}`, occurrenceId: o.occurrenceId, itemId: o.itemId, planId: o.planId, unitId: o.unitId, userId: "9", userName: "Bench", chatId: o.chatId, channel: o.channel, at: now.toISOString(), evidence: null, undoneAt: null });
    for (const o of picked.slice(0, 20)) await store.update((s) => void (s.submissions.push(sub(o)), cancelPendingFor(s, o.occurrenceId, o.unitId, "confirmed")));
    if (picked.length > 20) await raw.update((s) => void picked.slice(20).forEach((o) => (s.submissions.push(sub(o)), cancelPendingFor(s, o.occurrenceId, o.unitId, "confirmed"))));
    confirmed += picked.length;
    // a read as a reply to a reminder does it: the message it answers, and what is still pending
    for (let i = 0; i < 20; i++) {
      const t2 = performance.now();
      await raw.refresh?.();
      const m = store.state.sentMessages.at(-1 - i);
      void store.state.sentMessages.find((x) => x.chatId === m?.chatId && x.messageId === m?.messageId);
      void store.state.outbox.filter((o) => o.status === "pending").length;
      reads.push(performance.now() - t2);
    }
  }
  const december = await fanOut(store, run.at(-1)!, groups);
  log(`${name}: last-day fan-out ${JSON.stringify(december)}`);
  const lateWrites = writes.slice(-Math.min(writes.length, 2000));
  const result = {
    adapter: name,
    days: run.length,
    groups: GROUPS,
    plans: k.plans.length,
    sentItems,
    confirmed,
    outboxRows: store.state.outbox.length,
    stateBytes: await size(),
    writeP50ms: pct(writes, 50),
    writeP95ms: pct(writes, 95),
    writeP95LastMonthMs: pct(lateWrites, 95),
    readP50ms: pct(reads, 50),
    readP95ms: pct(reads, 95),
    planningRunP50ms: pct(planning, 50),
    planningRunMaxMs: Math.round(Math.max(...planning)),
    fanOutFirstDay: first,
    fanOutLastDay: december,
    rssMB: Math.round(process.memoryUsage().rss / 1048576),
  };
  await close();
  return result;
}

async function main() {
  const k = await provinceKnowledge();
  log(`knowledge: ${k.plans.length} plans, ${k.units.length} units`);
  const results = [];
  if (adapters.includes("lowdb")) {
    const dir = mkdtempSync(join(tmpdir(), "bench-scale-db-"));
    const file = join(dir, "db.json");
    results.push(
      await benchAdapter("lowdb", k, async () => {
        const store = await openStore(file);
        const size = async () => statSync(file).size + (existsSync(`${file}.journal`) ? statSync(`${file}.journal`).size : 0);
        return { store, size, close: async () => (await store.close?.(), rmSync(dir, { recursive: true, force: true })) };
      }),
    );
    log(JSON.stringify(results.at(-1)));
  }
  if (adapters.includes("postgresql")) {
    const cluster = process.env.DATABASE_URL ? null : await startTestCluster();
    const url = process.env.DATABASE_URL ?? cluster!.url;
    try {
      results.push(
        await benchAdapter("postgresql", k, async () => {
          const store = await openPgStore(url);
          const size = async () => {
            const c = new pg.Client({ connectionString: url });
            await c.connect();
            const r = await c.query<{ n: string }>("SELECT pg_total_relation_size('outbox') + pg_total_relation_size('state_rows') AS n");
            await c.end();
            return Number(r.rows[0].n);
          };
          return { store, size, close: async () => void (await store.close?.()) };
        }),
      );
      log(JSON.stringify(results.at(-1)));
    } finally {
      cluster?.stop();
    }
  }
  process.stdout.write(`${JSON.stringify({ bench: "scale", results })}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench:scale failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
