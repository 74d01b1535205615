import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Incoming, Outgoing } from "../../../bot/core/types.ts";
import { createZaloAdapter, ERROR_REPLY, SEEN_LIMIT, STICKER_HINT } from "../../../bot/zalo/adapter.ts";
import { createZaloClient } from "../../../bot/zalo/client.ts";
import { memoryStore, type Store } from "../../../data/store.ts";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";

let fake: FakeZalo;
let store: Store;
const seen: Incoming[] = [];
const logs: string[] = [];
const log = (level: string, msg: string) => void logs.push(`${level}: ${msg}`);

function adapter(reply: (m: Incoming) => Promise<Outgoing[]> = async (m) => [{ text: `Đã nhận: ${m.text}` }]) {
  const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, log, backoffMs: 5 });
  return createZaloAdapter({
    client,
    store,
    log,
    core: { handleMessage: async (m) => (seen.push(m), reply(m)) },
    botNames: () => ["Trợ lý Kế hoạch"],
  });
}

beforeEach(async () => {
  fake = await startFakeZalo();
  store = memoryStore();
  seen.length = 0;
  logs.length = 0;
});
afterEach(() => fake.close());

describe("Zalo adapter", () => {
  it("answers a private message, showing typing first", async () => {
    await adapter().handleUpdate(textUpdate({ text: "hạn báo cáo quý III?", chatId: "u1" }));
    expect(fake.sent.map((m) => [m.chat_id, m.text])).toEqual([["u1", "Đã nhận: hạn báo cáo quý III?"]]);
    expect(fake.actions).toEqual([{ chat_id: "u1", action: "typing" }]);
    expect(seen[0]).toMatchObject({ channel: "zalo", chatType: "private", userId: "u1" });
  });

  it("renders buttons as the text fallback (a numbered choice arrives as text)", async () => {
    const a = adapter(async () => [
      { text: "Có nhiều đơn vị tên «Văn phòng»:\n1. Văn phòng Sở — Sở GTVT Sơn La\n2. Văn phòng Sở — Sở LĐTBXH Quảng Trị", buttons: [[{ text: "1", data: "reg:1" }]], textFallback: "Trả lời bằng số (1–2)." },
    ]);
    await a.handleUpdate(textUpdate({ text: "/dangky Văn phòng", chatId: "g1", group: true }));
    expect(fake.sent[0].text).toContain("2. Văn phòng Sở — Sở LĐTBXH Quảng Trị\n\nTrả lời bằng số (1–2).");
  });

  it("splits a long answer into parts under 2000 characters", async () => {
    const long = Array.from({ length: 200 }, (_, i) => `${i + 1}. Hoàn thành rà soát, đánh giá thủ tục hành chính năm 2024`).join("\n");
    await adapter(async () => [{ text: long }]).handleUpdate(textUpdate({ text: "/viec", chatId: "u1" }));
    expect(fake.sent.length).toBeGreaterThan(1);
    for (const m of fake.sent) expect(m.text.length).toBeLessThanOrEqual(2000);
    expect(fake.sent.map((m) => m.text).join("\n")).toBe(long);
  });

  it("processes a repeated delivery of the same message_id once", async () => {
    const a = adapter();
    const u = textUpdate({ text: "ai chủ trì?", chatId: "u1", messageId: "dup-1" });
    await Promise.all([a.handleUpdate(u), a.handleUpdate(u)]);
    await a.handleUpdate(u);
    expect(fake.sent).toHaveLength(1);
    expect(seen).toHaveLength(1);
    expect(store.state.seenUpdates).toEqual(["zalo:dup-1"]);
  });

  it("keeps the list of seen ids bounded", async () => {
    const a = adapter(async () => []);
    await store.update((s) => void s.seenUpdates.push(...Array.from({ length: SEEN_LIMIT }, (_, i) => `zalo:old${i}`)));
    await a.handleUpdate(textUpdate({ text: "x", chatId: "u1", messageId: "new" }));
    expect(store.state.seenUpdates).toHaveLength(SEEN_LIMIT);
    expect(store.state.seenUpdates.at(-1)).toBe("zalo:new");
  });

  it("answers a sticker with a short hint without bothering the core", async () => {
    await adapter().handleUpdate({
      event_name: "message.sticker.received",
      message: { message_id: "s1", date: 1, sticker: "x", chat: { id: "u1", chat_type: "PRIVATE" }, from: { id: "u1" } },
    });
    expect(fake.sent.map((m) => m.text)).toEqual([STICKER_HINT]);
    expect(seen).toHaveLength(0);
  });

  it("apologises when the core fails, and survives Zalo being down", async () => {
    await adapter(async () => {
      throw new Error("boom");
    }).handleUpdate(textUpdate({ text: "hỏi", chatId: "u1" }));
    expect(fake.sent.map((m) => m.text)).toEqual([ERROR_REPLY]);

    fake.failNext(50);
    await expect(adapter().handleUpdate(textUpdate({ text: "hỏi", chatId: "u2" }))).resolves.toBeUndefined();
    expect(logs.some((l) => l.startsWith("error: zalo: sending to zalo:u2 failed"))).toBe(true);
  });

  it("retries a 500 from sendMessage and the user gets the answer once", async () => {
    fake.failNext(1, "sendMessage");
    await adapter().handleUpdate(textUpdate({ text: "hạn nộp báo cáo năm?", chatId: "u1" }));
    expect(fake.sent.map((m) => m.text)).toEqual(["Đã nhận: hạn nộp báo cáo năm?"]);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(2);
  });

  it("sends replies the core addresses to another chat there", async () => {
    await adapter(async () => [{ text: "ok" }, { text: "Văn phòng Sở đã nộp.", chatId: "coord" }]).handleUpdate(
      textUpdate({ text: "đã nộp AB12", chatId: "g1", group: true }),
    );
    expect(fake.sentTo("coord").map((m) => m.text)).toEqual(["Văn phòng Sở đã nộp."]);
    expect(fake.sentTo("g1").map((m) => m.text)).toEqual(["ok"]);
  });
});
