import { describe, expect, it } from "vitest";
import { findAgencies, resolveUnit } from "../../../bot/core/resolve-unit.ts";
import { ADMIN, GROUP, STAFF, groupMsg, press, privateMsg, testCore } from "../../helpers/bot-core.ts";
import { FIXTURE, botKnowledge } from "../../helpers/bot-knowledge.ts";

const k = botKnowledge();

describe("resolveUnit", () => {
  it("finds a unit named exactly, with or without diacritics", () => {
    expect(resolveUnit(k, "Thanh tra Sở")).toMatchObject({ kind: "one", unit: { id: `${FIXTURE.QT}/thanh-tra` } });
    expect(resolveUnit(k, "ban quan ly bao tri duong bo")).toMatchObject({ kind: "one", unit: { id: `${FIXTURE.SL}/ban-qlbt` } });
  });
  it("tolerates a typo", () => {
    expect(resolveUnit(k, "Thanh tre")).toMatchObject({ kind: "one", unit: { id: `${FIXTURE.QT}/thanh-tra` } });
  });
  it("is ambiguous when the name exists in several agencies", () => {
    const r = resolveUnit(k, "Văn phòng");
    expect(r.kind).toBe("many");
    if (r.kind === "many") expect(r.units.map((u) => u.id).sort()).toEqual([`${FIXTURE.QT}/van-phong-so`, `${FIXTURE.SL}/van-phong-so`]);
  });
  it("narrows by the agency or province named with it", () => {
    expect(resolveUnit(k, "Văn phòng Sở LĐTBXH Quảng Trị")).toMatchObject({ kind: "one", unit: { id: `${FIXTURE.QT}/van-phong-so` } });
    expect(resolveUnit(k, "van phong so gtvt son la")).toMatchObject({ kind: "one", unit: { id: `${FIXTURE.SL}/van-phong-so` } });
    expect(resolveUnit(k, "VP Sơn La")).toMatchObject({ kind: "one", unit: { id: `${FIXTURE.SL}/van-phong-so` } });
  });
  it("never binds a group to a collective owner or an outside body", () => {
    expect(resolveUnit(k, "Các phòng, đơn vị thuộc Sở").kind).not.toBe("one");
    expect(resolveUnit(k, "Sở Nội vụ")).not.toMatchObject({ kind: "one", unit: { id: `${FIXTURE.SL}/so-noi-vu` } });
  });
  it("says none for something that is not there", () => {
    expect(resolveUnit(k, "Phòng Hậu cần Vũ trụ").kind).toBe("none");
  });
  it("findAgencies reads abbreviations and provinces and removes them from the text", () => {
    expect(findAgencies(k, "Văn phòng Sở LĐTBXH Quảng Trị")).toEqual({ agencyIds: [FIXTURE.QT], rest: "van phong" });
    expect(findAgencies(k, "quý 3 son la").agencyIds).toEqual([FIXTURE.SL]);
    expect(findAgencies(k, "Văn phòng").agencyIds).toEqual([]);
  });
});

describe("/dangky and /huydangky", () => {
  it("binds the group when the name is clear, and stores who and when", async () => {
    const { core, deps } = testCore();
    const [reply] = await core.handleMessage(groupMsg("/dangky Văn phòng Sở LĐTBXH Quảng Trị"));
    expect(reply.text).toContain("✅ Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở LĐTBXH Quảng Trị");
    expect(deps.store.state.bindings).toEqual([
      expect.objectContaining({ channel: "telegram", chatId: GROUP, unitId: `${FIXTURE.QT}/van-phong-so`, agencyId: FIXTURE.QT, boundBy: ADMIN, boundAt: "2024-03-01T01:00:00.000Z" }),
    ]);
  });

  it("politely refuses a non-admin and changes nothing", async () => {
    const { core, deps } = testCore();
    const [reply] = await core.handleMessage(groupMsg("/dangky Thanh tra", STAFF));
    expect(reply.text).toMatch(/chỉ quản trị viên/);
    expect(deps.store.state.bindings).toEqual([]);
  });

  it("asks with buttons when ambiguous; the admin's tap binds and removes the buttons", async () => {
    const { core, deps } = testCore();
    const [ask] = await core.handleMessage(groupMsg("/register Văn phòng"));
    expect(ask.text).toMatch(/có ở nhiều nơi/);
    const labels = ask.buttons!.flat().map((b) => b.text);
    expect(labels).toEqual(["Văn phòng Sở — Sở LĐTBXH Quảng Trị", "Văn phòng Sở — Sở GTVT Sơn La", "✖ Huỷ"]);
    for (const b of ask.buttons!.flat()) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
    expect(deps.store.state.bindings).toEqual([]);

    const sonLa = ask.buttons!.flat()[1].data;
    expect(await core.handlePress(press(sonLa, STAFF))).toMatchObject({ toast: expect.stringMatching(/quản trị viên/) });
    expect(deps.store.state.bindings).toEqual([]);

    const result = await core.handlePress(press(sonLa, ADMIN));
    expect(result.edit).toEqual({ text: expect.stringContaining("Văn phòng Sở — Sở GTVT Sơn La"), buttons: [] });
    expect(deps.store.state.bindings[0].unitId).toBe(`${FIXTURE.SL}/van-phong-so`);
    expect(deps.store.state.pending).toEqual([]);
  });

  it("offers the same choice as a numbered list for text-only channels, answered by a number", async () => {
    const { core, deps } = testCore();
    const [ask] = await core.handleMessage(groupMsg("/dangky Văn phòng", ADMIN, { channel: "zalo", addressed: true }));
    expect(ask.textFallback).toContain("1. Văn phòng Sở — Sở LĐTBXH Quảng Trị");
    expect(ask.textFallback).toContain("2. Văn phòng Sở — Sở GTVT Sơn La");
    expect((await core.handleMessage(groupMsg("7", ADMIN, { channel: "zalo", addressed: true })))[0].text).toMatch(/từ 1 đến 2/);
    const [done] = await core.handleMessage(groupMsg("1", ADMIN, { channel: "zalo", addressed: true }));
    expect(done.text).toContain("Sở LĐTBXH Quảng Trị");
    expect(deps.store.state.bindings).toEqual([expect.objectContaining({ channel: "zalo", unitId: `${FIXTURE.QT}/van-phong-so` })]);
  });

  it("a stale choice (after a day) is refused and the buttons go away", async () => {
    let now = new Date("2024-03-01T08:00:00+07:00");
    const { core, deps } = testCore();
    deps.now = () => now;
    const [ask] = await core.handleMessage(groupMsg("/dangky Văn phòng"));
    now = new Date("2024-03-03T08:00:00+07:00");
    const result = await core.handlePress(press(ask.buttons![0][0].data));
    expect(result.toast).toMatch(/hết hạn/);
    expect(result.edit?.buttons).toEqual([]);
    expect(deps.store.state.bindings).toEqual([]);
  });

  it("✖ Huỷ cancels the choice", async () => {
    const { core, deps } = testCore();
    const [ask] = await core.handleMessage(groupMsg("/dangky Văn phòng"));
    const result = await core.handlePress(press(ask.buttons!.at(-1)![0].data));
    expect(result.edit?.text).toMatch(/Đã huỷ/);
    expect(deps.store.state.pending).toEqual([]);
  });

  it("a button of an older prompt, pressed after a second /dangky, is stale and binds nothing", async () => {
    const { core, deps } = testCore();
    const [first] = await core.handleMessage(groupMsg("/dangky Văn phòng"));
    const [second] = await core.handleMessage(groupMsg("/dangky Văn phòng Sở"));
    expect(second.buttons, "the second name must be ambiguous too").toBeDefined();
    const result = await core.handlePress(press(first.buttons![0][0].data));
    expect(result.toast).toBe("Lựa chọn này đã hết hạn, hãy gõ lại /dangky.");
    expect(result.edit?.buttons).toEqual([]);
    expect(deps.store.state.bindings).toEqual([]);
    // the live prompt still works
    const ok = await core.handlePress(press(second.buttons![0][0].data));
    expect(ok.toast).toBe("Đã gắn nhóm.");
    expect(deps.store.state.bindings).toHaveLength(1);
  });

  it("registering again replaces the unit and says what it was", async () => {
    const { core, deps } = testCore();
    await core.handleMessage(groupMsg("/dangky Thanh tra Quảng Trị"));
    const [reply] = await core.handleMessage(groupMsg("/dangky Văn phòng Sơn La"));
    expect(reply.text).toMatch(/Trước đây nhóm gắn với: Thanh tra Sở/);
    expect(deps.store.state.bindings).toHaveLength(1);
  });

  it("explains usage, a private chat, and an unknown name", async () => {
    const { core } = testCore();
    expect((await core.handleMessage(groupMsg("/dangky")))[0].text).toMatch(/Cách dùng/);
    expect((await core.handleMessage(privateMsg("/dangky Thanh tra")))[0].text).toMatch(/dùng trong nhóm/);
    expect((await core.handleMessage(groupMsg("/dangky Phòng Hậu cần Vũ trụ")))[0].text).toMatch(/Không tìm thấy đơn vị/);
  });

  it("/huydangky removes the binding (admins only)", async () => {
    const { core, deps } = testCore();
    await core.handleMessage(groupMsg("/dangky Thanh tra Quảng Trị"));
    expect((await core.handleMessage(groupMsg("/huydangky", STAFF)))[0].text).toMatch(/chỉ quản trị viên/);
    expect(deps.store.state.bindings).toHaveLength(1);
    expect((await core.handleMessage(groupMsg("/unregister")))[0].text).toMatch(/Đã bỏ gắn.*Thanh tra Sở/);
    expect(deps.store.state.bindings).toEqual([]);
    expect((await core.handleMessage(groupMsg("/huydangky")))[0].text).toMatch(/chưa gắn/);
  });
});
