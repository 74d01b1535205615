// The plan's header facts, the same for every shape: number ("Số: /KH-SGTVT"), issue date (also
// partial: "ngày tháng 01 năm 2024"), province, agency, title, period, signer and the documents it
// is based on ("Căn cứ…", "Thực hiện…").
import type { Plan } from "../schema.ts";
import { foldVietnamese, sentenceCase, slugify, titleCase, type Paragraph } from "../text.ts";
import { isAllCaps } from "./blocks.ts";
import { readIssuer, type Issuer } from "./issuer.ts";

export interface PlanHeader {
  title: string | null;
  number: string;
  issueDate: Plan["issueDate"];
  province: string | null;
  agency: Issuer | null;
  period: Plan["period"] | null;
  /** the end of the main phase ("giai đoạn 2021-2025, định hướng đến năm 2030" → 2025) */
  mainTo: number | null;
  signer: Plan["signer"];
  baseDocuments: { text: string; line: number }[];
}

const NUMBER = /^Số\s*:?\s*(.*?)\s*$/u;
const DATE_LINE = /^([\p{L} ]+?),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/u;

function numberOf(preamble: Paragraph[]): string {
  for (const p of preamble) {
    const m = NUMBER.exec(p.text);
    if (m && m[1].includes("/")) return m[1].split(/\t|\s\|\s|\s{2,}/)[0].replace(/\s+/g, "");
  }
  // a letterhead cell: "UBND TỈNH X SỞ Y Số: 08/QĐ-SKHCN\tCỘNG HÒA…"
  for (const p of preamble.slice(0, 14)) {
    const m = /(?:^|[\s\t|])Số\s*:?\s*(\d*\s*\/\s*[\p{L}\d&.-]+(?:-[\p{L}\d&.]+)*)/u.exec(p.text);
    if (m) return m[1].replace(/\s+/g, "");
  }
  return "";
}

// the date line inside a letterhead cell: "… Hạnh phúc Phú Thọ, ngày 12 tháng 01 năm 2026"
const DATE_IN_CELL = /(?<![\p{L}])((?:\p{Lu}\p{Ll}* ){0,3}\p{Lu}\p{Ll}*),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})/u;

function issueDateOf(preamble: Paragraph[]): { date: Plan["issueDate"]; place: string | null } {
  for (const p of preamble) {
    const m = DATE_LINE.exec(p.text) ?? (preamble.indexOf(p) < 14 ? DATE_IN_CELL.exec(p.text) : null);
    if (m) {
      const text = p.text.slice(p.text.indexOf("ngày", m.index)).replace(/\s+/g, " ").trim().replace(/\s*\t.*$/, "").replace(/(năm \d{4}).*$/u, "$1");
      const n = (s: string | undefined) => (s === undefined ? null : Number(s));
      return { date: { text, day: n(m[2]), month: n(m[3]), year: Number(m[4]) }, place: titleCase(m[1]) };
    }
  }
  return { date: { text: "", day: null, month: null, year: null }, place: null };
}

function provinceOf(place: string | null, all: Paragraph[]): string | null {
  if (place && !/^(Hà Nội|Thành phố)$/u.test(place)) return place;
  for (const p of all.slice(0, 12)) {
    const m = /^UBND TỈNH (.+)$/u.exec(p.text);
    if (m) return titleCase(m[1]);
  }
  const counts = new Map<string, number>();
  for (const p of all) {
    for (const m of p.text.matchAll(/(?:tỉnh|Tỉnh ủy|UBND tỉnh) ((?:\p{Lu}\p{Ll}*)(?: \p{Lu}\p{Ll}*){0,2})/gu)) {
      counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : place;
}

/** The subtitle under a "KẾ HOẠCH" heading, with the lines it wraps onto (lower-case starts, or caps after caps). */
function subtitleAt(all: Paragraph[], i: number): string | null {
  const rest = all.slice(i + 1, i + 4).filter((p) => !p.text.startsWith("("));
  const first = rest[0];
  if (!first || /^(Căn cứ|Số\s*:)/u.test(first.text)) return null;
  // "Thực hiện Chương trình …" is a subtitle; "Thực hiện Nghị quyết số 09-NQ/TU ngày …, Sở …" is the basis
  if (/^Thực hiện/u.test(first.text) && (/số\s*\d+\s*\/|ngày\s+\d/u.test(first.text) || /[,;]$/.test(first.text) || first.text.split(" ").length > 60)) return null;
  let text = first.text;
  for (const p of rest.slice(1)) {
    const caps = isAllCaps(text) && isAllCaps(p.text);
    if (!(/^\p{Ll}/u.test(p.text) || caps) || /[.;:]$/.test(text) || text.split(" ").length > 40) break;
    text = `${text} ${p.text}`;
  }
  // "(Ban hành kèm theo Quyết định …)" wrapped onto the subtitle's line is not part of it
  return text.replace(/\s*\((?:Ban hành )?[Kk]èm theo\b.*$/u, "").trim() || text;
}

/** A title line, not a sentence that mentions a plan ("Kế hoạch số 12/KH-UBND…", "Kế hoạch này…"). */
function titleLine(text: string): { head: string; rest: string } | null {
  const m = /^(KẾ HOẠCH|Kế hoạch|CHƯƠNG TRÌNH|Chương trình)\s+(\S.+?)[.:]?$/u.exec(text.trim());
  if (!m || text.split(" ").length > 45 || /[;]/.test(text)) return null;
  if (/^(số|này|được|đã|của|đề ra|trên|đó|kèm)(?=\s|$)/iu.test(m[2]) || /^\d/.test(m[2])) return null;
  return { head: /^k/iu.test(m[1]) ? "Kế hoạch" : "Chương trình", rest: m[2] };
}

function lowerFirst(s: string): string {
  const first = s.split(" ")[0];
  const keep = /^\p{Lu}{2,}/u.test(first) || /^\p{Lu}\p{Ll}*\p{Lu}/u.test(first);
  return keep ? s : s.replace(/^\p{Lu}/u, (c) => c.toLocaleLowerCase("vi"));
}

/**
 * The plan's title, in any case: "KẾ HOẠCH" + the subtitle under it; "KẾ HOẠCH …" / "Kế hoạch …" on one
 * line (copies from legal websites); else the plan a decision issues ("Về việc ban hành Kế hoạch…",
 * "Ban hành kèm theo Quyết định này Kế hoạch …").
 */
function titleOf(all: Paragraph[]): string | null {
  for (let i = 0; i < all.length; i++) {
    const bare = foldVietnamese(all[i].text).replace(/[^a-z ]/g, "").replace(/\s+/g, " ").trim();
    if (bare !== "ke hoach" && bare !== "chuong trinh") continue;
    const sub = subtitleAt(all, i);
    if (!sub) continue;
    return `${bare === "ke hoach" ? "Kế hoạch" : "Chương trình"} ${lowerFirst(sentenceCase(sub.replace(/[.:]+$/, "")))}`;
  }
  for (const p of all.slice(0, 40)) {
    const issued = /^(?:Về việc|V\/v)?\s*[Bb]an hành (Kế hoạch .+?)[.;]?$/u.exec(p.text) ?? /kèm theo Quyết định này (Kế hoạch .+?)[.;]?$/u.exec(p.text);
    if (issued) return issued[1];
    const line = titleLine(p.text);
    if (line) return `${line.head} ${lowerFirst(sentenceCase(line.rest))}`;
  }
  return null;
}

function periodOf(title: string | null, year: number | null): { period: Plan["period"] | null; mainTo: number | null } {
  const t = title ?? "";
  const phase = /giai đoạn (\d{4})\s*[-–]\s*(\d{4})(?:,?\s*(?:định hướng|tầm nhìn) đến năm (\d{4}))?/u.exec(t);
  if (phase) {
    const from = Number(phase[1]);
    const to = Number(phase[3] ?? phase[2]);
    return { period: { from, to, text: phase[0] }, mainTo: Number(phase[2]) };
  }
  const single = /năm (\d{4})/u.exec(t);
  if (single) {
    const y = Number(single[1]);
    return { period: { from: y, to: y, text: single[0] }, mainTo: y };
  }
  if (year !== null) return { period: { from: year, to: year, text: `năm ${year}` }, mainTo: year };
  return { period: null, mainTo: null };
}

// The signing authority's words (Nghị định 30/2020, "quyền hạn, chức vụ của người ký"): KT./TM./Q./TL.,
// the head's title of any body, a police or army rank.
const SIGN_TITLE = /^(?:(?:KT|TM|Q|TL|TUQ)\.\s*)?(?:PHÓ\s+)?(?:GIÁM ĐỐC|CHỦ TỊCH|TRƯỞNG BAN|TRƯỞNG|HIỆU TRƯỞNG|VIỆN TRƯỞNG|CỤC TRƯỞNG|CHI CỤC TRƯỞNG|CHÁNH VĂN PHÒNG|CHÁNH THANH TRA|BÍ THƯ|GIÁM ĐỐC SỞ|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|BAN QUẢN LÝ|ĐẠI TÁ|THƯỢNG TÁ|TRUNG TÁ|THIẾU TƯỚNG|TRUNG TƯỚNG)\b/u;
const SIGN_START = new RegExp(SIGN_TITLE.source.replace(/^\^/, "(?<![\\p{L}])"), "gu");
const ONE_CELL = /^(\p{Lu}[\p{Lu}\s.]*?)\s+(\((?:Đã ký|đã ký)\)\s+)?((?:(?:Đại|Thượng|Trung|Thiếu) (?:tá|tướng) )?\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4})$/u;
const RANK = /^(Đại tá|Thượng tá|Trung tá|Thiếu tá|Thiếu tướng|Trung tướng)\s+/u;
const PERSON = /^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}$/u;
const SIGNED = /^\((?:Đã ký|đã ký|Ký[^)]*|ký[^)]*)\)$/u;

function signTitle(s: string): string {
  const t = s.replace(/^(KT|TM|Q|TL|TUQ)\.\s*/u, (m) => `${m.trim()} `).replace(/\s+/g, " ").trim();
  // "PHÓ GIÁM ĐỐC" → "Phó Giám đốc": the first word of each title capitalised, as plans write it
  return t.replace(/(?:(KT|TM|Q|TL|TUQ)\. )?(.+)/u, (_m, pre: string | undefined, rest: string) => {
    const words = rest.toLocaleLowerCase("vi").split(" ");
    const out = words.map((w, i) => (i === 0 || (words[i - 1] === "phó" && i === 1) ? w.replace(/^\p{L}/u, (c) => c.toLocaleUpperCase("vi")) : w));
    return `${pre ? `${pre}. ` : ""}${out.join(" ")}`.replace(/^(KT\. |TM\. )?(\p{Ll})/u, (_x, a = "", c: string) => `${a}${c.toLocaleUpperCase("vi")}`);
  });
}

/**
 * The signer: a name under the signing lines ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / (Đã ký) / Tên"), also
 * in one table cell ("GIÁM ĐỐC (Đã ký) Đỗ Quang Vinh") and with a rank ("Đại tá Nguyễn Văn A").
 */
function signerOf(paragraphs: Paragraph[]): Plan["signer"] {
  const lines: string[] = [];
  for (const p of paragraphs) {
    // a page number the PDF left after the name ("Đỗ Quang Vinh 2") is not part of it
    let cell = (p.text.includes("\t") ? p.text.split("\t").pop()! : p.text).replace(/\s+\d{1,3}$/, "");
    // the signing block glued to "Nơi nhận" (a Word table row, a PDF paragraph): start at its title
    const start = [...cell.matchAll(SIGN_START)].map((x) => x.index!).find((at) => ONE_CELL.test(cell.slice(at).trim()));
    if (start !== undefined) cell = cell.slice(start);
    // one cell: split its caps titles, the "(Đã ký)" and the name apart
    const m = ONE_CELL.exec(cell.trim());
    if (m && SIGN_TITLE.test(m[1].trim())) {
      lines.push(...m[1].trim().split(/\s+(?=(?:KT|TM|Q|TL)\.|PHÓ\s)/u), m[3]);
    } else {
      const signed = /^(\((?:Đã ký|đã ký)\))\s+(\p{Lu}.*)$/u.exec(cell.trim());
      lines.push(...(signed ? [signed[1], signed[2]] : [cell.trim()]));
    }
  }
  for (let i = lines.length - 1; i >= 0; i--) {
    const name = lines[i].replace(RANK, "");
    if (!PERSON.test(name)) continue;
    const titles: string[] = [];
    let j = i - 1;
    while (j >= 0 && SIGNED.test(lines[j])) j--;
    for (; j >= Math.max(0, i - 5) && SIGN_TITLE.test(lines[j]) && isAllCaps(lines[j].replace(/(KT|TM|Q|TL|TUQ)\./, "")); j--) {
      titles.unshift(signTitle(lines[j]));
    }
    const rank = RANK.exec(lines[i])?.[1];
    if (titles.length > 0) return { name, title: [...titles, ...(rank ? [rank] : [])].join(", ") };
  }
  return null;
}

/** "Căn cứ …;" and "Thực hiện …, Sở … xây dựng kế hoạch": the reference, without the rest. */
function baseDocumentsOf(preamble: Paragraph[]): PlanHeader["baseDocuments"] {
  const out: PlanHeader["baseDocuments"] = [];
  for (const p of preamble) {
    if (!/^(Căn cứ|Thực hiện)\s/u.test(p.text)) continue;
    const cut = /(?:[,;]|\.)\s+(?=Sở\s)/u.exec(p.text);
    const text = (cut ? p.text.slice(0, cut.index) : p.text).replace(/[;,.\s]+$/, "");
    out.push({ text, line: p.line });
  }
  return out;
}

export function parseHeader(all: Paragraph[], preambleEnd: number, bodyEnd: number): PlanHeader {
  const preamble = all.slice(0, preambleEnd);
  const number = numberOf(preamble);
  const { date, place } = issueDateOf(preamble);
  const title = titleOf(all.slice(0, Math.max(preambleEnd, 1)));
  const { period, mainTo } = periodOf(title, date.year);
  const agency = readIssuer(preamble.length > 0 ? preamble : all.slice(0, 20), all.map((p) => p.text).join("\n"), number, title);
  return {
    title,
    number,
    issueDate: date,
    province: agency?.province ?? provinceOf(place, all),
    agency,
    period,
    mainTo,
    signer: signerOf(all.slice(bodyEnd)) ?? signerOf(preamble) ?? signerOf(all.slice(-8)),
    baseDocuments: baseDocumentsOf(preamble),
  };
}
