// Unit names as people type them, against the units of the five bundled plans: /viec and /dangky
// find the unit, ask when it exists in several agencies, and never answer with a wrong one.
import { beforeAll, describe, expect, it } from "vitest";
import type { Knowledge } from "../../../knowledge/schema.ts";
import { resolveUnit } from "../../../bot/core/resolve-unit.ts";
import { ADMIN, groupMsg, privateMsg, testCore } from "../../helpers/bot-core.ts";
import { bundledKnowledge } from "../../helpers/bot-real-plans.ts";

let k: Knowledge;
beforeAll(async () => {
  k = await bundledKnowledge();
});

const VP = ["dak-lak", "lang-son", "quang-tri", "son-la", "tien-giang"];
const vpLabel = (agency: string) => `Văn phòng Sở — ${agency}`;

async function viec(name: string) {
  const { core } = testCore({ knowledge: k });
  const [reply] = await core.handleMessage(privateMsg(`/viec ${name}`));
  return reply.text;
}

describe("/viec <unit> with the bundled plans", () => {
  it.each([
    ["KHTH", "Phòng Kế hoạch Tổng hợp — Sở GTVT Đắk Lắk"],
    ["khth", "Phòng Kế hoạch Tổng hợp — Sở GTVT Đắk Lắk"],
    ["phòng kế hoạch tổng hợp", "Phòng Kế hoạch Tổng hợp — Sở GTVT Đắk Lắk"],
    ["Phong Ke hoach Tong hop", "Phòng Kế hoạch Tổng hợp — Sở GTVT Đắk Lắk"],
    ["Ban QLBT", "Ban Quản lý Bảo trì đường bộ — Sở GTVT Sơn La"],
    ["Ban quản lý bảo trì", "Ban Quản lý Bảo trì đường bộ — Sở GTVT Sơn La"],
    ["ban quan ly bao tri", "Ban Quản lý Bảo trì đường bộ — Sở GTVT Sơn La"],
    ["Tổ website", "Tổ Website Sở — Sở GTVT Sơn La"],
    ["to website", "Tổ Website Sở — Sở GTVT Sơn La"],
    ["Bộ phận một cửa", "Bộ phận một cửa — Sở GTVT Lạng Sơn"],
    ["bo phan mot cua", "Bộ phận một cửa — Sở GTVT Lạng Sơn"],
    ["Văn phòng Sở LĐTBXH Quảng Trị", "Văn phòng Sở — Sở LĐTBXH Quảng Trị"],
    ["van phong so gtvt son la", "Văn phòng Sở — Sở GTVT Sơn La"],
    ["VP Tiền Giang", "Văn phòng Sở — Sở GTVT Tiền Giang"],
    ["Thanh tra Sở GTVT Sơn La", "Thanh tra Sở — Sở GTVT Sơn La"],
    ["thanh tra quang tri", "Thanh tra Sở — Sở LĐTBXH Quảng Trị"],
  ])("«%s» → %s", async (typed, label) => {
    const text = await viec(typed);
    expect(text).toContain(label);
    expect(text).not.toMatch(/Không tìm thấy|có ở nhiều nơi/);
  });

  it.each(["Văn phòng", "VP", "van phong so", "Văn phòng Sở"])("«%s» exists in every agency: asks which, listing all five", async (typed) => {
    const text = await viec(typed);
    expect(text).toMatch(/có ở nhiều nơi, hãy ghi thêm tên sở hoặc tỉnh/);
    for (const a of ["Sở GTVT Đắk Lắk", "Sở GTVT Lạng Sơn", "Sở LĐTBXH Quảng Trị", "Sở GTVT Sơn La", "Sở GTVT Tiền Giang"]) expect(text).toContain(vpLabel(a));
    expect(text).not.toContain("Văn phòng Ban An toàn giao thông");
  });

  it.each(["Thanh tra", "thanh tra so"])("«%s» asks between the two Thanh tra Sở", async (typed) => {
    const text = await viec(typed);
    expect(text).toMatch(/có ở nhiều nơi/);
    expect(text).toContain("Thanh tra Sở — Sở LĐTBXH Quảng Trị");
    expect(text).toContain("Thanh tra Sở — Sở GTVT Sơn La");
  });

  it("a name that matches no unit is not found, with the known units grouped by agency, and no tasks", async () => {
    const text = await viec("Phòng Không Tồn Tại");
    expect(text.split("\n")[0]).toBe("Không tìm thấy đơn vị «Phòng Không Tồn Tại» trong các kế hoạch.");
    expect(text).toContain("• Sở GTVT Đắk Lắk: Phòng Kế hoạch Tổng hợp, Văn phòng Sở");
    expect(text).toMatch(/• Sở GTVT Sơn La: .*Văn phòng Sở.*… \(\+\d\)/);
    expect(text).toContain("Ví dụ: /viec Văn phòng Sở LĐTBXH Quảng Trị");
    expect(text).not.toContain("📋");
    expect(text.split("\n").length).toBeLessThanOrEqual(8);
  });

  it.each([
    "Phòng Hậu cần Vũ trụ",
    "Phòng Tài chính",
    "Phòng Kế hoạch Tài chính",
    "Phòng Tổ chức",
    "Văn phòng Sở Hà Nội",
    "Lãnh đạo Sở",
    "Sở Nội vụ",
    "UBND huyện",
    "Các phòng, đơn vị thuộc Sở",
    "asdfgh",
    "Phòng",
    "Ban",
  ])("«%s» is not taken for some other unit", async (typed) => {
    const text = await viec(typed);
    expect(text).toMatch(/^Không tìm thấy đơn vị «/);
  });

  it("an agency named without a unit, or a unit missing in that agency, suggests that agency's units only", async () => {
    const text = await viec("Thanh tra Sở GTVT Đắk Lắk");
    expect(text).toMatch(/^Không tìm thấy đơn vị «Thanh tra Sở GTVT Đắk Lắk»/);
    expect(text).toContain("• Sở GTVT Đắk Lắk: ");
    expect(text).not.toContain("Sơn La");
  });

  it("a very long name is clipped in the reply", async () => {
    const text = await viec(`Phòng ${"rất ".repeat(500)}dài`);
    expect(text.split("\n")[0].length).toBeLessThan(140);
    expect(text).toMatch(/^Không tìm thấy đơn vị «Phòng rất rất/);
  });
});

describe("resolveUnit with the bundled plans", () => {
  const id = (typed: string) => {
    const r = resolveUnit(k, typed);
    return r.kind === "one" ? r.unit.id : r.kind === "many" ? r.units.map((u) => u.id).sort() : null;
  };
  it("tolerates one typo next to a word typed right, not a name made of near misses", () => {
    expect(id("Thnah tra Sơn La")).toBe("son-la/so-gtvt/thanh-tra-so");
    expect(id("Văn phogn Lạng Sơn")).toBe("lang-son/so-gtvt/van-phong-so");
    expect(id("Phòng Không Tồn Tại")).toBeNull();
    expect(id("Khong Tong")).toBeNull();
  });
  it("a shortened agency name narrows to that agency's units, never to a unit named like it", () => {
    expect(id("Văn phòng Sở Giao thông")).toEqual(
      VP.filter((p) => p !== "quang-tri").map((p) => `${p}/so-gtvt/van-phong-so`),
    );
    expect(id("Văn phòng Sở Lao động")).toBe("quang-tri/so-ldtbxh/van-phong-so");
    expect(id("Văn phòng Ban An toàn giao thông")).toBe("son-la/so-gtvt/van-phong-ban-an-toan-giao-thong-tinh");
  });
  it("the same name in several agencies is a choice, never a guess", () => {
    expect(id("VP")).toEqual(VP.map((p) => `${p}/${p === "quang-tri" ? "so-ldtbxh" : "so-gtvt"}/van-phong-so`));
  });
});

describe("/dangky <unit> with the bundled plans", () => {
  it("a nonsense name is refused clearly and nothing is bound or left waiting", async () => {
    const { core, deps } = testCore({ knowledge: k });
    const [reply] = await core.handleMessage(groupMsg("/dangky Phòng Không Tồn Tại", ADMIN));
    expect(reply.text).toMatch(/^Không tìm thấy đơn vị «Phòng Không Tồn Tại» trong các kế hoạch\./);
    expect(reply.text).toContain("Cách dùng: /dangky <tên đơn vị>");
    expect(reply.text).toMatch(/Không có gì thay đổi\.$/);
    expect(reply.buttons).toBeUndefined();
    expect(deps.store.state.bindings).toEqual([]);
    expect(deps.store.state.pending).toEqual([]);
  });

  it("a nonsense name keeps the group's existing unit", async () => {
    const { core, deps } = testCore({ knowledge: k });
    await core.handleMessage(groupMsg("/dangky KHTH", ADMIN));
    const before = structuredClone(deps.store.state);
    const [reply] = await core.handleMessage(groupMsg("/dangky Phòng Hậu cần", ADMIN));
    expect(reply.text).toMatch(/^Không tìm thấy đơn vị/);
    expect(deps.store.state).toEqual(before);
    expect(deps.store.state.bindings[0].unitId).toBe("dak-lak/so-gtvt/phong-ke-hoach-tong-hop");
  });

  it("real spellings bind the right unit", async () => {
    for (const [typed, unitId] of [
      ["Ban QLBT", "son-la/so-gtvt/ban-quan-ly-bao-tri-duong-bo"],
      ["Bộ phận một cửa", "lang-son/so-gtvt/bo-phan-mot-cua"],
      ["Văn phòng Sở LĐTBXH Quảng Trị", "quang-tri/so-ldtbxh/van-phong-so"],
    ]) {
      const { core, deps } = testCore({ knowledge: k });
      const [reply] = await core.handleMessage(groupMsg(`/dangky ${typed}`, ADMIN));
      expect(reply.text).toMatch(/^✅ Đã gắn nhóm này với đơn vị/);
      expect(deps.store.state.bindings.map((b) => b.unitId)).toEqual([unitId]);
    }
  });

  it("«Thanh tra» asks with a button per agency and binds nothing yet", async () => {
    const { core, deps } = testCore({ knowledge: k });
    const [reply] = await core.handleMessage(groupMsg("/dangky Thanh tra", ADMIN));
    expect(reply.buttons!.flat().map((b) => b.text)).toEqual(["Thanh tra Sở — Sở LĐTBXH Quảng Trị", "Thanh tra Sở — Sở GTVT Sơn La", "✖ Huỷ"]);
    expect(deps.store.state.bindings).toEqual([]);
  });
});
