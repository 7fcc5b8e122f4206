// The Express app: security headers, request logs, health, media, static assets, Remix.
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { logger } from "../app/lib/logger.server.ts";
import type { Config } from "../app/config.server.ts";
import { healthHandler, type SearchProbe } from "./health.ts";
import { mediaHandler } from "./media.ts";
import { mediaHeaders, securityHeaders } from "./security.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

export function createApp(opts: {
  build: ServerBuild;
  config: () => Config & { embeddedDb: boolean };
  searchProbe: SearchProbe;
}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");

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
  // livekit-client talks WebSocket to LiveKit and, when a connection fails, HTTP to the same host.
  const livekit = opts.config().LIVEKIT_URL;
  app.use(securityHeaders({ connectSrc: livekit ? [livekit, livekit.replace(/^ws(s?):/, "http$1:")] : [] }));

  app.get("/healthz", healthHandler(opts.config, opts.searchProbe));
  // Media is checked per file (who may see it, how long it may be cached): server/media.ts.
  app.use("/media", mediaHeaders, mediaHandler);
  app.use(
    "/assets",
    express.static(path.join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  app.use(express.static(path.join(ROOT, "build/client"), { maxAge: "1h", index: false }));

  app.all(
    "*",
    createRequestHandler({
      build: opts.build,
      mode: "production",
      getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, clientIp: req.ip ?? "unknown" }),
    }),
  );

  app.use(((err, _req, res, _next) => {
    const status = (err as { status?: number }).status ?? 500;
    if (status >= 500) logger.error({ err }, "unhandled server error");
    res
      .status(status)
      .type("text/plain")
      .send(status === 404 ? "Not Found" : "Error");
  }) as express.ErrorRequestHandler);

  return app;
}
