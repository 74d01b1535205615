import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../../bot/core/period.ts";
import { ADMIN, STAFF, groupMsg, privateMsg, testCore } from "../../helpers/bot-core.ts";

describe("parsePeriod", () => {
  const today = "2024-03-01";
  it.each([
    ["tháng 3/2024", "2024-03-01", "2024-03-31", "tháng 3/2024"],
    ["thang 2 nam 2024", "2024-02-01", "2024-02-29", "tháng 2/2024"],
    ["quý III/2024", "2024-07-01", "2024-09-30", "quý III/2024"],
    ["Q4 2024", "2024-10-01", "2024-12-31", "quý IV/2024"],
    ["quy 1", "2024-01-01", "2024-03-31", "quý I/2024"],
    ["2025", "2025-01-01", "2025-12-31", "năm 2025"],
    ["03/2024", "2024-03-01", "2024-03-31", "tháng 3/2024"],
    ["tháng này", "2024-03-01", "2024-03-31", "tháng 3/2024"],
    ["quý sau", "2024-04-01", "2024-06-30", "quý II/2024"],
  ])("%s → %s … %s", (text, from, to, label) => {
    expect(parsePeriod(text, today).period).toMatchObject({ from, to, label });
  });
  it("remembers whether the year was typed", () => {
    expect(parsePeriod("quý 3", today).period?.yearGiven).toBe(false);
    expect(parsePeriod("quý 3/2024", today).period?.yearGiven).toBe(true);
  });
  it("leaves the rest of the text for an agency", () => {
    expect(parsePeriod("quý 1 Sơn La", today)).toMatchObject({ period: { label: "quý I/2024" }, rest: "son la" });
  });
  it("is null when there is no period", () => {
    expect(parsePeriod("sắp tới", today).period).toBeNull();
  });
});

describe("/han", () => {
  it("lists the deadlines of the coming weeks, across plans, by date", async () => {
    const { core } = testCore({ now: "2024-03-01T08:00:00+07:00" });
    const [reply] = await core.handleMessage(privateMsg("/han", STAFF));
    expect(reply.text).toMatch(/^📅 Các hạn từ 01\/03\/2024 đến 30\/04\/2024:/);
    const lines = reply.text.split("\n").slice(1);
    expect(lines[0]).toMatch(/^• 15\/03\/2024 .*Báo cáo CCHC định kỳ \(Sở GTVT Sơn La\)/);
    expect(reply.text).toContain("31/03/2024 [Quý I/2024]: Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật");
    expect(reply.text).not.toContain("15/01/2024");
  });

  it("narrows to a quarter and an agency", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("/deadlines quý I/2024 Quảng Trị", STAFF));
    expect(reply.text).toMatch(/^📅 Các hạn trong quý I\/2024 — Sở LĐTBXH Quảng Trị:/);
    expect(reply.text).toContain("15/01/2024");
    expect(reply.text).not.toContain("Sơn La");
  });

  it("in a registered group shows only what concerns its unit (including shared tasks)", async () => {
    const { core } = testCore();
    await core.handleMessage(groupMsg("/dangky Văn phòng Sở Sơn La", ADMIN));
    const [reply] = await core.handleMessage(groupMsg("/han 2024", STAFF));
    expect(reply.text).toMatch(/Văn phòng Sở \(Sở GTVT Sơn La\)/);
    expect(reply.text.match(/Báo cáo CCHC định kỳ/g)).toHaveLength(4);
    expect(reply.text).not.toContain("Ban hành Kế hoạch CCHC của đơn vị");
  });

  it("without a year picks the plans' year that has something in that quarter", async () => {
    const { core } = testCore({ now: "2026-05-01T08:00:00+07:00" });
    const [reply] = await core.handleMessage(privateMsg("/han quý 4", STAFF));
    expect(reply.text).toMatch(/quý IV\/2024/);
  });

  it("says so when nothing is ahead", async () => {
    const { core } = testCore({ now: "2026-05-01T08:00:00+07:00" });
    const [reply] = await core.handleMessage(privateMsg("/han", STAFF));
    expect(reply.text).toMatch(/Không còn hạn nào sắp tới.*\/han 2024/);
  });

  it("explains a period it cannot read", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("/han hôm kia", STAFF));
    expect(reply.text).toMatch(/chưa hiểu khoảng thời gian/);
  });
});
