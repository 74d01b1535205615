// Signed, expiring download links on the bot's HTTP server (127.0.0.1): what /baocao answers on Zalo,
// which has no document upload. A link altered, for another agency, or expired serves nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:http";
import ExcelJS from "exceljs";
import { closeServer, createHttpServer, listen } from "../../bot/http.ts";
import { createDownloads, DOWNLOAD_PATH } from "../../bot/downloads.ts";
import { createCore } from "../../bot/core/index.ts";
import { expandOccurrences } from "../../jobs/occurrences.ts";
import { sharedKnowledge } from "../helpers/shared-knowledge.ts";
import { testDeps } from "../helpers/bot-core.ts";
import { fakeClock } from "../helpers/reminders-env.ts";

const clock = fakeClock("2024-03-20T09:00:00+07:00");
let server: Server;
let base = "";
let downloads: ReturnType<typeof createDownloads>;

beforeAll(async () => {
  downloads = createDownloads({ baseUrl: "http://placeholder", now: clock.now, ttlMinutes: 30 });
  server = createHttpServer({ [DOWNLOAD_PATH]: downloads.route }, () => undefined);
  const port = await listen(server, 0, "127.0.0.1");
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await closeServer(server);
});

const local = (url: string) => url.replace("http://placeholder", base);

describe("download links", () => {
  it("serve the file once signed, and nothing when altered, for another agency, or expired", async () => {
    const url = local(downloads.publish({ name: "báo cáo.xlsx", data: new Uint8Array([1, 2, 3]), mimeType: "application/zip" }, "son-la/so-gtvt"));
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''b%C3%A1o%20c%C3%A1o.xlsx");
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((await fetch(url.replace(/sig=[^&]+/, "sig=AAAA"))).status).toBe(403);
    expect((await fetch(url.replace("a=son-la%2Fso-gtvt", "a=quang-tri%2Fso-ldtbxh"))).status).toBe(403);
    expect((await fetch(url.replace(/exp=(\d+)/, (_m, e) => `exp=${Number(e) + 3600_000}`))).status).toBe(403);
    clock.set("2024-03-20T09:31:00+07:00");
    const late = await fetch(url);
    expect(late.status).toBe(410);
    expect(await late.text()).toContain("Liên kết đã hết hạn");
    clock.set("2024-03-20T09:00:00+07:00");
  });

  it("/baocao on Zalo: the summary as text and a link to the same workbook", async () => {
    const k = await sharedKnowledge();
    const report = expandOccurrences(k).find((o) => o.planId === "son-la-gtvt-2024" && o.kind === "report" && o.due === "2024-03-15")!;
    const agency = "son-la/so-gtvt";
    const { deps } = testDeps({
      knowledge: k,
      adminIds: ["zalo:z-admin"],
      state: {
        bindings: [{ channel: "zalo", chatId: "zg-1", chatTitle: "VP", unitId: `${agency}/van-phong-so`, agencyId: agency, boundBy: "x", boundAt: "2024-01-01T00:00:00Z" }],
        submissions: [{ id: "s1", occurrenceId: report.id, itemId: report.itemId, planId: report.planId, unitId: `${agency}/van-phong-so`, userId: "z1", userName: "Chị Lan", chatId: "zg-1", channel: "zalo", at: "2024-03-16T02:00:00.000Z", evidence: null, undoneAt: null }],
      },
    });
    (deps as { now: () => Date }).now = clock.now;
    deps.links = downloads;
    const core = createCore(deps);
    const out = await core.handleMessage({ channel: "zalo", chatId: "zg-1", chatType: "group", userId: "z-admin", userName: "An", messageId: "1", text: "/baocao quý I 2024", addressed: true, date: "2024-03-20T02:00:00.000Z" });
    expect(out).toHaveLength(1);
    expect(out[0].document).toBeUndefined();
    expect(out[0].text).toContain("• Văn phòng Sở: 1 việc · 0 đúng hạn · 1 quá hạn · 0 còn hạn · 0 chưa nộp quá hạn · 0% đúng hạn");
    const url = /📥 Tải tệp Excel \(liên kết dùng được 30 phút\): (\S+)/.exec(out[0].text)![1];
    const res = await fetch(local(url));
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.getWorksheet("Chi tiết")!.getRow(2).getCell(12).value).toBe("Hoàn thành quá hạn");
  });
});
