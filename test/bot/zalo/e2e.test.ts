// End to end: the real process (`bot/main.ts`, as the run's bundle) with ZALO_BOT_TOKEN and ZALO_API_ROOT pointing at
// the fake Zalo Bot API on 127.0.0.1, on the bundled plans: polling mode, webhook mode, and Zalo
// together with Telegram in one process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeTelegram, type FakeTelegram } from "../../helpers/fake-telegram.ts";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";
import { bundled } from "../../helpers/bot-process.ts";

const ADMIN = "zadmin01";
const GROUP = "zgroup-vp-qt";
const CLOCK = "2024-09-10T09:00:00+07:00"; // Văn phòng Sở Quảng Trị has an overdue task then

interface Run {
  fake: FakeZalo;
  proc: ChildProcess;
  dir: string;
  output: string;
}

async function startRun(env: Record<string, string> = {}): Promise<Run> {
  const fake = await startFakeZalo();
  const dir = mkdtempSync(join(tmpdir(), "zalo-e2e-"));
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TELEGRAM_|ZALO_|WEBHOOK_|BOT_|ADMIN_IDS|DB_FILE|KNOWLEDGE_FILE|PLANS_DIR|PORT)/.test(k)),
  );
  const proc = spawn(process.execPath, [bundled("main")], {
    cwd: process.cwd(),
    env: {
      ...clean,
      ZALO_BOT_TOKEN: fake.token,
      ZALO_API_ROOT: fake.apiRoot,
      ADMIN_IDS: `zalo:${ADMIN}`,
      DB_FILE: join(dir, "db.json"),
      KNOWLEDGE_FILE: join(dir, "knowledge.json"),
      PLANS_DIR: "data/plans",
      BOT_CLOCK: CLOCK,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const run: Run = { fake, proc, dir, output: "" };
  proc.stderr!.on("data", (d) => (run.output += String(d)));
  proc.stdout!.on("data", (d) => (run.output += String(d)));
  return run;
}

async function stopRun(run: Run | undefined): Promise<number | null> {
  if (!run) return null;
  let code = run.proc.exitCode;
  if (code === null) {
    run.proc.kill("SIGTERM");
    code = await new Promise<number | null>((r) => run.proc.once("exit", r));
  }
  await run.fake.close();
  rmSync(run.dir, { recursive: true, force: true });
  return code;
}

async function until(run: Run, check: () => boolean, what: string, timeoutMs = 20_000) {
  const t0 = Date.now();
  while (!check()) {
    if (run.proc.exitCode !== null) throw new Error(`the bot exited (${run.proc.exitCode}) while waiting for ${what}\n--- bot output ---\n${run.output}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}\n--- bot output ---\n${run.output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const readState = (run: Run) => JSON.parse(readFileSync(join(run.dir, "db.json"), "utf8"));

/** Sends a message as Zalo would (long polling) and resolves with the bot's reply (all parts). */
async function say(run: Run, text: string, chatId: string, userId: string, group = false): Promise<string> {
  const before = run.fake.sentTo(chatId).length;
  run.fake.push(textUpdate({ text, chatId, userId, group }));
  await until(run, () => run.fake.sentTo(chatId).length > before, `a reply to «${text}»`);
  await new Promise((r) => setTimeout(r, 300)); // a long answer comes in several parts
  return run.fake
    .sentTo(chatId)
    .slice(before)
    .map((m) => m.text)
    .join("\n");
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe("npm start with ZALO_BOT_TOKEN (polling)", () => {
  let run: Run;
  beforeAll(async () => {
    run = await startRun();
    await until(run, () => run.fake.calls.some((c) => c.method === "getUpdates"), "the bot to start polling", 40_000);
  }, 60_000);
  afterAll(() => stopRun(run));

  it("answers a private question from the bundled plans, showing typing", async () => {
    const reply = await say(run, "Ai chủ trì kiểm tra công tác cải cách hành chính của Sở LĐTBXH Quảng Trị?", "zuser-1", "zuser-1");
    expect(reply).toContain("Nguồn:");
    expect(run.fake.actions).toContainEqual({ chat_id: "zuser-1", action: "typing" });
  });

  it("registers a group with /dangky from an admin, and refuses a non-admin", async () => {
    const refused = await say(run, "/dangky Văn phòng Sở LĐTBXH Quảng Trị", "zgroup-other", "someone", true);
    expect(refused).toContain("chỉ quản trị viên");
    const reply = await say(run, "@Trợ lý /dangky Văn phòng Sở LĐTBXH Quảng Trị", GROUP, ADMIN, true);
    expect(reply).toContain("Đã gắn nhóm này với đơn vị: Văn phòng Sở");
    await until(run, () => readState(run).bindings.length > 0, "the binding in the state file");
    expect(readState(run).bindings).toMatchObject([{ channel: "zalo", chatId: GROUP, unitId: "quang-tri/so-ldtbxh/van-phong-so" }]);
  });

  it("/nhacviec delivers the unit's reminder to the Zalo group, and \"đã nộp <mã>\" is recorded", async () => {
    const summary = await say(run, "/nhacviec", "zadmin-chat", ADMIN);
    expect(summary).toContain("Đã chạy nhắc việc");
    await until(run, () => run.fake.sentTo(GROUP).some((m) => m.text.includes("🔔 Nhắc hạn")), "the reminder in the group");
    const reminder = run.fake.sentTo(GROUP).find((m) => m.text.includes("🔔 Nhắc hạn"))!.text;
    expect(reminder).toContain("Văn phòng Sở");
    const code = /Trả lời: đã nộp ([A-Z0-9]{4,6})/.exec(reminder)?.[1];
    expect(code, reminder).toBeTruthy();

    const ack = await say(run, `@Trợ lý đã nộp ${code}`, GROUP, "ztruongphong", true);
    expect(ack).toContain("✅ Đã ghi nhận: Văn phòng Sở đã nộp");
    await until(run, () => readState(run).submissions.length > 0, "the submission in the state file");
    expect(readState(run).submissions).toMatchObject([{ channel: "zalo", chatId: GROUP, userId: "ztruongphong" }]);
  });

  it("every message stays within Zalo's 2000 characters", () => {
    expect(run.fake.sent.length).toBeGreaterThan(3);
    for (const m of run.fake.sent) expect(m.text.length).toBeLessThanOrEqual(2000);
  });

  it("stops cleanly on SIGTERM", async () => {
    run.proc.kill("SIGTERM");
    const code = await new Promise((r) => run.proc.once("exit", r));
    expect(code).toBe(0);
  });
});

describe("npm start with ZALO_BOT_TOKEN and BOT_MODE=webhook", () => {
  const SECRET = "zalo-webhook-secret-1";
  let run: Run;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    run = await startRun({ BOT_MODE: "webhook", WEBHOOK_URL: base, PORT: String(port), ZALO_WEBHOOK_SECRET: SECRET });
    await until(run, () => run.fake.webhook !== null, "the bot to set its webhook", 40_000);
  }, 60_000);
  afterAll(() => stopRun(run));

  it("registers <WEBHOOK_URL>/zalo/webhook with the secret", () => {
    expect(run.fake.webhook).toEqual({ url: `${base}/zalo/webhook`, secret: SECRET });
  });

  it("refuses a wrong secret with 401 and answers nothing", async () => {
    expect(await run.fake.deliver(textUpdate({ text: "/start", chatId: "zw-1" }), "not-the-secret")).toBe(401);
    await new Promise((r) => setTimeout(r, 500));
    expect(run.fake.sentTo("zw-1")).toEqual([]);
  });

  it("answers a delivery with the right secret once, even when Zalo repeats it", async () => {
    const u = textUpdate({ text: "Báo cáo CCHC quý III của Sở LĐTBXH Quảng Trị gửi khi nào?", chatId: "zw-2", messageId: "zmsg-repeat-1" });
    expect(await run.fake.deliver(u)).toBe(200);
    expect(await run.fake.deliver(u)).toBe(200);
    await until(run, () => run.fake.sentTo("zw-2").length > 0, "the answer");
    await new Promise((r) => setTimeout(r, 500));
    expect(run.fake.sentTo("zw-2")).toHaveLength(1);
  });
});

describe("npm start with both TELEGRAM_BOT_TOKEN and ZALO_BOT_TOKEN", () => {
  const TG_ADMIN = 4242;
  let run: Run;
  let tg: FakeTelegram;
  beforeAll(async () => {
    tg = await startFakeTelegram();
    run = await startRun({ TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, ADMIN_IDS: `zalo:${ADMIN},${TG_ADMIN}` });
    await until(run, () => run.fake.calls.some((c) => c.method === "getUpdates") && tg.calls.some((c) => c.method === "getUpdates"), "both channels to poll", 40_000);
  }, 60_000);
  afterAll(async () => {
    await stopRun(run);
    await tg?.close();
  });

  it("answers on both channels, and a reminder run from Telegram reaches the Zalo group", async () => {
    const zReply = await say(run, "Ai chủ trì kiểm tra công tác cải cách hành chính của Sở LĐTBXH Quảng Trị?", "zuser-9", "zuser-9");
    const admin = tg.user(TG_ADMIN, "Quản trị");
    tg.sendText({ chat: tg.privateChat(TG_ADMIN), from: admin, text: "Ai chủ trì kiểm tra công tác cải cách hành chính của Sở LĐTBXH Quảng Trị?" });
    const tReply = await tg.waitForMessage((m) => m.chatId === String(TG_ADMIN), 20_000);
    expect(tReply.text).toContain("Nguồn:");
    expect(zReply.split("\n")[0]).toBe(tReply.text.split("\n")[0]); // one core, the same answer

    await say(run, "@Trợ lý /dangky Văn phòng Sở LĐTBXH Quảng Trị", GROUP, ADMIN, true);
    tg.sendText({ chat: tg.privateChat(TG_ADMIN), from: admin, text: "/nhacviec" });
    await until(run, () => run.fake.sentTo(GROUP).some((m) => m.text.includes("🔔 Nhắc hạn")), "the reminder in the Zalo group");
    const reminder = run.fake.sentTo(GROUP).find((m) => m.text.includes("🔔 Nhắc hạn"))!.text;
    expect(reminder).toMatch(/Trả lời: đã nộp [A-Z0-9]{4,6}/);
  });
});

describe("npm start with a ZALO_BOT_TOKEN Zalo refuses", () => {
  it("exits 1 with the token message (401 only; the process never polls)", async () => {
    const run = await startRun({ ZALO_BOT_TOKEN: "999999:not-the-fake-token" });
    const code = await new Promise<number | null>((r) => (run.proc.exitCode !== null ? r(run.proc.exitCode) : run.proc.once("exit", r)));
    expect(code).toBe(1);
    expect(run.output).toMatch(/Zalo từ chối ZALO_BOT_TOKEN \(401\)/);
    expect(run.fake.calls.some((c) => c.method === "getUpdates")).toBe(false);
    await stopRun(run);
  }, 40_000);
});

describe("npm start with BOT_MODE=webhook when Zalo does not verify the address", () => {
  it("exits 1 and prints Zalo's hint (never logs «webhook set»)", async () => {
    const port = await freePort();
    const run = await startRun({ BOT_MODE: "webhook", WEBHOOK_URL: `http://127.0.0.1:${port}`, PORT: String(port), ZALO_WEBHOOK_SECRET: "zalo-webhook-secret-1" });
    run.fake.rejectWebhook("the URL must be HTTPS and answer 200");
    const code = await new Promise<number | null>((r) => (run.proc.exitCode !== null ? r(run.proc.exitCode) : run.proc.once("exit", r)));
    expect(code).toBe(1);
    expect(run.output).toMatch(/Zalo không nhận webhook http:\/\/127\.0\.0\.1:\d+\/zalo\/webhook: Webhook verification failed: the URL must be HTTPS and answer 200/);
    expect(run.output).not.toMatch(/webhook set to/);
    await stopRun(run);
  }, 40_000);
});
