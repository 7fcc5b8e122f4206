// Hands requests to Remix (in place of @remix-run/express's handler, which it follows) with the
// edge's guarantees (docs/decisions/020-request-edge.md):
// - the Request's URL is built on the configured public origin (APP_URL), never on Host or
//   X-Forwarded-Host, so `new URL(request.url).origin` in the app is always the real site;
// - no body reaches Remix unbounded: a form body (urlencoded) is read here up to 1 MB and checked
//   for NUL and invalid UTF-8 before the app sees it; every other body streams through a byte
//   counter that stops it at its limit with a localized 413, however it was sent (chunked included);
// - each request runs in its own upload scope, whose temporary files are removed when the response ends.
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
import { bodyLimitFor, tooLarge } from "./checks.ts";
import { refuse } from "./refuse.ts";

class BodyTooLarge extends Error {
  constructor() {
    super("request body above its limit");
  }
}

export function remixHandler(opts: {
  build: ServerBuild;
  appOrigin: () => string;
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
}): RequestHandler {
  const handle = createRequestHandler(opts.build, "production");
  return async (req, res, next) => {
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
      const response = await runInUploadScope(scope, () => handle(request, opts.getLoadContext(req, res)));
      await scope.cleanup(); // the action is done with its uploads before the answer leaves
      if (refused) return;
      await send(res, response);
    } catch (err) {
      if (refused) return;
      next(err);
    }
  };
}

function fetchHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(name, value);
  }
  return headers;
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
