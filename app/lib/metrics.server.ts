// Prometheus metrics (prom-client), read at GET /metrics with the METRICS_TOKEN (server/metrics.ts;
// docs/decisions/029). One registry per process, on globalThis: the server entry and the Remix build
// each load their own copy of this module, and both must record into the same series.
//
// Cardinality is bounded by construction: HTTP series are labelled by route *pattern* (a finite
// set from the route table, plus a few fixed names), method and status class, never by raw URL.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface JobQueueStats {
  queue: string;
  /** Jobs waiting or running. */
  depth: number;
  /** Jobs that failed for good (retries used up) and are kept for admins. */
  failed: number;
}
type Probe<T> = () => T | Promise<T>;

interface Metrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  webhookLag: Histogram<"source">;
  webhookEvents: Counter<"source" | "outcome">;
  jobFailures: Counter<"queue">;
  probes: {
    dbPool?: Probe<{ total: number; idle: number; waiting: number; max: number }>;
    sockets?: Probe<number>;
    mailOutbox?: Probe<{ status: string; count: number }[]>;
    jobQueues?: Probe<JobQueueStats[]>;
  };
}

declare global {
  var __cloudfairMetrics: Metrics | undefined;
}

/** A probe that fails (database away) leaves its series out of that scrape rather than failing /metrics. */
async function safely<T>(probe: Probe<T> | undefined): Promise<T | undefined> {
  if (!probe) return undefined;
  try {
    return await probe();
  } catch {
    return undefined;
  }
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "cloudfair_" });
  const probes: Metrics["probes"] = {};
  const m: Metrics = {
    registry,
    probes,
    httpDuration: new Histogram({
      name: "cloudfair_http_request_duration_seconds",
      help: "HTTP request latency by route pattern, method and status class",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    webhookLag: new Histogram({
      name: "cloudfair_webhook_lag_seconds",
      help: "Time from an event's creation at the provider (Stripe, LiveKit) to its verified arrival here",
      labelNames: ["source"],
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    webhookEvents: new Counter({
      name: "cloudfair_webhook_events_total",
      help: "Webhook deliveries by source and outcome (accepted, rejected)",
      labelNames: ["source", "outcome"],
      registers: [registry],
    }),
    jobFailures: new Counter({
      name: "cloudfair_job_failures_total",
      help: "Background job attempts that failed, by queue (each retry counts)",
      labelNames: ["queue"],
      registers: [registry],
    }),
  };
  new Gauge({
    name: "cloudfair_db_pool_connections",
    help: "The app's database pool: open connections by state, and its maximum",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      const s = await safely(probes.dbPool);
      if (!s) return;
      this.set({ state: "total" }, s.total);
      this.set({ state: "idle" }, s.idle);
      this.set({ state: "busy" }, s.total - s.idle);
      this.set({ state: "max" }, s.max);
    },
  });
  new Gauge({
    name: "cloudfair_db_pool_waiting_requests",
    help: "Queries waiting for a free database connection",
    registers: [registry],
    async collect() {
      this.reset();
      const s = await safely(probes.dbPool);
      if (s) this.set(s.waiting);
    },
  });
  new Gauge({
    name: "cloudfair_socket_connections",
    help: "Open socket.io connections on this instance",
    registers: [registry],
    async collect() {
      this.reset();
      const n = await safely(probes.sockets);
      if (n !== undefined) this.set(n);
    },
  });
  new Gauge({
    name: "cloudfair_mail_outbox_messages",
    help: "Mail outbox rows by status (PENDING = depth; FAILED = given up)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await safely(probes.mailOutbox)) ?? []) this.set({ status: row.status }, row.count);
    },
  });
  new Gauge({
    name: "cloudfair_job_queue_depth",
    help: "Background jobs waiting or running, by queue",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of (await safely(probes.jobQueues)) ?? []) this.set({ queue: q.queue }, q.depth);
    },
  });
  new Gauge({
    name: "cloudfair_job_queue_failed",
    help: "Background jobs failed for good, by queue",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const q of (await safely(probes.jobQueues)) ?? []) this.set({ queue: q.queue }, q.failed);
    },
  });
  return m;
}

export function metrics(): Metrics {
  return (globalThis.__cloudfairMetrics ??= create());
}

/** Records one HTTP request (server/app.ts). `route` must be a pattern or a fixed name, never a raw URL. */
export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  const m = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(method) ? method : "OTHER";
  metrics().httpDuration.observe({ method: m, route, status: `${Math.floor(status / 100)}xx` }, seconds);
}

/**
 * Records a webhook delivery. `createdAt` is when the provider says the event happened (Date, or
 * Unix seconds as Stripe and LiveKit send it); accepted deliveries add to the lag histogram.
 */
export function observeWebhook(
  source: "stripe" | "livekit",
  outcome: "accepted" | "rejected",
  createdAt?: Date | number | bigint | null,
): void {
  const m = metrics();
  m.webhookEvents.inc({ source, outcome });
  if (outcome !== "accepted" || createdAt === undefined || createdAt === null) return;
  const ms = createdAt instanceof Date ? createdAt.getTime() : Number(createdAt) * 1000;
  if (!Number.isFinite(ms) || ms <= 0) return;
  m.webhookLag.observe({ source }, Math.max(0, (Date.now() - ms) / 1000));
}

/**
 * Hooks for the parts that own the numbers: the database client (pool), socket.io (connections),
 * the mail outbox, and the job queue (`setMetricsProbe("jobQueues", async () => [{ queue, depth,
 * failed }])`; count each failed attempt with `metrics().jobFailures.inc({ queue })`).
 * Probes are asked at scrape time only.
 */
export function setMetricsProbe<K extends keyof Metrics["probes"]>(name: K, probe: Metrics["probes"][K]): void {
  metrics().probes[name] = probe;
}

/** The text Prometheus reads. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
