// Hands requests to Remix (in place of @remix-run/express's handler, which it follows) with the
// edge's guarantees (docs/decisions/020-request-edge.md):
// - the Request's URL is built on the configured public origin (APP_URL), never on Host or
//   X-Forwarded-Host, so `new URL(request.url).origin` in the app is always the real site;
// - no body reaches Remix unbounded: a form body (urlencoded) is read here up to 1 MB and checked
//   for NUL and invalid UTF-8 before the app sees it; every other body streams through a byte
//   counter that stops it at its limit with a localized 413, however it was sent (chunked included);
// - each request runs in its own upload scope, whose temporary files are removed when the response ends;
// - while the database is away (server/db-outage.ts, docs/decisions/037-faults.md) a request gets a
//   localized 503 with Retry-After instead of the app's 500, or an anonymous public page from the
//   page cache however old it is.
import type { IncomingHttpHeaders } from "node:http";
import { Transform, type Readable } from "node:stream";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { decodeUtf8, urlencodedProblem } from "../../app/lib/input.ts";
import { createUploadScope, runInUploadScope } from "../../app/lib/upload-scope.server.ts";
import { runWithRequestMemo } from "../../app/lib/request-memo.server.ts";
import { countBoothVisit } from "../../app/domain/booths/visits.server.ts";
import { bodyWithNonce, type BoothVisitTarget, type CachedPage, type PageCache } from "../page-cache.ts";
import type { DatabaseOutage } from "../db-outage.ts";
import { bodyLimitFor, tooLarge } from "./checks.ts";
import { refuse, unavailable } from "./refuse.ts";

class BodyTooLarge extends Error {
  constructor() {
    super("request body above its limit");
  }
}

export function remixHandler(opts: {
  build: ServerBuild;
  appOrigin: () => string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  /** The public page micro-cache (docs/decisions/025-throughput.md), when enabled. */
  pageCache?: PageCache;
  /** Whether the database is away: then 503s and cached pages instead of the app's 500s. */
  outage?: DatabaseOutage;
}): RequestHandler {
  const handle = createRequestHandler(opts.build, "production");
  const cache = opts.pageCache;
  const outage = opts.outage;
  return async (req, res, next) => {
    const cacheKey = cache?.keyOf(req) ?? null;
    let miss: string | null = null;
    /** The answer while the database is away: the page cache's copy if there is one, else a 503. */
    const duringOutage = async () => {
      const copy = miss ? cache!.releaseForOutage(miss) : cacheKey ? cache!.outageCopy(cacheKey) : null;
      miss = null;
      if (copy) return sendPage(req, res, copy, "outage", null);
      await refuse(req, res, unavailable(req.method, outage!.retryAfterS));
    };
    if (outage?.down) return void (await duringOutage().catch(next));
    if (cache && cacheKey) {
      const found = await cache.lookup(cacheKey);
      if (found.kind === "hit")
        return void (await sendPage(req, res, found.page, found.state, opts.getLoadContext(req, res)).catch(next));
      if (found.kind === "miss") miss = found.key;
    }
    let refused = false;
    const controller = new AbortController();
    let finished = false;
    res.on("finish", () => (finished = true));
    res.on("close", () => {
      if (!finished) controller.abort();
    });
    const scope = createUploadScope();
    res.on("close", () => void scope.cleanup()); // also when the client went away mid-request
    const refuseWith = (refusal: Parameters<typeof refuse>[2]) => {
      if (refused) return;
      refused = true;
      controller.abort(); // the app stops reading; its error is expected, not logged (entry.server)
      void refuse(req, res, refusal);
    };

    try {
      let body: BodyInit | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const type = req.headers["content-type"];
        const limit = bodyLimitFor(type);
        if (/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type ?? "")) {
          const bytes = await readAll(req, limit);
          if (bytes === null) return refuseWith(tooLarge(type));
          const text = decodeUtf8(bytes);
          const problem = text === null ? "encoding" : urlencodedProblem(text);
          if (problem)
            return refuseWith({ status: 400, message: problem === "control" ? "input.control" : "input.encoding" });
          body = bytes as unknown as BodyInit;
        } else {
          body = createReadableStreamFromReadable(countBytes(req, limit, () => refuseWith(tooLarge(type))));
        }
      }
      const request = new Request(opts.appOrigin() + req.originalUrl, {
        method: req.method,
        headers: fetchHeaders(req.headers),
        signal: controller.signal,
        ...(body === undefined ? {} : { body, duplex: "half" }),
      } as RequestInit);
      const context = opts.getLoadContext(req, res);
      let visit: BoothVisitTarget | null = null;
      if (miss) context.deferBoothVisit = (booth) => void (visit = booth);
      // GET/HEAD run no action: their loaders share one read of the session (request-memo.server.ts).
      const run = () => runInUploadScope(scope, () => handle(request, context));
      const response = await (req.method === "GET" || req.method === "HEAD" ? runWithRequestMemo(run) : run());
      await scope.cleanup(); // the action is done with its uploads before the answer leaves
      if (refused) return;
      if (response.status >= 500 && outage && (await outage.confirm())) {
        await response.body?.cancel();
        return void (await duringOutage());
      }
      if (cache && miss) {
        const stored = await cache.store(miss, response, res.locals.nonce as string | undefined, visit);
        miss = null;
        if (stored.page) return void (await sendPage(req, res, stored.page, "miss", context));
        const cookie = visit ? await visitCookie(req, visit, context) : null;
        if (cookie) response.headers.append("Set-Cookie", cookie);
        if (stored.body) return void sendBuffered(res, response, stored.body);
      }
      await send(res, response);
    } catch (err) {
      if (refused) return;
      if (outage && !res.headersSent && (await outage.confirm())) return void (await duringOutage().catch(next));
      next(err);
    } finally {
      if (cache && miss) cache.release(miss, null);
    }
  };
}

/** Counts an anonymous booth page's visit the loader deferred; the visitor cookie to set, if any. */
function visitCookie(req: ExpressRequest, visit: BoothVisitTarget, context: AppLoadContext): Promise<string | null> {
  const headers = new Headers();
  if (req.headers["user-agent"]) headers.set("User-Agent", req.headers["user-agent"]);
  if (req.headers.cookie) headers.set("Cookie", req.headers.cookie);
  return countBoothVisit({ headers }, visit, null, context.clientIp ?? "unknown");
}

/**
 * A page from the cache, with this response's CSP nonce and (booth pages) this visit counted; no
 * visit is counted without a `context` (the database is away).
 */
async function sendPage(
  req: ExpressRequest,
  res: ExpressResponse,
  page: CachedPage,
  state: string,
  context: AppLoadContext | null,
): Promise<void> {
  const cookie = page.visit && context ? await visitCookie(req, page.visit, context) : null;
  res.status(page.status);
  for (const [name, value] of page.headers) res.append(name, value);
  if (cookie) res.append("Set-Cookie", cookie);
  res.setHeader("X-Page-Cache", state);
  res.end(bodyWithNonce(page, res.locals.nonce as string | undefined));
}

function sendBuffered(res: ExpressResponse, response: Response, body: Buffer): void {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  res.end(body);
}

function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  agreeOnOrigin(headers);
  return headers;
}

/**
 * The edge's Origin check (checks.ts) has already decided about every non-GET request by APP_URL and
 * Host. Remix repeats a narrower one on document POSTs (Origin's host must equal X-Forwarded-Host or
 * Host) and answers a bare 500 when they differ, e.g. behind a proxy that keeps the instance's Host,
 * or with a client's own X-Forwarded-Host. Hand Remix headers that agree with the edge's decision:
 * X-Forwarded-Host is never trusted here (the URL is built on APP_URL), and Host is the accepted
 * Origin's host; an Origin that is not a URL is dropped (the edge refused it where it checks).
 */
function agreeOnOrigin(headers: Headers): void {
  headers.delete("x-forwarded-host");
  const origin = headers.get("origin");
  if (origin === null || origin === "null") return;
  try {
    headers.set("host", new URL(origin).host);
  } catch {
    headers.delete("origin");
  }
}

async function send(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** The whole body, or null as soon as it passes `limit` bytes (the rest is left for refuse to discard). */
function readAll(req: Readable, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData).off("end", onEnd).off("error", reject);
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}

/** The body as a stream that fails (and calls `onTooLarge`) once it passes `limit` bytes. */
function countBytes(req: Readable, limit: number, onTooLarge: () => void): Readable {
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen <= limit) return done(null, chunk);
      req.unpipe(counter);
      onTooLarge();
      done(new BodyTooLarge());
    },
  });
  req.on("error", (err) => counter.destroy(err));
  return req.pipe(counter);
}
