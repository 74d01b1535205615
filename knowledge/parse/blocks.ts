// Shared pieces of the shape parsers: source lines, Markdown clean-up, list markers,
// and the rejoining of paragraphs that a page break cut in two.
import { joinLines, repairLine, type Paragraph } from "../text.ts";

export interface SourceLine {
  text: string;
  line: number; // 1-based
}

export function toSourceLines(text: string): SourceLine[] {
  return text.split("\n").map((t, i) => ({ text: t, line: i + 1 }));
}

/** One line of text without Markdown emphasis or heading marks, syllables repaired. */
export function cleanLine(raw: string): string {
  const s = raw
    .replace(/\t/g, " ")
    .replace(/^\s*#{1,6}\s+/, "")
    .replace(/\*+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return repairLine(s);
}

export type MarkerType = "dieu" | "roman" | "num" | "sub" | "letter" | "dash" | "plus";

export interface Marker {
  type: MarkerType;
  label: string; // "II", "2", "1.1", "a", "Điều 2"
  length: number; // characters the marker takes at the start of the text
}

const MARKERS: { type: MarkerType; re: RegExp; label: (m: RegExpExecArray) => string }[] = [
  { type: "dieu", re: /^Điều (\d+)\.?\s*/u, label: (m) => `Điều ${m[1]}` },
  // "I. MỤC ĐÍCH", "VII CÔNG TÁC…" (the appendix drops the dot once); no Vietnamese sentence starts with "I "
  { type: "roman", re: /^([IVX]{1,5})(?:\.\s*|\s+(?=\p{Lu}))(?=\S)/u, label: (m) => m[1] },
  { type: "sub", re: /^(\d{1,2})\.(\d{1,2})\.?\s+/u, label: (m) => `${m[1]}.${m[2]}` },
  { type: "num", re: /^(\d{1,2})\.\s*(?=\p{L})/u, label: (m) => m[1] },
  { type: "letter", re: /^([a-zđ])\)\s*/u, label: (m) => m[1] },
  { type: "dash", re: /^[-–•]\s*(?=\S)/u, label: () => "-" },
  { type: "plus", re: /^\+\s*(?=\S)/u, label: () => "+" },
];

export function readMarker(text: string): Marker | null {
  for (const m of MARKERS) {
    const hit = m.re.exec(text);
    if (hit) return { type: m.type, label: m.label(hit), length: hit[0].length };
  }
  return null;
}

const TERMINAL = /[.;:!?)]$/;

/**
 * Plans typed one paragraph per line still break at page ends ("…Tích cực chủ động nghiên cứu, sáng"
 * / "tao, áp dụng…"). A paragraph that does not end a sentence and is followed by one that starts
 * in lower case (or with an acronym, after a long unfinished one) is the same paragraph.
 */
export function joinPageBreaks(paragraphs: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    const prev = out[out.length - 1];
    if (prev && continues(prev.text, p.text)) {
      const offset = prev.text.length + 1;
      out[out.length - 1] = {
        text: `${prev.text} ${p.text}`,
        line: prev.line,
        spans: [...prev.spans, ...p.spans.map((s) => ({ offset: s.offset + offset, line: s.line }))],
      };
    } else out.push(p);
  }
  return out;
}

function continues(prev: string, next: string): boolean {
  if (TERMINAL.test(prev) || readMarker(next)) return false;
  if (/^\p{Ll}/u.test(next)) return true;
  return /^[A-ZĐ]{2,}\s+\p{Ll}/u.test(next) && prev.split(" ").length >= 12;
}

/** Each non-empty line is a paragraph (headed and plain numbered text). */
export function linePerParagraph(lines: SourceLine[], split: (text: string) => string[] = (t) => [t]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const l of lines) {
    for (const piece of split(l.text)) {
      const text = cleanLine(piece);
      if (text !== "") out.push(joinLines([{ text, line: l.line }]));
    }
  }
  return joinPageBreaks(out);
}

export function isAllCaps(text: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(text) && !/\p{Ll}/u.test(text);
}
