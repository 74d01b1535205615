// End to end on Zalo (no document upload): the real process in webhook mode against the fake Zalo Bot API,
// with a fake photo host, all on 127.0.0.1. A photo sent with "đã nộp <mã>" is downloaded at once and kept
// with its SHA-256; /baocao answers with the summary and a signed link served by the bot's HTTP server,
// /minhchung with a link to the photo; an altered link serves nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer as createHttp, type Server } from "node:http";
import { createServer } from "node:net";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { startFakeZalo, textUpdate, type FakeZalo } from "../../helpers/fake-zalo.ts";
import { seedKnowledgeFile, sharedKnowledge } from "../../helpers/shared-knowledge.ts";
import { expandOccurrences, type Occurrence } from "../../../jobs/occurrences.ts";

const ADMIN = "zadmin01";
const AGENCY = "son-la/so-gtvt";
const VP_GROUP = "zg-vp-sl";
const TTRA_GROUP = "zg-ttra-sl";
const SECRET = "zalo-webhook-secret-desk";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 7, 7, 7]);

let fake: FakeZalo;
let photos: Server;
let photoBase = "";
let proc: ChildProcess;
let dir = "";
let output = "";
let report: Occurrence;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000) {
  const t0 = Date.now();
  while (!check()) {
    if (proc.exitCode !== null) throw new Error(`the bot exited (${proc.exitCode}) while waiting for ${what}\n${output}`);
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Delivers an update to the bot's webhook as Zalo would and resolves with the reply in that chat. */
async function send(update: Parameters<FakeZalo["deliver"]>[0], chatId: string): Promise<string> {
  const before = fake.sentTo(chatId).length;
  expect(await fake.deliver(update, SECRET)).toBe(200);
  await until(() => fake.sentTo(chatId).length > before, `a reply in ${chatId}`);
  await new Promise((r) => setTimeout(r, 300));
  return fake
    .sentTo(chatId)
    .slice(before)
    .map((m) => m.text)
    .join("\n");
}

beforeAll(async () => {
  const k = await sharedKnowledge();
  report = expandOccurrences(k).find((o) => o.planId === "son-la-gtvt-2024" && o.kind === "report" && o.due === "2024-03-15")!;
  fake = await startFakeZalo();
  photos = createHttp((req, res) => (req.url === "/p/bien-ban.jpg" ? res.writeHead(200, { "content-type": "image/png" }).end(PNG) : res.writeHead(404).end()));
  photoBase = await new Promise<string>((r) => photos.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(photos.address() as { port: number }).port}`)));
  dir = mkdtempSync(join(tmpdir(), "zalo-desk-"));
  const bind = (unitId: string, chatId: string) => ({ channel: "zalo", chatId, chatTitle: "", unitId, agencyId: AGENCY, boundBy: `zalo:${ADMIN}`, boundAt: "2024-01-02T01:00:00.000Z" });
  writeFileSync(join(dir, "db.json"), JSON.stringify({ bindings: [bind(`${AGENCY}/van-phong-so`, VP_GROUP), bind(`${AGENCY}/thanh-tra-so`, TTRA_GROUP)] }));
  seedKnowledgeFile(join(dir, "knowledge.json"));
  const port = await freePort();
  proc = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      TZ: "Asia/Ho_Chi_Minh",
      ZALO_BOT_TOKEN: fake.token,
      ZALO_API_ROOT: fake.apiRoot,
      ZALO_WEBHOOK_SECRET: SECRET,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      ADMIN_IDS: `zalo:${ADMIN}`,
      DB_FILE: join(dir, "db.json"),
      KNOWLEDGE_FILE: join(dir, "knowledge.json"),
      PLANS_DIR: "data/plans",
      BOT_CLOCK: "2024-03-14T09:00:00+07:00",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stderr!.on("data", (d) => (output += String(d)));
  proc.stdout!.on("data", (d) => (output += String(d)));
  await until(() => fake.webhook !== null, "the bot to set its webhook", 40_000);
}, 60_000);

afterAll(async () => {
  if (proc && proc.exitCode === null) {
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
  }
  await fake?.close();
  await new Promise((r) => photos?.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe("the desk on Zalo", () => {
  it("a photo with 'đã nộp <mã>' is downloaded at once and kept with its SHA-256", async () => {
    const photo = {
      event_name: "message.image.received",
      message: {
        message_id: "zimg-1",
        date: Date.parse("2024-03-14T02:00:00Z"),
        caption: `đã nộp ${report.code}`,
        photo_url: `${photoBase}/p/bien-ban.jpg`,
        chat: { id: TTRA_GROUP, chat_type: "GROUP" },
        from: { id: "zlan", display_name: "Chị Lan" },
      },
    } as unknown as Parameters<FakeZalo["deliver"]>[0];
    const sha = createHash("sha256").update(PNG).digest("hex");
    const ack = await send(photo, TTRA_GROUP);
    expect(ack).toContain("✅ Đã ghi nhận: Thanh tra Sở đã nộp «Báo cáo quý I/2024»");
    expect(ack).toContain(`(đã lưu, SHA-256: ${sha.slice(0, 16)}…)`);
    const sub = JSON.parse(readFileSync(join(dir, "db.json"), "utf8")).submissions[0];
    expect(sub.evidence).toMatchObject({ sha256: sha, mimeType: "image/png", size: PNG.length });
    expect(readFileSync(join(dir, sub.evidence.path)).equals(PNG)).toBe(true);
  }, 60_000);

  it("/baocao answers with the summary and a signed link to the workbook; /minhchung with a link to the photo", async () => {
    const text = await send(textUpdate({ text: "/baocao quý I 2024", chatId: VP_GROUP, userId: ADMIN, group: true }), VP_GROUP);
    expect(text).toContain("📊 Báo cáo tình hình thực hiện — Sở GTVT Sơn La — quý I/2024");
    expect(text).toContain("• Thanh tra Sở: 1 việc · 1 đúng hạn");
    const url = /📥 Tải tệp Excel \(liên kết dùng được 60 phút\): (\S+)/.exec(text)![1];
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: string[] = [];
    wb.getWorksheet("Chi tiết")!.eachRow((r, i) => i > 1 && rows.push(`${r.getCell(4).value}: ${r.getCell(12).value}`));
    expect(rows).toEqual(["Thanh tra Sở: Hoàn thành đúng hạn", "Văn phòng Sở: Chưa hoàn thành nhưng còn hạn"]);
    expect((await fetch(url.replace(/sig=[^&]+/, "sig=x"))).status).toBe(403);

    const ev = await send(textUpdate({ text: `/minhchung ${report.code}`, chatId: "zadmin-chat", userId: ADMIN }), "zadmin-chat");
    const link = /Tải về \(liên kết dùng được 60 phút\): (\S+)/.exec(ev)![1];
    const photo = await fetch(link);
    expect(photo.status).toBe(200);
    expect(Buffer.from(await photo.arrayBuffer()).equals(PNG)).toBe(true);
    for (const m of fake.sent) expect(m.text.length).toBeLessThanOrEqual(2000);
  }, 60_000);
});
