// The cluster's reverse proxy (docs/decisions/030-jobs-and-cluster.md): http-proxy in front of the app
// instances, round robin, WebSocket upgrades passed through. A browser sticks to one instance by a
// cookie (socket.io's long-polling needs it; WebSockets do not). An instance that refuses a
// connection is skipped for 2 s; a GET it refused is retried on another one (nothing reached it).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import httpProxy from "http-proxy";

const STICKY = "cf_node";
const DOWN_MS = 2000;

export interface Proxy {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startProxy(targets: string[], port = 0, host = "127.0.0.1"): Promise<Proxy> {
  const proxy = httpProxy.createProxyServer({ xfwd: true, ws: true });
  const downUntil = new Map<number, number>();
  let next = 0;
  const alive = () => targets.map((_, i) => i).filter((i) => (downUntil.get(i) ?? 0) <= Date.now());
  const pick = (req: IncomingMessage, avoid?: number): number => {
    const up = alive().filter((i) => i !== avoid);
    const sticky = new RegExp(`(?:^|;\\s*)${STICKY}=(\\d+)`).exec(req.headers.cookie ?? "");
    if (sticky && up.includes(Number(sticky[1]))) return Number(sticky[1]);
    const pool = up.length ? up : targets.map((_, i) => i).filter((i) => i !== avoid);
    return pool[next++ % pool.length] ?? 0;
  };
  proxy.on("proxyRes", (proxyRes, req) => {
    const node = (req as IncomingMessage & { cfNode?: number }).cfNode;
    if (node === undefined || new RegExp(`(?:^|;\\s*)${STICKY}=${node}(?:;|$)`).test(req.headers.cookie ?? "")) return;
    const cookie = `${STICKY}=${node}; Path=/; HttpOnly; SameSite=Lax`;
    const set = proxyRes.headers["set-cookie"] ?? [];
    proxyRes.headers["set-cookie"] = [...(Array.isArray(set) ? set : [set]), cookie];
  });
  // Without a listener http-proxy throws on an upstream error.
  proxy.on("error", () => {});

  const server = createServer((req, res) => {
    const forward = (i: number, retried: boolean) => {
      (req as IncomingMessage & { cfNode?: number }).cfNode = i;
      proxy.web(req, res, { target: targets[i] }, (err: NodeJS.ErrnoException) => {
        downUntil.set(i, Date.now() + DOWN_MS);
        const safe = req.method === "GET" || req.method === "HEAD";
        if (!retried && safe && err.code === "ECONNREFUSED" && targets.length > 1 && !res.headersSent)
          return forward(pick(req, i), true);
        if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain", "Retry-After": "1" });
        res.end("upstream unavailable");
      });
    };
    forward(pick(req), false);
  });
  server.on("upgrade", (req, socket, head) => {
    const i = pick(req);
    proxy.ws(req, socket, head, { target: targets[i] }, () => {
      downUntil.set(i, Date.now() + DOWN_MS);
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actual}`,
    port: actual,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
