// CloudFair server entry: one port for Remix pages, socket.io, /healthz and webhooks.
// With no DATABASE_URL it runs on embedded defaults: PGlite in .data/, demo fair seeded on first start.
import { checkServerConfig } from "./config-check.ts"; // first: an invalid variable stops the process before anything reads it
import { createServer } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { config, configure } from "../app/config.server.ts";
import { createDb } from "../app/db/client.server.ts";
import { logger } from "../app/lib/logger.server.ts";
import { mediaStorage, prepareMediaStorage } from "../app/domain/booths/media.server.ts";
import { createApp } from "./app.ts";
import { PageCache } from "./page-cache.ts";
import { startEmbeddedDefault } from "./db/embedded.ts";
import { migrate } from "./db/migrate.ts";
import { attachRealtime } from "./realtime.ts";
import { ensurePracticeMeeting } from "./seed/demo-practice.ts";
import { seedDemo } from "./seed/demo-fair.ts";
import { ensureDemoRoadshows } from "./seed/demo-roadshows.ts";
import { reindexAll, startIndexer } from "../app/search/indexer.server.ts";
import { onContentChange, pendingCount } from "../app/search/outbox.server.ts";
import { searchEngine } from "../app/search/service.server.ts";
import { startJobs } from "./jobs/all.ts";
import { closeMatchingThread } from "./jobs/matching-thread.ts";
import { closeRateLimitStore } from "../app/lib/rate-limit.server.ts";
import { backfillProgress, searchIndexProblem } from "./jobs/search.ts";
import {
  isClusterWorker,
  realtimeClusterOptions,
  runPrimary,
  shareContentChanges,
  syncChangedBooths,
  webConcurrency,
  workerEnv,
} from "./workers.ts";
import {
  hasTool,
  persistedLiveKitKeys,
  persistedStripeWebhookSecret,
  startLiveKit,
  startStripeMock,
  STRIPE_MOCK_KEY,
  type RunningService,
} from "./services/processes.ts";
import { obtainLiveKitInBackground } from "./services/local-video.ts";

checkServerConfig(); // APP_URL is required in production (docs/decisions/020-request-edge.md)
const started = performance.now();
const stops: (() => Promise<void>)[] = [];

let embedded: Awaited<ReturnType<typeof startEmbeddedDefault>> | null = null;
if (!config().DATABASE_URL) {
  // Configures DATABASE_URL and DB_POOL_MAX=1: PGlite has one session (docs/decisions/001).
  embedded = await startEmbeddedDefault();
  stops.push(() => embedded!.stop());
  logger.info({ dataDir: embedded.dataDir }, "embedded database (PGlite) started");
  if (config().INSTANCES > 1)
    logger.warn("INSTANCES > 1 with the embedded database: PGlite serves one instance only; set DATABASE_URL");
}

await prepareMediaStorage().then(
  (media) => logger.info({ media }, "booth media storage"),
  (err) => logger.warn({ err: (err as Error).message }, "booth media storage (S3) not reachable yet"),
);
// A cluster worker (docs/decisions/025-throughput.md) finds the database migrated and seeded by its primary.
const applied = isClusterWorker ? [] : await migrate(config().DATABASE_URL!, (m) => logger.info(m));
if (applied.length) logger.info({ applied }, "migrations applied");

if (!isClusterWorker && (config().SEED_DEMO === true || (embedded && config().SEED_DEMO !== false))) {
  const seedDb = createDb(config().DATABASE_URL);
  const summary = await seedDemo(seedDb, mediaStorage(), (m) => logger.info(m));
  const practice = await ensurePracticeMeeting(seedDb).catch((err) =>
    logger.warn({ err: (err as Error).message }, "practice meeting not created"),
  );
  if (practice)
    logger.info(
      { room: `/meetings/${practice}/room` },
      "demo practice negotiation open now for investor01 and exhibitor01",
    );
  const roadshows = await ensureDemoRoadshows(seedDb).catch((err) =>
    logger.warn({ err: (err as Error).message }, "demo roadshows not created"),
  );
  if (roadshows) logger.info({ live: `/fairs/jiangsu-2026/roadshows/${roadshows.live}` }, "demo roadshow live now");
  await seedDb.$disconnect();
  if (!summary.skipped) logger.info(summary, "demo fair seeded");
}

// Local LiveKit and stripe-mock from .tools/bin (scripts/setup) when nothing external is configured.
async function devService(
  name: "livekit-server" | "stripe-mock",
  start: () => Promise<RunningService>,
  apply: (s: RunningService) => void,
) {
  if (!config().DEV_SERVICES || !hasTool(name)) return;
  try {
    const svc = await start();
    stops.push(() => svc.stop());
    apply(svc);
    logger.info({ url: svc.url }, `${name} started`);
  } catch (err) {
    logger.warn({ err: (err as Error).message }, `${name} could not start`);
  }
}
if (!config().LIVEKIT_URL) {
  // LiveKit posts room and participant events back to this server (attendance).
  const startVideo = () =>
    devService(
      "livekit-server",
      () =>
        startLiveKit({
          webhookUrl: `http://127.0.0.1:${config().PORT}/webhooks/livekit`,
          keys: persistedLiveKitKeys(path.resolve(config().DATA_DIR)),
        }),
      (s) => {
        const lk = s as Awaited<ReturnType<typeof startLiveKit>>;
        configure({ LIVEKIT_URL: lk.url, LIVEKIT_API_KEY: lk.apiKey, LIVEKIT_API_SECRET: lk.apiSecret });
      },
    ).then(() => !!config().LIVEKIT_URL);
  // Not installed yet (a fresh machine): obtained in the background, /healthz says "starting" (ADR 029).
  if (config().DEV_SERVICES && !hasTool("livekit-server")) void obtainLiveKitInBackground(startVideo, stops, logger);
  else await startVideo();
}
if (!config().STRIPE_SECRET_KEY && !config().STRIPE_API_BASE) {
  // With the local stripe-mock, booth fees are paid on the app's own test checkout, which signs its
  // webhook deliveries with a secret of this data directory (docs/decisions/007).
  await devService(
    "stripe-mock",
    () => startStripeMock(),
    (s) => {
      configure({
        STRIPE_API_BASE: s.url,
        STRIPE_SECRET_KEY: STRIPE_MOCK_KEY,
        STRIPE_WEBHOOK_SECRET:
          config().STRIPE_WEBHOOK_SECRET ?? persistedStripeWebhookSecret(path.resolve(config().DATA_DIR)),
      });
      logger.info("booth fees are paid on a local test checkout (no real money)");
    },
  );
}

// On PostgreSQL in production, several HTTP processes: this one only starts and stops them (ADR 025).
const processes = isClusterWorker ? 1 : webConcurrency(config(), !!embedded);
if (processes > 1) {
  const primary = runPrimary(processes, workerEnv(config()), config().WORKER_SEMI_SPACE_MB);
  const stopPrimary = async (signal: string) => {
    logger.info({ signal }, "shutting down the workers");
    await primary.stop();
    for (const stop of stops.reverse()) await stop().catch((err) => logger.warn({ err }, "stop failed"));
    process.exit(0);
  };
  process.on("SIGTERM", () => void stopPrimary("SIGTERM"));
  process.on("SIGINT", () => void stopPrimary("SIGINT"));
  await new Promise(() => {}); // the workers serve; the primary waits for a signal
}

// Search: the embedded engine lives in memory, so it is rebuilt from the database at every start
// (in the background, with progress); Meilisearch keeps its index and just catches up via the outbox
// (all of it when its documents predate this version's fields).
const engine = searchEngine();
// Before init (which applies this version's settings): an empty, stale or differently configured
// shared index is backfilled by one instance through the outbox (ADR 030).
const searchProblem = await searchIndexProblem(engine).catch(() => null);
await engine
  .init()
  .catch((err) =>
    logger.warn({ err: (err as Error).message }, "search engine not reachable yet; the outbox will catch up"),
  );
if (engine.name === "embedded") {
  void reindexAll(engine, (done, total) => {
    if (done === total || done % 500 === 0) logger.info({ done, total }, "search index rebuild");
  }).catch((err) => logger.error({ err }, "search index rebuild failed"));
  // The in-memory index is each process's own; in a node:cluster only the jobs process drains the
  // outbox and the others apply its changes (server/workers.ts).
  if (config().RUN_JOBS) {
    const indexer = startIndexer(engine);
    stops.push(() => indexer.stop());
  }
}
// Every periodic job runs on one instance at a time, tasks once with retries (pg-boss, ADR 030);
// in a node:cluster, one process of the instance offers them (RUN_JOBS, ADR 025).
const jobs = config().RUN_JOBS ? await startJobs({ engine, embeddedPool: !!embedded, searchProblem }) : null;
stops.push(closeRateLimitStore); // rate limits count in Redis when REDIS_URL is set (ADR 030)

// Anonymous public pages from memory for about a second, emptied by every booth or fair change (ADR 025).
const pageCache = new PageCache();
const unsubscribe = onContentChange(() => pageCache.clear());
stops.push(async () => unsubscribe());
// In a cluster, the other workers hear the jobs worker's changes (server/workers.ts).
const unshare = shareContentChanges(onContentChange, (change) => {
  pageCache.clear();
  if (engine.name === "embedded") void syncChangedBooths(engine, change);
});
stops.push(async () => unshare());
const buildPath = path.resolve(import.meta.dirname, "../build/server/index.js");
const build = (await import(buildPath)) as ServerBuild;
const app = createApp({
  build,
  config: () => ({ ...config(), embeddedDb: !!embedded }),
  searchProbe: async () => ({
    engine: engine.name,
    healthy: await engine.healthy().catch(() => false),
    pending: await pendingCount(),
    backfill: await backfillProgress().catch(() => null),
  }),
  pageCache,
});
const http = createServer(app);
const realtime = await attachRealtime(http, {
  redisUrl: config().REDIS_URL,
  serverOptions: realtimeClusterOptions(!!config().REDIS_URL),
});
if (config().REDIS_URL) logger.info("socket.io uses the Redis adapter");

http.on("error", (err) => {
  logger.error({ err: err.message }, "HTTP server failed");
  void shutdown("listen-error", 1);
});
http.listen(config().PORT, config().HOST, () => {
  const addr = http.address();
  const port = typeof addr === "object" && addr ? addr.port : config().PORT;
  // Absolute links (reset links, calendar feeds) default to this server's own port.
  if (!config().APP_URL) configure({ APP_URL: `http://localhost:${port}` });
  logger.info(
    { port, startupMs: Math.round(performance.now() - started) },
    `CloudFair listening on http://localhost:${port}`,
  );
});

let shuttingDown = false;
async function shutdown(signal: string, exitCode = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => {
    logger.error("forced exit after 10 s");
    process.exit(1);
  }, 10_000);
  force.unref();
  await realtime.close();
  if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
  await jobs?.stop().catch((err) => logger.warn({ err }, "job queue stop failed"));
  await closeMatchingThread();
  await globalThis.__cloudfairDb?.$disconnect().catch(() => {});
  for (const stop of stops.reverse()) await stop().catch((err) => logger.warn({ err }, "stop failed"));
  logger.info("bye");
  process.exit(exitCode);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
