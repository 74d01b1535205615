// Plan documents → plain text for the parsers. (Text only for now; the Word/PDF issue adds .docx and .pdf.)
import { normalizeText } from "./text.ts";

export type PlanFormat = "text" | "docx" | "pdf";

export class ExtractError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = "ExtractError";
  }
}

/** Chooses the reader by content (magic bytes), never by the extension alone. */
export async function extractPlanText(bytes: Uint8Array, file: string): Promise<{ text: string; format: PlanFormat }> {
  if (bytes.includes(0)) throw new ExtractError(file, `Tệp ${file} không phải văn bản (có byte nhị phân).`);
  return { text: normalizeText(new TextDecoder("utf-8").decode(bytes)), format: "text" };
}
