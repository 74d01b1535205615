// Group lifecycle: the bot removed from a group (an update, or a 403 on sending) unbinds it, tells
// the coordinators once and stops sending; a group upgraded to a supergroup keeps its binding and
// its sent reminders under the new id, so nothing is sent twice.
import { describe, expect, it } from "vitest";
import { memoryStore } from "../../../data/store.ts";
import { runReminderJob, type JobDeps } from "../../../jobs/run.ts";
import { handleGroupGone, chatGoneFrom } from "../../../bot/core/group-lifecycle.ts";
import { createKnowledgeRef, type CoreDeps } from "../../../bot/core/index.ts";
import { QT_TT, QT_VP, bind, remindersKnowledge } from "../../helpers/reminders-knowledge.ts";
import { noWaitLimiter, quietLog, recordingSender } from "../../helpers/reminders-env.ts";
import { ADMIN_USER, recordingBot } from "../../helpers/bot-telegram.ts";

const k = remindersKnowledge();
const NOW = () => new Date("2024-03-11T01:00:00Z"); // both units have reminders then
const kicked = Object.assign(new Error("Forbidden: bot was kicked from the group chat"), { error_code: 403, description: "Forbidden: bot was kicked from the group chat" });

function setup(fail?: (chatId: string) => unknown) {
  const coordinator = k.plans.find((p) => p.coordinatorUnitId)!.coordinatorUnitId!;
  const other = [QT_VP, QT_TT].find((u) => u !== coordinator)!;
  const store = memoryStore({ bindings: [bind(coordinator, "coord"), bind(other, "unit")] });
  const tg = recordingSender((chatId) => fail?.(chatId));
  const core: CoreDeps = { store, knowledge: createKnowledgeRef(k), adminIds: new Set(), now: NOW, senders: { telegram: tg.sender }, plansDir: "", knowledgeFile: "", log: quietLog };
  const job: JobDeps = {
    store,
    knowledge: () => k,
    senders: { telegram: tg.sender },
    now: NOW,
    limiter: noWaitLimiter,
    log: quietLog,
    sleep: async () => undefined,
    onChatGone: (channel, chatId, gone) => handleGroupGone(core, channel, chatId, gone),
  };
  return { store, tg, job, core, other };
}

describe("removed from a group", () => {
  it("a 403 'bot was kicked' on sending unbinds the group, tells the coordinator once, sends no more", async () => {
    const { store, tg, job, other } = setup((chatId) => (chatId === "unit" ? kicked : null));
    await runReminderJob(job, { reason: "t", digest: false, catchUp: false });
    expect(store.state.bindings.map((b) => b.chatId)).toEqual(["coord"]);
    expect(store.state.unboundGroups).toMatchObject([{ chatId: "unit", unitId: other, reason: /kicked/ }]);
    expect(store.state.outbox.filter((r) => r.chatId === "unit" && r.status === "pending")).toEqual([]);
    const notices = tg.sent.filter((m) => m.chatId === "coord" && /Bot không còn trong nhóm/.test(m.message.text));
    expect(notices).toHaveLength(1);
    const attempts = tg.attempts;
    await runReminderJob(job, { reason: "again", digest: false, catchUp: false });
    expect(tg.sent.filter((m) => /Bot không còn trong nhóm/.test(m.message.text))).toHaveLength(1);
    expect(tg.attempts).toBe(attempts); // nothing more tried for "unit" (nor re-sent to coord)
  });

  it("a my_chat_member 'kicked' update unbinds the group", async () => {
    const { bot, deps } = recordingBot();
    const group = { id: -700, type: "supergroup" as const, title: "Thanh tra" };
    await bot.handleUpdate({ update_id: 5, message: { message_id: 1, date: 1, chat: group, from: ADMIN_USER, text: "/dangky Thanh tra Quảng Trị", entities: [{ type: "bot_command", offset: 0, length: 7 }] } } as any);
    expect(deps.store.state.bindings).toHaveLength(1);
    await bot.handleUpdate({
      update_id: 6,
      my_chat_member: {
        chat: group,
        from: ADMIN_USER,
        date: 2,
        old_chat_member: { status: "member", user: { id: 123456, is_bot: true, first_name: "Bot" } },
        new_chat_member: { status: "kicked", user: { id: 123456, is_bot: true, first_name: "Bot" }, until_date: 0 },
      },
    } as any);
    expect(deps.store.state.bindings).toEqual([]);
    expect(deps.store.state.unboundGroups).toMatchObject([{ chatId: "-700", reason: "bot bị xoá khỏi nhóm" }]);
  });

  it("recognises the Bot API's 'gone' answers and nothing else", () => {
    expect(chatGoneFrom(kicked)).toMatchObject({ kind: "removed" });
    expect(chatGoneFrom({ error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: -1001 } })).toEqual({ kind: "migrated", to: "-1001" });
    expect(chatGoneFrom({ error_code: 429, description: "Too Many Requests" })).toBeNull();
    expect(chatGoneFrom(new Error("ECONNRESET"))).toBeNull();
  });
});

describe("migrated to a supergroup", () => {
  it("moves the binding and the sent records: the next run sends nothing again", async () => {
    const { store, tg, job, core } = setup();
    await runReminderJob(job, { reason: "t", digest: false, catchUp: false });
    const first = tg.sent.filter((m) => m.chatId === "unit").length;
    expect(first).toBeGreaterThan(0);
    await handleGroupGone(core, "telegram", "unit", { kind: "migrated", to: "-100777" });
    expect(store.state.bindings.some((b) => b.chatId === "-100777")).toBe(true);
    expect(store.state.sentMessages.filter((m) => m.chatId === "unit")).toEqual([]);
    await runReminderJob(job, { reason: "again", digest: false, catchUp: false });
    expect(tg.sent.filter((m) => m.chatId === "-100777")).toHaveLength(0);
  });

  it("a send answered 'upgraded to a supergroup' moves the group and delivers there", async () => {
    const upgraded = { error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: -100888 } };
    const { store, tg, job } = setup((chatId) => (chatId === "unit" ? upgraded : null));
    await runReminderJob(job, { reason: "t", digest: false, catchUp: false });
    expect(store.state.bindings.some((b) => b.chatId === "-100888")).toBe(true);
    await runReminderJob(job, { reason: "retry", digest: false, catchUp: false });
    expect(tg.sent.filter((m) => m.chatId === "-100888").length).toBeGreaterThan(0);
  });
});
