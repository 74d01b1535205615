// Builds Word and PDF documents from the bundled text plans, inside the tests (no binary fixtures
// in the repository): .docx with the `docx` package, PDF with pdfkit and DejaVu Sans (Vietnamese glyphs).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
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
async function buildDocx(text: string, opts: DocxOptions = {}): Promise<Uint8Array> {
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
  const rows = appendixRows(block);
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
async function buildPdf(text: string, opts: PdfOptions = {}): Promise<Uint8Array> {
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

export const DEJAVU_BOLD = join(dirname(DEJAVU), "DejaVuSans-Bold.ttf");

export interface PdfTableOptions {
  /** cell borders drawn as lines (default true); false: a borderless table, rows told apart by spacing */
  borders?: boolean;
  /** STT and Mục tiêu merged down over a task's sub-rows, as in Word (default true; needs borders to be visible) */
  mergeCells?: boolean;
  fontSize?: number;
  /** the appendix's pages after its first numbered at the top centre, as Nghị định 30/2020 places page numbers */
  pageNumbers?: boolean;
}

/**
 * The appendix as its author typed it: the header once, each row the text's page breaks cut joined back
 * (the piece the text repeats at the break, "…TX, TP" / "TP", once).
 */
function appendixRows(block: string[]): string[][] {
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
    if (!continuation) {
      rows.push(cells);
      continue;
    }
    const prev = rows[rows.length - 1];
    cells.forEach((c, k) => {
      if (c && !(prev[k] === c || prev[k].endsWith(` ${c}`))) prev[k] = prev[k] ? `${prev[k]} ${c}` : c;
    });
  }
  return rows;
}

/** Greedy word wrap into lines no wider than `width` with the document's current font. */
function wrapText(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && doc.widthOfString(next) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A PDF of a plan whose appendix is drawn as a real table, the way Word prints one: a landscape
 * page, fixed column widths, cell text wrapped inside its column, a bold header repeated at the top
 * of every page, rows split line by line where the page ends (the rest goes on under the next
 * header), and — by default — STT and Mục tiêu merged down over a task's sub-rows.
 * The prose before and after is laid out as in planPdf.
 */
async function buildPdfTable(text: string, opts: PdfTableOptions = {}): Promise<Uint8Array> {
  const borders = opts.borders ?? true;
  const merge = (opts.mergeCells ?? true) && borders;
  const size = opts.fontSize ?? 8;
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const start = lines.findIndex(isTableLine);
  let end = start;
  while (end < lines.length && (isTableLine(lines[end]) || (lines[end] === "" && isTableLine(lines[end + 1] ?? "")))) end++;
  // the appendix starts a landscape page at its "Phụ lục" heading
  let landscapeAt = start;
  for (let i = start - 1; i >= Math.max(0, start - 8); i--) if (/^Phụ lục\b/u.test(lines[i])) landscapeAt = i;

  const doc = new PDFDocument({ size: "A4", margin: 50 });
  const prose = (from: number, to: number) => {
    doc.font(DEJAVU).fontSize(10);
    for (const line of lines.slice(from, to)) {
      if (line.trim() === "") doc.moveDown(1);
      else doc.text(line.replace(/\t/g, "    "));
    }
  };
  prose(0, landscapeAt);
  doc.addPage({ size: "A4", layout: "landscape", margin: 40 });
  prose(landscapeAt, start);

  const rows = appendixRows(lines.slice(start, end).filter(isTableLine));
  const [header, ...body] = rows;
  const ratios = [0.04, 0.15, 0.14, 0.14, 0.12, 0.1, 0.12, 0.11, 0.08];
  const left = 40;
  const tableWidth = doc.page.width - 80;
  const widths = ratios.map((r) => r * tableWidth);
  const xs = widths.reduce((acc, w) => [...acc, acc[acc.length - 1] + w], [left]);
  const right = xs[xs.length - 1];
  const bottomLimit = doc.page.height - 40;
  const pad = 3;
  const lh = size * 1.25;
  doc.fontSize(size).lineWidth(0.6);

  const hline = (y: number, x0 = left, x1 = right) => borders && doc.moveTo(x0, y).lineTo(x1, y).stroke();
  const vlines = (y0: number, y1: number, at: number[]) => borders && at.forEach((x) => doc.moveTo(x, y0).lineTo(x, y1).stroke());

  let y = 0;
  let pageNo = 1;
  const drawHeader = (top: number) => {
    doc.font(DEJAVU_BOLD).fontSize(size);
    const cells = header.map((h, k) => wrapText(doc, h, widths[k] - 2 * pad));
    const height = Math.max(...cells.map((c) => c.length)) * lh + 2 * pad;
    cells.forEach((c, k) =>
      c.forEach((l, i) => {
        // centred, as header rows usually are: the columns' left edges are not under the header words
        const x = xs[k] + (widths[k] - doc.widthOfString(l)) / 2;
        doc.text(l, x, top + pad + i * lh, { lineBreak: false });
      }),
    );
    hline(top);
    hline(top + height);
    vlines(top, top + height, xs);
    doc.font(DEJAVU).fontSize(size);
    y = top + height;
  };
  const newPage = () => {
    hline(y); // a row cut by the page end is closed there, as Word does
    doc.addPage({ size: "A4", layout: "landscape", margin: 40 });
    if (opts.pageNumbers) {
      const no = String(++pageNo);
      doc.text(no, (doc.page.width - doc.widthOfString(no)) / 2, 20, { lineBreak: false });
    }
    drawHeader(40);
  };

  // each body row: its cells' wrapped lines; section rows span the columns after their first cell
  type Laid = { cells: string[]; spans: number[][]; lines: string[][]; own: number; group: number; first: boolean };
  doc.font(DEJAVU).fontSize(size);
  const laid: Laid[] = [];
  let group = -1;
  for (const cells of body) {
    const section = cells.slice(2).every((c) => c === "") && cells[0] !== "";
    const spans = section ? (cells[1] === "" ? [[0, 9]] : [[0, 1], [1, 9]]) : cells.map((_, k) => [k, k + 1]);
    const lines = spans.map(([a, b]) => wrapText(doc, cells[a], xs[b] - xs[a] - 2 * pad));
    const sub = merge && !section && cells[0] === "" && cells[1] === "" && group >= 0 && !laid[laid.length - 1].spans.some((s) => s[1] - s[0] > 1);
    if (!sub) group++;
    laid.push({ cells, spans, lines, own: 1, group, first: !sub });
  }
  // a row is as tall as its tallest own cell; a group's merged cells (STT, Mục tiêu) flow down over its sub-rows
  const mergedCols = (r: Laid) => (merge && r.spans.length === 9 ? [0, 1] : []);
  const groupLines = new Map<number, string[][]>();
  for (const r of laid) {
    const own = r.lines.filter((_, k) => !mergedCols(r).includes(k));
    r.own = Math.max(1, ...own.map((l) => l.length));
    if (r.first && mergedCols(r).length) groupLines.set(r.group, [r.lines[0], r.lines[1]]);
  }
  for (const [g, merged] of groupLines) {
    const members = laid.filter((r) => r.group === g);
    const total = members.reduce((s, r) => s + r.own, 0);
    members[members.length - 1].own += Math.max(0, Math.max(merged[0].length, merged[1].length) - total);
  }

  drawHeader(doc.y + 6);
  let groupOffset = 0;
  for (const r of laid) {
    if (r.first) groupOffset = 0;
    const merged = mergedCols(r);
    for (let from = 0; from < r.own; ) {
      const fits = Math.floor((bottomLimit - y - 2 * pad) / lh);
      if (fits < 1) {
        newPage();
        continue;
      }
      const take = Math.min(fits, r.own - from);
      const top = y;
      r.spans.forEach(([a], k) => {
        const source = merged.includes(k) ? groupLines.get(r.group)![k].slice(groupOffset + from, groupOffset + from + take) : r.lines[k].slice(from, from + take);
        source.forEach((l, i) => doc.text(l, xs[a] + pad, top + pad + i * lh, { lineBreak: false }));
      });
      y = top + take * lh + 2 * pad;
      // merged cells have no rule between the sub-rows they cover
      hline(top, r.first || from > 0 ? left : xs[merged.length], right);
      vlines(top, y, [...new Set([left, ...r.spans.map(([, b]) => xs[b])])]);
      from += take;
      if (from < r.own) newPage();
    }
    groupOffset += r.own;
  }
  hline(y);
  doc.x = left;
  doc.y = y + 12;
  prose(end, lines.length);
  return collect(doc);
}

// Building a document takes up to a second (pdfkit lays out every line): each one is built once and
// kept under node_modules/.cache, keyed by its inputs and this file's source, so the test files of a
// run and later runs reuse it. A change to the text, the options or the builders builds it anew.
const CACHE_DIR = new URL("../../node_modules/.cache/test-documents/", import.meta.url).pathname;
const BUILDERS_HASH = createHash("sha256").update(readFileSync(new URL(import.meta.url))).digest("hex");
const memo = new Map<string, Promise<Uint8Array>>();

function cached<O>(kind: string, build: (text: string, opts: O) => Promise<Uint8Array>) {
  return (text: string, opts = {} as O): Promise<Uint8Array> => {
    const key = createHash("sha256").update(JSON.stringify([BUILDERS_HASH, kind, opts, text])).digest("hex");
    let p = memo.get(key);
    if (!p) {
      p = (async () => {
        const file = join(CACHE_DIR, `${key}.bin`);
        try {
          return new Uint8Array(readFileSync(file));
        } catch {
          const bytes = await build(text, opts);
          try {
            mkdirSync(CACHE_DIR, { recursive: true });
            const tmp = `${file}.${process.pid}.tmp`;
            writeFileSync(tmp, bytes);
            renameSync(tmp, file); // atomic: parallel test files never read half a file
          } catch {
            // no cache (read-only node_modules): built each time
          }
          return bytes;
        }
      })();
      memo.set(key, p);
    }
    // a fresh copy: a test may change its bytes
    return p.then((b) => new Uint8Array(b));
  };
}

/** A .docx whose paragraphs are the plan's lines (blank lines → empty paragraphs) and whose tab-separated lines are Word tables. */
export const planDocx = cached<DocxOptions>("docx", buildDocx);
/** A PDF with one text line per plan line (long lines wrap, as a PDF's text does); blank lines are vertical space. */
export const planPdf = cached<PdfOptions>("pdf", buildPdf);
/** A PDF of a plan whose appendix is drawn as a real table (see buildPdfTable). */
export const planPdfTable = cached<PdfTableOptions>("pdf-table", buildPdfTable);
