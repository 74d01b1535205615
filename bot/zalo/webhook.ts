// The Zalo webhook route for the shared HTTP server. Zalo sends the secret given to
// setWebhook in the header X-Bot-Api-Secret-Token; anything else is refused with 401 and
// not processed. The answer is sent before processing so Zalo does not time out and resend.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Log, ZaloUpdate } from "./client.ts";
import { secretsEqual } from "../http.ts";

export const ZALO_WEBHOOK_PATH = "/zalo/webhook";
const MAX_BODY = 1024 * 1024;

export interface ZaloWebhookRoute {
  method: "POST";
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** resolves when every accepted delivery has been processed (tests, shutdown) */
  idle(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function end(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
}

export function createZaloWebhookRoute(opts: {
  secret: string;
  onUpdate: (update: ZaloUpdate) => Promise<void>;
  log: Log;
  path?: string;
}): ZaloWebhookRoute {
  const inFlight = new Set<Promise<void>>();

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const header = req.headers["x-bot-api-secret-token"];
    const given = Array.isArray(header) ? header[0] : header;
    if (!opts.secret || !given || !secretsEqual(given, opts.secret)) {
      req.resume();
      opts.log("warn", "zalo webhook: wrong or missing secret token; request refused");
      return end(res, 401, "unauthorized");
    }
    if (req.method !== "POST") return end(res, 405, "method not allowed");
    const raw = await readBody(req);
    if (raw === null) return end(res, 413, "payload too large");
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return end(res, 400, "bad request");
    }
    // deliveries come bare ({event_name, message}); accept the {ok, result} envelope too
    const rec = body as { ok?: boolean; result?: unknown; event_name?: unknown };
    const update = (rec?.ok === true && rec.result ? rec.result : rec) as ZaloUpdate;
    if (!update || typeof update !== "object" || typeof update.event_name !== "string") return end(res, 400, "bad request");
    end(res, 200, "ok");
    const job = opts
      .onUpdate(update)
      .catch((e) => opts.log("error", "zalo webhook: processing failed", e))
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  }

  return {
    method: "POST",
    path: opts.path ?? ZALO_WEBHOOK_PATH,
    handle,
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
  };
}
