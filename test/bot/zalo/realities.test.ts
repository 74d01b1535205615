// Zalo as it really is, against the fake Zalo Bot API: a bot Zalo keeps out of groups (getMe
// can_join_groups false) and the private-chat fallback; only 401 means a bad token at start; a
// webhook Zalo will not verify stops the start with Zalo's hint; the bot's name from ZALO_BOT_NAME.
import { afterEach, describe, expect, it } from "vitest";
import { createCore, createKnowledgeRef, type CoreDeps } from "../../../bot/core/index.ts";
import type { ChannelName, Sender } from "../../../bot/core/types.ts";
import { createZaloChannel, ZaloStartError, type ZaloChannel } from "../../../bot/zalo/index.ts";
import { toIncoming } from "../../../bot/zalo/incoming.ts";
import { memoryStore, type Store } from "../../../data/store.ts";
import { runReminderJob } from "../../../jobs/run.ts";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";
import { zaloTestKnowledge } from "../../helpers/zalo-knowledge.ts";
import { noWaitLimiter } from "../../helpers/reminders-env.ts";

const ADMIN = "admin-zalo-1";
const OFFICER = "officer-vp-1";
const NOW = new Date("2024-09-11T01:00:00Z"); // 08:00 in Viet Nam, three working days before the Q3 report

interface Rig {
  fake: FakeZalo;
  store: Store;
  deps: CoreDeps;
  channel: ZaloChannel;
  logs: string[];
  say(text: string, opts?: { chatId?: string; userId?: string; group?: boolean; name?: string }): Promise<string[]>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(opts: { canJoinGroups?: boolean; botName?: string } = {}): Promise<Rig> {
  const fake = await startFakeZalo();
  cleanups.push(() => fake.close());
  fake.me = { ...fake.me, can_join_groups: opts.canJoinGroups ?? true };
  const store = memoryStore();
  const logs: string[] = [];
  const log = (level: string, msg: string) => void logs.push(`${level}: ${msg}`);
  const senders: Partial<Record<ChannelName, Sender>> = {};
  const deps: CoreDeps = {
    store,
    knowledge: createKnowledgeRef(zaloTestKnowledge()),
    adminIds: new Set([`zalo:${ADMIN}`]),
    now: () => NOW,
    senders,
    plansDir: "data/plans",
    knowledgeFile: "/nonexistent/knowledge.json",
    log,
  };
  const core = createCore(deps);
  const channel = createZaloChannel({
    token: fake.token,
    apiRoot: fake.apiRoot,
    core,
    store,
    log,
    senders,
    webhookSecret: "zalo-secret-123",
    botName: opts.botName,
    now: () => NOW,
    backoffMs: 5,
    pollTimeoutSec: 1,
    onFacts: (f) => (deps.channelInfo = { ...deps.channelInfo, zalo: { canJoinGroups: f.canJoinGroups } }),
  });
  senders.zalo = channel.sender;
  return {
    fake,
    store,
    deps,
    channel,
    logs,
    async say(text, o = {}) {
      const chatId = o.chatId ?? "u-private";
      const before = fake.sent.length;
      await channel.adapter.handleUpdate(textUpdate({ text, chatId, userId: o.userId ?? chatId, group: o.group, name: o.name }));
      return fake.sent.slice(before).filter((m) => m.chat_id === chatId).map((m) => m.text);
    },
  };
}

const remind = (r: Rig) =>
  runReminderJob({ store: r.store, knowledge: () => r.deps.knowledge.knowledge, senders: r.deps.senders, now: () => NOW, limiter: noWaitLimiter, log: () => {} }, { reason: "test", digest: false, catchUp: false });

describe("a Zalo bot that cannot join groups (can_join_groups false)", () => {
  it("warns at start and in /dangky; an officer's private chat gets the unit's reminder and «đã nộp» there counts for the unit", async () => {
    const r = await rig({ canJoinGroups: false });
    const polling = await r.channel.startPolling();
    cleanups.push(() => polling.stop());
    expect(r.logs.some((l) => /^warn: .*can_join_groups=false/.test(l))).toBe(true);
    expect(r.channel.facts()?.canJoinGroups).toBe(false);

    const [dangky] = await r.say("/dangky Văn phòng Sở LĐTBXH Quảng Trị", { chatId: ADMIN, userId: ADMIN });
    expect(dangky).toMatch(/chưa được Zalo cho vào nhóm/);
    expect(dangky).toMatch(/\/molienket/);

    const [offer] = await r.say("/molienket Văn phòng Sở LĐTBXH Quảng Trị", { chatId: ADMIN, userId: ADMIN });
    const code = /Mã: (LK[A-Z0-9]{8})/.exec(offer)![1];
    expect(offer).not.toMatch(/t\.me/); // no Telegram running: no startgroup link
    expect(offer.length).toBeLessThanOrEqual(2000);

    const before = r.fake.sentTo(ADMIN).length;
    const [bound] = await r.say(code, { chatId: OFFICER, userId: OFFICER, name: "Lê Thị Hoa" });
    expect(bound).toMatch(/Bạn sẽ nhận nhắc hạn của đơn vị: Văn phòng Sở/);
    expect(r.fake.sentTo(ADMIN).slice(before).map((m) => m.text).join("\n")).toMatch(/Cán bộ Lê Thị Hoa \(nhắn riêng\) .* Văn phòng Sở .*bằng mã/);
    expect(r.store.state.bindings).toEqual([expect.objectContaining({ channel: "zalo", chatId: OFFICER, unitId: "quang-tri/so-ldtbxh/van-phong-so" })]);

    const run = await remind(r);
    expect(run.delivery.messages).toBe(1);
    const reminder = r.fake.sentTo(OFFICER).at(-1)!;
    expect(reminder.text).toContain("Báo cáo quý III/2024");

    const [ack] = await r.say("đã nộp", { chatId: OFFICER, userId: OFFICER, name: "Lê Thị Hoa" });
    expect(ack).toContain("✅ Đã ghi nhận");
    expect(r.store.state.submissions).toEqual([expect.objectContaining({ channel: "zalo", chatId: OFFICER, unitId: "quang-tri/so-ldtbxh/van-phong-so", userId: OFFICER })]);
    expect((await remind(r)).delivery.messages).toBe(0); // nothing more to remind
  });

  it("a code works once", async () => {
    const r = await rig({ canJoinGroups: false });
    const [offer] = await r.say("/molienket Thanh tra Sở LĐTBXH Quảng Trị", { chatId: ADMIN, userId: ADMIN });
    const code = /Mã: (LK[A-Z0-9]{8})/.exec(offer)![1];
    await r.say(code, { chatId: "o-1" });
    const [again] = await r.say(code.toLowerCase(), { chatId: "o-2" });
    expect(again).toMatch(/đã được dùng/);
    expect(r.store.state.bindings.map((b) => b.chatId)).toEqual(["o-1"]);
  });
});

describe("start-up errors", () => {
  it("a 403 from getMe is retried (it is not a token error) and the bot runs", async () => {
    const r = await rig();
    r.fake.failNext(2, "getMe", 403);
    const polling = await r.channel.startPolling();
    cleanups.push(() => polling.stop());
    expect(r.logs.filter((l) => /getMe failed \(403/.test(l))).toHaveLength(2);
    expect(r.logs.some((l) => /ZALO_BOT_TOKEN/.test(l))).toBe(false);
    expect(r.fake.calls.filter((c) => c.method === "getMe")).toHaveLength(3);
    r.fake.push(textUpdate({ text: "/start", chatId: "u-9" }));
    const [hello] = await r.fake.waitForSent(1, "u-9");
    expect(hello.text).toMatch(/Xin chào/);
  });

  it("a 401 stops the start with the token message", async () => {
    const r = await rig();
    r.fake.failNext(1, "getMe", 401);
    const error = await r.channel.startPolling().then(() => null, (e) => e);
    expect(error).toBeInstanceOf(ZaloStartError);
    expect(error.reason).toBe("token");
    expect(error.message).toMatch(/Zalo từ chối ZALO_BOT_TOKEN \(401\)/);
    expect(r.fake.calls.filter((c) => c.method === "getMe")).toHaveLength(1); // not retried
    expect(r.fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("a webhook Zalo does not verify fails clearly, with Zalo's hint; a verified one is logged as confirmed", async () => {
    const r = await rig();
    r.fake.rejectWebhook("the URL did not answer 200 within 5 seconds");
    const error = await r.channel.setWebhook("https://bot.example.gov.vn/zalo/webhook").then(() => null, (e) => e);
    expect(error).toBeInstanceOf(ZaloStartError);
    expect(error.reason).toBe("webhook");
    expect(error.message).toMatch(/Zalo không nhận webhook https:\/\/bot\.example\.gov\.vn\/zalo\/webhook: .*did not answer 200/);
    expect(r.logs.some((l) => /webhook set/.test(l))).toBe(false);

    r.fake.rejectWebhook(null);
    await r.channel.setWebhook("https://bot.example.gov.vn/zalo/webhook");
    expect(r.logs.some((l) => /webhook set to https:\/\/bot\.example\.gov\.vn\/zalo\/webhook \(Zalo confirmed it\)/.test(l))).toBe(true);
  });
});

describe("mentions", () => {
  it("ZALO_BOT_NAME: «@<name> question» in a group is answered without the name in the question", async () => {
    const r = await rig({ botName: "Bot Kế hoạch Sở" });
    await r.channel.startPolling().then((p) => cleanups.push(() => p.stop()));
    expect(r.channel.facts()?.names[0]).toBe("Bot Kế hoạch Sở");
    const question = textUpdate({ text: "@Bot Kế hoạch Sở báo cáo quý III hạn khi nào?", chatId: "g-1", group: true });
    expect(toIncoming(question, r.channel.facts()!.names)?.text).toBe("báo cáo quý III hạn khi nào?");
    const [reply] = await r.say("@Bot Kế hoạch Sở /han quý III/2024", { chatId: "g-1", userId: "u-5", group: true });
    expect(reply).toMatch(/15\/9\/2024/);
  });
});
