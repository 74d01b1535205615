import { describe, expect, it } from "vitest";
import { ADMIN, GROUP, STAFF, groupMsg, privateMsg, press, testCore } from "../../helpers/bot-core.ts";
import { ACTIONS, agenciesFor, authorize, can } from "../../../bot/core/roles.ts";
import type { AuditLog } from "../../../data/audit.ts";
import type { Incoming } from "../../../bot/core/types.ts";

const QT = "quang-tri/so-ldtbxh";
const SL = "son-la/so-gtvt";
const AGENCY_ADMIN = "333";
const LEADER = "444";

async function setup(now?: string) {
  const t = testCore(now ? { now } : {});
  const say = async (m: Incoming) => (await t.core.handleMessage(m)).map((o) => o.text).join("\n");
  const audit = () => (t.deps.audit as AuditLog).list();
  return { ...t, say, audit };
}

describe("roles: a super-admin adds an agency admin, who acts only on that agency", () => {
  it("/quantri them gives the role at once; the agency admin registers only their agency's groups", async () => {
    const { say, deps, audit } = await setup();
    expect(await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Sở LĐTBXH Quảng Trị`))).toMatch(/✅ telegram:333 là quản trị cơ quan của Sở LĐTBXH Quảng Trị từ bây giờ/);
    expect(deps.store.state.roles).toMatchObject([{ channel: "telegram", userId: AGENCY_ADMIN, role: "admin", agencyId: QT, addedBy: "telegram:111" }]);

    // "Văn phòng" exists in both agencies: the agency admin is not asked, it is their own
    expect(await say(groupMsg("/dangky Văn phòng", AGENCY_ADMIN))).toMatch(/^✅ Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở LĐTBXH Quảng Trị/);
    // another agency's unit, in another group: refused, nothing changed, the attempt logged
    const other = await say(groupMsg("/dangky Ban QLBT", AGENCY_ADMIN, { chatId: "-777" }));
    expect(other).toMatch(/^Xin lỗi, bạn chỉ được đăng ký nhóm cho đơn vị của Sở LĐTBXH Quảng Trị; việc này thuộc Sở GTVT Sơn La\. Không có gì thay đổi\.\nMã của bạn trên Telegram: 333/);
    expect(deps.store.state.bindings.map((b) => b.chatId)).toEqual([GROUP]);
    const log = await audit();
    expect(log.map((e) => `${e.action}/${e.outcome}`)).toEqual(["role-add/done", "bind/done", "register/refused"]);
    expect(log[2]).toMatchObject({ userId: AGENCY_ADMIN, agencyId: SL, unitId: `${SL}/ban-qlbt`, target: "telegram:-777" });
  });

  it("an agency admin cannot take over a group bound to another agency, nor unbind it", async () => {
    const { say, deps } = await setup();
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    await say(groupMsg("/dangky Ban QLBT")); // the super-admin binds it to Sơn La
    expect(await say(groupMsg("/dangky Thanh tra", AGENCY_ADMIN))).toMatch(/việc này thuộc Sở GTVT Sơn La\. Không có gì thay đổi/);
    expect(await say(groupMsg("/huydangky", AGENCY_ADMIN))).toMatch(/việc này thuộc Sở GTVT Sơn La\. Không có gì thay đổi/);
    expect(deps.store.state.bindings).toMatchObject([{ unitId: `${SL}/ban-qlbt` }]);
  });

  it("an agency admin cannot add admins; they add and remove leaders of their own agency only", async () => {
    const { say, deps } = await setup();
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    expect(await say(privateMsg("/quantri them 555 Quảng Trị", AGENCY_ADMIN))).toMatch(/^Xin lỗi, chỉ quản trị viên mới được thêm hoặc bớt quản trị viên|vai trò của bạn/);
    expect(await say(privateMsg(`/quantri lanhdao ${LEADER}`, AGENCY_ADMIN))).toMatch(/là lãnh đạo \(chỉ xem\) của Sở LĐTBXH Quảng Trị/);
    expect(await say(privateMsg("/quantri lanhdao 556 Sơn La", AGENCY_ADMIN))).toMatch(/bạn chỉ được thêm hoặc bớt lãnh đạo của Sở LĐTBXH Quảng Trị; việc này thuộc Sở GTVT Sơn La/);
    expect(deps.store.state.roles.map((r) => `${r.userId}:${r.role}:${r.agencyId}`)).toEqual([`333:admin:${QT}`, `444:leader:${QT}`]);
    expect(await say(privateMsg(`/quantri xoa ${LEADER}`, AGENCY_ADMIN))).toMatch(/^Đã bỏ vai trò của telegram:444: lãnh đạo \(chỉ xem\) của Sở LĐTBXH Quảng Trị/);
    expect(await say(privateMsg(`/quantri xoa ${AGENCY_ADMIN}`, AGENCY_ADMIN))).toMatch(/chỉ quản trị viên mới|không cho phép thêm hoặc bớt quản trị viên/);
    expect(deps.store.state.roles.map((r) => r.userId)).toEqual([AGENCY_ADMIN]);
  });

  it("/quantri lists the super-admins and each agency's roles", async () => {
    const { say } = await setup();
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    const list = await say(privateMsg("/quantri"));
    expect(list).toContain("Quản trị toàn hệ thống (do bộ phận CNTT cấu hình khi triển khai): 111");
    expect(list).toMatch(/🏛 Sở LĐTBXH Quảng Trị\n {2}Quản trị cơ quan: telegram:333\n {2}Lãnh đạo \(chỉ xem\): chưa có/);
    expect(list).toContain("🏛 Sở GTVT Sơn La");
    // the agency admin sees only their agency
    const own = await say(privateMsg("/quantri", AGENCY_ADMIN));
    expect(own).toContain("🏛 Sở LĐTBXH Quảng Trị");
    expect(own).not.toContain("Sơn La");
    expect(own).not.toContain("Quản trị toàn hệ thống");
  });

  it("a role given by replying to the person's message takes their id and name", async () => {
    const { say, deps } = await setup();
    const out = await say(groupMsg("/quantri lanhdao Sơn La", ADMIN, { replyTo: { messageId: "7", text: "chào", fromBot: false, userId: "909", userName: "Chị Hoa" } }));
    expect(out).toMatch(/✅ Chị Hoa \(telegram:909\) là lãnh đạo \(chỉ xem\) của Sở GTVT Sơn La/);
    expect(deps.store.state.roles).toMatchObject([{ userId: "909", userName: "Chị Hoa", role: "leader", agencyId: SL }]);
  });
});

describe("roles: a leader reads progress but is refused admin commands", () => {
  it("sees /tiendo of their agency only, is refused /nhacviec and an admin button, each refusal logged", async () => {
    const { say, core, deps, audit } = await setup();
    deps.runReminders = async () => "ran";
    await say(privateMsg(`/quantri lanhdao ${LEADER} Sở GTVT Sơn La`));
    const status = await say(privateMsg("/tiendo", LEADER));
    expect(status).not.toMatch(/Xin lỗi/);
    expect(status).not.toContain("Quảng Trị");
    const refused = await say(privateMsg("/nhacviec", LEADER));
    expect(refused).toBe(
      "Xin lỗi, vai trò của bạn (Lãnh đạo (chỉ xem) — Sở GTVT Sơn La) không cho phép chạy nhắc hạn. Không có gì thay đổi.\nMã của bạn trên Telegram: 444 — hãy gửi mã này cho quản trị viên hoặc bộ phận CNTT nếu bạn cần được cấp quyền.",
    );
    expect(refused).not.toContain("ADMIN_IDS");
    const pressed = await core.handlePress(press("reg:0", LEADER));
    expect(pressed.toast).toBe("Chỉ quản trị viên mới được đăng ký nhóm cho đơn vị. Mã của bạn: 444.");
    const log = await audit();
    expect(log.filter((e) => e.outcome === "refused").map((e) => e.action)).toEqual(["run-jobs", "register"]);
  });
});

describe("unknown users and bad input: one clear sentence, nothing changed", () => {
  it("a stranger's admin commands are refused with their id, never an environment variable", async () => {
    const { say, deps, audit } = await setup();
    for (const cmd of ["/quantri them 999 Quảng Trị", "/nhacviec", "/nhatky", "/quantri"]) {
      const out = await say(privateMsg(cmd, STAFF));
      expect(out, cmd).toMatch(/^Xin lỗi, chỉ quản trị viên mới được .+; bạn chưa có quyền này\. Không có gì thay đổi\.\nMã của bạn trên Telegram: 222/);
      expect(out).not.toMatch(/ADMIN_IDS|env/i);
    }
    expect(await say(groupMsg("/dangky Văn phòng Sở LĐTBXH Quảng Trị", STAFF))).toMatch(/Mã của bạn trên Telegram: 222/);
    expect(deps.store.state.roles).toEqual([]);
    expect(deps.store.state.bindings).toEqual([]);
    expect((await audit()).every((e) => e.outcome === "refused" && e.userId === STAFF)).toBe(true);
  });

  it("a bad id, an unknown agency, a missing id and removing a super-admin are refused and logged", async () => {
    const { say, deps, audit } = await setup();
    expect(await say(privateMsg("/quantri them 12ab Quảng Trị"))).toBe("«12ab» không phải mã người dùng Telegram (một dãy số). Người đó gõ /toi để xem mã của mình. Không có gì thay đổi.");
    expect(await say(privateMsg("/quantri them 123456 Sở Tài chính Cà Mau"))).toMatch(/^Không tìm thấy cơ quan «Sở Tài chính Cà Mau»\. Các cơ quan đang có:\n• Sở LĐTBXH Quảng Trị\n• Sở GTVT Sơn La\nKhông có gì thay đổi\./);
    expect(await say(privateMsg("/quantri them 123456"))).toMatch(/^Hãy ghi tên cơ quan sau mã người dùng/);
    expect(await say(privateMsg("/quantri them"))).toMatch(/^Thiếu mã người dùng\. Không có gì thay đổi\.\nCách dùng:/);
    expect(await say(privateMsg(`/quantri xoa ${ADMIN}`))).toBe("Không bỏ được quyền của telegram:111 trong chat: quản trị toàn hệ thống do bộ phận CNTT cấu hình khi triển khai bot. Không có gì thay đổi.");
    expect(await say(privateMsg("/quantri xoa 123456"))).toMatch(/không có vai trò nào\. Không có gì thay đổi\./);
    expect(await say(privateMsg("/quantri lambay 1"))).toMatch(/^Không hiểu «lambay»/);
    expect(await say(privateMsg("/quantri lanhdao @binh_vp Quảng Trị"))).toMatch(/^Tôi không tra được mã của @binh_vp từ tên\. Hãy trả lời \(reply\) một tin nhắn/);
    expect(deps.store.state.roles).toEqual([]);
    expect((await audit()).map((e) => `${e.action}/${e.outcome}`)).toEqual(["role-add/refused", "role-add/refused", "role-add/refused", "role-add/refused", "role-remove/refused", "role-add/refused"]);
  });

  it("adding the same role twice changes nothing", async () => {
    const { say, deps } = await setup();
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    expect(await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`))).toBe("telegram:333 đã là quản trị cơ quan của Sở LĐTBXH Quảng Trị. Không có gì thay đổi.");
    expect(await say(privateMsg(`/quantri them ${ADMIN} Quảng Trị`))).toMatch(/đã là quản trị toàn hệ thống/);
    expect(deps.store.state.roles).toHaveLength(1);
  });
});

describe("/toi", () => {
  it("shows the id on this channel, the roles and the group", async () => {
    const { say } = await setup();
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    await say(privateMsg(`/quantri lanhdao ${AGENCY_ADMIN} Sơn La`));
    const me = await say(privateMsg("/toi", AGENCY_ADMIN, { userName: "Chị Mai" }));
    expect(me).toBe(
      [
        "👤 Chị Mai",
        "Mã của bạn trên Telegram: 333 — hãy gửi mã này cho quản trị viên hoặc bộ phận CNTT nếu bạn cần được cấp quyền.",
        "Vai trò trong cơ quan:",
        "• Quản trị cơ quan — Sở LĐTBXH Quảng Trị",
        "• Lãnh đạo (chỉ xem) — Sở GTVT Sơn La",
      ].join("\n"),
    );
    expect(await say(privateMsg("/toi"))).toContain("Vai trò: Quản trị toàn hệ thống — mọi cơ quan.");
    const stranger = await say(groupMsg("/toi", STAFF));
    expect(stranger).toContain("Mã của bạn trên Telegram: 222");
    expect(stranger).toContain("chưa có vai trò quản trị nào");
    expect(stranger).toContain(`Nhóm này: mã ${GROUP}, chưa gắn với đơn vị nào.`);
  });

  it("on Zalo shows the Zalo id; a Zalo agency admin is named zalo:<id>", async () => {
    const { say, deps } = await setup();
    const zalo = { channel: "zalo" as const, chatId: "zu1", userName: "Anh Tú" };
    expect(await say(privateMsg("/toi", "a1b2c3d4e5", zalo))).toContain("Mã của bạn trên Zalo: a1b2c3d4e5");
    await say(privateMsg("/quantri them zalo:a1b2c3d4e5 Sơn La"));
    expect(deps.store.state.roles).toMatchObject([{ channel: "zalo", userId: "a1b2c3d4e5", agencyId: SL }]);
    // the same id on Telegram has no role: roles belong to a channel's user
    expect(can(deps, { channel: "telegram", userId: "a1b2c3d4e5" }, "register")).toBe(false);
    const zgroup = { channel: "zalo" as const, chatId: "zg1", userName: "Anh Tú" };
    expect(await say(groupMsg("/dangky Văn phòng", "a1b2c3d4e5", zgroup))).toMatch(/^✅ Đã gắn nhóm này với đơn vị: Văn phòng Sở — Sở GTVT Sơn La/);
  });
});

describe("authorize, can, agenciesFor", () => {
  it("one table names every action; super-admins may do all, others per agency", async () => {
    const { deps, say } = await setup();
    await say(privateMsg(`/quantri them ${AGENCY_ADMIN} Quảng Trị`));
    expect(Object.keys(ACTIONS).sort()).toEqual(["audit", "confirm", "load-plan", "manage-admins", "manage-leaders", "manage-tasks", "register", "report", "run-jobs", "view"]);
    const admin = { channel: "telegram" as const, userId: AGENCY_ADMIN };
    expect(authorize(deps, admin, "manage-tasks", QT)).toEqual({ ok: true });
    expect(authorize(deps, admin, "manage-tasks", SL)).toMatchObject({ ok: false, reply: expect.stringContaining("gia hạn hoặc giao việc") });
    expect(agenciesFor(deps, admin, "report")).toEqual([QT]);
    expect(agenciesFor(deps, { channel: "telegram", userId: ADMIN }, "report")).toBe("all");
    expect(can(deps, { channel: "console", userId: "console" }, "manage-admins")).toBe(true);
  });
});
