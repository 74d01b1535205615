// Downloads a photo a Zalo user sent (the update carries its link, which does not last): GET the link,
// at most 20 MB counted as it streams. Errors are FileDownloadError like Telegram's.
import { FileDownloadError } from "../telegram/files.ts";

export const ZALO_MAX_DOWNLOAD = 20 * 1024 * 1024;

export function createZaloDownloader(opts: { fetch?: typeof fetch; maxBytes?: number } = {}): (fileId: string) => Promise<Uint8Array> {
  const doFetch = opts.fetch ?? fetch;
  const max = opts.maxBytes ?? ZALO_MAX_DOWNLOAD;
  const tooLarge = () => new FileDownloadError(`Tệp lớn hơn ${Math.round(max / 1048576)} MB, bot không tải về được.`, "too-large");
  return async (link) => {
    if (!/^https?:\/\//i.test(link)) throw new FileDownloadError("Zalo không gửi kèm đường dẫn tệp.", "failed");
    let res: Response;
    try {
      res = await doFetch(link);
    } catch (e) {
      throw new FileDownloadError("Không tải được tệp từ Zalo.", "failed", e);
    }
    if (!res.ok || !res.body) throw new FileDownloadError(`Không tải được tệp từ Zalo (HTTP ${res.status}).`, "failed");
    if (Number(res.headers.get("content-length") ?? 0) > max) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
    return new Uint8Array(Buffer.concat(chunks));
  };
}
