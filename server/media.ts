// GET /media/<key>: stored booth media, answered by the booths domain (who may see the file, how
// long it may be cached). Mounted in server/app.ts behind the sandbox CSP; no Remix round trip,
// because a fair hall page loads dozens of logos at once.
import type { RequestHandler } from "express";
import { readSessionToken, userFromToken } from "../app/auth/session.server.ts";
import { serveMedia } from "../app/domain/booths/media.server.ts";
import { isMediaStoreUnavailable } from "../media/storage.ts";
import { SERVICE_RETRY_AFTER_S } from "../app/lib/errors.ts";
import { refuse, unavailable } from "./edge/refuse.ts";

/** Files are only read: anything but GET/HEAD is 405 (mounted before the edge's body checks). */
export const readOnly: RequestHandler = (req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  res
    .status(405)
    .set({ Allow: "GET, HEAD", "Cache-Control": "no-store" })
    .type("text/plain")
    .send("Method Not Allowed");
};

export const mediaHandler: RequestHandler = (req, res, next) => {
  let key: string;
  try {
    key = decodeURIComponent(req.path.replace(/^\//, ""));
  } catch {
    key = ""; // malformed escapes: an unknown key (404)
  }
  serveMedia({
    key,
    ifNoneMatch: req.get("If-None-Match"),
    viewer: async () => userFromToken(await readSessionToken(req.get("Cookie") ?? null)),
  }).then(
    (reply) => {
      res.set(reply.headers);
      // A person who opens a missing file's link sees the same localized page as any other 404.
      if (reply.status === 404) return refuse(req, res, { status: 404, message: "errorPage.404.body" });
      res.status(reply.status);
      if (reply.body && req.method === "GET") res.end(reply.body);
      else {
        if (reply.body) res.set("Content-Length", String(reply.body.length));
        res.end();
      }
    },
    (err: unknown) => {
      // The object store is away: a localized 503 with Retry-After, which no cache keeps.
      if (isMediaStoreUnavailable(err)) return refuse(req, res, unavailable(req.method, SERVICE_RETRY_AFTER_S));
      next(err);
    },
  );
};
