// Unit directory: who the plans name as owners, one canonical unit per agency with its aliases.
// Collective owners ("Các phòng, đơn vị thuộc Sở") are kept as units of kind "collective",
// outside bodies ("UBND huyện, TX, TP") as "external": dropping them would lose an owner.
import type { Unit } from "./schema.ts";
import { foldVietnamese, slugify } from "./text.ts";

type UnitKind = Unit["kind"];

interface CatalogEntry {
  name: string;
  kind: UnitKind;
  aliases: string[];
  /** matched against the folded, cleaned owner name (whole name) */
  match: RegExp;
}

// Names the plans use for the same unit. Patterns are on folded text (no diacritics, đ→d).
const CATALOG: CatalogEntry[] = [
  { name: "Văn phòng Sở", kind: "internal", aliases: ["Văn phòng", "VP"], match: /^(van phong( so)?|vp)$/ },
  { name: "Thanh tra Sở", kind: "internal", aliases: ["Thanh tra"], match: /^thanh tra( so)?$/ },
  {
    name: "Phòng Kế hoạch Tổng hợp",
    kind: "internal",
    aliases: ["phòng Kế hoạch Tổng hợp Sở", "KHTH", "Phòng KHTH"],
    match: /^(phong )?(ke hoach[ -]+tong hop|khth)( so)?$/,
  },
  { name: "Tổ Website Sở", kind: "internal", aliases: ["Tổ Website", "Tổ Website của Sở"], match: /^to website( cua)?( so)?$/ },
  {
    name: "Bộ phận một cửa",
    kind: "internal",
    aliases: ["Bộ phận Tiếp nhận và Trả kết quả", "Bộ phận một cửa của Sở"],
    match: /^(bo phan|bp) (mot cua|tiep nhan va tra ket qua)( cua so)?( tai .*)?$/,
  },
  { name: "Cán bộ một cửa", kind: "person", aliases: ["Công chức một cửa"], match: /^(can bo|cong chuc) mot cua$/ },
  {
    name: "Ban Chỉ đạo CCHC của Sở",
    kind: "internal",
    aliases: ["BCĐ CCHC Sở", "Ban Chỉ đạo cải cách hành chính của Sở"],
    match: /^(ban chi dao|bcd) (cchc|cai cach hanh chinh)( cua)?( so)?$/,
  },
  { name: "Lãnh đạo Sở", kind: "person", aliases: ["Ban Giám đốc Sở", "BGĐ Sở"], match: /^(lanh dao so|ban giam doc( so)?|bgd so)$/ },
  { name: "Giám đốc Sở", kind: "person", aliases: [], match: /^giam doc so$/ },
  { name: "UBND tỉnh", kind: "external", aliases: ["Ủy ban nhân dân tỉnh"], match: /^(ubnd|uy ban nhan dan) tinh$/ },
  {
    name: "UBND huyện, TX, TP",
    kind: "external",
    aliases: ["UBND huyện, thị xã, thành phố", "UBND cấp huyện"],
    match: /^(ubnd|uy ban nhan dan) (cac )?(cap )?huyen\b.*$/,
  },
  { name: "Sở Nội vụ", kind: "external", aliases: [], match: /^so noi vu$/ },
  {
    name: "Trung tâm Phục vụ hành chính công",
    kind: "external",
    aliases: ["Trung tâm PVHCC", "TTPVHCC"],
    match: /^(trung tam (phuc vu hanh chinh cong|pvhcc)|ttpvhcc)( tinh)?$/,
  },
  { name: "Các phòng, đơn vị thuộc Sở", kind: "collective", aliases: ["Các phòng, đơn vị"], match: /^cac phong,? don vi( thuoc so)?$/ },
  {
    name: "Các phòng, đơn vị thuộc và trực thuộc Sở",
    kind: "collective",
    aliases: [],
    match: /^cac phong,? don vi thuoc va truc thuoc( so)?$/,
  },
  // "Các phòng, đơn vị trực" is this name cut at a page edge (Quảng Trị V.4)
  {
    name: "Các phòng, đơn vị trực thuộc Sở",
    kind: "collective",
    aliases: ["Các phòng, đơn vị trực thuộc"],
    match: /^cac phong,? don vi truc( thuoc( so)?)?$/,
  },
  {
    name: "Các phòng, đơn vị liên quan",
    kind: "collective",
    aliases: ["Các phòng, đơn vị có liên quan"],
    match: /^cac phong,? don vi (co )?lien quan$/,
  },
  { name: "Các đơn vị trực thuộc Sở", kind: "collective", aliases: ["Các đơn vị trực thuộc"], match: /^cac don vi truc thuoc( so)?$/ },
  { name: "Các đơn vị thuộc Sở", kind: "collective", aliases: [], match: /^cac don vi thuoc so$/ },
  { name: "Các phòng, ban thuộc Sở", kind: "collective", aliases: ["Các phòng, ban"], match: /^cac phong,? ban( thuoc so)?$/ },
  { name: "Các phòng có liên quan", kind: "collective", aliases: ["Các phòng liên quan"], match: /^cac phong (co )?lien quan$/ },
];

/** Words that start a unit's name in an owner list ("Văn phòng, Các đơn vị" → two owners). */
// The common nouns that open the name of a Vietnamese public body or unit (plus the collective
// "các …" forms): general administrative usage, not the names of any one plan's units.
const STARTER =
  /^(Văn phòng|VP\b|Thanh tra|Phòng (?!chống|ngừa|cháy|tránh)|phòng [A-ZĐ]|Tổ [A-ZĐW]|Ban (?!hành)\p{L}|Trung tâm|Bộ phận|Cán bộ|Công chức|Lãnh đạo|Giám đốc|Chánh |Trưởng |Người đứng đầu|Thủ trưởng|Sở |UBND|Ủy ban|Uỷ ban|HĐND|Hội đồng|Chi cục|Cục |Tổng cục|Bộ \p{Lu}|Bộ Chỉ huy|Công an|Cảnh sát|Đội |Đồn |Bảo hiểm xã hội|BHXH|Bệnh viện|Trạm |Trường (?!hợp)|Viện |Học viện|Đài |Báo (?!cáo)|Kho bạc|Ngân hàng|Chi nhánh|Hiệp hội|Hội (?!nghị|thảo|thi|diễn|chợ|đồng)|Liên đoàn|Liên minh|Mặt trận|Thành đoàn|Tỉnh đoàn|Huyện đoàn|Đoàn (?!kiểm|công|thanh)|Tỉnh ủy|Huyện ủy|Thành ủy|Đảng ủy|Tòa án|Quỹ |Công ty|Doanh nghiệp|Hạt |[Cc]ác (?:phòng|đơn vị|ban|Ban|Phòng|sở|Sở|cơ quan|cơ sở|bệnh viện|trung tâm|Trung tâm|chi cục|trường|xã|huyện|địa phương|tổ chức|doanh nghiệp|công ty|hội|đoàn thể|ngành|thành viên|tổ|đội|trạm)(?=[\s,;]|$)|[Mm]ọi |Toàn thể )/u;

/** Role words in front of a unit: "Trưởng các phòng…" is owned by the rooms themselves. */
function stripRole(name: string): string {
  return name
    .replace(/^(Trưởng|Chánh|Người đứng đầu|Thủ trưởng|Giám đốc|Lãnh đạo)\s+(?=(các|Các|Văn phòng|Thanh tra)\b)/u, "")
    .replace(/^(Công chức, viên chức|Cán bộ, công chức|Công chức|Cán bộ)\s+(?=Bộ phận)/u, "");
}

function capitalise(s: string): string {
  return s.replace(/^\p{Ll}/u, (c) => c.toLocaleUpperCase("vi"));
}

/** An owner as written, tidied: no list dash, no trailing punctuation or parenthesis, no role word. */
export function cleanOwnerName(raw: string): string {
  const s = raw
    .replace(/\([^)]*\)/g, " ")
    .replace(/^[\s\-–•+]+/, "")
    .replace(/[\s;,.:)]+$/, "")
    .replace(/\s+/g, " ")
    .replace(/\s+(?:là\s+(?:đơn vị\s+|cơ quan\s+)?(?:đầu mối|thường trực)|làm đầu mối|chủ trì|phối hợp)(?:\s.*)?$/u, "")
    .trim();
  return capitalise(stripRole(s));
}

function foldName(s: string): string {
  return foldVietnamese(s).replace(/\s+/g, " ").trim();
}

/** Canonical name, kind and aliases of one owner. */
export function canonicalOwner(raw: string): { name: string; kind: UnitKind; aliases: string[] } {
  const name = cleanOwnerName(raw);
  const folded = foldName(name);
  const entry = CATALOG.find((c) => c.match.test(folded));
  if (entry) return { name: entry.name, kind: entry.kind, aliases: entry.aliases };
  return { name, kind: kindOf(folded), aliases: [] };
}

function kindOf(folded: string): UnitKind {
  if (/^(cac|moi|tat ca)\b/.test(folded)) return "collective";
  if (/^(ubnd|uy ban|so |bo |tinh uy|chinh phu|hdnd|trung tam phuc vu|van phong (ubnd|chinh phu|tinh uy))/.test(folded)) return "external";
  // bodies of their own (police, insurance, unions, banks, press…), outside the issuer unless it is one of them
  if (/^(cong an|bao hiem xa hoi|bhxh|hiep hoi|lien doan|mat tran|tinh doan|thanh doan|huyen doan|kho bac|ngan hang|buu dien|cuc |tong cuc|toa an|vien kiem sat|bo chi huy|bao |dai phat thanh|hoi dong nhan dan|cong ty)/.test(folded)) return "external";
  if (/^(giam doc|pho giam doc|lanh dao|can bo|cong chuc|chanh |chu tich)/.test(folded)) return "person";
  return "internal";
}

/**
 * Splits an owner cell into owners. Commas inside a name stay ("Các phòng, đơn vị thuộc Sở",
 * "UBND huyện, TX, TP"); a comma, semicolon, list dash or "và" before a new unit name splits.
 */
export function splitOwners(text: string): string[] {
  const pieces = text
    .replace(/\([^)]*\)/g, " ")
    // a list dash at a line start or after a stop; "Phòng Kế hoạch - Tài chính" is one name
    .replace(/(^|[;:.\n]\s*)[-–•]\s+(?=\p{Lu})/gu, "$1;")
    .split(/[;\n]/);
  const out: string[] = [];
  for (const piece of pieces) {
    let current = "";
    const parts = piece.split(/(,\s*|\s+và\s+)/);
    for (let i = 0; i < parts.length; i += 2) {
      const part = parts[i].trim();
      if (part === "") continue;
      if (current !== "" && STARTER.test(part)) {
        out.push(current);
        current = part;
      } else current = current === "" ? part : `${current}${parts[i - 1] ?? " "}${part}`;
    }
    if (current.trim() !== "") out.push(current.trim());
  }
  return out.map(cleanOwnerName).filter((s) => s !== "");
}

/** Does this phrase look like the name of a unit (for owners found in running text)? */
export function looksLikeUnit(phrase: string, known: readonly string[] = []): boolean {
  const t = phrase.trim();
  // a short name the plan defined ("Trung tâm", "BQL"): a unit too
  return STARTER.test(t) || known.some((k) => t === k || t.startsWith(`${k} `) || t.startsWith(`${k},`));
}

/** The units of one agency, built while a plan is parsed. */
export class UnitRegistry {
  private readonly units: Unit[] = [];

  /** @param head the word a plan uses for its issuer ("Sở", "Ban"): "các đơn vị trực thuộc" are the issuer's */
  constructor(
    readonly agencyId: string,
    readonly head: string | null = null,
    /** the issuer's name: "Công an tỉnh X" makes "Công an huyện Y" one of its own units */
    readonly issuer: string | null = null,
  ) {}

  /** The unit for this owner name, created on first use. */
  add(raw: string): Unit | null {
    const written = cleanOwnerName(raw);
    if (written === "") return null;
    const found = resolveUnit(this.units, this.agencyId, written);
    if (found) {
      this.addAlias(found, written);
      return found;
    }
    const owner = canonicalOwner(written);
    let { name } = owner;
    const aliases = [...owner.aliases];
    // "các phòng chức năng", "các đơn vị trực thuộc": the issuer's own units, named so
    if (this.head && owner.kind === "collective" && /^các (phòng|đơn vị|ban|bộ phận|tổ|chi cục|trung tâm|khoa)(?=[\s,]|$)/iu.test(name) && !/liên quan|\s(Sở|Ban|UBND)\b/u.test(name)) {
      if (/(?:^|\s)thuộc$/u.test(name)) name = `${name} ${this.head}`;
      else if (!/thuộc/u.test(name) && name.split(" ").length <= 4) aliases.push(`${name} thuộc ${this.head}`);
      if (foldName(name) !== foldName(written)) aliases.push(written);
      const again = resolveUnit(this.units, this.agencyId, name);
      if (again) {
        this.addAlias(again, written);
        return again;
      }
    }
    const kind = owner.kind === "external" && this.issuer && foldName(name).split(" ")[0] === foldName(this.issuer).split(" ")[0] && !/^(ubnd|uy ban|so )/.test(foldName(name)) ? "internal" : owner.kind;
    const unit: Unit = { id: this.uniqueId(name), agencyId: this.agencyId, name, aliases: [...new Set(aliases)], kind };
    this.addAlias(unit, written);
    this.units.push(unit);
    return unit;
  }

  /** Unit ids for an owner list as written ("Văn phòng, Các đơn vị"), in order, without duplicates. */
  ids(text: string | null): string[] {
    if (!text) return [];
    const ids: string[] = [];
    for (const owner of splitOwners(text)) {
      const unit = this.add(owner);
      if (unit && !ids.includes(unit.id)) ids.push(unit.id);
    }
    return ids;
  }

  get(id: string): Unit | undefined {
    return this.units.find((u) => u.id === id);
  }

  list(): Unit[] {
    return this.units.map((u) => ({ ...u, aliases: [...u.aliases] }));
  }

  /** Short names the plan defined for its units ("(sau đây gọi tắt là Trung tâm)", "(TTPVHCC)"). */
  shortNames(): string[] {
    return this.defined;
  }

  /** Every name and alias of the units met so far, longest first (for owners named again in prose). */
  knownNames(): string[] {
    return [...new Set([...this.defined, ...this.units.flatMap((u) => [u.name, ...u.aliases])])].sort((a, b) => b.length - a.length);
  }

  private readonly defined: string[] = [];

  /** "Trung tâm Phục vụ hành chính công tỉnh (sau đây gọi tắt là Trung tâm)": both name one unit. */
  define(name: string, short: string): void {
    const unit = this.add(name);
    if (!unit || cleanOwnerName(short) === "") return;
    this.addAlias(unit, cleanOwnerName(short));
    if (!this.defined.includes(short)) this.defined.push(short);
  }

  private addAlias(unit: Unit, written: string): void {
    const f = foldName(written);
    if (foldName(unit.name) === f || unit.aliases.some((a) => foldName(a) === f)) return;
    unit.aliases.push(written);
  }

  private uniqueId(name: string): string {
    const base = `${this.agencyId}/${slugify(name) || "don-vi"}`;
    let id = base;
    for (let n = 2; this.units.some((u) => u.id === id); n++) id = `${base}-${n}`;
    return id;
  }
}

/**
 * Finds an agency's unit by any of its names ("VP", "Văn phòng", "văn phòng sở"), ignoring case
 * and diacritics; a name cut short ("Các phòng, đơn vị trực") finds the one unit it begins.
 */
export function resolveUnit(units: Unit[], agencyId: string, name: string): Unit | null {
  const mine = units.filter((u) => u.agencyId === agencyId);
  const written = cleanOwnerName(name);
  const q = foldName(written);
  if (q === "") return null;
  const named = (u: Unit) => [u.name, ...u.aliases].map(foldName);
  const exact = mine.find((u) => named(u).includes(q));
  if (exact) return exact;
  const canonical = foldName(canonicalOwner(written).name);
  const byCanonical = mine.find((u) => foldName(u.name) === canonical);
  if (byCanonical) return byCanonical;
  if (q.split(" ").length < 2) return null;
  const prefixed = mine.filter((u) => named(u).some((n) => n.startsWith(`${q} `)));
  return prefixed.length === 1 ? prefixed[0] : null;
}
