// Shape 2: plain text with numbered sections (Tiền Giang, Quảng Trị's body): "I. MỤC TIÊU",
// "1. Mục tiêu chung", "- …" bullets, one paragraph per line, blank lines between.
import type { Paragraph } from "../text.ts";
import { linePerParagraph, type SourceLine } from "./blocks.ts";

export function numberedParagraphs(lines: SourceLine[]): Paragraph[] {
  return linePerParagraph(lines);
}
