// Evidence kept in process: the file of "đã nộp" is downloaded at once and kept with its SHA-256; an oversized
// or unsupported file changes nothing; a failed download keeps the confirmation and asks for the file again;
// /minhchung gives it back (a document on Telegram, a signed link on Zalo).
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../../../../bot/core/index.ts";
import type { ChannelName, Incoming } from "../../../../bot/core/types.ts";
import { memoryEvidence } from "../../../../data/evidence-files.ts";
import { createDownloads } from "../../../../bot/downloads.ts";
import { expandOccurrences, type Occurrence } from "../../../../jobs/occurrences.ts";
import type { Knowledge } from "../../../../knowledge/schema.ts";
import { sharedKnowledge } from "../../../helpers/shared-knowledge.ts";
import { testDeps } from "../../../helpers/bot-core.ts";

const AGENCY = "son-la/so-gtvt";
const TTRA = `${AGENCY}/thanh-tra-so`;
const TTRA_CHAT = "-2004";
const PDF = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const EXE = new TextEncoder().encode("MZ\x90\x00 this program cannot be run in DOS mode");

let k: Knowledge;
let report: Occurrence;
beforeAll(async () => {
  k = await sharedKnowledge();
  report = expandOccurrences(k).find((o) => o.planId === "son-la-gtvt-2024" && o.kind === "report" && o.due === "2024-03-15")!;
});

function setup(files: Record<string, Uint8Array | Error>) {
  const { deps } = testDeps({
    knowledge: k,
    now: "2024-03-14T10:00:00+07:00",
    state: { bindings: [{ channel: "telegram", chatId: TTRA_CHAT, chatTitle: "Thanh tra", unitId: TTRA, agencyId: AGENCY, boundBy: "x", boundAt: "2024-01-01T00:00:00Z" }] },
  });
  const evidence = memoryEvidence();
  const fetchFile = async (id: string) => {
    const f = files[id];
    if (!f) throw new Error("no such file");
    if (f instanceof Error) throw f;
    return f;
  };
  deps.evidence = evidence;
  deps.files = { telegram: fetchFile, zalo: fetchFile };
  return { deps, evidence, core: createCore(deps) };
}

let n = 0;
function withFile(text: string, file: Incoming["file"], chatId = TTRA_CHAT, channel: ChannelName = "telegram"): Incoming {
  return { channel, chatId, chatType: "group", userId: "500", userName: "Chị Lan", messageId: String(++n), text, addressed: false, date: "2024-03-14T03:00:00.000Z", ...(file ? { file } : {}) };
}
const command = (text: string, userId = "111", channel: ChannelName = "telegram"): Incoming => ({ channel, chatId: userId, chatType: "private", userId, userName: "An", messageId: String(++n), text, addressed: true, date: "2024-03-14T03:00:00.000Z" });

describe("evidence with 'đã nộp'", () => {
  it("is downloaded at once, kept with its SHA-256 and content type, and /minhchung sends it back as a document", async () => {
    const { deps, evidence, core } = setup({ F1: PDF });
    const sha = createHash("sha256").update(PDF).digest("hex");
    const replies = await core.handleMessage(withFile(`đã nộp ${report.code}`, { fileId: "F1", name: "bao-cao-quy-I.pdf", mimeType: "application/pdf", size: PDF.length }));
    expect(replies[0].text).toContain(`Tệp kèm theo: bao-cao-quy-I.pdf (đã lưu, SHA-256: ${sha.slice(0, 16)}…)`);
    const sub = deps.store.state.submissions[0];
    expect(sub.evidence).toEqual({ fileId: "F1", name: "bao-cao-quy-I.pdf", path: `evidence/${sha.slice(0, 2)}/${sha}.pdf`, sha256: sha, size: PDF.length, mimeType: "application/pdf" });
    expect(evidence.files.get(sub.evidence!.path!)).toEqual(PDF);

    const back = await core.handleMessage(command(`/minhchung ${report.code}`));
    expect(back).toHaveLength(1);
    expect(back[0].document).toEqual({ name: "bao-cao-quy-I.pdf", data: PDF, mimeType: "application/pdf" });
    expect(back[0].text).toContain("Thanh tra Sở — nộp lúc 10:00 ngày 14/3/2024 (Chị Lan)");
    expect(back[0].text).toContain(`SHA-256: ${sha}`);
    expect(back[0].text).not.toContain("không còn khớp");
  });

  it("an oversized or unsupported file: one sentence, nothing recorded", async () => {
    const { deps, core } = setup({ BIG: PDF, EXE });
    const big = await core.handleMessage(withFile(`đã nộp ${report.code}`, { fileId: "BIG", name: "scan.pdf", size: 25 * 1024 * 1024 }));
    expect(big.map((o) => o.text)).toEqual(["Tệp «scan.pdf» nặng 25,0 MB, quá giới hạn 20 MB. Chưa ghi nhận gì; hãy nén hoặc tách nhỏ rồi gửi lại kèm «đã nộp <mã>»."]);
    const exe = await core.handleMessage(withFile(`đã nộp ${report.code}`, { fileId: "EXE", name: "bao-cao.pdf.exe", size: EXE.length }));
    expect(exe.map((o) => o.text)).toEqual(["Tệp «bao-cao.pdf.exe» không phải PDF, Word, Excel, ảnh (JPG, PNG) hay tệp nén ZIP nên bot không nhận làm minh chứng. Chưa ghi nhận gì; hãy gửi lại đúng tệp kèm «đã nộp <mã>»."]);
    expect(deps.store.state.submissions).toEqual([]);
  });

  it("a failed download keeps the confirmation and asks for the file again; the file sent again is kept", async () => {
    const { deps, core } = setup({ LOST: new Error("ECONNRESET"), AGAIN: PNG });
    const first = await core.handleMessage(withFile(`đã nộp ${report.code}`, { fileId: "LOST", name: "anh-bao-cao.png", size: 11 }));
    expect(first[0].text).toContain("✅ Đã ghi nhận: Thanh tra Sở đã nộp");
    expect(first[1].text).toBe(`⚠️ Chưa tải được tệp «anh-bao-cao.png» về máy chủ (lỗi tải tệp). Xác nhận vẫn được ghi; hãy gửi lại tệp kèm «đã nộp ${report.code}» để lưu minh chứng.`);
    expect(deps.store.state.submissions[0].evidence).toEqual({ fileId: "LOST", name: "anh-bao-cao.png", failed: "lỗi tải tệp" });
    expect((await core.handleMessage(command(`/minhchung ${report.code}`)))[0].text).toContain("chưa được lưu trên máy chủ (lỗi tải tệp); đơn vị cần gửi lại tệp");

    const again = await core.handleMessage(withFile(`đã nộp ${report.code}`, { fileId: "AGAIN", name: "anh-bao-cao.png", size: 11 }));
    const sha = createHash("sha256").update(PNG).digest("hex");
    expect(again[0].text).toContain(`📎 Đã lưu tệp «anh-bao-cao.png» làm minh chứng cho «${report.title}» [${report.code}] của Thanh tra Sở`);
    expect(deps.store.state.submissions).toHaveLength(1);
    expect(deps.store.state.submissions[0].evidence).toMatchObject({ sha256: sha, mimeType: "image/png" });
  });

  it("/minhchung: refused to staff; on Zalo a signed link that serves the file", async () => {
    const { deps, core } = setup({ F1: PDF });
    await core.handleMessage(withFile(`đã nộp ${report.code}`, { fileId: "F1", name: "bao-cao.pdf", size: PDF.length }));
    expect((await core.handleMessage(command(`/minhchung ${report.code}`, "500")))[0].text).toMatch(/^Xin lỗi, chỉ quản trị viên hoặc lãnh đạo cơ quan mới được lấy báo cáo/);
    const downloads = createDownloads({ baseUrl: "https://bot.example.gov.vn", now: deps.now });
    deps.links = downloads;
    const zalo = await core.handleMessage(command(`/minhchung ${report.code}`, "111", "zalo"));
    expect(zalo[0].document).toBeUndefined();
    expect(zalo[0].text).toMatch(/Tải về \(liên kết dùng được 60 phút\): https:\/\/bot\.example\.gov\.vn\/download\?id=[\w-]+&exp=\d+&a=son-la%2Fso-gtvt&sig=[\w-]+/);
  });
});
