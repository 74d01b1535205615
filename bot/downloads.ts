// Short-lived signed download links on the bot's HTTP server (Zalo has no document upload): GET
// /download?id=…&exp=…&sig=… where sig = HMAC-SHA256(key, id.exp.agency). The files are kept in memory
// until they expire (a restart ends every link); a wrong, altered or expired link gets 403/410 and nothing.
import { createHmac, randomBytes } from "node:crypto";
import type { OutgoingDocument } from "./core/types.ts";
import type { DownloadLinks } from "./core/desk/links.ts";
import { secretsEqual, type RouteHandler } from "./http.ts";

export const DOWNLOAD_PATH = "/download";

export interface DownloadsOptions {
  /** the server's public address (WEBHOOK_URL) */
  baseUrl: string;
  now: () => Date;
  ttlMinutes?: number;
  /** HMAC key; random per process by default */
  key?: Buffer;
  /** at most this many files kept at once (the oldest go first) */
  maxFiles?: number;
}

export function createDownloads(opts: DownloadsOptions): DownloadLinks & { route: RouteHandler } {
  const ttlMinutes = opts.ttlMinutes ?? 60;
  const key = opts.key ?? randomBytes(32);
  const max = opts.maxFiles ?? 50;
  const files = new Map<string, { doc: OutgoingDocument; agency: string; exp: number }>();
  const sign = (id: string, exp: number, agency: string) => createHmac("sha256", key).update(`${id}.${exp}.${agency}`).digest("base64url");
  const sweep = () => {
    const t = opts.now().getTime();
    for (const [id, f] of files) if (f.exp < t) files.delete(id);
    while (files.size > max) files.delete(files.keys().next().value!);
  };
  return {
    ttlMinutes,
    publish(doc, agencyId) {
      sweep();
      const id = randomBytes(12).toString("base64url");
      const exp = opts.now().getTime() + ttlMinutes * 60_000;
      const agency = agencyId ?? "";
      files.set(id, { doc, agency, exp });
      const q = new URLSearchParams({ id, exp: String(exp), a: agency, sig: sign(id, exp, agency) });
      return `${opts.baseUrl.replace(/\/+$/, "")}${DOWNLOAD_PATH}?${q}`;
    },
    route(req, res) {
      req.resume();
      const url = new URL(req.url ?? "/", "http://localhost");
      const id = url.searchParams.get("id") ?? "";
      const exp = Number(url.searchParams.get("exp"));
      const agency = url.searchParams.get("a") ?? "";
      const f = files.get(id);
      if (req.method !== "GET" || !f || !secretsEqual(url.searchParams.get("sig") ?? "", sign(id, exp, agency)) || f.exp !== exp || f.agency !== agency) {
        res.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end("Liên kết không hợp lệ.");
        return;
      }
      if (exp < opts.now().getTime()) {
        files.delete(id);
        res.writeHead(410, { "content-type": "text/plain; charset=utf-8" }).end("Liên kết đã hết hạn; hãy gõ lại lệnh trong Zalo để lấy liên kết mới.");
        return;
      }
      res
        .writeHead(200, {
          "content-type": f.doc.mimeType ?? "application/octet-stream",
          "content-length": String(f.doc.data.byteLength),
          "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.doc.name)}`,
          "cache-control": "no-store",
        })
        .end(Buffer.from(f.doc.data));
    },
  };
}
