// /baocao in process: the scope (a unit named, the group's agency, an agency admin's own agency), a range of
// days, the console's answer, and the refusals.
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { createCore } from "../../../../bot/core/index.ts";
import type { ChannelName, Incoming, Outgoing } from "../../../../bot/core/types.ts";
import { expandOccurrences, type Occurrence } from "../../../../jobs/occurrences.ts";
import type { Knowledge } from "../../../../knowledge/schema.ts";
import type { State } from "../../../../data/store.ts";
import { sharedKnowledge } from "../../../helpers/shared-knowledge.ts";
import { testDeps } from "../../../helpers/bot-core.ts";

const AGENCY = "son-la/so-gtvt";
const VP = `${AGENCY}/van-phong-so`;
const TTRA = `${AGENCY}/thanh-tra-so`;
let k: Knowledge;
let report: Occurrence;

beforeAll(async () => {
  k = await sharedKnowledge();
  report = expandOccurrences(k).find((o) => o.planId === "son-la-gtvt-2024" && o.kind === "report" && o.due === "2024-03-15")!;
});

function setup(extra: Partial<State> = {}) {
  const bind = (unitId: string, chatId: string) => ({ channel: "telegram" as const, chatId, chatTitle: "", unitId, agencyId: AGENCY, boundBy: "x", boundAt: "2024-01-01T00:00:00Z" });
  const { deps } = testDeps({
    knowledge: k,
    now: "2024-04-02T09:00:00+07:00",
    state: {
      bindings: [bind(VP, "-1"), bind(TTRA, "-4")],
      submissions: [{ id: "s1", occurrenceId: report.id, itemId: report.itemId, planId: report.planId, unitId: TTRA, userId: "5", userName: "Chị Lan", chatId: "-4", channel: "telegram", at: "2024-03-15T02:00:00.000Z", evidence: null, undoneAt: null }],
      ...extra,
    },
  });
  return { deps, core: createCore(deps) };
}

let n = 0;
const private_ = (text: string, userId = "111", channel: ChannelName = "telegram"): Incoming => ({ channel, chatId: userId, chatType: "private", userId, userName: "An", messageId: String(++n), text, addressed: true, date: "2024-04-02T02:00:00.000Z" });

async function detailRows(out: Outgoing): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(out.document!.data) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.getWorksheet("Chi tiết")!.eachRow((r, i) => i > 1 && rows.push([String(r.getCell(4).value), String(r.getCell(12).value)]));
  return rows;
}

describe("/baocao", () => {
  it("a unit named: only its rows; a range of days reads as its quarter", async () => {
    const { core } = setup();
    const [out] = await core.handleMessage(private_("/baocao từ 01/01 đến 31/03/2024 Thanh tra Sở GTVT Sơn La"));
    expect(out.document?.name).toBe("bao-cao-quy-I-2024.xlsx");
    expect(out.text).toContain("📊 Báo cáo tình hình thực hiện — Sở GTVT Sơn La — quý I/2024");
    expect(await detailRows(out)).toEqual([["Thanh tra Sở", "Hoàn thành đúng hạn"]]);
  });

  it("without a unit: every bound unit of the agencies the asker may see", async () => {
    const { core } = setup();
    const [out] = await core.handleMessage(private_("/baocao quý I/2024"));
    expect(await detailRows(out)).toEqual([
      ["Thanh tra Sở", "Hoàn thành đúng hạn"],
      ["Văn phòng Sở", "Chưa hoàn thành và đã quá hạn"],
    ]);
    expect(out.text).toContain("Tổng: 2 việc · 1 đúng hạn · 0 quá hạn · 0 còn hạn · 1 chưa nộp quá hạn · tỷ lệ đúng hạn 50%");
  });

  it("a leader of the agency may; a leader of another agency is refused for this one; staff are refused", async () => {
    const grant = (userId: string, agencyId: string) => ({ channel: "telegram" as const, userId, userName: "", role: "leader" as const, agencyId, addedBy: "111", addedAt: "2024-01-01T00:00:00Z" });
    const { core } = setup({ roles: [grant("300", AGENCY), grant("301", "quang-tri/so-ldtbxh")] });
    expect((await core.handleMessage(private_("/baocao quý I 2024", "300")))[0].document).toBeDefined();
    expect((await core.handleMessage(private_("/baocao quý I 2024 Sở GTVT Sơn La", "301")))[0].text).toMatch(/^Xin lỗi, bạn chỉ được lấy báo cáo của Sở LĐTBXH Quảng Trị; việc này thuộc Sở GTVT Sơn La\. Không có gì thay đổi\./);
    expect((await core.handleMessage(private_("/baocao quý I 2024", "302")))[0].text).toMatch(/^Xin lỗi, chỉ quản trị viên hoặc lãnh đạo cơ quan mới được lấy báo cáo; bạn chưa có quyền này\./);
  });

  it("bad input: an unreadable period, an unknown unit, nothing in the period", async () => {
    const { core } = setup();
    const say = async (t: string) => (await core.handleMessage(private_(t)))[0].text;
    expect(await say("/baocao quý 7 2024")).toMatch(/^Tôi chưa hiểu khoảng thời gian «quý 7 2024»/);
    expect(await say("/baocao quý I 2024 Phòng Không Có")).toMatch(/^Không tìm thấy đơn vị hay cơ quan «/);
    expect(await say("/baocao tháng 8/2024 Thanh tra Sở GTVT Sơn La")).toBe("Không có việc nào đến hạn trong tháng 8/2024 (01/08/2024–31/08/2024) của Thanh tra Sở — Sở GTVT Sơn La ở các đơn vị đã đăng ký nhóm. Không có báo cáo để gửi.");
  });

  it("in the console: the summary and the command that writes the workbook", async () => {
    const { core } = setup();
    const [out] = await core.handleMessage(private_("/baocao quý I 2024", "111", "console"));
    expect(out.document).toBeUndefined();
    expect(out.text).toContain("• Thanh tra Sở: 1 việc · 1 đúng hạn");
    expect(out.text).toContain("npm run -s report -- --from 2024-01-01 --to 2024-03-31 --out bao-cao-quy-I-2024.xlsx");
  });
});
