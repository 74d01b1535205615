import { describe, expect, it } from "vitest";
import { ADMIN, STAFF, groupMsg, privateMsg, testCore } from "../../helpers/bot-core.ts";

describe("/viec", () => {
  it("lists a registered group's tasks by role, with the plan's deadline words", async () => {
    const { core } = testCore();
    await core.handleMessage(groupMsg("/dangky Văn phòng Sở LĐTBXH Quảng Trị", ADMIN));
    const [reply] = await core.handleMessage(groupMsg("/viec", STAFF));
    expect(reply.text).toMatch(/^📋 Nhiệm vụ của Văn phòng Sở — Sở LĐTBXH Quảng Trị \(4\):/);
    expect(reply.text).toContain("Chủ trì (3):");
    expect(reply.text).toContain("• Ban hành kế hoạch rà soát văn bản QPPL — hạn: Trước 15/01/2024");
    expect(reply.text).toContain("Chung cho các phòng, đơn vị (1):");
  });
  it("takes a unit name in a private chat", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("/tasks Ban QLBT", STAFF));
    expect(reply.text).toContain("Ban Quản lý Bảo trì đường bộ — Sở GTVT Sơn La");
    expect(reply.text).toContain("trước ngày 20/01/2024");
  });
  it("asks for the agency when the name is ambiguous", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(privateMsg("/viec Văn phòng", STAFF));
    expect(reply.text).toMatch(/có ở nhiều nơi/);
  });
  it("explains how to use it in an unregistered group", async () => {
    const { core } = testCore();
    const [reply] = await core.handleMessage(groupMsg("/viec", STAFF));
    expect(reply.text).toMatch(/chưa gắn với đơn vị nào/);
  });
});
