// The Zalo channel over the real core, against the fake Zalo Bot API on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createCore, createKnowledgeRef, type CoreDeps } from "../../../bot/core/index.ts";
import type { ChannelName, Sender } from "../../../bot/core/types.ts";
import { createZaloChannel, type ZaloChannel } from "../../../bot/zalo/index.ts";
import type { Polling } from "../../../bot/zalo/polling.ts";
import { memoryStore, type Store } from "../../../data/store.ts";
import { ask } from "../../../knowledge/ask.ts";
import { runReminderJob } from "../../../jobs/run.ts";
import { createLimiter } from "../../../jobs/throttle.ts";
import type { Knowledge } from "../../../knowledge/schema.ts";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";
import { withManyTasks, zaloTestKnowledge } from "../../helpers/zalo-knowledge.ts";

const SECRET = "zalo-secret-123";
const ADMIN = "admin-zalo-1";
const NOW = new Date("2024-09-11T03:00:00Z"); // 10:00 in Viet Nam

interface Rig {
  fake: FakeZalo;
  store: Store;
  deps: CoreDeps;
  channel: ZaloChannel;
  logs: string[];
  /** one message through the channel, processed to the end */
  say(text: string, opts?: { chatId?: string; userId?: string; group?: boolean; messageId?: string }): Promise<string[]>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(knowledge: Knowledge = zaloTestKnowledge()): Promise<Rig> {
  const fake = await startFakeZalo();
  cleanups.push(() => fake.close());
  const store = memoryStore();
  const logs: string[] = [];
  const log = (level: string, msg: string) => void logs.push(`${level}: ${msg}`);
  const senders: Partial<Record<ChannelName, Sender>> = {};
  const deps: CoreDeps = {
    store,
    knowledge: createKnowledgeRef(knowledge),
    adminIds: new Set([`zalo:${ADMIN}`]),
    now: () => NOW,
    senders,
    plansDir: "data/plans",
    knowledgeFile: "/nonexistent/knowledge.json",
    log,
  };
  const core = createCore(deps);
  const channel = createZaloChannel({ token: fake.token, apiRoot: fake.apiRoot, core, store, log, senders, webhookSecret: SECRET, now: () => NOW, backoffMs: 5, pollTimeoutSec: 5 });
  senders.zalo = channel.sender;
  const r: Rig = {
    fake,
    store,
    deps,
    channel,
    logs,
    async say(text, opts = {}) {
      const chatId = opts.chatId ?? "u-private";
      const before = fake.sent.length;
      await channel.adapter.handleUpdate(textUpdate({ text, chatId, userId: opts.userId ?? chatId, group: opts.group, messageId: opts.messageId }));
      return fake.sent.slice(before).filter((m) => m.chat_id === chatId).map((m) => m.text);
    },
  };
  return r;
}

async function withPolling(r: Rig): Promise<Polling> {
  const p = await r.channel.startPolling();
  cleanups.push(() => p.stop());
  return p;
}

async function withWebhookServer(r: Rig): Promise<string> {
  const route = r.channel.webhookRoute;
  const server: Server = createServer((req, res) => (req.url === route.path ? route.handle(req, res) : (res.writeHead(404), res.end())));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  cleanups.push(() => new Promise<void>((ok) => (server.closeAllConnections(), server.close(() => ok()))));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await r.channel.setWebhook(`${base}${route.path}`);
  return base;
}

describe("Zalo channel over the core", () => {
  it("answers a private question received by long polling, with typing shown", async () => {
    const r = await rig();
    await withPolling(r);
    const question = "Báo cáo quý III của Sở LĐTBXH Quảng Trị hạn khi nào?";
    r.fake.push(textUpdate({ text: question, chatId: "u-1", name: "Trần Văn C" }));
    const [reply] = await r.fake.waitForSent(1, "u-1");
    const expected = ask(r.deps.knowledge.index, question, { today: "2024-09-11" }).answer;
    expect(reply.text.startsWith(expected.trim())).toBe(true);
    expect(reply.text).toContain("15/9/2024");
    expect(reply.text).toContain("Nguồn:"); // the citation is in the text; Telegram's "📄 Nguồn" button is not
    expect(reply.text.length).toBeLessThanOrEqual(2000);
    expect(r.fake.actions).toContainEqual({ chat_id: "u-1", action: "typing" });
    // polling removed any webhook first (getUpdates does not work while one is set)
    expect(r.fake.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
  });

  it("registers a group named precisely by an admin; the binding records the Zalo channel", async () => {
    const r = await rig();
    const [reply] = await r.say("/dangky Văn phòng Sở LĐTBXH Quảng Trị", { chatId: "g-qt", userId: ADMIN, group: true });
    expect(reply).toContain("Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở LĐTBXH Quảng Trị");
    expect(r.store.state.bindings).toMatchObject([{ channel: "zalo", chatId: "g-qt", unitId: "quang-tri/so-ldtbxh/van-phong-so" }]);
  });

  it("an ambiguous /dangky gets a numbered list, and the admin answers with the number", async () => {
    const r = await rig();
    const [list] = await r.say("@Trợ lý /dangky Văn phòng", { chatId: "g-sl", userId: ADMIN, group: true });
    expect(list).toMatch(/1\. Văn phòng Sở — Sở (LĐTBXH Quảng Trị|GTVT Sơn La)/);
    expect(list).toMatch(/Trả lời bằng số \(1–2\)/);
    expect(list).not.toContain("✖ Huỷ"); // buttons are not shown as such on Zalo
    const n = /(\d)\. Văn phòng Sở — Sở GTVT Sơn La/.exec(list)![1];
    const [done] = await r.say(n, { chatId: "g-sl", userId: ADMIN, group: true });
    expect(done).toContain("Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở GTVT Sơn La");
    expect(r.store.state.bindings).toMatchObject([{ channel: "zalo", chatId: "g-sl", unitId: "son-la/so-gtvt/van-phong-so" }]);
  });

  it("a non-admin cannot register a group and nothing changes", async () => {
    const r = await rig();
    const [reply] = await r.say("/dangky Văn phòng Sở LĐTBXH Quảng Trị", { chatId: "g-x", userId: "someone", group: true });
    expect(reply).toContain("chỉ quản trị viên");
    expect(r.store.state.bindings).toEqual([]);
  });

  it("splits a long answer into messages under 2000 characters, losing no line", async () => {
    const r = await rig(withManyTasks(zaloTestKnowledge(), "quang-tri/so-ldtbxh/van-phong-so", 10));
    const parts = await r.say("/viec Văn phòng Sở LĐTBXH Quảng Trị");
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(2000);
    const all = parts.join("\n");
    expect(all).toContain("📋 Nhiệm vụ của Văn phòng Sở — Sở LĐTBXH Quảng Trị");
    expect(all).toContain("Chủ trì (");
    expect(all).toContain("Phối hợp (10)");
  });

  it("retries a 500 from sendMessage: the user gets the answer exactly once", async () => {
    const r = await rig();
    r.fake.failNext(2, "sendMessage");
    const replies = await r.say("/viec Thanh tra Sở LĐTBXH Quảng Trị");
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain("Kiểm tra công tác cải cách hành chính");
    expect(r.fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
    expect(r.logs.filter((l) => l.includes("zalo sendMessage failed"))).toHaveLength(2);
  });

  it("webhook: a wrong or missing secret gets 401 and nothing is processed", async () => {
    const r = await rig();
    const base = await withWebhookServer(r);
    expect(r.fake.webhook).toEqual({ url: `${base}/zalo/webhook`, secret: SECRET });
    expect(await r.fake.deliver(textUpdate({ text: "/start", chatId: "u-w" }), "wrong-secret")).toBe(401);
    const noHeader = await fetch(`${base}/zalo/webhook`, { method: "POST", body: JSON.stringify(textUpdate({ text: "/start", chatId: "u-w" })) });
    expect(noHeader.status).toBe(401);
    await r.channel.webhookRoute.idle();
    expect(r.fake.sent).toEqual([]);
    expect(r.store.state.seenUpdates).toEqual([]);
  });

  it("webhook: a repeated delivery of one message is answered once", async () => {
    const r = await rig();
    await withWebhookServer(r);
    const u = textUpdate({ text: "/viec Thanh tra Sở LĐTBXH Quảng Trị", chatId: "u-w", messageId: "zmsg-42" });
    expect(await r.fake.deliver(u)).toBe(200);
    expect(await r.fake.deliver(u)).toBe(200);
    await r.channel.webhookRoute.idle();
    expect(await r.fake.deliver(u)).toBe(200);
    await r.channel.webhookRoute.idle();
    expect(r.fake.sentTo("u-w")).toHaveLength(1);
    expect(r.fake.sentTo("u-w")[0].text).toContain("Thanh tra Sở");
  });

  it("delivers a reminder to a Zalo group registered with /dangky, as text with the code to answer", async () => {
    const r = await rig();
    await r.say("/dangky Văn phòng Sở LĐTBXH Quảng Trị", { chatId: "g-qt", userId: ADMIN, group: true });
    const before = r.fake.sentTo("g-qt").length;
    const run = await remind(r);
    expect(run.delivery.messages).toBe(1);
    const [reminder] = r.fake.sentTo("g-qt").slice(before);
    const record = r.store.state.outbox.find((o) => o.chatId === "g-qt")!;
    expect(reminder.text).toContain("Báo cáo quý III/2024");
    expect(reminder.text).toContain(`Trả lời: đã nộp ${record.code}`);
    expect(reminder.text).not.toContain("Nhắc lại sau"); // no buttons on Zalo
    expect(record).toMatchObject({ channel: "zalo", status: "sent", messageId: reminder.message_id });
  });

  it("\"đã nộp <mã>\" in the group records the submission, acknowledges it, and stops the reminders", async () => {
    const r = await rig();
    await r.say("/dangky Văn phòng Sở LĐTBXH Quảng Trị", { chatId: "g-qt", userId: ADMIN, group: true });
    await remind(r);
    const code = r.store.state.outbox.find((o) => o.chatId === "g-qt")!.code;
    const [ack] = await r.say(`đã nộp ${code.toLowerCase()}`, { chatId: "g-qt", userId: "head-vp", group: true });
    expect(ack).toContain(`✅ Đã ghi nhận: Văn phòng Sở đã nộp`);
    expect(ack).toContain(`hoàn tác`); // the undo button becomes a text instruction
    expect(r.store.state.submissions).toMatchObject([{ channel: "zalo", chatId: "g-qt", unitId: "quang-tri/so-ldtbxh/van-phong-so", userId: "head-vp" }]);
    const again = await remind(r, "2024-09-12T01:00:00Z");
    expect(again.delivery.messages).toBe(0);
  });

  it("\"đã nộp\" quoting the reminder (Zalo names no quoted message) confirms the group's latest reminder", async () => {
    const r = await rig();
    await r.say("/dangky Văn phòng Sở LĐTBXH Quảng Trị", { chatId: "g-qt", userId: ADMIN, group: true });
    await remind(r);
    const [ack] = await r.say("Đã nộp", { chatId: "g-qt", userId: "head-vp", group: true });
    expect(ack).toContain("✅ Đã ghi nhận");
    expect(r.store.state.submissions).toHaveLength(1);
  });
});

async function remind(r: Rig, at = "2024-09-11T01:00:00Z") {
  // 08:00 in Viet Nam on 11/9/2024: three working days before the Q3 report is due
  return runReminderJob(
    {
      store: r.store,
      knowledge: () => r.deps.knowledge.knowledge,
      senders: r.deps.senders,
      now: () => new Date(at),
      limiter: createLimiter({ perChatPerMinute: 20, perSecond: 25 }),
      log: () => {},
    },
    { reason: "test", digest: false, catchUp: false },
  );
}
