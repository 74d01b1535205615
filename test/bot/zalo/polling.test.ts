import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createZaloClient } from "../../../bot/zalo/client.ts";
import { startPolling } from "../../../bot/zalo/polling.ts";
import type { ZaloUpdate } from "../../../bot/zalo/client.ts";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";

let fake: FakeZalo;
const logs: string[] = [];
const log = (level: string, msg: string) => void logs.push(`${level}: ${msg}`);

beforeEach(async () => {
  fake = await startFakeZalo();
  logs.length = 0;
});
afterEach(() => fake.close());

describe("Zalo polling", () => {
  it("hands over every update once, keeps going after errors, and stops promptly", async () => {
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, log });
    const got: string[] = [];
    let wake: () => void = () => {};
    const onUpdate = async (u: ZaloUpdate) => {
      got.push(u.message!.text!);
      wake();
    };
    const waitFor = (n: number) => new Promise<void>((r) => ((wake = () => got.length >= n && r()), wake()));
    fake.failNext(2, "getUpdates");
    const polling = startPolling({ client, onUpdate, log, timeoutSec: 5, backoffMs: 10 });
    fake.push(textUpdate({ text: "một", chatId: "u1" }));
    fake.push(textUpdate({ text: "hai", chatId: "u1" }));
    await waitFor(2);
    fake.push(textUpdate({ text: "ba", chatId: "u2" }));
    await waitFor(3);
    expect(got).toEqual(["một", "hai", "ba"]);
    expect(logs.filter((l) => l.includes("getUpdates failed"))).toHaveLength(2);

    const t0 = Date.now();
    await polling.stop(); // aborts the open long poll instead of waiting 5 s
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("a handler that throws does not stop the loop", async () => {
    const client = createZaloClient({ token: fake.token, apiRoot: fake.apiRoot, log });
    let calls = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((r) => (done = r));
    const polling = startPolling({
      client,
      log,
      timeoutSec: 5,
      onUpdate: async () => {
        if (++calls === 1) throw new Error("boom");
        done();
      },
    });
    fake.push(textUpdate({ text: "a", chatId: "u1" }));
    fake.push(textUpdate({ text: "b", chatId: "u1" }));
    await finished;
    await polling.stop();
    expect(calls).toBe(2);
    expect(logs.some((l) => l.startsWith("error: zalo: update handler failed"))).toBe(true);
  });
});
