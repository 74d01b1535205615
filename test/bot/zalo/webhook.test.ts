import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZaloUpdate } from "../../../bot/zalo/client.ts";
import { createZaloWebhookRoute, ZALO_WEBHOOK_PATH } from "../../../bot/zalo/webhook.ts";
import { textUpdate } from "../../helpers/fake-zalo.ts";

const SECRET = "bi-mat-12345";
let server: Server;
let url: string;
let received: ZaloUpdate[];
let route: ReturnType<typeof createZaloWebhookRoute>;

beforeEach(async () => {
  received = [];
  route = createZaloWebhookRoute({ secret: SECRET, log: () => {}, onUpdate: async (u) => void received.push(u) });
  server = createServer((req, res) => (req.url === route.path ? route.handle(req, res) : (res.writeHead(404), res.end())));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${ZALO_WEBHOOK_PATH}`;
});
afterEach(() => new Promise<void>((r) => server.close(() => r())));

const post = (body: unknown, secret?: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret ? { "x-bot-api-secret-token": secret } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("Zalo webhook route", () => {
  it("refuses a wrong or missing secret with 401 and processes nothing", async () => {
    expect((await post(textUpdate({ text: "hi", chatId: "u1" }), "sai-bi-mat")).status).toBe(401);
    expect((await post(textUpdate({ text: "hi", chatId: "u1" }))).status).toBe(401);
    await route.idle();
    expect(received).toEqual([]);
  });

  it("accepts the right secret, bare or wrapped in {ok, result}", async () => {
    const u = textUpdate({ text: "hạn báo cáo?", chatId: "u1" });
    expect((await post(u, SECRET)).status).toBe(200);
    expect((await post({ ok: true, result: u }, SECRET)).status).toBe(200);
    await route.idle();
    expect(received).toEqual([u, u]);
  });

  it("rejects a malformed body with 400", async () => {
    expect((await post("{not json", SECRET)).status).toBe(400);
    expect((await post({ hello: 1 }, SECRET)).status).toBe(400);
  });

  it("answers 200 before processing finishes", async () => {
    let release: () => void = () => {};
    route = createZaloWebhookRoute({ secret: SECRET, log: () => {}, onUpdate: () => new Promise<void>((r) => (release = r)) });
    const res = await post(textUpdate({ text: "x", chatId: "u1" }), SECRET);
    expect(res.status).toBe(200);
    release();
    await route.idle();
  });
});
