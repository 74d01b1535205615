// Shape 1: Markdown-like text (Sơn La, Lạng Sơn): "## 2. Cải cách thể chế", "**1. Ban Chỉ đạo…:**",
// one paragraph per line. Heading levels (#) are not trusted — the numbering decides the outline.
import type { Paragraph } from "../text.ts";
import { linePerParagraph, type SourceLine } from "./blocks.ts";

/** Markdown headings or bold runs on several lines. */
export function isHeadedText(lines: SourceLine[]): boolean {
  const marked = lines.filter((l) => /^\s*#{1,6}\s/.test(l.text) || /\*\*\S/.test(l.text)).length;
  return marked >= 3;
}

/** "**I. MỤC ĐÍCH, YÊU CẦU****1. Mục đích**": two bold headings glued on one line. */
export function splitGluedBold(text: string): string[] {
  return text.split(/\*{4,}/);
}

export function headedParagraphs(lines: SourceLine[]): Paragraph[] {
  return linePerParagraph(lines, splitGluedBold);
}
