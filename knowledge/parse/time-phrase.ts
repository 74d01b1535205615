// The time expression inside a duty written as prose ("…gửi về Sở GTVT trước ngày 20/01/2024",
// "Định kỳ hàng quý, 06 tháng, hàng năm…", "Thường xuyên…"). Only the phrase is cut out here;
// reading it is deadlines.ts's job.

const DATE = String.raw`\d{1,2}\/\d{1,2}(?:\/\d{2,4})?`;
// "trước ngày 15/3; 15/6; 15/9 và …", "chậm nhất ngày 30/6/2024", "trước 30/8/2024"
const DATED = new RegExp(String.raw`(?:trước|chậm nhất|hạn chót|hạn)(?: là)?(?: ngày)?\s+${DATE}(?:\s*[;,]\s*(?:và\s+)?${DATE})*(?:\s+và\s+${DATE})?`, "iu");
// "trong Quý I/2024", "trước tháng 6/2024"
const PERIOD = /(?:trong|trước|hoàn thành trong)\s+(?:quý\s+[IV]+(?:\/|\s+năm\s+)\d{4}|tháng\s+\d{1,2}\/\d{4})/iu;
// The words that may follow "Định kỳ" in a report clause.
const PERIODIC_WORDS = new Set(["hàng", "mỗi", "quý", "tháng", "năm", "6", "06", "tuần", "và", "hoặc", "đột", "xuất", "gửi", "báo", "cáo"]);
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

/** The time phrase a prose duty states, most specific first; null when it states none. */
export function timePhraseIn(text: string): string | null {
  const dated = DATED.exec(text) ?? PERIOD.exec(text);
  if (dated) return dated[0];
  const periodic = periodicPhrase(text);
  if (periodic) return periodic;
  if (/^Thường xuyên\b/u.test(text)) return "Thường xuyên";
  const onRequest = /khi có yêu cầu/iu.exec(text);
  if (onRequest) return onRequest[0];
  return null;
}

/** Does this duty state a regular report ("định kỳ hàng quý, 6 tháng, năm … báo cáo")? */
export function isPeriodicReport(text: string): boolean {
  return /[Đđ]ịnh kỳ,?\s+(?:(?:hàng|mỗi)\s+)?(?:quý|tháng|năm|0?6 tháng|gửi báo cáo)/u.test(text) && /báo cáo/u.test(text);
}
