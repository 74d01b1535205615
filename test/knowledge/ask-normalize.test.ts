// Keyboard leftovers undone before analysis; ordinary words and English left alone.
import { describe, expect, it } from "vitest";
import { fromTelex, fromVni, normalizeQuestion, splitGlued } from "../../knowledge/ask/normalize.ts";

const catalog = { provinces: ["son la", "tien giang", "quang tri"] };

describe("input normalisation", () => {
  it("undoes telex tone letters and doubled vowels, only into real syllables", () => {
    expect(fromTelex("baos")).toBe("bao");
    expect(fromTelex("ddieeuf")).toBe("dieu");
    expect(fromTelex("chinhs")).toBe("chinh");
    expect(fromTelex("bao")).toBeNull(); // already a syllable
    expect(fromTelex("report")).toBeNull();
  });

  it("undoes VNI digits, also mixed with telex", () => {
    expect(fromVni("vie65c")).toBe("viec");
    expect(fromVni("d9o7n")).toBe("don");
    expect(fromVni("2024")).toBeNull();
  });

  it("splits two glued syllables and glued province names of the plans", () => {
    expect(splitGlued("kiemtra", new Map())).toBe("kiem tra");
    expect(splitGlued("quangtri", new Map([["quangtri", "quang tri"]]))).toBe("quang tri");
    expect(splitGlued("website", new Map())).toBeNull();
  });

  it("reads a plan's province from its initials in capitals, not a lowercase word", () => {
    expect(normalizeQuestion("TG: hạn nộp?", catalog)).toBe("tien giang: hạn nộp?");
    expect(normalizeQuestion("chốt sl báo cáo", catalog)).toBe("chốt sl báo cáo");
  });

  it("leaves English sentences' words whole and joins a split syllable", () => {
    expect(normalizeQuestion("What does the data team do?", catalog)).toBe("What does the data team do?");
    expect(normalizeQuestion("ke t qua kiem tra", catalog)).toBe("ket qua kiem tra");
  });
});
