import { describe, expect, it } from "vitest";
import { canonicalOwner, resolveUnit, splitOwners, UnitRegistry } from "../../knowledge/units.ts";

describe("splitOwners", () => {
  it.each([
    ["Văn phòng, Các đơn vị", ["Văn phòng", "Các đơn vị"]],
    ["Văn phòng, Các đơn vị trực thuộc", ["Văn phòng", "Các đơn vị trực thuộc"]],
    ["Văn phòng, các đơn vị thuộc Sở", ["Văn phòng", "Các đơn vị thuộc Sở"]],
    ["Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP", ["Các phòng, đơn vị thuộc Sở", "UBND huyện, TX, TP"]],
    ["Cán bộ một cửa; Các phòng có phát sinh TTHC", ["Cán bộ một cửa", "Các phòng có phát sinh TTHC"]],
    ["- Trung tâm PVHCC; - Các phòng, đơn vị thuộc Sở", ["Trung tâm PVHCC", "Các phòng, đơn vị thuộc Sở"]],
    ["Các phòng, đơn vị thuộc và trực thuộc Sở", ["Các phòng, đơn vị thuộc và trực thuộc Sở"]],
    ["Ban Quản lý Bảo trì đường bộ, Trung tâm sát hạch lái xe cơ giới đường bộ", ["Ban Quản lý Bảo trì đường bộ", "Trung tâm sát hạch lái xe cơ giới đường bộ"]],
    [
      "Chánh Văn phòng Sở, Chánh Thanh tra Sở, Trưởng các phòng, đơn vị thuộc và trực thuộc Sở, Ban chỉ đạo cải cách hành chính của Sở",
      ["Văn phòng Sở", "Thanh tra Sở", "Các phòng, đơn vị thuộc và trực thuộc Sở", "Ban chỉ đạo cải cách hành chính của Sở"],
    ],
  ])("%s", (text, owners) => {
    expect(splitOwners(text)).toEqual(owners);
  });
});

describe("canonical owners", () => {
  it.each([
    ["Văn phòng", "Văn phòng Sở", "internal"],
    ["VP", "Văn phòng Sở", "internal"],
    ["phòng Kế hoạch Tổng hợp Sở", "Phòng Kế hoạch Tổng hợp", "internal"],
    ["KHTH", "Phòng Kế hoạch Tổng hợp", "internal"],
    ["Tổ Website của Sở", "Tổ Website Sở", "internal"],
    ["Thanh tra", "Thanh tra Sở", "internal"],
    ["Công chức, viên chức Bộ phận một cửa của Sở tại Trung tâm Phục vụ hành chính công tỉnh", "Bộ phận một cửa", "internal"],
    ["Cán bộ một cửa", "Cán bộ một cửa", "person"],
    ["Ban Giám đốc Sở", "Lãnh đạo Sở", "person"],
    ["Các phòng, đơn vị", "Các phòng, đơn vị thuộc Sở", "collective"],
    ["Các phòng, đơn vị trực", "Các phòng, đơn vị trực thuộc Sở", "collective"],
    ["Các đơn vị được kiểm tra", "Các đơn vị được kiểm tra", "collective"],
    ["Trưởng các phòng, ban", "Các phòng, ban thuộc Sở", "collective"],
    ["UBND huyện, TX, TP", "UBND huyện, TX, TP", "external"],
    ["Trung tâm PVHCC", "Trung tâm Phục vụ hành chính công", "external"],
    ["Sở Nội vụ", "Sở Nội vụ", "external"],
    ["Ban Quản lý Bảo trì đường bộ", "Ban Quản lý Bảo trì đường bộ", "internal"],
  ])("%s → %s (%s)", (raw, name, kind) => {
    expect(canonicalOwner(raw)).toMatchObject({ name, kind });
  });
});

describe("UnitRegistry and resolveUnit", () => {
  const reg = new UnitRegistry("quang-tri/so-ldtbxh");
  const leadIV3 = reg.ids("Văn phòng, Các đơn vị");
  const supportII4 = reg.ids("Các phòng, đơn vị thuộc Sở; UBND huyện, TX, TP");
  reg.ids("Văn phòng Sở, VP; Văn phòng");
  reg.ids("Các phòng, đơn vị trực thuộc Sở");
  const units = reg.list();

  it("gives stable ids under the agency, one unit per name however it is written", () => {
    expect(leadIV3).toEqual(["quang-tri/so-ldtbxh/van-phong-so", "quang-tri/so-ldtbxh/cac-don-vi"]);
    expect(supportII4).toEqual(["quang-tri/so-ldtbxh/cac-phong-don-vi-thuoc-so", "quang-tri/so-ldtbxh/ubnd-huyen-tx-tp"]);
    expect(units.filter((u) => u.name === "Văn phòng Sở")).toHaveLength(1);
    expect(units.find((u) => u.name === "UBND huyện, TX, TP")?.kind).toBe("external");
    expect(units.find((u) => u.name === "Các đơn vị")?.kind).toBe("collective");
  });

  it("finds a unit by any alias, case and diacritics aside", () => {
    for (const q of ["VP", "Văn phòng", "văn phòng sở", "VAN PHONG SO", "Chánh Văn phòng Sở"]) {
      expect(resolveUnit(units, "quang-tri/so-ldtbxh", q)?.id).toBe("quang-tri/so-ldtbxh/van-phong-so");
    }
    expect(resolveUnit(units, "quang-tri/so-ldtbxh", "các phòng, đơn vị trực")?.name).toBe("Các phòng, đơn vị trực thuộc Sở");
  });

  it("never answers with another agency's unit or a guess", () => {
    expect(resolveUnit(units, "son-la/so-gtvt", "Văn phòng")).toBeNull();
    expect(resolveUnit(units, "quang-tri/so-ldtbxh", "Phòng Kế hoạch Tài chính")).toBeNull();
    expect(resolveUnit(units, "quang-tri/so-ldtbxh", "")).toBeNull();
  });
});
