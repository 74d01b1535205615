// Who issued a plan, read from the document itself: the letterhead (parent body over issuing body,
// one part a line, or one Word table cell), else "(Ban hành kèm theo Quyết định … của …)", else the
// sentence "<cơ quan> xây dựng/ban hành Kế hoạch". Open-world: any public body, no list of agencies.
// The head words below are the common nouns that open the name of a Vietnamese public body
// (Nghị định 30/2020/NĐ-CP, Phụ lục I: "tên cơ quan, tổ chức ban hành văn bản").
import { foldVietnamese, slugify, titleCase, type Paragraph } from "../text.ts";

export type IssuerKind = "province" | "district" | "commune" | "department" | "board" | "police" | "insurance" | "school" | "health" | "other";

export interface Issuer {
  /** display name, as the text writes it: "Sở Y tế", "UBND huyện Cam Lộ", "Ban Quản lý các khu công nghiệp" */
  name: string;
  /** short form for lists: "Sở YT", "BQL các KCN", "UBND huyện Cam Lộ" */
  short: string;
  /** stable slug inside the province: "so-yt", "bql-kcn", "ubnd-huyen-cam-lo" */
  slug: string;
  kind: IssuerKind;
  /** the body above it in the letterhead: "UBND tỉnh Nghệ An" */
  parent: string | null;
  /** province (or centrally-run city) the issuer belongs to, when the document says */
  province: string | null;
  /** how it was read */
  from: "letterhead" | "decision" | "symbol" | "title" | "sentence";
}

export const ISSUER_KIND_LABEL: Record<IssuerKind, string> = {
  province: "UBND cấp tỉnh",
  district: "UBND cấp huyện",
  commune: "UBND cấp xã",
  department: "Sở, ngành",
  board: "Ban quản lý",
  police: "Công an",
  insurance: "Bảo hiểm xã hội",
  school: "Trường học",
  health: "Cơ sở y tế",
  other: "Cơ quan, tổ chức",
};

// Upper-case head words of a body's name, longest first (matched on whole words).
const HEADS = [
  "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "UBND", "HỘI ĐỒNG NHÂN DÂN", "HĐND", "BẢO HIỂM XÃ HỘI", "BHXH", "BỘ CHỈ HUY",
  "BAN QUẢN LÝ", "BAN CHỈ ĐẠO", "CÔNG AN", "SỞ", "BAN", "BỘ", "CỤC", "CHI CỤC", "TRUNG TÂM", "BỆNH VIỆN", "TRƯỜNG",
  "PHÒNG", "VĂN PHÒNG", "THANH TRA", "VIỆN", "ĐÀI", "KHO BẠC", "TỈNH ỦY", "HUYỆN ỦY", "THÀNH ỦY", "ĐẢNG ỦY", "ĐOÀN",
  "HỘI", "LIÊN ĐOÀN", "TÒA ÁN", "VIỆN KIỂM SÁT", "CHI NHÁNH", "ĐẠI HỌC", "HỌC VIỆN", "QUỸ", "TỔNG CỤC",
];
// Words that can sit in front of a head word inside a name ("CƠ SỞ", "MÔI TRƯỜNG", "THỊ TRƯỜNG").
const NOT_AFTER = new Set(["CƠ", "MÔI", "THỊ", "NHÀ", "HẠ", "QUẢNG", "HIỆN", "CẤP", "CỦA", "VÀ", "CÁC", "ỦY", "UỶ", "CHI", "TỔNG", "VĂN", "HỌC", "LIÊN"]);
const PLACE_WORDS = /(?:^|\s)(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+(\S+(?:\s+\S+){0,3})$/u;
const MOTTO = /CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|Tự do|Hạnh phúc/u;

const isUpper = (s: string) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s.replace(/\b(?:và|của)\b/gu, ""));

/** Upper-case pieces of the letterhead lines, without motto, number, date or rules. */
function letterheadCaps(preamble: Paragraph[]): string {
  const parts: string[] = [];
  for (const p of preamble.slice(0, 14)) {
    if (/^(KẾ HOẠCH|QUYẾT ĐỊNH|CHƯƠNG TRÌNH)\b/u.test(p.text) && !p.text.includes("\t") && !p.text.includes(" | ")) break;
    for (let cell of p.text.split(/\t|\s\|\s/)) {
      cell = cell.replace(/^#+\s*/, "").replace(/\*+/g, "");
      cell = cell.replace(/CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM/gu, " ");
      cell = cell.replace(/Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc/gu, " ");
      cell = cell.replace(/Số\s*:.*$/u, " ");
      cell = cell.replace(/[\p{L} ]+,\s*ngày.*$/u, " ");
      cell = cell.replace(/[-_=–—.]{3,}/g, " ").replace(/\s+/g, " ").trim();
      if (cell === "" || MOTTO.test(cell) || !isUpper(cell)) continue;
      parts.push(cell);
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** Word positions where a body's name may start. */
function headStarts(words: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const rest = words.slice(i).join(" ");
    if (HEADS.some((h) => rest === h || rest.startsWith(`${h} `)) && !NOT_AFTER.has(words[i - 1] ?? "")) out.push(i);
  }
  return out;
}

/** A complete parent: "UBND TỈNH NGHỆ AN", "BỘ CÔNG AN", "BẢO HIỂM XÃ HỘI VIỆT NAM", "SỞ Y TẾ TỈNH X". */
function isCompleteParent(s: string): boolean {
  return PLACE_WORDS.test(s) || /^BỘ\s\S/u.test(s) || /VIỆT NAM$/u.test(s);
}

/** "UBND TỈNH BẮC NINH BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP" → parent and issuing body. */
export function splitLetterhead(caps: string): { parent: string | null; body: string } | null {
  const words = caps.split(" ").filter(Boolean);
  if (words.length === 0) return null;
  const starts = headStarts(words);
  if (starts.length === 0 || starts[0] !== 0) return null;
  // the last possible cut: "UBND THÀNH PHỐ HẢI PHÒNG SỞ TƯ PHÁP" is not "… HẢI" + "PHÒNG …"
  for (const at of starts.slice(1).reverse()) {
    const parent = words.slice(0, at).join(" ");
    if (isCompleteParent(parent)) return { parent, body: words.slice(at).join(" ") };
  }
  return { parent: null, body: caps };
}

/** The mixed-case spelling the text itself uses for an upper-case name, else a reasonable one. */
function spelled(caps: string, text: string): string {
  const want = caps.toLocaleLowerCase("vi").replace(/\s+/g, " ");
  const flat = text.replace(/\s+/g, " ");
  const lower = flat.toLocaleLowerCase("vi");
  const counts = new Map<string, number>();
  for (let at = lower.indexOf(want); at >= 0; at = lower.indexOf(want, at + 1)) {
    const s = flat.slice(at, at + want.length);
    if (s !== caps && /^\p{Lu}/u.test(s)) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  // no mixed-case copy: head word capitalised, place names in title case
  return want
    .replace(/^\p{L}/u, (c) => c.toLocaleUpperCase("vi"))
    .replace(/^ubnd(?=\s|$)/iu, "UBND")
    .replace(/^hđnd(?=\s|$)/iu, "HĐND")
    .replace(/\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)\s+(.+)$/u, (_m, w: string, name: string) => `${w} ${titleCase(name)}`);
}

export function issuerKind(name: string): IssuerKind {
  const f = foldVietnamese(name);
  if (/^(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) (tinh|thanh pho)\b/.test(f)) return "province";
  if (/^(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) (huyen|quan|thi xa)\b/.test(f)) return "district";
  if (/^(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) (xa|phuong|thi tran|dac khu)\b/.test(f)) return "commune";
  if (/^so\b/.test(f)) return "department";
  if (/^ban quan ly\b/.test(f)) return "board";
  if (/^(cong an|bo chi huy|phong canh sat|doi canh sat)\b/.test(f)) return "police";
  if (/^(bao hiem xa hoi|bhxh)\b/.test(f)) return "insurance";
  if (/^(truong|hoc vien|dai hoc)\b/.test(f)) return "school";
  if (/^(benh vien|trung tam y te|tram y te)\b/.test(f)) return "health";
  return "other";
}

// Standard abbreviations of administrative writing (as in "Số: …/KH-BQL", "UBND", "KCN").
const ABBREVIATIONS: [RegExp, string][] = [
  [/^(Ủy|Uỷ) ban nhân dân\b/u, "UBND"],
  [/^Hội đồng nhân dân\b/u, "HĐND"],
  [/^Ban Quản lý(?=\s|$)/iu, "BQL"],
  [/khu công nghiệp/giu, "KCN"],
  [/khu kinh tế/giu, "KKT"],
  [/^Bảo hiểm xã hội\b/u, "BHXH"],
];

/** "Lao động - Thương binh và Xã hội" → "LĐTBXH": the initials plans use ("Sở LĐTBXH"). */
export function initials(words: string): string {
  return words
    .split(/[\s,\-–&]+/)
    .filter((w) => w !== "" && !/^(và|của)$/u.test(w))
    .map((w) => w[0].toLocaleUpperCase("vi"))
    .join("");
}

function shortOf(name: string, kind: IssuerKind): string {
  if (kind === "department") {
    const rest = name.replace(/^Sở\s+/u, "");
    return /^\p{Lu}{2,}\b/u.test(rest) ? `Sở ${rest}` : `Sở ${initials(rest)}`;
  }
  let s = name;
  for (const [re, abbr] of ABBREVIATIONS) s = s.replace(re, abbr);
  return s;
}

function slugOf(short: string, kind: IssuerKind, province: string | null): string {
  let s = slugify(short).replace(/(^|-)cac(?=-)/g, "");
  // the province is the id's first part already ("quang-tri/cong-an-tinh", not "…-tinh-quang-tri")
  if (province && kind !== "district" && kind !== "commune") s = s.replace(new RegExp(`-?(tinh-|thanh-pho-)?${slugify(province)}$`), "");
  return s.replace(/^-+|-+$/g, "").replace(/-{2,}/g, "-") || "co-quan";
}

function placeName(caps: string): { level: string; name: string } | null {
  const m = PLACE_WORDS.exec(caps);
  return m ? { level: m[1], name: titleCase(m[2]) } : null;
}

function build(bodyCaps: string | null, bodyName: string, parentCaps: string | null, text: string, from: Issuer["from"]): Issuer {
  const name = bodyCaps ? spelled(bodyCaps, text) : bodyName;
  const kind = issuerKind(name);
  const parent = parentCaps ? spelled(parentCaps, text) : null;
  const upper = (bodyCaps ?? name.toLocaleUpperCase("vi")).replace(/\s+/g, " ");
  const own = placeName(upper);
  const par = parentCaps ? placeName(parentCaps) : null;
  const provincial = (p: { level: string } | null) => p !== null && /^(TỈNH|THÀNH PHỐ)$/u.test(p.level);
  const province = provincial(own) && kind !== "district" && kind !== "commune" ? own!.name : provincial(par) ? par!.name : null;
  const short = shortOf(name, kind);
  return { name, short, slug: slugOf(short, kind, province), kind, parent, province, from };
}

const NAME_WORD = /^[\p{L}&-]+$/u;

/** The "Sở …" the text names whose initials are the symbol's issuer code ("SGTVT", "SLĐTBXH"). */
function fromSymbol(number: string, text: string): string | null {
  const code = foldVietnamese(number.split(/[-/]/).pop() ?? "").toUpperCase();
  if (!/^S[A-Z]{1,8}$/.test(code)) return null;
  let upper: string | null = null;
  for (const m of text.matchAll(/(?<![\p{L}])(Sở|SỞ)\s+((?:[\p{L}&]+|-)(?:\s+(?:[\p{L}&]+|-)){0,9})/gu)) {
    const words = m[2].split(/\s+/);
    for (let k = 1; k <= words.length; k++) {
      if (!NAME_WORD.test(words[k - 1])) break;
      const name = words.slice(0, k).join(" ");
      if (k === 1 && foldVietnamese(`S${name}`).toUpperCase() === code) break; // "Sở GTVT": look for the full name
      if (foldVietnamese(`S${initials(name)}`).toUpperCase() !== code || !/^\p{Lu}/u.test(name)) continue;
      if (m[1] === "Sở" && /\p{Ll}/u.test(name)) return `Sở ${name}`;
      upper ??= `SỞ ${name.toLocaleUpperCase("vi")}`;
      break;
    }
  }
  return upper ? spelled(upper, text) : null;
}

/**
 * The issuer, or null when the document does not say. `preamble` is everything before the body
 * (letterhead, title, "Căn cứ…"); `text` is the whole document (for the names' spelling).
 */
export function readIssuer(preamble: Paragraph[], text: string, number = "", title: string | null = null): Issuer | null {
  const split = splitLetterhead(letterheadCaps(preamble));
  if (split) return build(split.body, split.body, split.parent, text, "letterhead");

  // "Số: /KH-SGTVT": the symbol abbreviates the issuer's name (Nghị định 30/2020, Phụ lục III)
  const bySymbol = fromSymbol(number, text);
  if (bySymbol) return build(null, bySymbol, null, text, "symbol");
  // "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày … của Ủy ban nhân dân tỉnh X)"
  for (const p of preamble.slice(0, 30)) {
    const m = /kèm theo Quyết định[^()]*?\bcủa\s+(?:Chủ tịch\s+|Giám đốc\s+|Trưởng ban\s+)?((?:Ủy|Uỷ) ban nhân dân|UBND|Sở|Ban|Công an|Bảo hiểm xã hội)\s+([^()]+?)\s*\)?\s*$/u.exec(p.text);
    if (m) return build(null, `${m[1]} ${m[2]}`.replace(/\s+/g, " ").replace(/[.;,]+$/, ""), null, text, "decision");
  }
  // "Kế hoạch … của Sở Giao thông vận tải, giai đoạn …"
  const byTitle = title ? /\bcủa\s+((?:Sở|Ban Quản lý|(?:Ủy|Uỷ) ban nhân dân|UBND|Công an|Bảo hiểm xã hội)\s[^,;()]+?)(?=,|\s+(?:giai đoạn|năm|đến năm|tỉnh)\b|$)/u.exec(title) : null;
  if (byTitle) return build(null, byTitle[1], null, text, "title");
  // "Sở Y tế xây dựng Kế hoạch…", "Ủy ban nhân dân huyện X ban hành Kế hoạch…"
  for (const p of preamble) {
    const m = /(?:^|[,;]\s+)((?:Ủy|Uỷ) ban nhân dân|UBND|Sở|Ban Quản lý|Công an|Bảo hiểm xã hội|Trường|Bệnh viện|Trung tâm)\s+([^,;.()]{2,80}?)\s+(?:xây dựng|ban hành)\s+(?:Kế hoạch|kế hoạch)/u.exec(p.text);
    if (m) return build(null, `${m[1]} ${m[2]}`, null, text, "sentence");
  }
  return null;
}
