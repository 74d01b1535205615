// Shape 3: text extracted from a PDF (Đắk Lắk): every printed line is a line of its own, so a
// sentence runs over several lines, and syllables are split by spaces. Lines are joined back into
// paragraphs; each paragraph remembers where every line starts.
import { joinLines, type Paragraph } from "../text.ts";
import { cleanLine, isAllCaps, readMarker, type SourceLine } from "./blocks.ts";
import { splitGluedBold } from "./headed.ts";

const TERMINAL = /[.;:!?]$/;
// Paragraphs that open this way never continue the line above ("…định hướng đến năm 2030" / "Thực hiện…").
const OPENS = /^(Căn cứ|Thực hiện|Xét đề nghị|Trên đây|Nơi nhận)\s/u;

/** Many lines end mid-sentence and the next line goes on in lower case. */
export function isWrappedText(lines: SourceLine[]): boolean {
  const texts = lines.map((l) => l.text.trim()).filter((t) => t !== "" && !t.includes("\t"));
  if (texts.length < 10) return false;
  let cut = 0;
  for (let i = 0; i + 1 < texts.length; i++) {
    if (!/[.;:!?)]$/.test(texts[i]) && /^\p{Ll}/u.test(texts[i + 1])) cut++;
  }
  return cut / texts.length > 0.15;
}

// Lines that always stand alone: the document number and the place-and-date line of the header.
// (a lone acronym like "TTHC." or "CCHC:" is the end of the sentence above, not a heading)
function standsAlone(text: string): boolean {
  return (isAllCaps(text) && text.includes(" ")) || /^Số\s*:?\s*[\d/]/u.test(text) || /^[\p{L} ]+, ngày .*năm \d{4}$/u.test(text) || /^Độc lập/u.test(text);
}

/** "1. Mục đích", "1.2. Cải cách thể chế": a numbered title on a line of its own. */
function isShortHeading(text: string): boolean {
  const m = readMarker(text);
  if (!m || m.type === "dash" || m.type === "plus") return false;
  const rest = text.slice(m.length);
  return rest.split(/\s+/).length <= 12 && !/[,;]$/.test(rest);
}

export function wrappedParagraphs(lines: SourceLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let current: SourceLine[] = [];
  let lastWasHeading = false;
  const flush = () => {
    if (current.length > 0) out.push(joinLines(current));
    current = [];
  };
  const pieces = lines.flatMap((l) => splitGluedBold(l.text).map((text) => ({ text, line: l.line })));
  for (const l of pieces) {
    if (l.text === "") continue; // the extractor puts an empty line after every printed line
    const text = cleanLine(l.text);
    if (text === "") {
      flush(); // a line of spaces: a real gap in the document
      continue;
    }
    const prev = current[current.length - 1]?.text;
    const heading = /^\s*#{1,6}\s/.test(l.text);
    const newParagraph =
      prev === undefined ||
      heading ||
      lastWasHeading ||
      (current.length === 1 && isShortHeading(prev) && /^\p{Lu}/u.test(text)) ||
      readMarker(text) !== null ||
      standsAlone(text) ||
      standsAlone(prev) ||
      OPENS.test(text) ||
      (TERMINAL.test(prev) && /^[\p{Lu}(]/u.test(text)) ||
      // "…việc tiếp nhận;" / "100% tổ hòa giải…": a list of clauses inside one item goes on after a semicolon
      (/[.:!?]$/.test(prev) && /^\d/u.test(text));
    if (newParagraph) flush();
    current.push({ text, line: l.line });
    lastWasHeading = heading;
  }
  flush();
  return out;
}
