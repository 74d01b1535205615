// Renders a holdout plan (.txt, flattened the way a text export flattens a Word file) back into the
// documents staff send: a .docx as its author would have made it in Word, and a PDF drawn with pdfkit.
// The text is read into blocks: letterhead, paragraphs (headings told apart), tables (tab- or
// "|"-separated lines) and the signature block; each renderer lays the blocks out in its own way.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import PDFDocument from "pdfkit";
import { DEJAVU, DEJAVU_BOLD } from "../helpers/plan-documents.ts";

export type Block =
  | { kind: "pair"; role: "letterhead" | "signature"; left: string[]; right: string[] }
  | { kind: "title"; lines: string[] }
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "para"; text: string }
  | { kind: "blank" }
  | { kind: "table"; header: string[]; rows: string[][] }
  | { kind: "landscape" };

const ROMAN = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.?$/;
const isTabRow = (l: string) => l.includes("\t");
const isPipeRow = (l: string) => (l.match(/\|/g) ?? []).length >= 2;
const cellsOf = (l: string) => (isTabRow(l) ? l.split("\t") : l.split("|")).map((c) => c.trim());
const RIGHT_PART = /^(CỘNG HÒA|Độc lập|.+, ngày \d{1,2} tháng \d{1,2} năm \d{4})/;
const TITLE = /^(KẾ HOẠCH|QUYẾT ĐỊNH|PHỤ LỤC)$/;

/** A copy from a legal website: separator lines under the letterhead, no two-column layout. */
const isWebsiteCopy = (lines: string[]) => lines.slice(0, 8).some((l) => /^-{3,}$/.test(l.trim()));

export function parsePlan(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  const web = isWebsiteCopy(lines);
  const out: Block[] = [];
  let i = 0;
  if (!web) {
    // letterhead: everything before the first title line
    const left: string[] = [];
    const right: string[] = [];
    while (i < lines.length && !TITLE.test(lines[i].trim())) {
      const l = lines[i++];
      if (!l.trim()) continue;
      if (isTabRow(l)) {
        const [a, b = ""] = l.split("\t");
        if (a.trim()) left.push(a.trim());
        if (b.trim()) right.push(b.trim());
      } else (RIGHT_PART.test(l.trim()) ? right : left).push(l.trim());
    }
    out.push({ kind: "pair", role: "letterhead", left, right });
  }
  while (i < lines.length) {
    const l = lines[i];
    const t = l.trim();
    if (!t) {
      out.push({ kind: "blank" });
      i++;
      continue;
    }
    if (!web && /^Nơi nhận:/.test(t)) {
      // signature block: until a blank line followed by something else, or the end
      const left: string[] = [];
      const right: string[] = [];
      let j = i;
      const tabbed = isTabRow(l);
      while (j < lines.length && lines[j].trim() !== "" ) {
        const s = lines[j];
        if (tabbed) {
          const [a, b = ""] = s.split("\t");
          if (a.trim()) left.push(a.trim());
          if (b.trim()) right.push(b.trim());
        } else if (/^(Nơi nhận:|- )/.test(s.trim())) left.push(s.trim());
        else right.push(s.trim());
        j++;
        // an untabbed block carries on over the blank lines before the signer's name
        if (!tabbed && j < lines.length && lines[j].trim() === "" && right.length && j + 1 < lines.length) {
          let k = j;
          while (k < lines.length && lines[k].trim() === "") k++;
          if (k < lines.length && k - j <= 3 && !TITLE.test(lines[k].trim()) && !/^[IVX]+\./.test(lines[k].trim())) j = k;
        }
      }
      out.push({ kind: "pair", role: "signature", left, right });
      i = j;
      continue;
    }
    if (isTabRow(l) || isPipeRow(l)) {
      const rows: string[][] = [];
      while (i < lines.length && (isTabRow(lines[i]) || isPipeRow(lines[i]))) rows.push(cellsOf(lines[i++]));
      const [header, ...body] = rows;
      const width = header.length;
      const same = (r: string[]) => r.join("\u0001") === header.join("\u0001");
      out.push({
        kind: "table",
        header,
        rows: body.filter((r) => !same(r)).map((r) => [...r, ...Array(Math.max(0, width - r.length)).fill("")].slice(0, width)),
      });
      continue;
    }
    if (!web && t === "PHỤ LỤC") out.push({ kind: "landscape" });
    if (!web && TITLE.test(t)) {
      // the title and its subject lines up to the first blank line or "Căn cứ"
      const tl = [t];
      i++;
      while (i < lines.length && lines[i].trim() && !/^Căn cứ/.test(lines[i].trim()) && !isTabRow(lines[i]) && !isPipeRow(lines[i])) tl.push(lines[i++].trim());
      out.push({ kind: "title", lines: tl });
      continue;
    }
    // a website copy has lost its heading styles: its headings are ordinary paragraphs
    if (web) out.push({ kind: "para", text: t });
    else if (/^([IVX]+)\.\s/.test(t) && t.length < 140) out.push({ kind: "heading", level: 1, text: t });
    else if ((/^\d+(\.\d+)*\.\s/.test(t) && t.length < 110 && !/[.;]$/.test(t)) || /^Điều \d+\.$/.test(t)) out.push({ kind: "heading", level: 2, text: t });
    else out.push({ kind: "para", text: t });
    i++;
  }
  return out;
}

/** A table row whose first cell is a roman numeral and the rest (after the title) empty: a group row. */
export const isGroupRow = (r: string[]) => ROMAN.test(r[0]) && r.slice(2).every((c) => c === "");

// ---------------------------------------------------------------- docx

const p = (text: string, opts: { bold?: boolean; center?: boolean; italic?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : undefined,
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italic })],
  });

function pairTable(b: Extract<Block, { kind: "pair" }>): Table {
  const sig = b.role === "signature";
  const leftParas = b.left.map((t) => p(t, { bold: !sig || t === "Nơi nhận:", center: !sig }));
  const rightParas = b.right.map((t) => p(t, { bold: true, center: true }));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: sig ? 55 : 40, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE, children: leftParas.length ? leftParas : [p("")] }),
          new TableCell({ width: { size: sig ? 45 : 60, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE, children: rightParas.length ? rightParas : [p("")] }),
        ],
      }),
    ],
  });
}

function gridTable(b: Extract<Block, { kind: "table" }>): Table {
  const width = b.header.length;
  const rows = [
    new TableRow({ tableHeader: true, children: b.header.map((h) => new TableCell({ children: [p(h, { bold: true, center: true })] })) }),
    ...b.rows.map((r) =>
      isGroupRow(r)
        ? new TableRow({
            children: [
              new TableCell({ children: [p(r[0], { bold: true })] }),
              new TableCell({ columnSpan: width - 1, children: [p(r[1], { bold: true })] }),
            ],
          })
        : new TableRow({ children: r.map((c) => new TableCell({ children: [p(c)] })) }),
    ),
  ];
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
}

export async function planDocx(text: string): Promise<Uint8Array> {
  const blocks = parsePlan(text);
  const sections: { landscape: boolean; children: (Paragraph | Table)[] }[] = [{ landscape: false, children: [] }];
  for (const b of blocks) {
    let cur = sections[sections.length - 1];
    if (b.kind === "landscape") {
      sections.push({ landscape: true, children: [] });
      continue;
    }
    if (b.kind === "pair") cur.children.push(pairTable(b));
    else if (b.kind === "title") b.lines.forEach((t, k) => cur.children.push(k === 0 ? new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(t)] }) : p(t, { bold: true, center: true })));
    else if (b.kind === "heading") cur.children.push(new Paragraph({ heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(b.text)] }));
    else if (b.kind === "para") cur.children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun(b.text)] }));
    else if (b.kind === "table") cur.children.push(gridTable(b), new Paragraph(""));
    // blank lines: Word paragraphs carry their own spacing
  }
  const doc = new Document({
    styles: { default: { document: { run: { font: "Times New Roman", size: 26 } } } },
    sections: sections
      .filter((s) => s.children.length)
      .map((s) => ({
        properties: s.landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 } } } : {},
        children: s.children,
      })),
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ---------------------------------------------------------------- pdf

function wrap(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
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
  return lines.length ? lines : [""];
}

export async function planPdf(text: string): Promise<Uint8Array> {
  const blocks = parsePlan(text);
  const doc = new PDFDocument({ size: "A4", margin: 56 });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  const regular = () => doc.font(DEJAVU).fontSize(10.5);
  const bold = () => doc.font(DEJAVU_BOLD).fontSize(10.5);
  regular();
  const left = () => doc.page.margins.left;
  const inner = () => doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const twoColumns = (b: Extract<Block, { kind: "pair" }>) => {
    const sig = b.role === "signature";
    const w = inner();
    const lw = w * (sig ? 0.52 : 0.4);
    const rw = w - lw - 10;
    const need = Math.max(b.left.length, b.right.length) * 14 + 10;
    if (doc.y + need > bottom()) doc.addPage();
    const top = doc.y;
    doc.fontSize(sig ? 9.5 : 10.5);
    (sig ? regular : bold)();
    if (sig) doc.fontSize(9);
    doc.text(b.left.join("\n"), left(), top, { width: lw, align: sig ? "left" : "center" });
    const yl = doc.y;
    bold();
    doc.text(b.right.join("\n"), left() + lw + 10, top, { width: rw, align: "center" });
    doc.x = left();
    doc.y = Math.max(yl, doc.y) + 10;
    regular();
  };

  const table = (b: Extract<Block, { kind: "table" }>) => {
    const size = 8.5;
    const pad = 3;
    const lh = size * 1.3;
    const n = b.header.length;
    // column widths from the length of what they hold (a number column stays narrow)
    const weight = b.header.map((h, k) => {
      const lens = [h, ...b.rows.filter((r) => !isGroupRow(r)).map((r) => r[k])].map((c) => c.length);
      const avg = lens.reduce((s, x) => s + x, 0) / lens.length;
      return Math.max(4, Math.sqrt(avg) * (k === 0 ? 0.8 : 1));
    });
    const total = weight.reduce((s, x) => s + x, 0);
    const widths = weight.map((x) => (x / total) * inner());
    const xs = widths.reduce((acc, w) => [...acc, acc[acc.length - 1] + w], [left()]);
    const right = xs[n];
    doc.lineWidth(0.6);
    const cellsLayout = (cells: string[], font: () => void) => {
      font();
      doc.fontSize(size);
      return cells.map((c, k) => wrap(doc, c, widths[k] - 2 * pad));
    };
    const drawRow = (spans: { x0: number; x1: number; lines: string[]; bold?: boolean; center?: boolean }[], top: number) => {
      const h = Math.max(...spans.map((s) => s.lines.length)) * lh + 2 * pad;
      for (const s of spans) {
        (s.bold ? bold : regular)();
        doc.fontSize(size);
        s.lines.forEach((l, i) => {
          const x = s.center ? s.x0 + (s.x1 - s.x0 - doc.widthOfString(l)) / 2 : s.x0 + pad;
          doc.text(l, x, top + pad + i * lh, { lineBreak: false });
        });
        doc.rect(s.x0, top, s.x1 - s.x0, h).stroke();
      }
      return top + h;
    };
    const headerSpans = () => cellsLayout(b.header, bold).map((lines, k) => ({ x0: xs[k], x1: xs[k + 1], lines, bold: true, center: true }));
    const headerHeight = Math.max(...headerSpans().map((s) => s.lines.length)) * lh + 2 * pad;
    if (doc.y + headerHeight + 3 * lh > bottom()) doc.addPage();
    let y = drawRow(headerSpans(), doc.y);
    for (const r of b.rows) {
      let spans;
      if (isGroupRow(r)) {
        bold();
        doc.fontSize(size);
        spans = [
          { x0: xs[0], x1: xs[1], lines: wrap(doc, r[0], widths[0] - 2 * pad), bold: true },
          { x0: xs[1], x1: right, lines: wrap(doc, r[1], right - xs[1] - 2 * pad), bold: true },
        ];
      } else spans = cellsLayout(r, regular).map((lines, k) => ({ x0: xs[k], x1: xs[k + 1], lines }));
      const h = Math.max(...spans.map((s) => s.lines.length)) * lh + 2 * pad;
      if (y + h > bottom()) {
        // a new page repeats the header row, as Word does for a header row marked to repeat
        doc.addPage({ size: "A4", layout: doc.page.width > doc.page.height ? "landscape" : "portrait", margin: 40 });
        y = drawRow(headerSpans(), doc.page.margins.top);
      }
      y = drawRow(spans, y);
    }
    doc.x = left();
    doc.y = y + 10;
    regular();
  };

  for (const b of blocks) {
    if (b.kind === "landscape") {
      doc.addPage({ size: "A4", layout: "landscape", margin: 40 });
      continue;
    }
    if (b.kind === "pair") twoColumns(b);
    else if (b.kind === "title") {
      doc.moveDown(0.5);
      b.lines.forEach((t) => {
        bold();
        doc.text(t, left(), doc.y, { width: inner(), align: "center" });
      });
      doc.moveDown(0.5);
      regular();
    } else if (b.kind === "heading") {
      bold();
      doc.text(b.text, left(), doc.y, { width: inner() });
      regular();
    } else if (b.kind === "para") doc.text(b.text, left(), doc.y, { width: inner(), align: "justify" });
    else if (b.kind === "blank") doc.moveDown(0.4);
    else if (b.kind === "table") table(b);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
