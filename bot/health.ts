// Readiness for GET /healthz: what the bot last heard from its channels, when reminders last ran,
// what waits in the outbox, which knowledge is loaded. 503 when a poller is stuck: no successful
// getUpdates for HEALTH_STUCK_SECONDS (the first poll gets the same grace from the start).
// The channels are watched from outside (an API transformer, a fetch wrapper), so their code is unchanged.
import type { Bot } from "grammy";
import type { Store } from "../data/store.ts";
import type { Knowledge } from "../knowledge/schema.ts";
import type { RouteHandler } from "./http.ts";

export type Poller = "telegram" | "zalo";

export interface Health {
  /** a poller is running (its stuck check applies) */
  polling(who: Poller): void;
  /** getUpdates answered successfully with `updates` updates */
  polled(who: Poller, updates: number): void;
  /** an update arrived (polling or webhook) */
  updated(who: Poller): void;
  report(): HealthReport;
}

export interface HealthReport {
  ok: boolean;
  status: "ok" | "stuck";
  since: string;
  pollers: Record<string, { lastPollAt: string | null; stuck: boolean }>;
  lastUpdateAt: string | null;
  lastReminderRun: string | null;
  pendingOutbox: number;
  knowledge: { version: number; builtAt: string; plans: number };
  stuckAfterSeconds: number;
}

export interface HealthDeps {
  store: Pick<Store, "state">;
  knowledge: () => Knowledge;
  stuckSeconds: number;
  /** the real clock: ages are real seconds even under BOT_CLOCK */
  now?: () => number;
}

export function createHealth(deps: HealthDeps): Health {
  const now = deps.now ?? Date.now;
  const started = now();
  const lastPoll = new Map<Poller, number | null>();
  let lastUpdate: number | null = null;
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    polling(who) {
      if (!lastPoll.has(who)) lastPoll.set(who, null);
    },
    polled(who, updates) {
      lastPoll.set(who, now());
      if (updates > 0) lastUpdate = now();
    },
    updated() {
      lastUpdate = now();
    },
    report() {
      const t = now();
      const pollers: HealthReport["pollers"] = {};
      for (const [who, at] of lastPoll) pollers[who] = { lastPollAt: iso(at), stuck: t - (at ?? started) > deps.stuckSeconds * 1000 };
      const stuck = Object.values(pollers).some((p) => p.stuck);
      const k = deps.knowledge();
      const s = deps.store.state;
      return {
        ok: !stuck,
        status: stuck ? "stuck" : "ok",
        since: iso(started)!,
        pollers,
        lastUpdateAt: iso(lastUpdate),
        lastReminderRun: s.jobRuns.remind ?? null,
        pendingOutbox: s.outbox.filter((r) => r.status === "pending").length,
        knowledge: { version: k.version, builtAt: k.builtAt, plans: k.plans.length },
        stuckAfterSeconds: deps.stuckSeconds,
      };
    },
  };
}

export function healthzRoute(health: Health): RouteHandler {
  return (req, res) => {
    req.resume();
    const r = health.report();
    res.writeHead(r.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(r));
  };
}

/** Notes Telegram's successful getUpdates (an API transformer: runs around every Bot API call). */
export function watchTelegram(bot: Bot, health: Health): void {
  health.polling("telegram");
  bot.api.config.use(async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (method === "getUpdates" && res.ok) health.polled("telegram", Array.isArray(res.result) ? res.result.length : 0);
    return res;
  });
}

/** A fetch for the Zalo client that notes successful getUpdates (an empty long poll answers 408). */
export function watchZaloFetch(health: Health, inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith("/getUpdates")) {
      const body = (await res
        .clone()
        .json()
        .catch(() => null)) as { ok?: boolean; result?: unknown; error_code?: number } | null;
      if (body?.ok) health.polled("zalo", Array.isArray(body.result) ? body.result.length : body.result ? 1 : 0);
      else if (body?.error_code === 408) health.polled("zalo", 0);
    }
    return res;
  };
}

/** Wraps a webhook route so a delivery counts as an update received. */
export function watchRoute(route: RouteHandler, health: Health, who: Poller): RouteHandler {
  return (req, res) => {
    if (req.method === "POST") health.updated(who);
    return route(req, res);
  };
}
