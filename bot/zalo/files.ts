// Downloads a photo a Zalo user sent (the update carries its link, which does not last): GET the link,
// at most 20 MB counted as it streams. Errors are FileDownloadError like Telegram's.
import { downloadCapped, FileDownloadError } from "../telegram/files.ts";

export const ZALO_MAX_DOWNLOAD = 20 * 1024 * 1024;

export function createZaloDownloader(opts: { fetch?: typeof fetch; maxBytes?: number } = {}): (fileId: string) => Promise<Uint8Array> {
  const doFetch = opts.fetch ?? fetch;
  const max = opts.maxBytes ?? ZALO_MAX_DOWNLOAD;
  return async (link) => {
    if (!/^https?:\/\//i.test(link)) throw new FileDownloadError("Zalo không gửi kèm đường dẫn tệp.", "failed");
    return downloadCapped(doFetch, link, max, "Zalo");
  };
}
