// The Express app: security headers, request logs, the request edge, health, media, static assets, Remix.
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { logger } from "../app/lib/logger.server.ts";
import type { Config } from "../app/config.server.ts";
import { contentLengthCheck, contentTypeCheck, inputCheck, originCheck } from "./edge/checks.ts";
import { refuse, unavailable } from "./edge/refuse.ts";
import { remixHandler } from "./edge/remix.ts";
import { healthHandler, type SearchProbe } from "./health.ts";
import type { PageCache } from "./page-cache.ts";
import { DatabaseOutage } from "./db-outage.ts";
import { db } from "../app/db/client.server.ts";
import { mediaHandler, readOnly } from "./media.ts";
import { metricsHandler, registerAppProbes, requestIds, requestLog, requestMetrics } from "./observability.ts";
import { connectSources, mediaHeaders, securityHeaders } from "./security.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

export function createApp(opts: {
  build: ServerBuild;
  config: () => Config & { embeddedDb: boolean };
  searchProbe: SearchProbe;
  /** Anonymous public pages from memory (docs/decisions/025-throughput.md); none in most tests. */
  pageCache?: PageCache;
  /** Whether the database is away (docs/decisions/037-faults.md); a probe of the app's own pool by default. */
  outage?: DatabaseOutage;
}) {
  const outage = opts.outage ?? new DatabaseOutage({ probe: () => db().$queryRaw`SELECT 1` });
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  const appOrigin = () => opts.config().APP_URL ?? `http://localhost:${opts.config().PORT}`;

  // Request ids on every log line, one pino-http line per response, latency by route (ADR 029).
  app.use(requestIds, requestLog, requestMetrics(opts.build));
  registerAppProbes();
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
  app.get(
    "/metrics",
    metricsHandler(() => opts.config().METRICS_TOKEN),
  );
  // Media is checked per file (who may see it, how long it may be cached): server/media.ts.
  app.use("/media", mediaHandler);
  app.use(
    "/assets",
    express.static(path.join(ROOT, "build/client/assets"), { immutable: true, maxAge: "1y", index: false }),
  );
  // Only names with an extension can be files here (favicon.ico, sw.js, …): pages skip the stat it costs.
  const publicFiles = express.static(path.join(ROOT, "build/client"), {
    maxAge: "1h",
    index: false,
    // The service worker is checked for updates on every navigation, never read from a stale cache;
    // its scope is the whole site (ADR 023).
    setHeaders: (res, file) => {
      if (path.basename(file) === "sw.js" && path.dirname(file) === path.join(ROOT, "build/client")) {
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("Service-Worker-Allowed", "/");
      }
    },
  });
  app.use((req, res, next) => (/\.\w+$/.test(req.path) ? publicFiles(req, res, next) : next()));

  app.all(
    "*",
    remixHandler({
      build: opts.build,
      appOrigin,
      getLoadContext: (req, res) => ({ nonce: res.locals.nonce as string, clientIp: req.ip ?? "unknown" }),
      pageCache: opts.pageCache,
      outage,
    }),
  );

  app.use((async (err, req, res, _next) => {
    const status = (err as { status?: number }).status ?? 500;
    if (res.headersSent) {
      if (status >= 500) logger.error({ err }, "unhandled server error");
      return void req.socket.destroy(); // mid-response: all we can do is stop
    }
    // A failure while the database is away (a booth visit, a media file's access check) is the outage's.
    if (status >= 500 && (await outage.confirm()))
      return void refuse(req, res, unavailable(req.method, outage.retryAfterS));
    if (status >= 500) logger.error({ err }, "unhandled server error");
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
