// Which parser reads a text: chosen by what the text looks like, never by the file's name.
import type { Paragraph } from "../text.ts";
import { appendixStart, findAppendixTable } from "./appendix.ts";
import type { SourceLine } from "./blocks.ts";
import { headedParagraphs, isHeadedText } from "./headed.ts";
import { numberedParagraphs } from "./numbered.ts";
import { isWrappedText, wrappedParagraphs } from "./wrapped.ts";

export type BodyShape = "headed" | "wrapped" | "numbered";

export interface Layout {
  shape: BodyShape;
  /** the body (everything before the appendix) as paragraphs */
  paragraphs: Paragraph[];
  /** lines of the tab-separated appendix, or [] */
  appendix: SourceLine[];
}

/** Hard wrapping wins: a PDF of a Markdown-like plan still needs its lines joined (and loses its marks on the way). */
export function detectShape(lines: SourceLine[]): BodyShape {
  if (isWrappedText(lines)) return "wrapped";
  if (isHeadedText(lines)) return "headed";
  return "numbered";
}

export function layoutOf(lines: SourceLine[]): Layout {
  const table = findAppendixTable(lines);
  const end = table >= 0 ? appendixStart(lines, table) : lines.length;
  const body = lines.slice(0, end);
  const shape = detectShape(body);
  const paragraphs = shape === "headed" ? headedParagraphs(body) : shape === "wrapped" ? wrappedParagraphs(body) : numberedParagraphs(body);
  return { shape, paragraphs, appendix: table >= 0 ? lines.slice(table) : [] };
}
