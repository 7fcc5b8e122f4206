// GET /media/<key>: stored booth media, answered by the booths domain (who may see the file, how
// long it may be cached). Mounted in server/app.ts behind the sandbox CSP; no Remix round trip,
// because a fair hall page loads dozens of logos at once.
import type { RequestHandler } from "express";
import { readSessionToken, userFromToken } from "../app/auth/session.server.ts";
import { serveMedia } from "../app/domain/booths/media.server.ts";

export const mediaHandler: RequestHandler = (req, res, next) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res
      .status(405)
      .set({ Allow: "GET, HEAD", "Cache-Control": "no-store" })
      .type("text/plain")
      .send("Method Not Allowed");
    return;
  }
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
  }).then((reply) => {
    res.status(reply.status).set(reply.headers);
    if (reply.body && req.method === "GET") res.end(reply.body);
    else {
      if (reply.body) res.set("Content-Length", String(reply.body.length));
      res.end();
    }
  }, next);
};
