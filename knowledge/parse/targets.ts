// Numeric targets: values with unit and comparator, the clause that states them, the year they
// must be reached by, and the reform area they belong to.
import { foldVietnamese, lineAt, type Paragraph } from "../text.ts";
import type { z } from "zod";
import type { TargetValue } from "../schema.ts";

export type Value = z.infer<typeof TargetValue>;

// Count units accepted only after a comparator ("tối đa 15 phút", "ít nhất 01 sáng kiến"):
// a bare "07 nội dung" is not a target. In a "Chỉ tiêu" section any noun after the number is its
// unit ("25.000 tờ gấp", "nhóm 03 đơn vị").
const COUNT_UNITS = ["phút", "giờ", "ngày làm việc", "ngày", "hồ sơ", "sáng kiến", "lượt", "văn bản", "cuộc", "lớp", "người"];
// A number: "1.500" and "25.000" (thousands with dots, Vietnamese notation), "12", "2,5".
const NUMBER = String.raw`(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d+)?)`;
const VALUE = new RegExp(
  `(?<![\\d/.,])${NUMBER}\\s*(%|${COUNT_UNITS.join("|")})(?:\\s*[-–]\\s*(\\d{1,3}(?:,\\d+)?)\\s*%)?(?![\\p{L}\\d])`,
  "gu",
);
// a noun of one or two words after the number, not a function word ("12 hội nghị", "20 bộ dữ liệu")
const NOUN_VALUE = new RegExp(String.raw`(?<![\d/.,])${NUMBER}\s+(?!(?:của|trong|được|và|cho|tại|trên|về|đến|để|với|so|từ|mỗi|trở|năm|tháng|quý|ngày)(?:\s|$))(\p{Lu}{2,}(?![\p{L}])|\p{Ll}+(?:\s+(?!(?:của|trong|được|và|cho|tại|trên|về|đến|để|với|so|từ|mỗi|trở)(?:\s|$))\p{Ll}+)?(?:\/(?:năm|quý|tháng|đơn vị|người))?)`, "gu");
const RANK = /(?:thuộc|trong|vào|nằm trong)\s+((?:nhóm|top)\s+(\d{1,3})\s+[\p{L}, ]{0,40}?(?:dẫn đầu|đứng đầu|cao nhất))/gu;
// Verbs of doing that state a planned count ("tổ chức 06 phiên", "xây dựng 02 mô hình"): the count is
// written with a leading zero, as administrative style writes quantities.
const ACTION_BEFORE = /(?:tổ chức|mở|xây dựng|ban hành|phát hành|biên soạn|đào tạo|bồi dưỡng|tập huấn|khảo sát|kiểm tra|thanh tra|đăng tải|cấp|hỗ trợ|thành lập|nhân rộng)\s*$/iu;
const RANGE = /(?<![\d/.,])(\d{1,3}(?:,\d+)?)\s*%?\s*[-–]\s*(\d{1,3}(?:,\d+)?)\s*%/gu;

const BEFORE: [RegExp, Value["comparator"]][] = [
  [/(?<![a-z])(toi thieu tu|toi thieu|it nhat|khong it hon|tu)\s*$/, "min"],
  [/(?<![a-z])(khong qua|khong vuot qua|toi da|cham nhat|trong vong|trong thoi han|trong)\s*$/, "max"],
  [/(?<![a-z])(tren|hon)\s*$/, "over"],
  [/(?<![a-z])(duoi|it hon)\s*$/, "under"],
];

function num(s: string): number {
  return /^\d{1,3}(?:\.\d{3})+$/.test(s) ? Number(s.replace(/\./g, "")) : Number(s.replace(",", "."));
}

/**
 * Every numeric value in a statement, in order: "tối thiểu 80%", "từ 25% - 35%", "tối đa 15 phút".
 * `anyNoun`: a target statement, where "12 hội nghị" is a value without a comparator.
 */
export function extractValues(text: string, anyNoun = false): Value[] {
  const values: (Value & { at: number })[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(RANGE)) {
    const start = m.index!;
    const before = foldVietnamese(text.slice(Math.max(0, start - 12), start));
    const from = /tu\s*$/.test(before) ? start - (before.length - before.replace(/tu\s*$/, "").length) : start;
    values.push({ value: num(m[1]), upper: num(m[2]), unit: "%", comparator: "range", raw: text.slice(from, start + m[0].length).trim(), at: start });
    taken.push([start, start + m[0].length]);
  }
  const read = (m: RegExpMatchArray, generic: boolean) => {
    const start = m.index!;
    const end = start + m[0].length;
    if (taken.some(([a, b]) => start < b && end > a)) return;
    const prefix = text.slice(Math.max(0, start - 20), start);
    const folded = foldVietnamese(prefix);
    let comparator: Value["comparator"] = "exact";
    let lead = "";
    for (const [re, c] of BEFORE) {
      const hit = re.exec(folded);
      if (hit) {
        comparator = c;
        lead = prefix.slice(prefix.length - hit[0].length);
        break;
      }
    }
    const unit = m[2];
    const planned = generic && /^0\d$/.test(m[1]) && ACTION_BEFORE.test(prefix);
    if (unit !== "%" && comparator === "exact" && !(generic && (anyNoun || planned))) return;
    if (generic && !anyNoun && comparator === "exact" && !planned) return;
    // a count is written "04", "12" or "1.500"; "mức độ 4", "cấp 2", "khóa XV" are names, not counts
    if (generic && (!/^(?:0\d|\d{2,}|\d{1,3}\.)/.test(m[1]) || /(?:mức độ|cấp|loại|khóa|kỳ|số|Điều|khoản|điểm|giai đoạn|lần thứ)\s*$/u.test(prefix))) return;
    // "80% trở lên", "từ 30% các phòng, đơn vị … trở lên": at least
    const after = text.slice(end, end + 90);
    const nextNumber = after.search(/\d/);
    const upTo = nextNumber < 0 ? after : after.slice(0, nextNumber);
    const orMore = /^\s*trở lên/u.test(after);
    if (/trở lên/u.test(upTo) && (comparator === "exact" || comparator === "min")) comparator = "min";
    const raw = `${lead}${m[0]}${orMore ? " trở lên" : ""}`.replace(/\s+/g, " ").trim();
    values.push({ value: num(m[1]), unit, comparator, raw, at: start });
    taken.push([start, end]);
  };
  // "thuộc nhóm 10 tỉnh, thành phố dẫn đầu": a rank to reach, at most N
  for (const m of text.matchAll(RANK)) {
    const start = m.index! + m[0].indexOf(m[1]);
    const end = m.index! + m[0].length;
    if (taken.some(([a, b]) => start < b && end > a)) continue;
    values.push({ value: num(m[2]), unit: "nhóm", comparator: "max", raw: m[1].replace(/\s+/g, " ").trim(), at: start });
    taken.push([start, end]);
  }
  for (const m of text.matchAll(VALUE)) read(m, false);
  for (const m of text.matchAll(NOUN_VALUE)) read(m, true);
  return values.sort((a, b) => a.at - b.at).map(({ at: _at, ...v }) => v);
}

export interface Clause {
  text: string;
  line: number;
  offset: number;
}

/**
 * Splits a paragraph into statements at sentence ends and semicolons (not inside parentheses),
 * each with the source line it starts on.
 */
export function splitClauses(p: Paragraph): Clause[] {
  const out: Clause[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = p.text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim().replace(/[;,.:]+$/, "").trim();
    if (text !== "") out.push({ text, offset: start + lead, line: lineAt(p, start + lead) });
  };
  for (let i = 0; i < p.text.length; i++) {
    const c = p.text[i];
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === ";" || c === ".") && /\s/.test(p.text[i + 1] ?? " ")) {
      // "…đạt 100%. Đến năm 2025, …" ends a sentence; "TCVN ISO 9001:2015" and "v.v" do not
      if (c === "." && !/^\s+[\p{Lu}\d]/u.test(p.text.slice(i + 1))) continue;
      push(i + 1);
      start = i + 1;
    }
  }
  push(p.text.length);
  return out;
}

export interface Horizon {
  year: number;
  text: string;
}

/** "Đến năm 2025", "đến cuối năm 2025", "Năm 2022," — never "so với năm 2021" (a baseline). */
export function horizonIn(text: string): Horizon | null {
  const m = /(?:^|[\s,(])((?:đến|Đến)(?: hết| cuối)? năm (\d{4}))/u.exec(text) ?? /^((?:Năm|Trong năm) (\d{4}))\b/u.exec(text);
  return m ? { year: Number(m[2]), text: m[1].replace(/^đ/u, "Đ") } : null;
}

// Reform areas (Chương trình tổng thể CCHC 2021–2030): canonical names and how plans write them.
const AREAS: [string, RegExp][] = [
  ["Công tác chỉ đạo, điều hành", /chi dao,? dieu hanh/],
  ["Cải cách thể chế", /the che/],
  ["Cải cách thủ tục hành chính", /cai cach (tthc|thu tuc hanh chinh)/],
  ["Cải cách tổ chức bộ máy", /to chuc bo may/],
  ["Cải cách chế độ công vụ", /che do cong vu/],
  ["Cải cách tài chính công", /tai chinh cong/],
  ["Chính quyền điện tử, chính quyền số", /(chinh quyen|chinh phu) (dien tu|so)/],
  ["Chỉ số PAR INDEX", /par index/],
  ["Chỉ số SIPAS", /sipas|chi so hai long/],
];

// When the headings do not say, the words of the target do (order matters: most specific first).
const AREA_WORDS: [string, RegExp][] = [
  ["Cải cách thể chế", /van ban (quy pham|qppl)|qppl/],
  ["Cải cách tổ chức bộ máy", /bien che|don vi su nghiep cong lap|co cau to chuc/],
  ["Cải cách tài chính công", /tu chu tai chinh|ngan sach|tai chinh/],
  ["Cải cách chế độ công vụ", /cong chuc|vien chuc|vi tri viec lam/],
  ["Chính quyền điện tử, chính quyền số", /chinh quyen so|chu ky so|moi truong mang|dich vu cong truc tuyen|van ban dien tu|hoat dong kiem tra/],
  ["Cải cách thủ tục hành chính", /tthc|thu tuc hanh chinh|ho so|hai long|dich vu cong/],
];

/** The reform area: from the nearest heading that names one, else from the statement's words. */
export function areaOf(titles: string[], text: string): string {
  for (const title of [...titles].reverse()) {
    const f = foldVietnamese(title);
    const hit = AREAS.find(([, re]) => re.test(f));
    if (hit) return hit[0];
  }
  // a general goal ("1. Mục tiêu chung") belongs to no single area
  const nearest = titles[titles.length - 1];
  if (nearest && /muc tieu chung/.test(foldVietnamese(nearest))) return nearest;
  const f = foldVietnamese(text);
  const byWords = AREA_WORDS.find(([, re]) => re.test(f));
  if (byWords) return byWords[0];
  return titles[titles.length - 1] ?? "Chung";
}
