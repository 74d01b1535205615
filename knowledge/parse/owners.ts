// Owners named in running text: the subject that opens a duty ("Giao Văn phòng Sở chủ trì…",
// "Trưởng các phòng, ban có trách nhiệm…") and the units it works with ("phối hợp với Tổ Website…").
import { looksLikeUnit } from "../units.ts";

// The verb that ends the subject of a duty. "Ban chỉ đạo" is a unit, not the verb "chỉ đạo".
const VERB =
  /(?:^|\s)(căn cứ|có trách nhiệm|chịu trách nhiệm|chủ trì|theo dõi|(?<!Ban )chỉ đạo|tích cực|nghiêm túc|tổ chức|thực hiện|phối hợp|triển khai|đăng tải|trực tiếp|tham mưu|xây dựng|rà soát|thường xuyên|tăng cường|xác định|luôn|đôn đốc|kiểm tra|quán triệt|báo cáo|gửi|ban hành|cập nhật)(?=\s|,|$)/iu;

// Common verbs of administrative duties, written in lower case (general usage): in a duty that opens
// with its owner ("Phòng Tài chính kế toán bố trí kinh phí…") the first of them ends the owner's name.
// Lower case only: "Khoa Kiểm soát nhiễm khuẩn", "Phòng Tổng hợp" are names.
const DUTY_VERB =
  /\s(bố trí|lập|tập huấn|số hóa|số hoá|hướng dẫn|tuyên truyền|vận động|giám sát|khảo sát|đánh giá|công khai|hỗ trợ|ra quân|thành lập|điều phối|kiện toàn|tiếp nhận|giải quyết|phổ biến|chuẩn bị|huy động|phân bổ|thẩm định|tổng hợp|trình|đề xuất|duy trì|nâng cấp|vận hành|kiểm soát|mua sắm|cung cấp|rà soát|ban hành|xây dựng|thực hiện|triển khai|tổ chức|chủ động|phấn đấu|bảo đảm|đảm bảo|nghiên cứu|theo dõi|quản lý|sửa chữa|cấp|cho vay|đào tạo|bồi dưỡng|kết nối|cải thiện|nâng cao|tăng cường|đẩy mạnh|quán triệt)(?=[\s,]|$)/u;

/** A duty that opens with a unit the plan already named ("Trung tâm bố trí…"): that unit. */
function knownPrefix(t: string, known: readonly string[]): string | null {
  let best: string | null = null;
  for (const k of known) {
    if (k.split(" ").length < 1 || !(t === k || t.startsWith(`${k} `) || t.startsWith(`${k},`))) continue;
    if (!best || k.length > best.length) best = k;
  }
  return best;
}

/** The owner phrase at the start of a duty, as written, or null when the duty names none. */
export function subjectOf(text: string, known: readonly string[] = []): string | null {
  let t = text.replace(/^(Giao|Đề nghị|Yêu cầu)\s+/u, "");
  // "Căn cứ chức năng, nhiệm vụ được giao, Trưởng các phòng…": skip the opening clause
  const lead = /^Căn cứ [^.;]*?,\s+(?=(Trưởng|Thủ trưởng|Các|Văn phòng|Giám đốc|Lãnh đạo)\s)/u.exec(t);
  if (lead) t = t.slice(lead[0].length);
  t = t.replace(/\s*\([^)]*\)/g, "");
  if (!looksLikeUnit(t, known)) return null;
  const colon = /^([^:.;]{3,80}):\s/u.exec(t);
  const v1 = VERB.exec(t);
  const v2 = DUTY_VERB.exec(t);
  const verb = v1 && v2 ? (v1.index <= v2.index ? v1 : v2) : (v1 ?? v2);
  let end = colon && (!verb || colon[1].length <= verb.index) ? colon[1].length : verb?.index;
  // a unit the plan already named, when the verb would cut inside a longer phrase
  const named = knownPrefix(t, known);
  if (named && (end === undefined || end > named.length) && /^[\s,]+\p{Ll}/u.test(t.slice(named.length))) end = named.length;
  if (end === undefined || end === 0) return null;
  const phrase = t.slice(0, end).replace(/[\s,;:]+$/, "").trim();
  if (phrase === "" || phrase.split(/\s+/).length > 40 || !looksLikeUnit(phrase, known)) return null;
  // "Các cơ sở dữ liệu dùng chung được kết nối": a passive sentence names a thing, not its owner
  if (/(?:^|\s)(?:được|bị|đã|sẽ|phải|cần)$/u.test(phrase)) return null;
  return phrase;
}

// Words that end the partner's name after "phối hợp với …".
const PARTNER_END = /\s(trong|để|đăng|thực hiện|triển khai|trên|về|tổ chức|kiểm tra|nhằm|khi|theo)(?=[\s,.;]|$)|[.;:]|,\s(?!đơn vị|ban\s|[A-ZĐ]|các\s)/u;

/** Units named after "phối hợp (chặt chẽ) với": the supporting owners, as written. */
export function partnersIn(text: string, known: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[Pp]hối hợp(?: chặt chẽ)? với\s+/gu)) {
    const rest = text.slice(m.index! + m[0].length);
    const end = PARTNER_END.exec(rest);
    const phrase = (end ? rest.slice(0, end.index) : rest).trim();
    if (phrase !== "" && looksLikeUnit(phrase, known)) out.push(phrase);
  }
  return out;
}

// What a unit does in an assignment clause. "chủ trì" leads; "phối hợp" supports; "thực hiện" leads
// when nobody is said to lead, otherwise it (like "theo dõi", "cung cấp") is a supporting role.
const ROLE = /(?:^|\s)(chủ trì|phối hợp|thực hiện|là đầu mối|theo dõi|cung cấp|tham gia|hướng dẫn)(?=[\s,;.:]|$)/u;
const SUBJECT_NOISE = /^(?:Giao(?: cho)?|Đề nghị|Yêu cầu|Do|Phân công|giao(?: cho)?)\s+/u;
const HAS_ROLE = /(?:^|\s)(?:chủ trì|phối hợp|thực hiện|theo dõi|đôn đốc)(?=[\s,;.]|$)/u;
// Lower-case words that never sit inside a unit's name: the subject ended before them.
const NOT_A_NAME = /(?:^|\s)(?:có trách nhiệm|chịu trách nhiệm|căn cứ|tổ chức|tham mưu|trong|để|nhằm|được|là|đã|sẽ|phải|cần|chủ động|tích cực|trực tiếp|triển khai|thông qua|bảo đảm|đảm bảo|với|nếu|khi|tăng cường|tiếp tục|thường xuyên|kịp thời|nghiêm túc|quán triệt|đẩy mạnh|nâng cao|phấn đấu|hoàn thành|ban hành)(?=[\s,;.]|$)/u;

/** The unit named at the end of `before` ("…phê duyệt, Phòng Tổ chức cán bộ" → "Phòng Tổ chức cán bộ"). */
function unitTail(before: string, known: readonly string[]): string | null {
  const s = before.replace(/\s*\([^)]*\)/g, "").replace(/[\s,]+$/, "");
  const cuts = [0];
  for (const m of s.matchAll(/,\s+|\s+và\s+|:\s+/gu)) cuts.push(m.index! + m[0].length);
  for (const at of cuts) {
    const rest = s.slice(at).replace(SUBJECT_NOISE, "").trim();
    if (rest === "" || HAS_ROLE.test(rest) || NOT_A_NAME.test(rest) || rest.split(/\s+/).length > 24) continue;
    if (looksLikeUnit(rest, known)) return rest;
  }
  return null;
}

// Ends the units named after "phối hợp (với)": a verb of the duty, a time phrase, or the clause end.
const OBJECT_END =
  /\s(?:trong|để|đăng|thực hiện|triển khai|trên|về|tổ chức|kiểm tra|nhằm|khi|theo|tham mưu|thẩm định|hướng dẫn|xây dựng|rà soát|hoàn thành|trình|báo cáo|gửi|tổng hợp|cung cấp|bảo đảm|đảm bảo|trước|chậm nhất|thời gian|thường xuyên)(?=[\s,.;:]|$)|[.;:]/u;

function objectAfter(rest: string, known: readonly string[]): string | null {
  const t = rest.replace(/^(?:\s*chặt chẽ)?(?:\s+với)?\s+/u, "");
  const end = OBJECT_END.exec(t);
  const phrase = (end ? t.slice(0, end.index) : t).replace(/[\s,]+$/, "").trim();
  return phrase !== "" && looksLikeUnit(phrase, known) ? phrase : null;
}

/**
 * Owners stated anywhere in a duty's sentences: "Giao Văn phòng Sở chủ trì, phối hợp Phòng Y và
 * Trung tâm Z tham mưu…", "Phòng X chủ trì, Văn phòng Sở phối hợp", "Các đơn vị trực thuộc Sở thực
 * hiện", "Phòng A chủ trì đối với …; Phòng B chủ trì đối với …". Returns the phrases as written.
 */
export function rolesIn(text: string, known: readonly string[] = []): { lead: string[]; support: string[] } {
  const lead: string[] = [];
  const support: string[] = [];
  const doers: string[] = [];
  // "… (Phòng X chủ trì, phối hợp Phòng Y)": an assignment in brackets is a clause of its own
  const bracketed: string[] = [];
  const plain = text.replace(/\(([^()]*)\)/g, (m, inner: string) => (/(?:^|\s)(?:chủ trì|phối hợp)(?=[\s,;.]|$)/u.test(inner) ? (bracketed.push(inner), "; ") : m));
  const clauses = [...plain.split(/;\s*|\.\s+(?=\p{Lu})/u), ...bracketed.flatMap((b) => b.split(/;\s*/))];
  for (const clause of clauses) {
    let from = 0; // end of the last role and its object: a subject is written after it
    for (;;) {
      const m = ROLE.exec(clause.slice(from));
      if (!m) break;
      const at = from + m.index + m[0].length - m[1].length;
      const role = m[1];
      // the subject is all that stands between the last role and this one ("…; Phòng X chủ trì")
      const segment = clause.slice(from, at).replace(/\s*\([^)]*\)/g, "").replace(/^[\s,]+|[\s,]+$/g, "").replace(SUBJECT_NOISE, "");
      const tail = unitTail(segment, known);
      const subject = tail !== null && tail === segment.trim() ? tail : null;
      let end = at + role.length;
      if (role === "chủ trì" && subject) lead.push(subject);
      else if (role === "phối hợp" && subject) support.push(subject);
      else if (role === "phối hợp") {
        const obj = objectAfter(clause.slice(end), known);
        if (obj) {
          support.push(obj);
          end = clause.indexOf(obj, end) + obj.length;
        }
      } else if (subject && role !== "chủ trì") doers.push(subject);
      from = end;
    }
  }
  if (lead.length === 0 && doers.length > 0) lead.push(doers.shift()!);
  for (const d of doers) if (!lead.includes(d)) support.push(d);
  const uniq = (xs: string[]) => [...new Set(xs)];
  const l = uniq(lead);
  return { lead: l, support: uniq(support).filter((s) => !l.includes(s)) };
}

/**
 * The unit a duty's result goes to or through ("gửi phương án về Văn phòng Sở", "(qua Văn phòng
 * Sở)"): it takes part in the duty. A bare issuer ("về Sở") is not a unit of its own.
 */
export function recipientsIn(text: string, known: readonly string[] = []): string[] {
  const out: string[] = [];
  const take = (phrase: string) => {
    const t = phrase.replace(/[\s,.;)]+$/, "").trim();
    // the issuer's own units only: a report "qua Sở Nội vụ" goes to another body, which does not take part
    if (t.split(/\s+/).length >= 2 && looksLikeUnit(t, known) && !/^(Sở|UBND|Ủy ban|Uỷ ban|Bộ|Tỉnh ủy|HĐND|Chính phủ)\s/u.test(t)) out.push(t);
  };
  for (const m of text.matchAll(/\bqua\s+([^()]{3,60}?)\)/gu)) take(m[1]);
  for (const m of text.matchAll(/(?:gửi|nộp)(?:\s+[^;.()]{0,60}?)?\s+(?:về|cho|đến)\s+([^;.()]{3,60}?)(?=\s+(?:trước|chậm nhất|trong|để|theo|đúng|hằng|định kỳ)(?=\s|$)|[;.(,]|$)/gu)) take(m[1]);
  return [...new Set(out)];
}

/**
 * Units a duty works through, named as its object: the ones it guides or urges ("hướng dẫn các đơn
 * vị sự nghiệp xây dựng…", "đôn đốc các phòng…") and the ones whose input it compiles ("tổng hợp
 * nhu cầu kinh phí của các phòng, đơn vị"). They take part in the duty. Collectives and units the
 * the issuer's own collectives only: "hướng dẫn nghiệp vụ" names no unit.
 */
const OWN_COLLECTIVE = /^(?:các|mỗi|từng)\s+(?:phòng|đơn vị|ban|bộ phận|tổ|chi cục|trung tâm|khoa)(?=[\s,]|$)/iu;

export function objectUnitsIn(text: string, known: readonly string[] = []): string[] {
  const out: string[] = [];
  const take = (rest: string) => {
    const obj = objectAfter(` ${rest}`, known);
    // the issuer's own collectives ("các đơn vị sự nghiệp", "các phòng, đơn vị"): the communes a
    // district guides ("hướng dẫn các xã …") are bodies of their own, not its partners
    if (obj && OWN_COLLECTIVE.test(obj) && obj.split(/\s+/).length <= 10) out.push(obj);
  };
  for (const m of text.matchAll(/(?:^|[\s,;(])(?:hướng dẫn|đôn đốc)(?:,\s*(?:hướng dẫn|đôn đốc))?\s+(?=\S)/gu)) take(text.slice(m.index! + m[0].length));
  for (const m of text.matchAll(/(?:^|[\s,;(])tổng hợp\s+[^;.()]{0,60}?\s+của\s+(?=các\s|mỗi\s|từng\s)/gu)) take(text.slice(m.index! + m[0].length));
  return [...new Set(out)];
}

/**
 * A duty whose sentence opens with something else and names its doer later, in a clause of its
 * own ("…được lập dự toán riêng, Văn phòng Ban trình Trưởng ban phê duyệt…"): a unit the plan
 * already named, followed by a duty verb in lower case.
 */
export function laterSubjectIn(text: string, known: readonly string[] = []): string | null {
  for (const m of text.matchAll(/[,;.]\s+(?=\p{Lu})/gu)) {
    const rest = text.slice(m.index! + m[0].length);
    const named = knownPrefix(rest, known);
    if (!named) continue;
    const after = rest.slice(named.length);
    const verb = DUTY_VERB.exec(after) ?? VERB.exec(after);
    if (verb && verb.index === 0 && /^\s\p{Ll}/u.test(after)) return named;
  }
  return null;
}

