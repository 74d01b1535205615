// Labelled parts of a task, wherever a drafter puts them: own lines under the task
// ("- Đơn vị chủ trì: Phòng X." / "- Thời gian thực hiện: Quý II/2025") or inside the sentence
// ("…; đơn vị chủ trì: Phòng X; thời hạn: trước ngày 30/6"). The labels are the column names of
// the task tables of Vietnamese plans (Chủ trì, Phối hợp, Thời gian/Thời hạn/Tiến độ, Sản phẩm, Kinh phí).
import { foldVietnamese } from "../text.ts";

export type FieldName = "lead" | "support" | "deadline" | "product" | "budget";
export type Fields = Partial<Record<FieldName, string>>;

// On folded text; the label must end with ":" (or "là").
const LABELS: [FieldName, string][] = [
  ["support", String.raw`(?:(?:don vi|co quan|bo phan|ca nhan)\s+)?phoi hop(?:\s+thuc hien)?`],
  ["lead", String.raw`(?:(?:don vi|co quan|bo phan|ca nhan)\s+)?(?:chu tri|thuc hien|dau moi|phu trach|chiu trach nhiem)(?:\s+thuc hien)?|(?:don vi|co quan)\s+chu quan`],
  ["deadline", String.raw`thoi gian(?:\s+(?:thuc hien|hoan thanh|trien khai|ban hanh))?|thoi han(?:\s+hoan thanh)?|tien do(?:\s+(?:thuc hien|hoan thanh))?|moc thoi gian|thoi diem(?:\s+hoan thanh)?`],
  ["product", String.raw`san pham(?:\s+dau ra)?(?:,?\s*ket qua)?|ket qua(?:\s+dau ra)?`],
  ["budget", String.raw`(?:nguon\s+)?kinh phi(?:\s+thuc hien)?`],
];
const LABEL_RE = new RegExp(`^(?:${LABELS.map(([, re]) => `(${re})`).join("|")})\\s*(?::|\\s-\\s)\\s*`);

function nameOf(m: RegExpExecArray): FieldName {
  const i = m.slice(1).findIndex((g) => g !== undefined);
  return LABELS[i][0];
}

/** Folding keeps one character per character (NFC input): offsets of folded text fit the original. */
function foldSameLength(s: string): string {
  const f = [...s].map((c) => foldVietnamese(c) || c).join("");
  return f.length === s.length ? f : s.toLowerCase();
}

const clean = (v: string) => v.replace(/^[\s:–-]+/, "").replace(/[\s.;,]+$/, "").trim();

/** A whole paragraph that is one labelled field ("Đơn vị chủ trì: Phòng X."), else null. */
export function fieldLine(text: string): { name: FieldName; value: string } | null {
  const t = text.normalize("NFC").replace(/^[-–•+]\s*/, "");
  const m = LABEL_RE.exec(foldSameLength(t));
  if (!m) return null;
  const value = clean(t.slice(m[0].length));
  return value === "" ? null : { name: nameOf(m), value };
}

/**
 * Labelled fields inside a sentence, cut out: "Rà soát…; đơn vị chủ trì: Phòng X; thời hạn: Quý II"
 * → {lead: "Phòng X", deadline: "Quý II"}, rest "Rà soát…". A label counts only after ";", "." or
 * a line start, so "phân công rõ đơn vị chủ trì, phối hợp" is not a field.
 */
export function inlineFields(text: string): { fields: Fields; rest: string } {
  const t = text.normalize("NFC");
  const f = foldSameLength(t);
  const starts: { at: number; name: FieldName; valueAt: number }[] = [];
  const re = new RegExp(`(^|[.;]\\s*|\\(\\s*)(?=(?:${LABELS.map(([, r]) => r).join("|")})\\s*:)`, "g");
  for (const m of f.matchAll(re)) {
    const at = m.index! + m[1].length;
    const l = LABEL_RE.exec(f.slice(at));
    if (l) starts.push({ at, name: nameOf(l), valueAt: at + l[0].length });
  }
  if (starts.length === 0) return { fields: {}, rest: text };
  const fields: Fields = {};
  starts.forEach((s, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].at : t.length;
    const value = clean(t.slice(s.valueAt, end).replace(/\)\s*$/, ""));
    if (value !== "" && fields[s.name] === undefined) fields[s.name] = value;
  });
  let rest = clean(t.slice(0, starts[0].at).replace(/\(\s*$/, ""));
  // "… (Sở X chủ trì, phối hợp Y; thời gian: Quý III)": the bracket the fields were cut from stays closed
  const open = (rest.match(/\(/g)?.length ?? 0) - (rest.match(/\)/g)?.length ?? 0);
  if (open > 0) rest = `${rest}${")".repeat(open)}`;
  return { fields, rest: rest === "" ? text : rest };
}
