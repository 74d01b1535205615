// The plan-upload feature of the core, without a channel: what the admin is told in each case.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCore, createKnowledgeRef, type Core, type CoreDeps } from "../../bot/core/index.ts";
import type { Incoming } from "../../bot/core/types.ts";
import { memoryStore } from "../../data/store.ts";
import { ingestDirectory } from "../../knowledge/load.ts";
import { PLANS_DIR, planDocx, planText } from "../helpers/plan-documents.ts";
import { docxBomb } from "../helpers/zip-build.ts";

const QT = "quang-tri_so-ldtbxh_cchc-2024.txt";
let dir: string;
let deps: CoreDeps;
let core: Core;
let files: Map<string, Uint8Array>;
let clock: Date;
let n = 0;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "plan-upload-"));
  cpSync(PLANS_DIR, join(dir, "plans"), { recursive: true });
  files = new Map();
  clock = new Date("2024-12-20T02:00:00Z");
  deps = {
    store: memoryStore(),
    knowledge: createKnowledgeRef(await ingestDirectory(join(dir, "plans"), clock.toISOString())),
    adminIds: new Set(["111"]),
    now: () => clock,
    senders: {},
    plansDir: join(dir, "plans"),
    knowledgeFile: join(dir, "knowledge.json"),
    files: {
      telegram: async (id) => {
        const bytes = files.get(id);
        if (!bytes) throw new Error("Không tải được tệp từ Telegram (HTTP 404).");
        return bytes;
      },
    },
    log: () => undefined,
  };
  core = createCore(deps);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fileMsg(bytes: Uint8Array | null, name: string, extra: Partial<Incoming> = {}): Incoming {
  const fileId = `F${++n}`;
  if (bytes) files.set(fileId, bytes);
  return {
    channel: "telegram",
    chatId: "111",
    chatType: "private",
    userId: "111",
    userName: "An",
    messageId: String(n),
    text: "",
    addressed: true,
    file: { fileId, name, size: bytes?.length },
    date: clock.toISOString(),
    ...extra,
  };
}
const pressOf = (data: string, userId = "111") => ({ channel: "telegram" as const, chatId: "111", chatType: "private" as const, userId, userName: "An", messageId: "7", data });
const planFiles = () => readdirSync(deps.plansDir).sort();

describe("plan upload in the core", () => {
  it("answers with the summary and the two buttons, and keeps the upload waiting in state", async () => {
    const [out] = await core.handleMessage(fileMsg(await planDocx(planText(QT).replaceAll("2024", "2025")), "KH 2025.docx"));
    expect(out.text).toContain("Kế hoạch: Kế hoạch cải cách hành chính của Sở Lao động - Thương binh và Xã hội tỉnh Quảng Trị năm 2025");
    // next year's plan of the same agency loads beside this year's: nothing to warn about
    expect(out.text).not.toContain("⚠️");
    expect(out.buttons![0].map((b) => b.text)).toEqual(["✅ Nạp kế hoạch", "✖ Huỷ"]);
    expect(out.buttons![0][0].data).toMatch(/^plan:load:[0-9a-f]{8}$/);
    expect(deps.store.state.pending).toHaveLength(1);
    expect(readdirSync(join(deps.plansDir, ".incoming"))).toHaveLength(1);
  });

  it("loads another agency's plan in a province already loaded beside that province's plan", async () => {
    const gtvt = new TextEncoder().encode(planText("son-la_so-gtvt_cchc-2024.txt").replaceAll("Sơn La", "Quảng Trị"));
    const [out] = await core.handleMessage(fileMsg(gtvt, "gtvt.txt"));
    expect(out.text).toContain("Cơ quan: Sở GTVT Quảng Trị");
    expect(out.text).not.toContain("⚠️");
    const result = await core.handlePress(pressOf(out.buttons![0][0].data));
    expect(result.toast).toBe("Đã nạp kế hoạch.");
    const quangTri = deps.knowledge.knowledge.plans.filter((p) => p.province === "Quảng Trị").map((p) => p.id);
    expect(quangTri.sort()).toEqual(["quang-tri-gtvt-2024", "quang-tri-ldtbxh-2024"]);
    expect(planFiles()).toContain(QT);
  });

  it("refuses a zip bomb sent in chat, naming the limit, and the bot lives on", async () => {
    const [out] = await core.handleMessage(fileMsg(docxBomb(60), "bom.docx"));
    expect(out.text).toMatch(/bom\.docx bị từ chối: .*50 MB/);
    expect(deps.store.state.pending).toEqual([]);
    expect(planFiles()).toEqual(readdirSync(PLANS_DIR).sort());
    const [next] = await core.handleMessage(fileMsg(await planDocx(planText(QT).replaceAll("2024", "2025")), "KH 2025.docx"));
    expect(next.buttons![0][0].text).toBe("✅ Nạp kế hoạch");
  });

  it("says why when the file is too big, cannot be downloaded, or is not a plan", async () => {
    const big = fileMsg(null, "lon.pdf");
    big.file!.size = 21 * 1024 * 1024;
    expect((await core.handleMessage(big))[0].text).toContain("lớn hơn 20 MB");
    expect((await core.handleMessage(fileMsg(null, "mat.docx")))[0].text).toBe("Không tải được tệp mat.docx: Không tải được tệp từ Telegram (HTTP 404). Không có gì thay đổi.");
    const memo = new TextEncoder().encode("Thông báo\n\nLịch họp giao ban tuần này dời sang thứ Ba.");
    expect((await core.handleMessage(fileMsg(memo, "thong-bao.txt")))[0].text).toMatch(/^Tệp thong-bao\.txt [^.]*không phải một kế hoạch[^.]*\. Không có gì thay đổi\.$/);
    expect(planFiles()).toEqual(readdirSync(PLANS_DIR).sort());
  });

  it("answers a file on a channel that cannot download files, and leaves files in groups to others", async () => {
    const zalo = fileMsg(new Uint8Array([1]), "a.docx", { channel: "zalo" });
    expect((await core.handleMessage(zalo))[0].text).toContain("hãy gửi tệp kế hoạch qua Telegram");
    const inGroup = fileMsg(await planDocx(planText(QT)), "kh.docx", { chatType: "group", chatId: "-100", addressed: false, text: "đã nộp" });
    const replies = await core.handleMessage(inGroup);
    expect(replies.every((r) => !/Nạp kế hoạch/.test(r.text))).toBe(true);
  });

  it("buttons: only for admins, only while the upload waits (a day), and a load changes the answers at once", async () => {
    const caoBang = planText("lang-son_so-gtvt_par-sipas-2024.txt").replaceAll("Lạng Sơn", "Cao Bằng");
    const [out] = await core.handleMessage(fileMsg(await planDocx(caoBang), "cao-bang.docx"));
    const load = out.buttons![0][0].data;
    expect((await core.handlePress(pressOf(load, "222"))).toast).toMatch(/^Chỉ quản trị viên mới được nạp kế hoạch\. Mã của bạn: 222\.$/);
    expect((await core.handlePress(pressOf("plan:load:deadbeef"))).edit?.text).toContain("đã hết hạn");

    const result = await core.handlePress(pressOf(load));
    expect(result.toast).toBe("Đã nạp kế hoạch.");
    expect(result.edit?.buttons).toEqual([]);
    expect(deps.knowledge.knowledge.plans.map((p) => p.id)).toContain("cao-bang-gtvt-2024");
    expect(existsSync(join(deps.plansDir, "cao-bang.docx"))).toBe(true);
    expect(readdirSync(join(deps.plansDir, ".incoming"))).toEqual([]);
    // pressed again: already done
    expect((await core.handlePress(pressOf(load))).toast).toBe("Tệp này đã hết hạn hoặc đã xử lý.");

    const [again] = await core.handleMessage(fileMsg(await planDocx(planText("tien-giang_so-gtvt_cchc-2021-2025.txt").replaceAll("Tiền Giang", "Bến Tre")), "ben-tre.docx"));
    clock = new Date(clock.getTime() + 25 * 3600_000);
    expect((await core.handlePress(pressOf(again.buttons![0][0].data))).edit?.text).toContain("đã hết hạn");
  });

  it("/kehoach and /plans list the loaded plans with period and counts", async () => {
    const [out] = await core.handleMessage({ ...fileMsg(null, "x"), file: undefined, text: "/kehoach" });
    expect(out.text).toContain("Các kế hoạch đang dùng (5):");
    // the counts are the knowledge's (knowledge/ owns them); the line's shape is this command's
    expect(out.text).toMatch(/\n {3}Thời kỳ: giai đoạn 2021-2025, định hướng đến năm 2030 · \d+ nhiệm vụ · 47 chỉ tiêu · 0 lịch báo cáo\n {3}Tệp: dak-lak_so-gtvt_cchc-2021-2030\.txt/);
    const [en] = await core.handleMessage({ ...fileMsg(null, "x"), file: undefined, text: "/plans", userId: "222" });
    expect(en.text).toBe(out.text);
    expect(core.commands.find((c) => c.name === "kehoach")?.aliases).toEqual(["plans"]);
  });
});
