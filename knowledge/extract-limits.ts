// What reading one plan document may cost, beyond its size on disk: a .docx is a zip whose
// parts can inflate a thousandfold (a "zip bomb"), a PDF can hold endless pages. The limits
// sit far above any real plan (the bundled plans: < 1 MB of document.xml, < 100 pages).
import yauzl from "yauzl";
import { ExtractError } from "./extract-error.ts";

export interface ExtractLimits {
  /** entries in a .docx zip */
  maxZipEntries: number;
  /** inflated size of word/document.xml */
  maxDocumentXmlBytes: number;
  /** inflated size of all entries together */
  maxZipTotalBytes: number;
  maxPdfPages: number;
  /** characters of text read out of a PDF */
  maxPdfChars: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxZipEntries: 2000,
  maxDocumentXmlBytes: 50 * 1024 * 1024,
  maxZipTotalBytes: 100 * 1024 * 1024,
  maxPdfPages: 1000,
  maxPdfChars: 5_000_000,
};

const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

/**
 * Inflates every entry of a .docx as a stream, counting bytes, and stops at the first limit
 * crossed. The sizes the zip declares are not trusted: yauzl checks each stream against them, and
 * the count here is of what really came out.
 */
export async function checkDocxZip(bytes: Uint8Array, file: string, limits: ExtractLimits = DEFAULT_LIMITS): Promise<void> {
  const bomb = (what: string) =>
    new ExtractError(file, `Tệp Word ${file} bị từ chối: ${what}. Tệp có thể là "bom nén" hoặc bị hỏng; hãy lưu lại từ Word rồi gửi lại.`, "too-large");
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true }, (err, z) =>
      err ? reject(new ExtractError(file, `Tệp Word ${file} bị hỏng hoặc không đọc được.`, "corrupt", err)) : resolve(z),
    ),
  );
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw bomb(`có ${zip.entryCount} phần, giới hạn là ${limits.maxZipEntries}`);
  }
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (e: unknown) => {
      zip.close();
      reject(e instanceof ExtractError ? e : new ExtractError(file, `Tệp Word ${file} bị hỏng hoặc không đọc được.`, "corrupt", e));
    };
    zip.on("error", fail);
    zip.on("end", () => resolve());
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith("/")) return zip.readEntry();
      const isDocument = entry.fileName === "word/document.xml";
      // declared sizes first: a cheap refusal when the zip is honest about being huge
      if (isDocument && entry.uncompressedSize > limits.maxDocumentXmlBytes) return fail(bomb(`nội dung giải nén ${mb(entry.uncompressedSize)}, giới hạn là ${mb(limits.maxDocumentXmlBytes)}`));
      if (total + entry.uncompressedSize > limits.maxZipTotalBytes) return fail(bomb(`tổng dung lượng giải nén vượt ${mb(limits.maxZipTotalBytes)}`));
      zip.openReadStream(entry, (err, stream) => {
        if (err) return fail(err);
        let inEntry = 0;
        stream.on("data", (chunk: Buffer) => {
          inEntry += chunk.length;
          total += chunk.length;
          if (isDocument && inEntry > limits.maxDocumentXmlBytes) {
            stream.destroy();
            fail(bomb(`nội dung giải nén vượt ${mb(limits.maxDocumentXmlBytes)}`));
          } else if (total > limits.maxZipTotalBytes) {
            stream.destroy();
            fail(bomb(`tổng dung lượng giải nén vượt ${mb(limits.maxZipTotalBytes)}`));
          }
        });
        stream.on("error", fail);
        stream.on("end", () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

export function tooManyPdfPages(file: string, pages: number, limits: ExtractLimits = DEFAULT_LIMITS): ExtractError {
  return new ExtractError(file, `Tệp PDF ${file} có ${pages} trang, giới hạn là ${limits.maxPdfPages} trang; hãy gửi riêng phần kế hoạch.`, "too-large");
}

export function tooMuchPdfText(file: string, limits: ExtractLimits = DEFAULT_LIMITS): ExtractError {
  return new ExtractError(file, `Tệp PDF ${file} có hơn ${limits.maxPdfChars.toLocaleString("vi-VN")} ký tự chữ, vượt giới hạn; hãy gửi riêng phần kế hoạch.`, "too-large");
}
