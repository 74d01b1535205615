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
    if (m && m[1].includes("/")) return m[1].replace(/\s+/g, "");
  }
  return "";
}

function issueDateOf(preamble: Paragraph[]): { date: Plan["issueDate"]; place: string | null } {
  for (const p of preamble) {
    const m = DATE_LINE.exec(p.text);
    if (m) {
      const text = p.text.slice(p.text.indexOf("ngày")).replace(/\s+/g, " ").trim();
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

/** "Kế hoạch" + the subtitle under the "KẾ HOẠCH" heading; else the plan a decision issues ("Về việc ban hành Kế hoạch…"). */
function titleOf(all: Paragraph[]): string | null {
  for (let i = 0; i < all.length; i++) {
    if (foldVietnamese(all[i].text).replace(/[^a-z ]/g, "").trim() !== "ke hoach") continue;
    const sub = all.slice(i + 1, i + 3).find((p) => !p.text.startsWith("("));
    if (!sub) continue;
    const s = sentenceCase(sub.text.replace(/[.:]+$/, ""));
    const first = s.split(" ")[0];
    const keep = /^\p{Lu}{2,}/u.test(first) || /^\p{Lu}\p{Ll}*\p{Lu}/u.test(first);
    return `Kế hoạch ${keep ? s : s.replace(/^\p{Lu}/u, (c) => c.toLocaleLowerCase("vi"))}`;
  }
  for (const p of all.slice(0, 40)) {
    const inline = /^KẾ HOẠCH\s+(\S.+)$/u.exec(p.text);
    if (inline) return `Kế hoạch ${inline[1]}`;
    const issued = /^Về việc ban hành (Kế hoạch .+?)[.;]?$/u.exec(p.text);
    if (issued) return issued[1];
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

const SIGN_TITLE = /GIÁM ĐỐC|Giám đốc/u;
const PERSON = /^\p{Lu}\p{Ll}*(?: \p{Lu}\p{Ll}*){1,4}$/u;

function signTitle(s: string): string {
  return s
    .replace(/KT\.\s*/u, "KT. ")
    .replace(/PHÓ GIÁM ĐỐC/u, "Phó Giám đốc")
    .replace(/GIÁM ĐỐC/u, "Giám đốc")
    .replace(/\s+/g, " ")
    .trim();
}

/** The name under the last "GIÁM ĐỐC" / "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" lines. */
function signerOf(paragraphs: Paragraph[]): Plan["signer"] {
  for (let i = paragraphs.length - 1; i >= 0; i--) {
    const name = paragraphs[i].text;
    if (!PERSON.test(name)) continue;
    const titles: string[] = [];
    for (let j = i - 1; j >= Math.max(0, i - 3) && SIGN_TITLE.test(paragraphs[j].text) && isAllCaps(paragraphs[j].text.replace(/KT\./, "")); j--) {
      titles.unshift(signTitle(paragraphs[j].text));
    }
    if (titles.length > 0) return { name, title: titles.join(", ") };
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
    signer: signerOf(all.slice(bodyEnd)) ?? signerOf(preamble),
    baseDocuments: baseDocumentsOf(preamble),
  };
}
