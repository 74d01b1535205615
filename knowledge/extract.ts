// Plan documents → plain text for the parsers. The reader is chosen by content (magic bytes),
// never by the extension: a .docx renamed .txt still reads as Word, a .pdf that is really a
// scan is refused with a reason.
import { normalizeText } from "./text.ts";
import { docxToText } from "./extract-docx.ts";
import { pdfToText } from "./extract-pdf.ts";
import { ExtractError } from "./extract-error.ts";
import { DEFAULT_LIMITS, checkDocxZip, type ExtractLimits } from "./extract-limits.ts";
import { extractInWorker, type IsolationLimits } from "./extract-isolated.ts";

export { ExtractError, type ExtractFailure } from "./extract-error.ts";
export { DEFAULT_LIMITS, type ExtractLimits } from "./extract-limits.ts";

export type PlanFormat = "text" | "docx" | "pdf";

/** Telegram bots may download files up to 20 MB (Bot API getFile); the command line keeps the same limit. */
export const MAX_PLAN_BYTES = 20 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // legacy .doc, and every password-protected Office file

function startsWith(bytes: Uint8Array, magic: number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b);
}

/** A PDF may carry a little junk before its header (the spec lets readers look in the first 1024 bytes). */
function pdfHeaderAt(bytes: Uint8Array): number {
  const limit = Math.min(bytes.length - PDF.length, 1024);
  for (let i = 0; i <= limit; i++) if (startsWith(bytes, PDF, i)) return i;
  return -1;
}

function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, "latin1");
}

/** Which reader the bytes call for (exported for the upload summary and tests). */
export function sniffFormat(bytes: Uint8Array): PlanFormat | "zip" | "ole" | "rtf" | "binary" {
  if (startsWith(bytes, ZIP)) return containsAscii(bytes, "word/document.xml") ? "docx" : "zip";
  if (pdfHeaderAt(bytes) >= 0) return "pdf";
  if (startsWith(bytes, OLE)) return "ole";
  if (containsAscii(bytes.subarray(0, 8), "{\\rtf")) return "rtf";
  if (looksLikeText(bytes)) return "text";
  return "binary";
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true; // UTF-16 with BOM (Notepad "Unicode")
  return !bytes.includes(0);
}

function decodeText(bytes: Uint8Array, file: string): string {
  const utf16 = startsWith(bytes, [0xff, 0xfe]) ? "utf-16le" : startsWith(bytes, [0xfe, 0xff]) ? "utf-16be" : null;
  try {
    return new TextDecoder(utf16 ?? "utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ExtractError(
      file,
      `Tệp ${file} không phải văn bản UTF-8 (có thể là bảng mã cũ TCVN3/VNI). Hãy lưu lại dưới dạng UTF-8, .docx hoặc .pdf.`,
    );
  }
}

export interface ExtractOptions {
  limits?: ExtractLimits;
  /** read Word/PDF in a worker thread with these limits (default); false: in this thread */
  isolate?: IsolationLimits | boolean;
}

/**
 * Chooses the reader by content (magic bytes), never by the extension alone. Word and PDF are
 * read in an isolated worker (knowledge/extract-isolated.ts) so a pathological file is refused,
 * never fatal.
 */
export async function extractPlanText(bytes: Uint8Array, file: string, opts: ExtractOptions = {}): Promise<{ text: string; format: PlanFormat }> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const isolate = opts.isolate ?? true;
  if (isolate === false || bytes.length === 0 || bytes.length > MAX_PLAN_BYTES) return extractPlanTextInProcess(bytes, file, limits);
  const kind = sniffFormat(bytes);
  if (kind !== "docx" && kind !== "pdf") return extractPlanTextInProcess(bytes, file, limits);
  return extractInWorker(bytes, file, limits, isolate === true ? undefined : isolate);
}

/** The readers in this thread (the worker's entry; tests). */
export async function extractPlanTextInProcess(bytes: Uint8Array, file: string, limits: ExtractLimits = DEFAULT_LIMITS): Promise<{ text: string; format: PlanFormat }> {
  if (bytes.length > MAX_PLAN_BYTES) {
    throw new ExtractError(file, `Tệp ${file} quá lớn (${(bytes.length / 1048576).toFixed(1)} MB); giới hạn là 20 MB.`, "too-large");
  }
  if (bytes.length === 0) throw new ExtractError(file, `Tệp ${file} rỗng.`, "empty");
  const kind = sniffFormat(bytes);
  let text: string;
  switch (kind) {
    case "docx":
      await checkDocxZip(bytes, file, limits); // before mammoth, which inflates everything in memory
      text = await docxToText(bytes, file);
      break;
    case "pdf":
      text = await pdfToText(bytes.subarray(pdfHeaderAt(bytes)), file, limits);
      break;
    case "text":
      text = decodeText(bytes, file);
      break;
    case "zip":
      throw new ExtractError(file, `Tệp ${file} là tệp nén (ZIP) nhưng không phải văn bản Word (.docx).`, "unsupported");
    case "ole":
      // an OLE container: a legacy .doc, or an Office file with a password (its "EncryptedPackage" stream)
      if (containsAscii(bytes, Buffer.from("EncryptedPackage", "utf16le").toString("latin1"))) {
        throw new ExtractError(file, `Tệp ${file} được đặt mật khẩu; hãy bỏ mật khẩu rồi gửi lại.`, "encrypted");
      }
      throw new ExtractError(file, `Tệp ${file} là tài liệu Word cũ (.doc); hãy lưu lại thành .docx hoặc .pdf.`, "unsupported");
    case "rtf":
      throw new ExtractError(file, `Tệp ${file} là tệp RTF; hãy lưu lại thành .docx, .pdf hoặc văn bản .txt.`, "unsupported");
    default:
      throw new ExtractError(file, `Tệp ${file} không phải văn bản, Word (.docx) hay PDF.`, "unsupported");
  }
  text = normalizeText(text);
  if (!/\p{L}/u.test(text)) throw new ExtractError(file, `Tệp ${file} không có nội dung chữ.`, "empty");
  if (looksLegacyEncoded(text)) {
    throw new ExtractError(
      file,
      `Tệp ${file} dùng phông chữ/bảng mã cũ (TCVN3 hoặc VNI) nên chữ đọc ra bị sai dấu. Hãy chuyển sang Unicode (ví dụ Unikey › Công cụ chuyển mã) rồi gửi lại.`,
      "unsupported",
    );
  }
  return { text, format: kind };
}

// Text typed with the old Vietnamese fonts (.VnTime = TCVN3, VNI-Times = VNI) reads as Latin-1
// look-alikes: TCVN3 "c¸ch hµnh chÝnh", VNI "caùch haønh chính". Unicode Vietnamese has neither set.
const TCVN3_MARKS = /[¨©ª¬®¸µ¶·¹¼½¾Ð]/g;
const VNI_MARKS = /[øïûñöäëåüÿ]/gi;

function looksLegacyEncoded(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const odd = (text.match(TCVN3_MARKS)?.length ?? 0) + (text.match(VNI_MARKS)?.length ?? 0);
  return odd >= 10 && odd > letters * 0.01;
}
