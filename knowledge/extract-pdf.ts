// PDF → text, page by page (unpdf = pdf.js). The text comes out hard-wrapped with syllables
// split by spaces; knowledge/text.ts repairs that for every format, so nothing is repaired here.
import { extractText, getDocumentProxy } from "unpdf";
import { ExtractError } from "./extract-error.ts";

/** Fewer letters than this in the whole document: no text layer, i.e. a scan. */
const MIN_LETTERS = 40;

export async function pdfToText(bytes: Uint8Array, file: string): Promise<string> {
  let pages: string[];
  try {
    // pdf.js may detach the buffer it is given: hand it a copy; verbosity 0 keeps its warnings off stdout
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      pages = (await extractText(pdf, { mergePages: false })).text;
    } finally {
      await pdf.destroy();
    }
  } catch (e) {
    const name = (e as { name?: string })?.name ?? "";
    if (name === "PasswordException") {
      throw new ExtractError(file, `Tệp PDF ${file} được bảo vệ bằng mật khẩu; hãy gửi bản không đặt mật khẩu.`, "encrypted", e);
    }
    throw new ExtractError(file, `Tệp PDF ${file} bị hỏng hoặc không đọc được.`, "corrupt", e);
  }
  const letters = pages.join("").match(/\p{L}/gu)?.length ?? 0;
  if (letters < MIN_LETTERS) {
    throw new ExtractError(
      file,
      `Tệp PDF ${file} không có lớp chữ (có thể là bản scan/ảnh chụp). Hãy gửi bản .docx hoặc PDF xuất trực tiếp từ Word.`,
      "scanned",
    );
  }
  return pages.join("\n");
}
