// Request ids, request logs and request metrics (docs/decisions/029): every request gets an id (a
// well-formed incoming X-Request-Id, else a fresh one), echoed in the X-Request-Id response header
// and stamped on every log line written while the request is handled (app/lib/logger.server.ts);
// pino-http writes the one "request" line per response; the latency histogram is labelled by the
// route pattern the request matched, never by its raw URL. GET /metrics serves Prometheus text to
// holders of METRICS_TOKEN only.
import { randomUUID, timingSafeEqual, createHash } from "node:crypto";
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import { db, dbPoolStats } from "../app/db/client.server.ts";
import { logger, runWithRequestId } from "../app/lib/logger.server.ts";
import { observeRequest, renderMetrics, setMetricsProbe } from "../app/lib/metrics.server.ts";

/** Ids a client or proxy may hand us: short, printable, no spaces or separators that break log parsing. */
const WELL_FORMED_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestIdFrom(header: string | undefined): string {
  return header && WELL_FORMED_ID.test(header) ? header : randomUUID();
}

/** Assigns the request id and runs the rest of the request inside its logging context. */
export const requestIds: RequestHandler = (req, res, next) => {
  const id = requestIdFrom(req.get("X-Request-Id"));
  (req as { id?: string }).id = id;
  res.setHeader("X-Request-Id", id);
  runWithRequestId(id, next);
};

const quiet = (path: string) => path === "/healthz" || path === "/metrics" || path.startsWith("/assets/");

/** One log line per response (pino-http), with the request id, method, URL, status and time. */
export const requestLog: RequestHandler = pinoHttp<IncomingMessage, ServerResponse, never>({
  logger,
  genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
  serializers: { req: () => undefined, res: () => undefined },
  autoLogging: { ignore: (req) => quiet(new URL(req.url ?? "/", "http://x").pathname) },
  // A 503 is an answer the app chose (a service is away, ADR 037), logged once as an error where it began.
  customLogLevel: (_req, res, err) =>
    res.statusCode === 503 ? "warn" : err || res.statusCode >= 500 ? "error" : "info",
  customSuccessMessage: () => "request",
  customErrorMessage: () => "request",
  customSuccessObject: (req, res, val: { responseTime: number }) => ({
    reqId: req.id,
    method: req.method,
    url: (req as { originalUrl?: string }).originalUrl ?? req.url,
    status: res.statusCode,
    ms: val.responseTime,
  }),
  customErrorObject: (req, res, err, val: { responseTime: number }) => ({
    reqId: req.id,
    method: req.method,
    url: (req as { originalUrl?: string }).originalUrl ?? req.url,
    status: res.statusCode,
    ms: val.responseTime,
    err: err.message,
  }),
}) as unknown as RequestHandler;

/** The Remix route table as the router's route objects, with each route's full pattern. */
function routeTree(build: ServerBuild | undefined): AgnosticRouteObject[] {
  const routes = Object.values(build?.routes ?? {});
  const children = (parentId: string | undefined): AgnosticRouteObject[] =>
    routes
      .filter((r) => r.parentId === parentId)
      .map((r) =>
        r.index
          ? { id: r.id, path: r.path, index: true, caseSensitive: r.caseSensitive }
          : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, children: children(r.id) },
      );
  return children(undefined);
}

const PATTERN_CACHE_MAX = 5_000;

/**
 * The label for a request path: a fixed name for the server's own endpoints and files, else the
 * pattern of the Remix route it matches ("/booths/:id/edit"), else "unmatched". Finite by design.
 */
export function routeLabeler(build: ServerBuild | undefined): (path: string) => string {
  const tree = routeTree(build);
  const cache = new Map<string, string>();
  return (path) => {
    if (path === "/healthz" || path === "/metrics") return path;
    if (path.startsWith("/media/")) return "/media/*";
    if (path.startsWith("/assets/")) return "/assets/*";
    if (path.startsWith("/socket.io/")) return "/socket.io/*";
    const hit = cache.get(path);
    if (hit) return hit;
    const matches = matchRoutes(tree, path) ?? [];
    const pattern = matches.length
      ? "/" +
        matches
          .map((m) => m.route.path ?? "")
          .filter(Boolean)
          .join("/")
          .replace(/\/+/g, "/")
      : /\.\w+$/.test(path)
        ? "static"
        : "unmatched";
    if (cache.size >= PATTERN_CACHE_MAX) cache.clear();
    cache.set(path, pattern);
    return pattern;
  };
}

/** Times every request into the latency histogram, by route pattern. */
export function requestMetrics(build: ServerBuild | undefined): RequestHandler {
  const label = routeLabeler(build);
  return (req, res, next) => {
    const t0 = process.hrtime.bigint();
    res.once("finish", () => {
      let route = "unmatched";
      try {
        // originalUrl: inside a mount (/media) req.path has lost its prefix when the response ends.
        route = label(new URL(req.originalUrl, "http://x").pathname);
      } catch {
        // a path the router cannot read: counted as unmatched
      }
      observeRequest(req.method, route, res.statusCode, Number(process.hrtime.bigint() - t0) / 1e9);
    });
    next();
  };
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * GET /metrics: 404 when no METRICS_TOKEN is configured (the endpoint does not exist), 401 without
 * `Authorization: Bearer <token>` or with a wrong one (compared in constant time), else the text.
 */
export function metricsHandler(token: () => string | undefined): RequestHandler {
  return (req, res, next) => {
    const expected = token();
    res.set("Cache-Control", "no-store");
    if (!expected) return void res.status(404).type("text/plain").send("Not Found");
    const given = /^Bearer ([^\s]+)$/i.exec(req.get("Authorization") ?? "")?.[1] ?? "";
    // Hashes have one length, so timingSafeEqual never throws and the token's length does not leak.
    if (!timingSafeEqual(digest(given), digest(expected)))
      return void res
        .status(401)
        .set("WWW-Authenticate", 'Bearer realm="metrics"')
        .type("text/plain")
        .send("Unauthorized");
    renderMetrics().then(({ contentType, body }) => res.set("Content-Type", contentType).send(body), next);
  };
}

const MAIL_STATUSES = ["PENDING", "SENT", "KEPT", "FAILED"] as const;

/**
 * The probes this process can answer for itself: the database pool and the mail outbox (one
 * grouped count over an indexed column per scrape). socket.io registers its own (server/realtime.ts),
 * the job queue its own (`setMetricsProbe("jobQueues", …)`).
 */
export function registerAppProbes(): void {
  setMetricsProbe("dbPool", () => dbPoolStats() ?? Promise.reject(new Error("no pool yet")));
  setMetricsProbe("mailOutbox", async () => {
    const rows = await db().mailOutbox.groupBy({ by: ["status"], _count: { _all: true } });
    const counts = new Map<string, number>(rows.map((r) => [r.status, r._count._all]));
    return MAIL_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  });
}
