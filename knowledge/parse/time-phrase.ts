// The time expression inside a duty written as prose ("…gửi về Sở GTVT trước ngày 20/01/2024",
// "Định kỳ hàng quý, 06 tháng, hàng năm…", "Thường xuyên…", "trước ngày 10 của tháng cuối quý").
// Only the phrase is cut out here; reading it is deadlines.ts's job. Patterns run on the folded
// text (no diacritics, lower case), so "truoc ngay 20 hang thang" is found too, and the phrase is
// cut from the plan's own words.
import { foldKeepingPlaces } from "../deadlines.ts";

const DATE = String.raw`\d{1,2}\s*\/\s*\d{1,2}(?:\s*\/\s*\d{2,4})?(?![\d/])`;
const ROMAN = String.raw`(?:iv|iii|ii|i|[1-4])(?![a-z\d])`;
const YEAR = String.raw`(?:\s*\/\s*\d{2,4}(?!\d)|\s+nam\s+\d{4}(?!\d))?`;
const LIST = String.raw`\s*(?:-|–|,|;|va|hoac|den|toi)\s*`;

// Dated pieces: they need a word that makes them a deadline ("trước", "trong", "từ … đến") —
// a date alone in a duty is usually the date of a document it cites.
const DATED_TOKEN = [
  String.raw`ngay\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?(?!\d)`,
  String.raw`(?:ngay\s+)?${DATE}`,
  String.raw`0?6\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+\d{4}(?!\d))?`,
  String.raw`quy\s+${ROMAN}(?:${LIST}(?:quy\s+)?${ROMAN})*${YEAR}`,
  String.raw`thang\s+\d{1,2}(?!\d)(?:${LIST}(?:thang\s+)?\d{1,2}(?!\d)(?!\s*\/\s*\d{1,2}\s*\/))*${YEAR}`,
].join("|");
// Rules: "(trước) ngày 20 hằng tháng", "(trước ngày 10 của) tháng cuối (mỗi) quý (sau)".
const RULE_TOKEN = [
  String.raw`(?:(?:truoc|cham\s+nhat|vao)\s+)?ngay\s+\d{1,2}\s+(?:cua\s+)?(?:moi|hang)\s+thang`,
  String.raw`(?:dinh\s+ky\s*,?\s*)?(?:hang|moi)\s+thang\s*[,:(]?\s*(?:(?:truoc|cham\s+nhat|vao)\s+)?ngay\s+\d{1,2}(?![\d/])(?!\s+thang)`,
  String.raw`(?:(?:truoc|cham\s+nhat|vao)\s+)?(?:ngay\s+\d{1,2}\s+(?:cua\s+)?)?(?<!\d\s)thang\s+(?:dau|cuoi|thu\s+(?:nhat|hai|ba|\d{1,2}))(?:\s+(?:tien|cung))?(?:\s+cua)?(?:\s+(?:moi|hang|cac))?\s+(?:quy|ky)(?:\s+(?:sau|tiep\s+theo))?`,
].join("|");
// A word of its own: "NQ/TU ngày 04/11/2021" (Tỉnh ủy) and "Thông tư ngày …" are not "từ ngày …".
const TRIGGER = String.raw`(?<![\p{L}\d/-])(?:hoan\s+thanh\s+trong|truoc|cham\s+nhat|han\s+chot|trong|(?<!(?:thong|dau)\s)tu|den|vao|ke\s+tu|bat\s+dau\s+tu)(?:\s+(?:la|ngay))?\s+`;
// "trong năm 2026", "cả năm 2025"; "đến năm 2030" is a horizon of the strategy a duty serves, not its deadline
const YEAR_TIMED = String.raw`(?<![\p{L}\d/-])(?:hoan\s+thanh\s+)?(?:trong|ca)\s+nam\s+\d{4}(?!\d)`;
const LABEL = String.raw`(?<![\p{L}\d/-])(?:thoi\s+(?:gian|han)(?:\s+(?:thuc\s+hien|hoan\s+thanh))?|tien\s+do|han|dot\s+\d{1,2}|lan\s+\d{1,2})\s*:?\s*`;
const PREFIX = String.raw`(?:${LABEL}(?:${TRIGGER})?|${TRIGGER})`;
const TIMED = String.raw`(?:${PREFIX}(?:${DATED_TOKEN})|${RULE_TOKEN}|${YEAR_TIMED})`;
// "…trước ngày 15/3; 15/6; 15/9 và trước ngày 15/12/2024", "Quý I - Quý II/2026", "từ 01/3 đến 30/4/2026"
const CHAIN = new RegExp(String.raw`${TIMED}(?:${LIST}(?:${PREFIX})?(?:${DATED_TOKEN}|${RULE_TOKEN}))*`, "gu");
// "Chậm nhất 15 ngày kể từ ngày luật được công bố", "trong vòng 30 ngày kể từ khi nhận được hồ sơ"
const RELATIVE = new RegExp(
  String.raw`(?:(?:cham\s+nhat|trong\s+vong|trong\s+thoi\s+han|trong|sau|khong\s+qua|toi\s+da)\s+)?(?<![\d/])\d{1,3}\s+(?:ngay\s+lam\s+viec|ngay|thang|tuan)\s*,?\s+(?:(?:ke|tinh)\s+tu\s+|(?:tu|sau)\s+(?=khi|ngay|thoi\s+diem))[^,;.()]*[^,;.()\s]`,
  "gu",
);
// "Hằng tháng", "định kỳ hằng quý": alone they are a period; next to a dated phrase, part of it.
const RECURRING = /(?:dinh\s+ky\s*,?\s*)?(?:hang|moi)\s+(?:thang|quy|nam)(?![a-z])/g;
// What may lie between two pieces of one deadline ("ban hành trong tháng 3/2025; hoàn thành kiểm tra trước ngày …").
// "Thời gian thực hiện: …" introduces the phrase; it is not part of it.
const INTRO = /^(?:th[ờo]i (?:gian|hạn|han)(?: (?:thực hiện|thuc hien|hoàn thành|hoan thanh))?|tiến độ|tien do|hạn|han)\s*:\s*/iu;
const CUTOFF = /(?:so\s+lieu|chot)(?:\s+(?:duoc\s+)?(?:tinh|lay|bao\s+cao))?\s*:?\s*$/;
const SHORT_GAP = /^[^\d.!?]{0,48}$/;
const ADJACENT = /^[\s,;:(]{0,3}$/;

// The words that may follow "Định kỳ" in a report clause.
const PERIODIC_WORDS = new Set(["hàng", "hằng", "mỗi", "quý", "tháng", "năm", "6", "06", "tuần", "và", "hoặc", "đột", "xuất", "gửi", "báo", "cáo"]);
const TRAILING = new Set(["và", "hoặc", "gửi", "báo", "cáo"]);

function periodicPhrase(text: string): string | null {
  const m = /(?:^|\s)([Đđ]ịnh kỳ)/u.exec(text);
  if (!m) return null;
  const words = text.slice(m.index + m[0].length - m[1].length).split(/\s+/);
  const kept = words.slice(0, 2); // "Định", "kỳ" (or "kỳ,")
  if (!/[;.]$/.test(kept[1] ?? "")) {
    for (const w of words.slice(2)) {
      if (!PERIODIC_WORDS.has(w.replace(/[,;.]+$/, "").toLowerCase())) break;
      kept.push(w);
      if (/[;.]$/.test(w)) break;
    }
  }
  while (kept.length > 2 && TRAILING.has(kept[kept.length - 1].replace(/[,;.]+$/, "").toLowerCase())) kept.pop();
  return kept.join(" ").replace(/[,;.]+$/, "");
}

interface Span {
  from: number;
  to: number;
}

function spans(re: RegExp, folded: string): Span[] {
  return [...folded.matchAll(re)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
}

/** Dated, rule and relative pieces, with the recurring words right next to them, grouped when close. */
function timedGroups(folded: string): Span[][] {
  const pieces = [...spans(CHAIN, folded), ...spans(RELATIVE, folded)].sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: Span[] = [];
  for (const p of pieces) {
    const last = kept[kept.length - 1];
    if (last && p.from < last.to) last.to = Math.max(last.to, p.to);
    else kept.push({ ...p });
  }
  for (const r of spans(RECURRING, folded)) {
    const near = kept.find((p) => (r.to <= p.from && ADJACENT.test(folded.slice(r.to, p.from))) || (p.to <= r.from && ADJACENT.test(folded.slice(p.to, r.from))));
    if (near && !kept.some((p) => r.from < p.to && p.from < r.to)) {
      near.from = Math.min(near.from, r.from);
      near.to = Math.max(near.to, r.to);
    }
  }
  kept.sort((a, b) => a.from - b.from);
  const groups: Span[][] = [];
  for (const p of kept) {
    // "…, số liệu tính từ ngày 15/12/2025 đến ngày 14/6/2026": a data cut-off window, not a deadline
    if (CUTOFF.test(folded.slice(Math.max(0, p.from - 24), p.from))) continue;
    const g = groups[groups.length - 1];
    if (g && SHORT_GAP.test(folded.slice(g[g.length - 1].to, p.from))) g.push(p);
    else groups.push([p]);
  }
  return groups;
}

/** The plan's words for a group: one stretch when close, else its pieces joined by "; ". */
function phraseOf(text: string, at: number[], group: Span[]): string {
  const cut = (from: number, to: number) => {
    let s = text.slice(at[from], at[to]);
    // "định kỳ hằng quý (trước ngày 15 …)": keep the closing bracket of an opened one
    if ((s.match(/\(/g)?.length ?? 0) > (s.match(/\)/g)?.length ?? 0) && /^\s*\)/.test(text.slice(at[to]))) s = text.slice(at[from], at[to] + text.slice(at[to]).indexOf(")") + 1);
    return s.trim().replace(/[,;:]+$/, "").replace(INTRO, "");
  };
  return cut(group[0].from, group[group.length - 1].to);
}

/** The time phrase a prose duty states, most specific and complete first; null when it states none. */
export function timePhraseIn(text: string): string | null {
  const { folded, at } = foldKeepingPlaces(text);
  const groups = timedGroups(folded);
  if (groups.length > 0) return groups.map((g) => phraseOf(text, at, g)).join("; ");
  const periodic = periodicPhrase(text);
  if (periodic) return periodic;
  // "Hằng năm, tổ chức …": alone, period words count only where the duty opens with them
  const recurring = new RegExp(String.raw`^\s*(?:${LABEL})?(?:${RECURRING.source})`, "u").exec(folded);
  if (recurring) return text.slice(at[recurring.index], at[recurring.index + recurring[0].length]).trim().replace(INTRO, "");
  const ongoing = new RegExp(String.raw`^\s*(?:${LABEL})?(thuong\s+xuyen)|(?:${LABEL}|\(\s*)(thuong\s+xuyen)`, "u").exec(folded);
  if (ongoing) {
    const from = ongoing.index + ongoing[0].length - (ongoing[1] ?? ongoing[2]).length;
    return text.slice(at[from], at[ongoing.index + ongoing[0].length]);
  }
  const onRequest = /khi co yeu cau/.exec(folded);
  if (onRequest) return text.slice(at[onRequest.index], at[onRequest.index + onRequest[0].length]);
  return null;
}

/** Does this duty state a regular report ("định kỳ hàng quý, 6 tháng, năm … báo cáo")? */
export function isPeriodicReport(text: string): boolean {
  return /[Đđ]ịnh kỳ,?\s+(?:(?:hàng|hằng|mỗi)\s+)?(?:quý|tháng|năm|0?6 tháng|gửi báo cáo)/u.test(text) && /báo cáo/u.test(text);
}
