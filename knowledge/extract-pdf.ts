// PDF → text, page by page (unpdf = pdf.js). The text comes out hard-wrapped with syllables
// split by spaces; knowledge/text.ts repairs that for every format, so nothing is repaired here.
// Tables are rebuilt from the text's positions and the ruling lines (knowledge/pdf-layout.ts), so a
// plan's appendix reads as tab-separated rows like the text plans' appendix.
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import { ExtractError } from "./extract-error.ts";
import { hasTableHeader, pageText, type Segment, type TextItem } from "./pdf-layout.ts";
import { DEFAULT_LIMITS, tooManyPdfPages, tooMuchPdfText, type ExtractLimits } from "./extract-limits.ts";

/** Fewer letters than this in the whole document: no text layer, i.e. a scan. */
const MIN_LETTERS = 40;

type PDFDocumentProxy = Awaited<ReturnType<typeof getDocumentProxy>>;
type PDFPageProxy = Awaited<ReturnType<PDFDocumentProxy["getPage"]>>;
type Matrix = [number, number, number, number, number, number];

/** pdf.js 5's path opcodes (DrawOPS in src/shared/util.js; not exported by the build). */
const DrawOPS = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 };

async function pageItems(page: PDFPageProxy): Promise<TextItem[]> {
  const content = await page.getTextContent();
  const items: TextItem[] = [];
  for (const i of content.items) {
    if (!("str" in i)) continue;
    const [a, b, c, d, x, y] = i.transform as number[];
    items.push({ str: i.str, x, y, width: i.width, size: Math.hypot(c, d) || Math.hypot(a, b) || i.height, eol: i.hasEOL });
  }
  return items;
}

const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/**
 * pdf.js 5 hands fonts over with ArrayBuffer.prototype.transferToFixedLength (ES2024, Node ≥ 21);
 * on Node 20 getOperatorList silently stops at the first text, before most of the rules. A copy
 * does the same job here.
 */
function ensureTransferToFixedLength(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
  if (typeof proto.transferToFixedLength === "function") return;
  Object.defineProperty(proto, "transferToFixedLength", {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length = this.byteLength) {
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return copy;
    },
  });
}

/** The straight edges of the page's painted paths (table borders), in page coordinates. */
async function pageSegments(page: PDFPageProxy): Promise<Segment[]> {
  ensureTransferToFixedLength();
  const { OPS } = (await getResolvedPDFJS()) as unknown as { OPS: Record<string, number> };
  const painted = new Set(
    ["stroke", "closeStroke", "fill", "eoFill", "fillStroke", "eoFillStroke", "closeFillStroke", "closeEOFillStroke"].map((k) => OPS[k]),
  );
  const { fnArray, argsArray } = await page.getOperatorList();
  const segments: Segment[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  const at = (x: number, y: number) => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]] as const;
  for (let f = 0; f < fnArray.length; f++) {
    const fn = fnArray[f];
    const args = argsArray[f] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = times(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0]) || ArrayBuffer.isView(args?.[0])) ctm = times(Array.from(args[0] as ArrayLike<number>) as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && painted.has(args[0] as number)) {
      // pdf.js 5: [paint op, [path data], bounds]; path data = opcode, points… (DrawOPS)
      for (const path of (args[1] as ArrayLike<number>[] | undefined) ?? []) {
        const p = Array.from(path ?? []);
        let cur: readonly [number, number] = [0, 0];
        let start = cur;
        for (let i = 0; i < p.length; ) {
          const op = p[i];
          if (op === DrawOPS.moveTo) {
            cur = start = at(p[i + 1], p[i + 2]);
            i += 3;
          } else if (op === DrawOPS.lineTo) {
            const next = at(p[i + 1], p[i + 2]);
            segments.push({ x0: cur[0], y0: cur[1], x1: next[0], y1: next[1] });
            cur = next;
            i += 3;
          } else if (op === DrawOPS.curveTo) {
            cur = at(p[i + 5], p[i + 6]);
            i += 7;
          } else if (op === DrawOPS.quadraticCurveTo) {
            cur = at(p[i + 3], p[i + 4]);
            i += 5;
          } else if (op === DrawOPS.closePath) {
            segments.push({ x0: cur[0], y0: cur[1], x1: start[0], y1: start[1] });
            cur = start;
            i += 1;
          } else break; // an opcode this reader does not know: skip the rest of the path
        }
      }
    }
  }
  return segments;
}

async function readPages(pdf: PDFDocumentProxy, maxChars = Infinity): Promise<{ texts: string[]; letters: number }> {
  const texts: string[] = [];
  let letters = 0;
  let chars = 0;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const items = await pageItems(page);
    letters += items.reduce((s, i) => s + (i.str.match(/\p{L}/gu)?.length ?? 0), 0);
    // the drawing is read only where a table header shows there is a table to rebuild
    texts.push(pageText(items, hasTableHeader(items) ? await pageSegments(page) : []));
    page.cleanup();
    chars += texts[texts.length - 1].length;
    if (chars > maxChars) throw new RangeError("text limit"); // turned into an ExtractError by pdfToText
  }
  return { texts, letters };
}

export async function pdfToText(bytes: Uint8Array, file: string, limits: ExtractLimits = DEFAULT_LIMITS): Promise<string> {
  let pages: { texts: string[]; letters: number };
  try {
    // pdf.js may detach the buffer it is given: hand it a copy; verbosity 0 keeps its warnings off stdout
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      if (pdf.numPages > limits.maxPdfPages) throw tooManyPdfPages(file, pdf.numPages, limits);
      pages = await readPages(pdf, limits.maxPdfChars);
    } finally {
      await pdf.destroy();
    }
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    if (e instanceof RangeError && e.message === "text limit") throw tooMuchPdfText(file, limits);
    const name = (e as { name?: string })?.name ?? "";
    if (name === "PasswordException") {
      throw new ExtractError(file, `Tệp PDF ${file} được bảo vệ bằng mật khẩu; hãy gửi bản không đặt mật khẩu.`, "encrypted", e);
    }
    throw new ExtractError(file, `Tệp PDF ${file} bị hỏng hoặc không đọc được.`, "corrupt", e);
  }
  if (pages.letters < MIN_LETTERS) {
    throw new ExtractError(
      file,
      `Tệp PDF ${file} không có lớp chữ (có thể là bản scan/ảnh chụp). Hãy gửi bản .docx hoặc PDF xuất trực tiếp từ Word.`,
      "scanned",
    );
  }
  return pages.texts.join("\n");
}
