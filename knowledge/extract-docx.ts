// Word (.docx) → text lines. Paragraphs become lines; each table row becomes one tab-separated
// line of its cells' text, so an appendix reads exactly like the tab-separated appendix of a
// text plan. Merged cells (rowspan/colspan) are padded with empty cells to keep the columns.
import mammoth from "mammoth";
import { ExtractError } from "./extract-error.ts";

export async function docxToText(bytes: Uint8Array, file: string): Promise<string> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        ignoreEmptyParagraphs: false,
        // images carry no text; keep the HTML small
        convertImage: mammoth.images.imgElement(async () => ({ src: "" })),
        externalFileAccess: false,
      },
    );
    html = result.value;
  } catch (e) {
    throw new ExtractError(file, `Tệp Word ${file} bị hỏng hoặc không đọc được.`, "corrupt", e);
  }
  return htmlToLines(html).join("\n");
}

const BLOCK = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"]);

interface Cell {
  text: string;
  colspan: number;
  rowspan: number;
}

/** Walks mammoth's (simple, well-formed) HTML. Exported for tests. */
export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  let buf = ""; // text of the current paragraph (outside tables)
  let tableDepth = 0;
  let row: Cell[] | null = null;
  let cell: Cell | null = null;
  let rows: Cell[][] = [];
  const lists: { ordered: boolean; n: number }[] = [];

  const flushParagraph = () => {
    // tabs stay: a tab-separated appendix typed as paragraphs still reads as a table
    lines.push(buf.replace(/[^\S\t\n]+/g, " ").replace(/^ +| +$/g, ""));
    buf = "";
  };
  const addText = (t: string) => {
    if (cell) cell.text += t;
    else if (tableDepth === 0) buf += t;
  };

  for (const m of html.matchAll(/<(\/?)([a-zA-Z0-9]+)([^>]*?)(\/?)>|([^<]+)/g)) {
    if (m[5] !== undefined) {
      addText(decodeEntities(m[5]));
      continue;
    }
    const closing = m[1] === "/";
    const tag = m[2].toLowerCase();
    const attrs = m[3];
    if (tag === "table") {
      if (!closing) {
        tableDepth++;
        if (tableDepth === 1) rows = [];
        else if (cell) cell.text += " "; // a nested table: its text stays in the outer cell
      } else {
        tableDepth--;
        if (tableDepth === 0) lines.push(...rowsToLines(rows));
      }
      continue;
    }
    if (tableDepth > 1) {
      if (["p", "td", "th", "br", "li"].includes(tag) && cell) cell.text += " ";
      continue;
    }
    if (tableDepth === 1) {
      if (tag === "tr") {
        if (!closing) row = [];
        else if (row) {
          rows.push(row);
          row = null;
        }
      } else if (tag === "td" || tag === "th") {
        if (!closing) {
          cell = { text: "", colspan: attrNumber(attrs, "colspan"), rowspan: attrNumber(attrs, "rowspan") };
        } else if (cell && row) {
          row.push(cell);
          cell = null;
        }
      } else if (cell && (BLOCK.has(tag) || tag === "br") && (closing || tag === "br")) {
        cell.text += " "; // paragraphs inside a cell are one cell: join with a space
      }
      continue;
    }
    // outside tables
    if (tag === "ol" || tag === "ul") {
      if (!closing) lists.push({ ordered: tag === "ol", n: 0 });
      else lists.pop();
    } else if (tag === "br") {
      flushParagraph();
    } else if (BLOCK.has(tag)) {
      if (!closing) {
        if (buf.trim()) flushParagraph();
        buf = "";
        if (/^h[1-6]$/.test(tag)) buf = "#".repeat(Number(tag[1])) + " ";
        if (tag === "li") {
          // Word's automatic numbering is not text; mammoth drops it, so number the items again
          const list = lists[lists.length - 1];
          if (list) buf = list.ordered ? `${++list.n}. ` : "- ";
        }
      } else {
        flushParagraph();
      }
    }
  }
  if (buf.trim()) flushParagraph();
  return lines;
}

function attrNumber(attrs: string, name: string): number {
  const m = new RegExp(`${name}="(\\d+)"`).exec(attrs);
  return m ? Math.max(1, Number(m[1])) : 1;
}

/** Lays the rows out on a grid: a cell merged down (rowspan) or across (colspan) leaves empty cells. */
function rowsToLines(rows: Cell[][]): string[] {
  const pending: number[] = []; // column → rows still covered by a rowspan from above
  return rows.map((cells) => {
    const out: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((pending[col] ?? 0) > 0) {
        pending[col]--;
        out.push("");
        col++;
      }
    };
    for (const c of cells) {
      skipCovered();
      out.push(cellText(c.text));
      for (let k = 0; k < c.colspan; k++) {
        if (k > 0) out.push("");
        pending[col] = c.rowspan - 1;
        col++;
      }
    }
    skipCovered();
    return out.join("\t");
  });
}

function cellText(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos|nbsp);/g, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " } as Record<string, string>)[e];
  });
}
