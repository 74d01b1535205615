// One HTTP server on PORT for every webhook (/telegram/webhook, /zalo/webhook) and the health check.
// Routes are exact paths; each route checks its own secret header.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { CoreDeps } from "./core/index.ts";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** path → handler; main fills it before the server starts */
export type Routes = Record<string, RouteHandler>;

/** Constant-time comparison of two secrets; an empty one never matches. The one compare every route uses. */
export function secretsEqual(given: string, expected: string): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Constant-time comparison of a secret header (a missing header never matches). */
export function hasSecret(req: IncomingMessage, header: string, secret: string): boolean {
  const got = req.headers[header.toLowerCase()];
  return typeof got === "string" && secretsEqual(got, secret);
}

export function healthRoute(started: () => Date = () => new Date()): RouteHandler {
  const since = started().toISOString();
  return (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, since }));
  };
}

export function createHttpServer(routes: Routes, log: CoreDeps["log"]): Server {
  return createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!route) {
      req.resume();
      res.writeHead(404, { "content-type": "application/json" }).end('{"ok":false,"description":"Not Found"}');
      return;
    }
    try {
      await route(req, res);
    } catch (e) {
      log("error", `http: ${req.method} ${path} failed`, e);
      if (!res.headersSent) res.writeHead(e instanceof SyntaxError ? 400 : 500, { "content-type": "application/json" });
      res.end('{"ok":false}');
    }
  });
}

/** Starts listening; resolves with the bound port (0 picks a free one). */
export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** Stops accepting, lets requests in flight finish (up to `graceMs`), then closes every connection. */
export function closeServer(server: Server, graceMs = 3000): Promise<void> {
  return new Promise((resolve) => {
    // keep-alive connections that go idle after close() would otherwise hold it open
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
