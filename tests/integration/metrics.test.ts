// GET /metrics (Prometheus) and request ids (ADR 029): readable only with METRICS_TOKEN (404 when
// none is configured, 401 for a wrong or missing one, every signed-in role included); latency by
// route pattern, database pool, sockets, webhook lag, mail outbox, the job-queue hook; an incoming
// X-Request-Id is kept only when well-formed and every log line of the request carries it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { ServerBuild } from "@remix-run/node";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { config, configure } from "../../app/config.server.ts";
import { db } from "../../app/db/client.server.ts";
import { handleStripeWebhook } from "../../app/domain/payments/booth-fees.server.ts";
import { logger, runWithRequestId } from "../../app/lib/logger.server.ts";
import { metrics, setMetricsProbe } from "../../app/lib/metrics.server.ts";
import { createApp } from "../../server/app.ts";
import { requestIdFrom, requestLog, routeLabeler } from "../../server/observability.ts";
import { attachRealtime } from "../../server/realtime.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeUser } from "../harness/factories.ts";
import { openSocket } from "../harness/sockets.ts";
import { signedEvent, WEBHOOK_SECRET } from "../harness/stripe.ts";

const TOKEN = "metrics-token-0123456789abcdef";
let server: Server;
let realtime: Awaited<ReturnType<typeof attachRealtime>>;
let base = "";
const sockets: Socket[] = [];
const lines: Record<string, unknown>[] = [];

// Log lines are captured from the logger's own stream (pino writes to fd 1 otherwise).
const streamSym = pino.symbols.streamSym as unknown as keyof typeof logger;
const saved = { stream: logger[streamSym], level: logger.level };
// pino-http's own child of the logger (its level was fixed when it was made).
const httpLogger = (requestLog as unknown as { logger: pino.Logger }).logger;

beforeAll(async () => {
  await useTestDatabase();
  configure({ STRIPE_SECRET_KEY: "sk_test_metrics", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  const app = createApp({
    build: {} as ServerBuild,
    config: () => ({ ...config(), embeddedDb: false }),
    searchProbe: async () => ({ engine: "none", healthy: true, pending: 0 }),
  });
  server = createServer(app);
  realtime = await attachRealtime(server);
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = {
    write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>),
  };
  logger.level = "info";
  httpLogger.level = "info";
});

afterAll(async () => {
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = saved.stream;
  logger.level = saved.level;
  httpLogger.level = saved.level;
  for (const s of sockets) s.disconnect();
  await realtime?.close();
  await new Promise((resolve) => server?.close(resolve));
  configure({ METRICS_TOKEN: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined });
});

const scrape = (authorization?: string) =>
  fetch(`${base}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });

/** The value of one series in Prometheus text, e.g. `cloudfair_socket_connections`. */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line ? Number(line.slice(series.length + 1)) : undefined;
}

describe("GET /metrics access", () => {
  it("does not exist (404) while no METRICS_TOKEN is configured, whatever the caller sends", async () => {
    configure({ METRICS_TOKEN: undefined });
    expect((await scrape()).status).toBe(404);
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("refuses a missing, wrong, differently long or non-Bearer token (401), and every session cookie", async () => {
    configure({ METRICS_TOKEN: TOKEN });
    for (const auth of [
      undefined,
      "Bearer",
      "Bearer ",
      `Bearer ${TOKEN.slice(0, -1)}x`,
      `Bearer ${TOKEN}x`,
      `Bearer ${"a".repeat(10_000)}`,
      `Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`,
      `Bearer ${TOKEN} ${TOKEN}`,
      TOKEN,
    ]) {
      const res = await scrape(auth);
      expect(res.status, String(auth).slice(0, 40)).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toBe('Bearer realm="metrics"');
      expect(await res.text()).not.toContain("cloudfair_");
    }
    for (const role of ["ADMIN", "STAFF", "EXHIBITOR", "INVESTOR", "VISITOR"] as const) {
      const user = await makeUser(role);
      const res = await fetch(`${base}/metrics`, { headers: { Cookie: user.cookie } });
      expect(res.status, role).toBe(401);
    }
  });

  it("serves Prometheus text with the right token, never cached", async () => {
    configure({ METRICS_TOKEN: TOKEN });
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(await res.text()).toContain("# TYPE cloudfair_http_request_duration_seconds histogram");
  });
});

describe("what /metrics reports", () => {
  it("times requests by route pattern, not by raw URL", async () => {
    configure({ METRICS_TOKEN: TOKEN });
    await fetch(`${base}/healthz`);
    for (let i = 0; i < 5; i++) await fetch(`${base}/media/booths/b${i}/x${i}.webp`);
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(
      value(text, 'cloudfair_http_request_duration_seconds_count{method="GET",route="/healthz",status="2xx"}'),
    ).toBe(1);
    expect(
      value(text, 'cloudfair_http_request_duration_seconds_count{method="GET",route="/media/*",status="4xx"}'),
    ).toBeGreaterThanOrEqual(5);
    expect(text).not.toMatch(/route="\/media\/booths/);
  });

  it("maps paths to Remix route patterns, with fixed names for everything else", () => {
    const build = {
      routes: {
        root: { id: "root", path: "" },
        "routes/_index": { id: "routes/_index", parentId: "root", index: true },
        "routes/booths.$id": { id: "routes/booths.$id", parentId: "root", path: "booths/:id" },
        "routes/booths.$id_.edit": { id: "routes/booths.$id_.edit", parentId: "root", path: "booths/:id/edit" },
        "routes/api.v1.$": { id: "routes/api.v1.$", parentId: "root", path: "api/v1/*" },
      },
    } as unknown as ServerBuild;
    const label = routeLabeler(build);
    expect(label("/")).toBe("/");
    expect(label("/booths/abc123")).toBe("/booths/:id");
    expect(label("/booths/%E4%BA%91/edit")).toBe("/booths/:id/edit");
    expect(label("/api/v1/fairs/1/booths")).toBe("/api/v1/*");
    expect(label("/no/such/page")).toBe("unmatched");
    expect(label("/favicon.ico")).toBe("static");
    expect(label("/metrics")).toBe("/metrics");
    expect(label("/media/booths/x/y.webp")).toBe("/media/*");
    // Thousands of distinct URLs make a handful of series.
    const labels = new Set(Array.from({ length: 2_000 }, (_, i) => label(`/booths/id${i}`)));
    expect([...labels]).toEqual(["/booths/:id"]);
    expect(routeLabeler(undefined)("/x")).toBe("unmatched");
  });

  it("reports the database pool, open sockets, the mail outbox and the job-queue hook", async () => {
    configure({ METRICS_TOKEN: TOKEN });
    const user = await makeUser("INVESTOR");
    await openSocket(base, sockets, user.cookie);
    await db().mailOutbox.createMany({
      data: [
        { eventKey: `m-${Date.now()}-1`, kind: "password-reset", toEmail: "a@example.cn", data: {} },
        { eventKey: `m-${Date.now()}-2`, kind: "password-reset", toEmail: "b@example.cn", data: {}, status: "FAILED" },
      ],
    });
    setMetricsProbe("jobQueues", async () => [{ queue: "search-index", depth: 3, failed: 1 }]);
    metrics().jobFailures.inc({ queue: "search-index" });
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(value(text, 'cloudfair_db_pool_connections{state="max"}')).toBe(config().DB_POOL_MAX);
    expect(value(text, 'cloudfair_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(value(text, "cloudfair_db_pool_waiting_requests")).toBe(0);
    expect(value(text, "cloudfair_socket_connections")).toBe(1);
    expect(value(text, 'cloudfair_mail_outbox_messages{status="PENDING"}')).toBe(1);
    expect(value(text, 'cloudfair_mail_outbox_messages{status="FAILED"}')).toBe(1);
    expect(value(text, 'cloudfair_mail_outbox_messages{status="SENT"}')).toBe(0);
    expect(value(text, 'cloudfair_job_queue_depth{queue="search-index"}')).toBe(3);
    expect(value(text, 'cloudfair_job_queue_failed{queue="search-index"}')).toBe(1);
    expect(value(text, 'cloudfair_job_failures_total{queue="search-index"}')).toBe(1);
    expect(text).toContain("cloudfair_process_resident_memory_bytes");
  });

  it("a probe that fails (database away) drops its series, not the scrape", async () => {
    configure({ METRICS_TOKEN: TOKEN });
    setMetricsProbe("jobQueues", () => Promise.reject(new Error("queue unreachable")));
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain('cloudfair_job_queue_depth{queue="search-index"}');
    setMetricsProbe("jobQueues", undefined);
  });

  it("measures webhook lag from the provider's event time, and counts refused deliveries", async () => {
    configure({ METRICS_TOKEN: TOKEN });
    const e = signedEvent("customer.created", { id: "cus_1", object: "customer" });
    const body = JSON.parse(e.payload) as { created: number };
    expect(await handleStripeWebhook(e.payload, e.signature)).toBe(200);
    expect(await handleStripeWebhook(e.payload, "t=1,v1=forged")).toBe(400);
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(value(text, 'cloudfair_webhook_lag_seconds_count{source="stripe"}')).toBe(1);
    expect(value(text, 'cloudfair_webhook_lag_seconds_sum{source="stripe"}')).toBeLessThan(
      Date.now() / 1000 - body.created + 1,
    );
    expect(value(text, 'cloudfair_webhook_events_total{source="stripe",outcome="accepted"}')).toBe(1);
    expect(value(text, 'cloudfair_webhook_events_total{source="stripe",outcome="rejected"}')).toBe(1);
  });
});

describe("request ids", () => {
  it("keeps a well-formed X-Request-Id and replaces anything else", () => {
    for (const ok of ["abc", "req-1.2:3_x", "0f8c2b1e-4a3b-4c1d-9e7f-123456789abc", "a".repeat(128)])
      expect(requestIdFrom(ok)).toBe(ok);
    for (const bad of [undefined, "", "has space", "a".repeat(129), "x\nforged-log-line", "-lead", '"quoted"', "云"])
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes the id in the response and stamps it on the request's log lines", async () => {
    lines.length = 0;
    const res = await fetch(`${base}/media/booths/none/x.webp`, { headers: { "X-Request-Id": "trace-abc-123" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("X-Request-Id")).toBe("trace-abc-123");
    const forged = await fetch(`${base}/media/booths/none/x.webp`, { headers: { "X-Request-Id": "bad id" } });
    const fresh = forged.headers.get("X-Request-Id")!;
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 50));
    const requestLines = lines.filter((l) => l.msg === "request");
    expect(requestLines.map((l) => l.reqId)).toEqual(["trace-abc-123", fresh]);
    expect(requestLines[0]).toMatchObject({ method: "GET", status: 404, url: "/media/booths/none/x.webp" });
    expect(JSON.stringify(requestLines)).not.toContain("bad id");
  });

  it("stamps domain log lines written while handling the request", async () => {
    lines.length = 0;
    await runWithRequestId("trace-domain-1", () => handleStripeWebhook("{}", "t=1,v1=forged"));
    logger.info("outside any request");
    expect(lines.find((l) => l.msg === "stripe webhook with a bad signature")?.reqId).toBe("trace-domain-1");
    expect(lines.find((l) => l.msg === "outside any request")).not.toHaveProperty("reqId");
  });
});
