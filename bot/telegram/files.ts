// Downloads a file a user sent to the bot: getFile, then GET <apiRoot>/file/bot<token>/<file_path>
// (Bot API › getFile: bots may download files up to 20 MB; the link is valid for at least an hour).
import type { Api } from "grammy";

export const TELEGRAM_MAX_DOWNLOAD = 20 * 1024 * 1024;

export class FileDownloadError extends Error {
  constructor(
    message: string,
    readonly reason: "too-large" | "failed",
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "FileDownloadError";
  }
}

export interface TelegramFilesOptions {
  api: Pick<Api, "getFile">;
  token: string;
  /** TELEGRAM_API_ROOT (the fake server's address in tests) */
  apiRoot: string;
  fetch?: typeof fetch;
  maxBytes?: number;
}

export type FileDownloader = (fileId: string) => Promise<Uint8Array>;

/** A file's size past which the bot will not download it, said in one sentence. */
export function tooLargeError(max: number): FileDownloadError {
  return new FileDownloadError(`Tệp lớn hơn ${Math.round(max / 1048576)} MB, bot không tải về được.`, "too-large");
}

/** GET `url`, at most `max` bytes counted as it streams: never holds more than the limit. */
export async function downloadCapped(doFetch: typeof fetch, url: string, max: number, platform: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await doFetch(url);
  } catch (e) {
    throw new FileDownloadError(`Không tải được tệp từ ${platform}.`, "failed", e);
  }
  if (!res.ok || !res.body) throw new FileDownloadError(`Không tải được tệp từ ${platform} (HTTP ${res.status}).`, "failed");
  if (Number(res.headers.get("content-length") ?? 0) > max) throw tooLargeError(max);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLargeError(max);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function createTelegramDownloader(opts: TelegramFilesOptions): FileDownloader {
  const doFetch = opts.fetch ?? fetch;
  const max = opts.maxBytes ?? TELEGRAM_MAX_DOWNLOAD;
  const tooLarge = () => tooLargeError(max);

  return async (fileId) => {
    let path: string | undefined;
    try {
      const file = await opts.api.getFile(fileId);
      if (file.file_size !== undefined && file.file_size > max) throw tooLarge();
      path = file.file_path;
    } catch (e) {
      if (e instanceof FileDownloadError) throw e;
      // Bot API answers 400 "file is too big" past 20 MB
      if (/too big/i.test(String((e as Error)?.message))) throw tooLarge();
      throw new FileDownloadError("Không lấy được tệp từ Telegram.", "failed", e);
    }
    if (!path) throw new FileDownloadError("Telegram không trả về đường dẫn tệp.", "failed");
    const url = `${opts.apiRoot.replace(/\/+$/, "")}/file/bot${opts.token}/${path.split("/").map(encodeURIComponent).join("/")}`;
    return downloadCapped(doFetch, url, max, "Telegram");
  };
}
