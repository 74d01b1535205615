import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createZaloClient, ZaloApiError } from "../../../bot/zalo/client.ts";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";

let fake: FakeZalo;
const logs: string[] = [];
const log = (level: string, msg: string) => void logs.push(`${level}: ${msg}`);

function make(opts: Partial<Parameters<typeof createZaloClient>[0]> = {}) {
  return createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, log, backoffMs: 5, ...opts });
}

beforeEach(async () => {
  fake = await startFakeZalo();
  logs.length = 0;
});
afterEach(() => fake.close());

describe("Zalo client", () => {
  it("posts JSON to /bot<TOKEN>/<method> and returns the result", async () => {
    const me = await make().getMe();
    expect(me.account_name).toBe("bot.TroLyKeHoach");
    const sent = await make().sendMessage("u1", "Xin chào");
    expect(sent.message_id).toBeTruthy();
    expect(fake.sent).toEqual([{ chat_id: "u1", text: "Xin chào", message_id: sent.message_id }]);
  });

  it("turns {ok:false} into a ZaloApiError carrying method and payload, without retrying a bad request", async () => {
    const err = await make().sendMessage("u1", "x".repeat(2001)).catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err.method).toBe("sendMessage");
    expect(err.errorCode).toBe(400);
    expect((err.payload as { chat_id: string }).chat_id).toBe("u1");
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("a 429 (the plan's quota is spent) is not retried within the call, and the log says why", async () => {
    fake.failNext(1, "sendMessage", 429);
    const err = await make().sendMessage("u1", "Nhắc hạn").catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err.errorCode).toBe(429);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
    expect(logs.some((l) => /quota .* is spent/.test(l))).toBe(true);
  });

  it("retries HTTP 500 with backoff and logs each retry", async () => {
    fake.failNext(2, "sendMessage");
    const sent = await make().sendMessage("u1", "Báo cáo quý III");
    expect(sent.message_id).toBeTruthy();
    expect(fake.sent).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
    expect(logs.filter((l) => l.startsWith("warn: zalo sendMessage failed"))).toHaveLength(2);
  });

  it("gives up after the configured retries with a typed error", async () => {
    fake.failNext(5, "sendMessage");
    const err = await make({ retries: 2 }).sendMessage("u1", "x").catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err.status).toBe(500);
    expect(fake.calls).toHaveLength(3);
  });

  it("never resends a message after a timeout (Zalo may have delivered it): the error says it is uncertain", async () => {
    const hang: typeof fetch = async (_input, init) => new Promise((_, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));
    const err = await make({ fetch: hang, timeoutMs: 50 }).sendMessage("u1", "Nhắc hạn").catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err.uncertain).toBe(true);
    expect(logs.filter((l) => l.includes("retry"))).toEqual([]);
  });

  it("retries a timeout of a call that is safe to repeat (getMe), and a refused connection", async () => {
    let n = 0;
    const slowThenOk: typeof fetch = async (input, init) => {
      if (n++ === 0) await new Promise((_, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason)));
      return fetch(input, init);
    };
    const me = await make({ fetch: slowThenOk, timeoutMs: 50 }).getMe();
    expect(me.account_name).toBe("bot.TroLyKeHoach");
    expect(logs.some((l) => l.includes("TimeoutError"))).toBe(true);

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r)); // nothing listens there now: refused
    const down = createZaloClient({ token: "t", apiRoot: `http://127.0.0.1:${port}`, retries: 1, backoffMs: 1, log });
    const err = await down.sendMessage("u1", "x").catch((e) => e);
    expect(err).toBeInstanceOf(ZaloApiError);
    expect(err.errorCode).toBe(0);
    expect(err.uncertain).toBe(false); // never left this machine: nothing can have arrived
    expect(logs.some((l) => l.includes("retry 1/1"))).toBe(true);
  });

  it("getUpdates long-polls, returns each update once, and [] on Zalo's 408", async () => {
    const c = make();
    expect(await c.getUpdates(0)).toEqual([]);
    const pending = c.getUpdates(5);
    setTimeout(() => fake.push(textUpdate({ text: "hạn báo cáo quý III?", chatId: "u1" })), 50);
    const got = await pending;
    expect(got).toHaveLength(1);
    expect(got[0].message?.text).toBe("hạn báo cáo quý III?");
    expect(await c.getUpdates(0)).toEqual([]);
  });

  it("setWebhook / getWebhookInfo / deleteWebhook", async () => {
    const c = make();
    await c.setWebhook("https://bot.example.vn/zalo/webhook", "secret-123456");
    expect((await c.getWebhookInfo()).url).toBe("https://bot.example.vn/zalo/webhook");
    await c.deleteWebhook();
    expect((await c.getWebhookInfo()).url).toBe("");
  });
});
