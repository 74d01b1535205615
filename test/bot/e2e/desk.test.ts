// End to end: the coordinating office's desk through the real bot process (polling) against the fake Bot API,
// clock set by BOT_CLOCK to Wednesday 20/3/2024 in the Sơn La GTVT plan. The state file is seeded with four
// units' groups and three confirmations of the quarterly report (due 15/3: one on time, one late, one
// missing); then in chat: /giahan of a January task, two /giao, "đã nộp <mã>" with a file, /minhchung,
// /nhacviec, and /baocao quý I 2024, whose workbook the test opens with exceljs. The report CLI must write
// the same workbook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { expandOccurrences, type Occurrence } from "../../../jobs/occurrences.ts";
import type { Knowledge } from "../../../knowledge/schema.ts";
import { startFakeTelegram, type FakeTelegram, type SentMessage } from "../../helpers/fake-telegram.ts";
import { ROOT, startBotProcess, tempDir, type BotProcess } from "../../helpers/bot-process.ts";
import { sharedKnowledge } from "../../helpers/shared-knowledge.ts";

const CLOCK = "2024-03-20T09:00:00+07:00";
const AGENCY = "son-la/so-gtvt";
const U = {
  vp: `${AGENCY}/van-phong-so`,
  bql: `${AGENCY}/ban-quan-ly-bao-tri-duong-bo`,
  tt: `${AGENCY}/trung-tam-sat-hach-lai-xe-co-gioi-duong-bo`,
  thanhTra: `${AGENCY}/thanh-tra-so`,
};
const CHAT = { vp: -3001, bql: -3002, tt: -3003, thanhTra: -3004 };

let tg: FakeTelegram;
let bot: BotProcess;
let env: Record<string, string>;
let k: Knowledge;
let quarterly: Occurrence; // Báo cáo quý I/2024, due 15/3, every bound unit of the agency
let january: Occurrence; // a task due 20/1 of Ban QLBT and Trung tâm sát hạch
let adhocCode = "";
let adhoc2Code = "";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const admin = () => tg.user(111, "Quản trị");
const officer = () => tg.user(444, "Chị Hoa");
const group = (key: keyof typeof CHAT) => tg.groupChat(CHAT[key], `Nhóm ${key}`);
const db = () => JSON.parse(readFileSync(env.DB_FILE, "utf8"));
const after = (n: number, chatId: number, match: (m: SentMessage) => boolean = () => true) =>
  tg.waitForMessage((m) => tg.messages().indexOf(m) >= n && m.chatId === String(chatId) && match(m), 20_000);

function binding(unitId: string, chatId: number) {
  return { channel: "telegram", chatId: String(chatId), chatTitle: "", unitId, agencyId: AGENCY, boundBy: "telegram:111", boundAt: "2024-01-02T01:00:00.000Z" };
}
function submission(id: string, occ: Occurrence, unitId: string, chatId: number, at: string, userName: string) {
  return { id, occurrenceId: occ.id, itemId: occ.itemId, planId: occ.planId, unitId, userId: "500", userName, chatId: String(chatId), channel: "telegram", at, evidence: null, undoneAt: null };
}

async function cells(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v instanceof Date ? v.toISOString() : (v ?? null)))));
    out[ws.name] = rows;
  });
  return out;
}

beforeAll(async () => {
  k = await sharedKnowledge();
  const occs = expandOccurrences(k);
  quarterly = occs.find((o) => o.planId === "son-la-gtvt-2024" && o.kind === "report" && o.due === "2024-03-15")!;
  january = occs.find((o) => o.planId === "son-la-gtvt-2024" && o.due === "2024-01-20")!;
  expect(quarterly && january).toBeTruthy();
  tg = await startFakeTelegram();
  const dir = tempDir("desk-e2e-");
  env = { TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot, ADMIN_IDS: "111", DB_FILE: join(dir, "db.json"), KNOWLEDGE_FILE: join(dir, "knowledge.json"), BOT_CLOCK: CLOCK };
  writeFileSync(
    env.DB_FILE,
    JSON.stringify({
      bindings: [binding(U.vp, CHAT.vp), binding(U.bql, CHAT.bql), binding(U.tt, CHAT.tt), binding(U.thanhTra, CHAT.thanhTra)],
      submissions: [
        submission("s1", quarterly, U.vp, CHAT.vp, "2024-03-14T02:00:00.000Z", "Anh Minh"), // 09:00 on 14/3: on time
        submission("s2", quarterly, U.bql, CHAT.bql, "2024-03-18T03:00:00.000Z", "Anh Tuấn"), // 18/3: late
        submission("s3", quarterly, U.thanhTra, CHAT.thanhTra, "2024-03-15T16:30:00.000Z", "Chị Lan"), // 23:30 on 15/3 in Viet Nam: still on time
      ],
      // an old state file: no extensions, no ad-hoc tasks
    }),
  );
  bot = startBotProcess(env);
  await tg.waitForCall("getUpdates", undefined, 60_000).catch((e) => {
    throw new Error(`${e.message}\n${bot.stderr()}`);
  });
  await bot.waitForOutput(/reminders \(khởi động/, 30_000, "stderr");
}, 90_000);

afterAll(async () => {
  await bot?.stop();
  await tg?.close();
});

describe("the coordinating office's desk through Telegram", () => {
  it("/giahan moves the January task to 29/3, records who and why, and tells each unit's group in one line", async () => {
    const n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: `/giahan ${january.code} 29/3/2024 Công văn 123/SGTVT-VP` });
    const reply = await after(n, CHAT.vp);
    expect(reply.text).toContain(`✅ Đã gia hạn «${january.title}» [mã ${january.code}]: hạn mới 29/3/2024 (trước đó 20/1/2024).`);
    expect(reply.text).toContain("Căn cứ: Công văn 123/SGTVT-VP.");
    for (const chat of [CHAT.bql, CHAT.tt]) {
      const told = await after(n, chat, (m) => m.text.startsWith("📅 Gia hạn"));
      expect(told.text).toBe(`📅 Gia hạn: «${january.title}» [mã ${january.code}] — hạn mới 29/3/2024 (hạn trước 20/1/2024). Căn cứ: Công văn 123/SGTVT-VP.`);
    }
    expect(db().extensions).toEqual([expect.objectContaining({ occurrenceId: january.id, from: "2024-01-20", to: "2024-03-29", reason: "Công văn 123/SGTVT-VP", userId: "111" })]);
  }, 60_000);

  it("/giao creates ad-hoc tasks with codes, tells the unit, and refuses a date in the past without saving anything", async () => {
    let n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: "/giao Thanh tra Sở | Báo cáo kết quả kiểm tra an toàn giao thông theo Công văn 45/UBND | 28/3/2024" });
    const reply = await after(n, CHAT.vp);
    expect(reply.text).toMatch(/^✅ Đã giao việc \[mã [A-Z0-9]{5,6}\] cho Thanh tra Sở — Sở GTVT Sơn La: «Báo cáo kết quả kiểm tra an toàn giao thông theo Công văn 45\/UBND», hạn 28\/3\/2024\./);
    adhocCode = /\[mã ([A-Z0-9]{5,6})\]/.exec(reply.text)![1];
    const notice = await after(n, CHAT.thanhTra, (m) => m.text.startsWith("📌"));
    expect(notice.text).toContain(`[mã ${adhocCode}] — hạn 28/3/2024`);
    expect(notice.text).toContain(`Khi xong, trả lời: đã nộp ${adhocCode}`);

    n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: "/giao Trung tâm sát hạch | Báo cáo số liệu sát hạch | 25/3/2024 hằng tháng ngày 25" });
    const second = await after(n, CHAT.vp);
    expect(second.text).toContain("hạn 25/3/2024 (hằng tháng ngày 25, đến 31/12/2024; 10 lần)");
    adhoc2Code = /\[mã ([A-Z0-9]{5,6})\]/.exec(second.text)![1];

    n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: "/giao Thanh tra Sở | Việc cũ | 1/3/2024" });
    expect((await after(n, CHAT.vp)).text).toBe("Hạn 1/3/2024 đã qua (hôm nay 20/3/2024); hạn phải từ hôm nay trở đi. Chưa giao việc nào.");
    expect(db().adhocTasks).toHaveLength(2);
  }, 60_000);

  it("/nhacviec reminds the ad-hoc tasks and the extended task from its new date", async () => {
    const n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: "/nhacviec" });
    const thanhTra = await after(n, CHAT.thanhTra, (m) => m.text.includes("🔔 Nhắc hạn"));
    expect(thanhTra.text).toContain(`[mã ${adhocCode}]`);
    expect(thanhTra.text).toContain("Kế hoạch: Nhiệm vụ được giao — Sở GTVT Sơn La");
    const bql = await after(n, CHAT.bql, (m) => m.text.includes("🔔 Nhắc hạn"));
    expect(bql.text).toContain(`[mã ${january.code}]`);
    expect(bql.text).toContain("Hạn: 29/3/2024 (gia hạn; hạn cũ");
    const tt = await after(n, CHAT.tt, (m) => m.text.includes("🔔 Nhắc hạn"));
    expect(tt.text).toContain(`[mã ${adhoc2Code}]`);
  }, 60_000);

  it("'đã nộp <mã>' with a PDF confirms the ad-hoc task and keeps the file with its SHA-256; /minhchung sends it back", async () => {
    const sha = createHash("sha256").update(PDF).digest("hex");
    tg.addFile("EVID1", PDF, "bien-ban-kiem-tra.pdf");
    let n = tg.messages().length;
    tg.sendMessage({
      chat: group("thanhTra"),
      from: officer(),
      content: { caption: `Đã nộp ${adhocCode}`, document: { file_id: "EVID1", file_unique_id: "uEVID1", file_name: "bien-ban-kiem-tra.pdf", mime_type: "application/pdf", file_size: PDF.length } },
    });
    const ack = await after(n, CHAT.thanhTra);
    expect(ack.text).toContain(`✅ Đã ghi nhận: Thanh tra Sở đã nộp «Báo cáo kết quả kiểm tra an toàn giao thông theo Công văn 45/UBND» [mã ${adhocCode}]`);
    expect(ack.text).toContain(`Tệp kèm theo: bien-ban-kiem-tra.pdf (đã lưu, SHA-256: ${sha.slice(0, 16)}…)`);
    const sub = db().submissions.find((s: { unitId: string; itemId: string }) => s.unitId === U.thanhTra && s.itemId.startsWith("adhoc-"));
    expect(sub.evidence).toMatchObject({ name: "bien-ban-kiem-tra.pdf", sha256: sha, size: PDF.length, mimeType: "application/pdf" });
    const kept = join(dirname(env.DB_FILE), sub.evidence.path);
    expect(existsSync(kept) && readFileSync(kept).equals(PDF)).toBe(true);

    n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: `/minhchung ${adhocCode}` });
    const back = await after(n, CHAT.vp, (m) => m.method === "sendDocument");
    expect(back.document?.name).toBe("bien-ban-kiem-tra.pdf");
    expect(back.document?.bytes?.equals(PDF)).toBe(true);
    expect(back.text).toContain(`SHA-256: ${sha}`);
    expect(back.text).toContain("Thanh tra Sở — nộp lúc");
  }, 60_000);

  let workbook: Uint8Array;

  it("/baocao quý I 2024 in the coordinator's group returns the workbook: rows, statuses and % as the state says", async () => {
    const n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: "/baocao quý I 2024" });
    const doc = await after(n, CHAT.vp, (m) => m.method === "sendDocument");
    expect(doc.document?.name).toBe("bao-cao-quy-I-2024.xlsx");
    expect(doc.text).toContain("Tổng: 8 việc · 3 đúng hạn · 1 quá hạn · 3 còn hạn · 1 chưa nộp quá hạn · tỷ lệ đúng hạn 60%");
    workbook = doc.document!.bytes!;
    const sheets = await cells(workbook);
    expect(Object.keys(sheets)).toEqual(["Tổng hợp", "Chi tiết", "Giải thích"]);

    expect(sheets["Tổng hợp"]).toEqual([
      ["Đơn vị", "Số việc đến hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa hoàn thành nhưng còn hạn", "Chưa hoàn thành và đã quá hạn", "Tỷ lệ đúng hạn"],
      ["Ban Quản lý Bảo trì đường bộ", 2, 0, 1, 1, 0, 0],
      ["Thanh tra Sở", 2, 2, 0, 0, 0, 1],
      ["Trung tâm sát hạch lái xe cơ giới đường bộ", 3, 0, 0, 2, 1, 0],
      ["Văn phòng Sở", 1, 1, 0, 0, 0, 1],
      ["Tổng cộng", 8, 3, 1, 3, 1, 0.6],
    ]);

    const [header, ...rows] = sheets["Chi tiết"];
    expect(header).toEqual(["Kế hoạch", "Nội dung công việc", "Mã", "Đơn vị", "Hạn", "Gia hạn đến", "Lý do / văn bản gia hạn", "Ngày nộp", "Người xác nhận", "Minh chứng", "SHA-256 minh chứng", "Tình trạng"]);
    const row = (code: string, unit: string) => rows.find((r) => r[2] === code && r[3] === unit);
    const day = (iso: string) => `${iso}T00:00:00.000Z`;
    expect(rows).toHaveLength(8);
    // on time, late, overdue: the quarterly report
    expect(row(quarterly.code, "Văn phòng Sở")).toEqual([expect.stringContaining("Sở GTVT Sơn La"), quarterly.title, quarterly.code, "Văn phòng Sở", day("2024-03-15"), null, null, "2024-03-14T09:00:00.000Z", "Anh Minh", null, null, "Hoàn thành đúng hạn"]);
    expect(row(quarterly.code, "Ban Quản lý Bảo trì đường bộ")?.slice(7)).toEqual(["2024-03-18T10:00:00.000Z", "Anh Tuấn", null, null, "Hoàn thành quá hạn"]);
    expect(row(quarterly.code, "Thanh tra Sở")?.[11]).toBe("Hoàn thành đúng hạn");
    expect(row(quarterly.code, "Trung tâm sát hạch lái xe cơ giới đường bộ")?.slice(7)).toEqual([null, null, null, null, "Chưa hoàn thành và đã quá hạn"]);
    // extended: both dates, the reason, judged against the new date
    expect(row(january.code, "Ban Quản lý Bảo trì đường bộ")?.slice(4)).toEqual([day("2024-01-20"), day("2024-03-29"), "Công văn 123/SGTVT-VP", null, null, null, null, "Chưa hoàn thành nhưng còn hạn"]);
    expect(row(january.code, "Trung tâm sát hạch lái xe cơ giới đường bộ")?.[11]).toBe("Chưa hoàn thành nhưng còn hạn");
    // ad-hoc: confirmed with evidence; the recurring one's March occurrence still open
    const sha = createHash("sha256").update(PDF).digest("hex");
    expect(row(adhocCode, "Thanh tra Sở")).toEqual(["Nhiệm vụ được giao (ngoài kế hoạch)", "Báo cáo kết quả kiểm tra an toàn giao thông theo Công văn 45/UBND", adhocCode, "Thanh tra Sở", day("2024-03-28"), null, null, expect.stringMatching(/^2024-03-20T09:/), "Chị Hoa", "bien-ban-kiem-tra.pdf", sha, "Hoàn thành đúng hạn"]);
    expect(row(adhoc2Code, "Trung tâm sát hạch lái xe cơ giới đường bộ")?.[11]).toBe("Chưa hoàn thành nhưng còn hạn");

    // what a person sees in Excel: frozen header row, filters, widths, dates shown dd/mm/yyyy, % as a percentage
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(workbook) as unknown as ArrayBuffer);
    for (const name of ["Tổng hợp", "Chi tiết"]) {
      const ws = wb.getWorksheet(name)!;
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
    const detail = wb.getWorksheet("Chi tiết")!;
    expect(detail.getColumn(2).width).toBeGreaterThanOrEqual(40);
    expect(detail.getRow(2).getCell(5).numFmt).toBe("dd/mm/yyyy");
    expect(detail.getRow(2).getCell(8).numFmt).toBe("dd/mm/yyyy hh:mm");
    expect(wb.getWorksheet("Tổng hợp")!.getRow(2).getCell(7).numFmt).toBe("0.0%");
  }, 60_000);

  it("the report CLI writes the same workbook from the state file", async () => {
    const out = join(dirname(env.DB_FILE), "cli.xlsx");
    const { stderr } = await promisify(execFile)(process.execPath, ["--import", "tsx", "jobs/cli-report.ts", "--from", "2024-01-01", "--to", "2024-03-31", "--agency", AGENCY, "--out", out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DB_FILE: env.DB_FILE, KNOWLEDGE_FILE: env.KNOWLEDGE_FILE, PLANS_DIR: join(ROOT, "data/plans"), BOT_CLOCK: CLOCK, TZ: "Asia/Ho_Chi_Minh" },
    });
    expect(stderr).toContain("8 dòng, 4 đơn vị; 3 đúng hạn, 1 quá hạn, 3 còn hạn, 1 chưa nộp quá hạn; tỷ lệ đúng hạn 60%");
    expect(await cells(readFileSync(out))).toEqual(await cells(workbook));
  }, 60_000);

  it("a report asked by someone who is not an admin or leader is refused, and a period with nothing says so", async () => {
    let n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: officer(), text: "/baocao quý I 2024" });
    expect((await after(n, CHAT.vp)).text).toMatch(/^Xin lỗi, chỉ quản trị viên hoặc lãnh đạo cơ quan mới được lấy báo cáo/);
    n = tg.messages().length;
    tg.sendText({ chat: group("vp"), from: admin(), text: "/baocao năm 2019" });
    expect((await after(n, CHAT.vp)).text).toMatch(/^Không có việc nào đến hạn trong năm 2019/);
  }, 60_000);

  it("every change is in the audit log", () => {
    const lines = readFileSync(join(dirname(env.DB_FILE), "audit.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const actions = lines.map((e: { action: string; outcome: string }) => `${e.action}/${e.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(["extend/done", "assign/done", "confirm/done", "report/refused"]));
    expect(actions.filter((a: string) => a === "assign/done")).toHaveLength(2);
    expect(lines.find((e: { action: string }) => e.action === "extend")).toMatchObject({ userId: "111", target: january.code, before: { due: "2024-01-20" }, after: { due: "2024-03-29", reason: "Công văn 123/SGTVT-VP" } });
  });
});
