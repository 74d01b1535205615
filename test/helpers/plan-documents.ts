// Builds Word and PDF documents from the bundled text plans, inside the tests (no binary fixtures
// in the repository): .docx with the `docx` package, PDF with pdfkit and DejaVu Sans (Vietnamese glyphs).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { deflateSync } from "node:zlib";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from "docx";
import PDFDocument from "pdfkit";

export const PLANS_DIR = new URL("../../data/plans/", import.meta.url).pathname;

export function planText(file: string): string {
  return readFileSync(join(PLANS_DIR, file), "utf8");
}

const require = createRequire(import.meta.url);
export const DEJAVU = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", "DejaVuSans.ttf");

const isTableLine = (l: string) => l.includes("\t");
const isHeader = (l: string) => l.startsWith("STT\t");

function cellsOf(line: string): string[] {
  return line.split("\t");
}

function row(cells: { text: string; rowSpan?: number; columnSpan?: number }[], header = false): TableRow {
  return new TableRow({
    tableHeader: header,
    children: cells.map(
      (c) =>
        new TableCell({
          children: [new Paragraph(c.text)],
          ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
          ...(c.columnSpan && c.columnSpan > 1 ? { columnSpan: c.columnSpan } : {}),
        }),
    ),
  });
}

function table(rows: TableRow[]): Table {
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

export interface DocxOptions {
  /**
   * literal: every tab-separated block (between blank lines) becomes its own Word table, row for row,
   * repeated headers and page-break continuation rows included — the text's exact twin.
   * real: the appendix as an author would make it in Word: one table, the header once (repeated by
   * Word on each page), continuation rows joined back into their row, STT/Mục tiêu merged down over
   * a task's sub-rows, section rows merged across.
   */
  tables?: "literal" | "real";
}

/** A .docx whose paragraphs are the plan's lines (blank lines → empty paragraphs) and whose tab-separated lines are Word tables. */
export async function planDocx(text: string, opts: DocxOptions = {}): Promise<Uint8Array> {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const children: (Paragraph | Table)[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isTableLine(lines[i])) {
      children.push(new Paragraph(lines[i]));
      i++;
      continue;
    }
    if (opts.tables === "real") {
      // the whole appendix: table lines and the blank lines between its page blocks
      const block: string[] = [];
      while (i < lines.length && (isTableLine(lines[i]) || (lines[i] === "" && isTableLine(lines[i + 1] ?? "")))) {
        if (lines[i] !== "") block.push(lines[i]);
        i++;
      }
      children.push(realTable(block));
    } else {
      const block: string[] = [];
      while (i < lines.length && isTableLine(lines[i])) block.push(lines[i++]);
      children.push(table(block.map((l) => row(cellsOf(l).map((text) => ({ text })), isHeader(l)))));
    }
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function realTable(block: string[]): Table {
  const width = cellsOf(block[0]).length;
  // 1. drop repeated headers, joining a row cut by the page break back into the row before it
  const rows: string[][] = [];
  let afterRepeatedHeader = false;
  for (const line of block) {
    if (isHeader(line)) {
      if (rows.length === 0) rows.push(cellsOf(line));
      else afterRepeatedHeader = true;
      continue;
    }
    const cells = cellsOf(line);
    const continuation = afterRepeatedHeader && cells[0] === "" && (cells[5] === "" || cells[7] === "");
    afterRepeatedHeader = false;
    if (continuation) {
      const prev = rows[rows.length - 1];
      // as an author would retype it: the piece the PDF repeated at the break ("…TX, TP" / "TP") once
      cells.forEach((c, k) => {
        if (c && !(prev[k] === c || prev[k].endsWith(` ${c}`))) prev[k] = prev[k] ? `${prev[k]} ${c}` : c;
      });
    } else rows.push(cells);
  }
  // 2. lay out: section rows merged across, STT/Mục tiêu merged down over sub-rows
  const out: TableRow[] = [row(rows[0].map((text) => ({ text })), true)];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    const filled = cells.filter((c) => c !== "").length;
    if (filled <= 2 && cells.slice(2).every((c) => c === "")) {
      // "I  CẢI CÁCH THỂ CHẾ" (or the whole title in the first cell)
      const used = cells[1] === "" ? [{ text: cells[0], columnSpan: width }] : [{ text: cells[0] }, { text: cells[1], columnSpan: width - 1 }];
      out.push(row(used));
      continue;
    }
    let span = 1;
    while (r + span < rows.length && rows[r + span][0] === "" && rows[r + span][1] === "" && cells[0] !== "") span++;
    if (cells[0] === "" && cells[1] === "" && isCoveredFromAbove(rows, r)) {
      out.push(row(cells.slice(2).map((text) => ({ text }))));
      continue;
    }
    out.push(row(cells.map((text, k) => ({ text, rowSpan: k < 2 ? span : 1 }))));
  }
  return table(out);
}

/** A sub-row whose STT and Mục tiêu belong to the numbered row above it. */
function isCoveredFromAbove(rows: string[][], r: number): boolean {
  for (let k = r - 1; k >= 1; k--) {
    if (rows[k][0] === "" && rows[k][1] === "") continue;
    return rows[k][0] !== "" && rows[k].slice(2).some((c) => c !== "");
  }
  return false;
}

export interface PdfOptions {
  /** password needed to open the file (pdf.js refuses it without) */
  userPassword?: string;
  fontSize?: number;
}

async function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A PDF with one text line per plan line (long lines wrap, as a PDF's text does); blank lines are vertical space. */
export async function planPdf(text: string, opts: PdfOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 50,
    ...(opts.userPassword ? { userPassword: opts.userPassword, ownerPassword: "owner", pdfVersion: "1.7" as const } : {}),
  });
  doc.font(DEJAVU).fontSize(opts.fontSize ?? 10);
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (line.trim() === "") doc.moveDown(1);
    else doc.text(line.replace(/\t/g, "    "));
  }
  return collect(doc);
}

/** A "scanned" PDF: pages that are only pictures, no text layer. */
export async function scannedPdf(pages = 2): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", margin: 50 });
  const png = grayPng(64, 64);
  for (let p = 0; p < pages; p++) {
    if (p > 0) doc.addPage();
    doc.image(Buffer.from(png), 50, 50, { width: 495 });
  }
  return collect(doc);
}

/** A small gray PNG, encoded by hand (a scan stand-in). */
function grayPng(w: number, h: number): Uint8Array {
  const raw = Buffer.alloc((w + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[y * (w + 1) + 1 + x] = (x * 7 + y * 13) & 0xff;
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** The same bytes with every occurrence of one ASCII name replaced by another of the same length. */
export function renameInZip(bytes: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error("same length only");
  const out = Buffer.from(bytes);
  let at = out.indexOf(from, 0, "latin1");
  while (at >= 0) {
    out.write(to, at, "latin1");
    at = out.indexOf(from, at + 1, "latin1");
  }
  return new Uint8Array(out);
}
