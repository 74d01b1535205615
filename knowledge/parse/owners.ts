// Owners named in running text: the subject that opens a duty ("Giao Văn phòng Sở chủ trì…",
// "Trưởng các phòng, ban có trách nhiệm…") and the units it works with ("phối hợp với Tổ Website…").
import { looksLikeUnit } from "../units.ts";

// The verb that ends the subject of a duty. "Ban chỉ đạo" is a unit, not the verb "chỉ đạo".
const VERB =
  /(?:^|\s)(căn cứ|có trách nhiệm|chịu trách nhiệm|chủ trì|theo dõi|(?<!Ban )chỉ đạo|tích cực|nghiêm túc|tổ chức|thực hiện|phối hợp|triển khai|đăng tải|trực tiếp|tham mưu|xây dựng|rà soát|thường xuyên|tăng cường|xác định|luôn|đôn đốc|kiểm tra|quán triệt|báo cáo|gửi|ban hành|cập nhật)(?=\s|,|$)/iu;

/** The owner phrase at the start of a duty, as written, or null when the duty names none. */
export function subjectOf(text: string): string | null {
  let t = text.replace(/^(Giao|Đề nghị|Yêu cầu)\s+/u, "");
  // "Căn cứ chức năng, nhiệm vụ được giao, Trưởng các phòng…": skip the opening clause
  const lead = /^Căn cứ [^.;]*?,\s+(?=(Trưởng|Thủ trưởng|Các|Văn phòng|Giám đốc|Lãnh đạo)\s)/u.exec(t);
  if (lead) t = t.slice(lead[0].length);
  t = t.replace(/\s*\([^)]*\)/g, "");
  if (!looksLikeUnit(t)) return null;
  const colon = /^([^:.;]{3,80}):\s/u.exec(t);
  const verb = VERB.exec(t);
  const end = colon && (!verb || colon[1].length <= verb.index) ? colon[1].length : verb?.index;
  if (end === undefined || end === 0) return null;
  const phrase = t.slice(0, end).replace(/[\s,;:]+$/, "").trim();
  if (phrase === "" || phrase.split(/\s+/).length > 40 || !looksLikeUnit(phrase)) return null;
  return phrase;
}

// Words that end the partner's name after "phối hợp với …".
const PARTNER_END = /\s(trong|để|đăng|thực hiện|triển khai|trên|về|tổ chức|kiểm tra|nhằm|khi|theo)(?=[\s,.;]|$)|[.;:]|,\s(?!đơn vị|ban\s|[A-ZĐ]|các\s)/u;

/** Units named after "phối hợp (chặt chẽ) với": the supporting owners, as written. */
export function partnersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[Pp]hối hợp(?: chặt chẽ)? với\s+/gu)) {
    const rest = text.slice(m.index! + m[0].length);
    const end = PARTNER_END.exec(rest);
    const phrase = (end ? rest.slice(0, end.index) : rest).trim();
    if (phrase !== "" && looksLikeUnit(phrase)) out.push(phrase);
  }
  return out;
}
