// The Express app: security headers, request logs, the request edge, health, media, static assets, Remix.
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { logger } from "../app/lib/logger.server.ts";
import type { Config } from "../app/config.server.ts";
import { contentLengthCheck, contentTypeCheck, inputCheck, originCheck } from "./edge/checks.ts";
import { refuse } from "./edge/refuse.ts";
import { remixHandler } from "./edge/remix.ts";
import { healthHandler, type SearchProbe } from "./health.ts";
import { mediaHandler, readOnly } from "./media.ts";
import { connectSources, mediaHeaders, securityHeaders } from "./security.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

export function createApp(opts: {
  build: ServerBuild;
  config: () => Config & { embeddedDb: boolean };
  searchProbe: SearchProbe;
}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const appOrigin = () => opts.config().APP_URL ?? `http://localhost:${opts.config().PORT}`;

  app.use((req, res, next) => {
    const t0 = performance.now();
    res.on("finish", () => {
      if (req.path === "/healthz" || req.path.startsWith("/assets/")) return;
      logger.info(
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(performance.now() - t0) },
        "request",
      );
    });
    next();
  });
  app.use(
    securityHeaders({
      connectSrc: () => connectSources(appOrigin(), opts.config().LIVEKIT_URL),
      secure: () => opts.config().COOKIE_SECURE,
    }),
  );

  // User-supplied files keep the sandbox CSP on every answer, refusals by the edge included.
  app.use("/media", mediaHeaders, readOnly);
  // The request edge (docs/decisions/020-request-edge.md): before anything reads the request.
  app.use(inputCheck, originCheck(appOrigin), contentTypeCheck, contentLengthCheck);

  app.get("/healthz", healthHandler(opts.config, opts.searchProbe));
  // Media is checked per file (who may see it, how long it may be cached): server/media.ts.
  app.use("/media", mediaHandler);
  app.use(
    "/assets",
    express.static(path.join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static(path.join(ROOT, "build/client"), { maxAge: "1h", index: false }));

  app.all(
    "*",
    remixHandler({
      build: opts.build,
      appOrigin,
      getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, clientIp: req.ip ?? "unknown" }),
    }),
  );

  app.use(((err, req, res, _next) => {
    const status = (err as { status?: number }).status ?? 500;
    if (status >= 500) logger.error({ err }, "unhandled server error");
    if (res.headersSent) return void req.socket.destroy(); // mid-response: all we can do is stop
    void refuse(
      req,
      res,
      status === 404
        ? { status: 404, message: "errorPage.404.body" }
        : status >= 500
          ? { status: 500, message: "errorPage.500.body" }
          : { status: 400, message: "edge.goBack" },
    );
  }) as express.ErrorRequestHandler);

  return app;
}
