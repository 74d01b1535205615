// End to end: loading a plan in the Telegram chat. The real bot process (bot/main.ts, polling)
// against the fake Bot API on 127.0.0.1, which serves the sent documents for getFile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ask, buildAskIndex } from "../../knowledge/ask.ts";
import { readKnowledgeFile } from "../../knowledge/load.ts";
import { startFakeTelegram, type FakeTelegram, type SentMessage } from "../helpers/fake-telegram.ts";
import { startBotProcess, tempDir, type BotProcess } from "../helpers/bot-process.ts";
import { PLANS_DIR, planDocx, planText, scannedPdf } from "../helpers/plan-documents.ts";

const QT = "quang-tri_so-ldtbxh_cchc-2024.txt";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

let tg: FakeTelegram;
let bot: BotProcess;
let dir: string;
let plansDir: string;
let knowledgeFile: string;
let fileNo = 0;

const admin = () => tg.user(111, "Quản trị");
const staff = () => tg.user(222, "Nhân viên");
const plansListing = () => readdirSync(plansDir, { recursive: true }).map(String).filter((f) => !f.startsWith(".incoming")).sort();

beforeAll(async () => {
  tg = await startFakeTelegram();
  dir = tempDir("plan-upload-e2e-");
  plansDir = join(dir, "plans");
  knowledgeFile = join(dir, "knowledge.json");
  cpSync(PLANS_DIR, plansDir, { recursive: true });
  bot = startBotProcess({
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.apiRoot,
    ADMIN_IDS: "111",
    DB_FILE: join(dir, "db.json"),
    KNOWLEDGE_FILE: knowledgeFile,
    PLANS_DIR: plansDir,
    BOT_CLOCK: "2024-12-20T09:00:00+07:00",
  });
  await tg.waitForCall("getUpdates", () => true, 30_000).catch((e) => {
    throw new Error(`${e.message}\n${bot.stderr()}`);
  });
}, 60_000);

afterAll(async () => {
  await bot?.stop();
  await tg?.close();
});

/** The bot lets a user send 8 messages or taps per 10 s (bot/telegram/features/rate-limit.ts): keep under it. */
const actions: number[] = [];
async function paced() {
  const recent = actions.filter((t) => Date.now() - t < 10_500);
  if (recent.length >= 6) await new Promise((r) => setTimeout(r, 10_500 - (Date.now() - recent[0])));
  actions.push(Date.now());
}

/** A user sends a document in their private chat; resolves with the bot's next message there. */
async function sendDocument(from: ReturnType<typeof admin>, bytes: Uint8Array, name: string, mime = DOCX): Promise<SentMessage> {
  await paced();
  const fileId = `F${++fileNo}`;
  tg.addFile(fileId, bytes, name);
  const before = tg.messages().length;
  tg.sendMessage({
    chat: tg.privateChat(from.id),
    from,
    content: { document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: name, mime_type: mime, file_size: bytes.length } },
  });
  return tg.waitForMessage((m) => m.chatId === String(from.id) && tg.messages().indexOf(m) >= before, 20_000);
}

/** Taps a button and resolves with the tapped message once the bot has edited it. */
async function tap(message: SentMessage, text: string): Promise<SentMessage> {
  const button = message.buttons.flat().find((b) => b.text === text);
  if (!button) throw new Error(`no button "${text}" in: ${JSON.stringify(message.buttons)}`);
  const edits = message.edits;
  await paced();
  tg.pressButton({ message, from: admin(), data: button.data });
  return tg.waitForMessage((m) => m === message && m.edits > edits, 20_000);
}

async function askBot(text: string): Promise<string> {
  await paced();
  const before = tg.messages().length;
  tg.sendText({ chat: tg.privateChat(111), from: admin(), text });
  const m = await tg.waitForMessage((x) => x.chatId === "111" && tg.messages().indexOf(x) >= before, 15_000);
  return m.text;
}

/** What `ask` answers from the knowledge file as it is on disk now. */
async function expectedAnswer(question: string) {
  const k = await readKnowledgeFile(knowledgeFile);
  return ask(buildAskIndex(k!), question, { today: "2024-12-20" });
}

describe("loading a plan in the Telegram chat", () => {
  it("politely refuses a file from someone who is not an admin, without downloading it", async () => {
    const files = plansListing();
    const reply = await sendDocument(staff(), await planDocx(planText("lang-son_so-gtvt_par-sipas-2024.txt")), "ke-hoach.docx");
    expect(reply.text).toContain("chỉ quản trị viên mới nạp được kế hoạch mới");
    expect(reply.buttons).toEqual([]);
    expect(tg.calls.filter((c) => c.method === "getFile")).toHaveLength(0);
    expect(plansListing()).toEqual(files);
  });

  it("gives the reason for a broken Word file and a scanned PDF, and changes nothing", async () => {
    const files = plansListing();
    const docx = await planDocx(planText("lang-son_so-gtvt_par-sipas-2024.txt"));
    const broken = await sendDocument(admin(), docx.slice(0, docx.length >> 1), "KH 2025.docx");
    expect(broken.text).toBe("Tệp Word KH 2025.docx bị hỏng hoặc không đọc được. Không có gì thay đổi.");
    expect(broken.buttons).toEqual([]);
    const scan = await sendDocument(admin(), await scannedPdf(), "scan.pdf", "application/pdf");
    expect(scan.text).toContain("không có lớp chữ (có thể là bản scan/ảnh chụp)");
    expect(plansListing()).toEqual(files);
  });

  it("summarises a new plan; ✖ Huỷ keeps everything as it was", async () => {
    const files = plansListing();
    const caoBang = planText("lang-son_so-gtvt_par-sipas-2024.txt").replaceAll("Lạng Sơn", "Cao Bằng");
    const summary = await sendDocument(admin(), await planDocx(caoBang), "KH SIPAS Cao Bằng 2024.docx");
    expect(summary.text).toContain("Cơ quan: Sở GTVT Cao Bằng");
    expect(summary.text).toContain("Thời kỳ: năm 2024");
    expect(summary.text).toMatch(/Nhiệm vụ: \d+ · Chỉ tiêu: \d+ · Lịch báo cáo: \d+/);
    expect(summary.buttons.flat().map((b) => b.text)).toEqual(["✅ Nạp kế hoạch", "✖ Huỷ"]);
    const cancelled = await tap(summary, "✖ Huỷ");
    expect(cancelled.text).toContain("Đã huỷ, kế hoạch không được nạp");
    expect(cancelled.buttons).toEqual([]);
    expect(plansListing()).toEqual(files);
  });

  it("loads a new plan, and the next question is answered from it", async () => {
    const caoBang = planText("lang-son_so-gtvt_par-sipas-2024.txt").replaceAll("Lạng Sơn", "Cao Bằng");
    const summary = await sendDocument(admin(), await planDocx(caoBang), "KH SIPAS Cao Bằng 2024.docx");
    const loaded = await tap(summary, "✅ Nạp kế hoạch");
    expect(loaded.text).toContain("✅ Đã nạp kế hoạch (tệp kh-sipas-cao-bang-2024.docx)");
    expect(loaded.buttons).toEqual([]);
    expect(existsSync(join(plansDir, "kh-sipas-cao-bang-2024.docx"))).toBe(true);

    const question = "Kế hoạch SIPAS Cao Bằng ai chủ trì tuyên truyền?";
    const expected = await expectedAnswer(question);
    expect(expected.hits[0]?.source.file).toBe("kh-sipas-cao-bang-2024.docx");
    expect(await askBot(question)).toBe(expected.answer);

    const list = await askBot("/kehoach");
    expect(list).toContain("Các kế hoạch đang dùng (6):");
    expect(list).toContain("Sở GTVT Cao Bằng");
  });

  it("replaces a plan of the same agency and title only after confirmation, keeping the old file", async () => {
    const old = readFileSync(join(plansDir, QT));
    const revised = planText(QT).replace("Trước 18/11/2024", "Trước 25/11/2024");
    const summary = await sendDocument(admin(), await planDocx(revised, { tables: "real" }), "KH CCHC 2024 Quảng Trị.docx");
    expect(summary.text).toContain("Đã có kế hoạch cùng cơ quan và tiêu đề (tệp quang-tri_so-ldtbxh_cchc-2024.txt)");

    const confirm = await tap(summary, "✅ Nạp kế hoạch");
    expect(confirm.text).toContain("Thay thế kế hoạch cũ «Kế hoạch cải cách hành chính của Sở Lao động");
    expect(confirm.buttons.flat().map((b) => b.text)).toEqual(["♻️ Thay thế kế hoạch cũ", "✖ Huỷ"]);
    expect(existsSync(join(plansDir, QT))).toBe(true); // nothing replaced yet

    const done = await tap(confirm, "♻️ Thay thế kế hoạch cũ");
    expect(done.text).toContain("✅ Đã nạp kế hoạch (tệp kh-cchc-2024-quang-tri.docx)");
    expect(done.text).toContain("Kế hoạch cũ được giữ lại: archive/quang-tri_so-ldtbxh_cchc-2024.2024-12-20.txt");
    expect(readFileSync(join(plansDir, "archive/quang-tri_so-ldtbxh_cchc-2024.2024-12-20.txt"))).toEqual(old);
    expect(existsSync(join(plansDir, QT))).toBe(false);

    const question = "Báo cáo kết quả rà soát văn bản QPPL hạn khi nào?";
    const expected = await expectedAnswer(question);
    expect(expected.answer).toContain("Trước 25/11/2024");
    expect(await askBot(question)).toBe(expected.answer);
    expect((await askBot("/plans")).match(/^\d+\. /gm)).toHaveLength(6);
  });
});
