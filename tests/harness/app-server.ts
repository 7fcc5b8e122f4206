// The real Express app (server/app.ts) over the production build, on a loopback port, for tests of
// what happens between the socket and Remix (the request edge). `npm test` builds before vitest;
// a file run on its own rebuilds first when a source file is newer than build/server/index.js.
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, rmdirSync, rmSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import type { ServerBuild } from "@remix-run/node";
import { config } from "../../app/config.server.ts";
import { createApp } from "../../server/app.ts";
import type { PageCache } from "../../server/page-cache.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const BUILD = path.join(ROOT, "build/server/index.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const mtime = (p: string) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
};

export async function ensureBuild(): Promise<void> {
  const lock = path.join(ROOT, ".test-build.lock"); // not in build/: the build empties that directory
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than 10 minutes was left by a killed run.
      if (Date.now() - mtime(lock) > 600_000) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    const sources = Math.max(
      newestSource(path.join(ROOT, "app")),
      mtime(path.join(ROOT, "vite.config.ts")),
      mtime(path.join(ROOT, "remix.config.js")),
    );
    if (mtime(BUILD) < sources)
      await promisify(execFile)("npm", ["run", "--silent", "build"], { cwd: ROOT, timeout: 300_000 });
  } finally {
    rmdirSync(lock);
  }
}

export interface TestApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the Express app on 127.0.0.1 with the current configuration (configure() it first). */
export async function startTestApp(opts: { pageCache?: PageCache } = {}): Promise<TestApp> {
  await ensureBuild();
  const build = (await import(pathToFileURL(BUILD).href)) as ServerBuild;
  const app = createApp({
    build,
    config: () => ({ ...config(), embeddedDb: false }),
    searchProbe: async () => ({ engine: "embedded", healthy: true, pending: 0 }),
    pageCache: opts.pageCache,
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/**
 * One HTTP request with full control over what is sent (Host, Origin, a raw target with `%00`,
 * chunked or oversized bodies), unlike fetch. `body` as an iterable of chunks is sent chunked.
 */
export function send(
  app: TestApp,
  opts: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer | Iterable<Buffer>;
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${app.port}`, ...opts.headers };
    if (typeof opts.body === "string" || Buffer.isBuffer(opts.body))
      headers["content-length"] ??= String(Buffer.byteLength(opts.body));
    const req = httpRequest(
      { host: "127.0.0.1", port: app.port, method: opts.method ?? "GET", path: opts.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString("utf8") });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (opts.body === undefined) return void req.end();
    if (typeof opts.body === "string" || Buffer.isBuffer(opts.body)) return void req.end(opts.body);
    const chunks = opts.body;
    void (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(reject);
  });
}

/** A urlencoded body from fields. */
export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A multipart/form-data body from text fields and files, with its Content-Type. */
export function multipart(
  parts: ({ name: string; value: string | Buffer } | { name: string; filename: string; type: string; data: Buffer })[],
): { body: Buffer; contentType: string } {
  const boundary = `----cf${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      "filename" in p
        ? `form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type}`
        : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`, "utf8"));
    chunks.push("filename" in p ? p.data : Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value, "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
