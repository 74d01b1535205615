// The kind of value a question asks for, and whether an answer carries it. An answer is "found"
// only when it holds what was asked: a near-match with no money amount does not answer
// "bao nhiêu tiền?". Patterns are general Vietnamese/English ways to ask (folded).

export type ValueKind = "money" | "contact" | "person" | "score" | "headcount" | "birth";

const ASKS: [ValueKind, RegExp][] = [
  ["money", /\b(?:bao nhieu tien|so tien|may (?:trieu|ty|nghin)|bao nhieu (?:trieu|ty|nghin|dong)|(?:trieu|ty|nghin) dong|vnd|how much money|budget|cost)\b|\b(?:kinh phi|ngan sach|chi phi)\b.*\b(?:bao nhieu|la bao nhieu|how much)\b/],
  ["contact", /\b(?:so dien thoai|dien thoai|sdt|hotline|duong day nong|email|e-mail|thu dien tu|dia chi|so fax|fax|phone|address|contact)\b/],
  ["birth", /\b(?:sinh nam|nam sinh|ngay sinh|bao nhieu tuoi|may tuoi|que o dau|born|age of)\b/],
  ["score", /\b(?:xep thu|xep hang|dung thu|bao nhieu diem|may diem|diem so|dat (?:bao nhieu|may) diem|score|ranked|ranking)\b/],
  ["headcount", /\b(?:bao nhieu|may|so luong|how many)\s+(?:cong chuc|vien chuc|can bo|nguoi|nhan vien|phong|km|kilomet|xe|staff|employees|people|officials|rooms)\b(?!\s*,)/],
];

/** Titles of a person (folded) whose name a question may ask. */
const TITLE = /\b(?:pho giam doc|giam doc|chanh van phong|chanh thanh tra|pho chanh|truong phong|pho truong phong|truong ban|director|deputy director|chief|head of)\b/;
const PERSON = /\bten (?:la )?gi\b|\bla ai\b|\bai la\b|\bwho is\b|\bname of\b|\bwho'?s\b/;

/** A share is asked: "bao nhiêu %", "tỷ lệ", "phần trăm" — never an amount of money or a headcount. */
const SHARE = /%|\bphan tram\b|\bty le\b|\bti le\b|\bpercent(?:age)?\b|\bshare\b/;

export function askedValueKind(folded: string): ValueKind | null {
  for (const [kind, re] of ASKS) {
    if ((kind === "money" || kind === "headcount") && SHARE.test(folded)) continue;
    if (re.test(folded)) return kind;
  }
  if (PERSON.test(folded) && TITLE.test(folded)) return "person";
  return null;
}

/** The title a person question names ("giam doc", "chanh thanh tra"), folded. */
export function askedTitle(folded: string): string | null {
  return TITLE.exec(folded)?.[0] ?? null;
}

const CARRIES: Record<Exclude<ValueKind, "person" | "birth">, RegExp> = {
  money: /\d[\d.,]*\s*(?:trieu|ty|nghin|dong|vnd|d\b)/,
  contact: /@|\b0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}\b|\bso nha\b/,
  score: /\d+(?:[.,]\d+)?\s*diem\b|\bxep thu \d+|\bhang \d+\b/,
  headcount: /\b\d+\s+(?:cong chuc|vien chuc|can bo|nguoi|nhan vien|phong|km|xe)\b/,
};

/** Whether a folded answer text carries a value of that kind (person: handled by the caller). */
export function carriesValue(kind: ValueKind, foldedAnswer: string): boolean {
  if (kind === "birth") return false;
  if (kind === "person") return true;
  return CARRIES[kind].test(foldedAnswer);
}

export function missingValueText(kind: ValueKind, lang: "vi" | "en"): string {
  const vi: Record<ValueKind, string> = {
    money: "số tiền (kinh phí cụ thể)",
    contact: "số điện thoại, email hay địa chỉ liên hệ",
    person: "tên người giữ chức vụ này",
    birth: "thông tin cá nhân của người ký",
    score: "điểm số hay thứ hạng",
    headcount: "con số này",
  };
  const en: Record<ValueKind, string> = {
    money: "an amount of money",
    contact: "a phone number, email or address",
    person: "the name of whoever holds that post",
    birth: "personal details of the signer",
    score: "a score or ranking",
    headcount: "that figure",
  };
  return lang === "vi" ? vi[kind] : en[kind];
}
