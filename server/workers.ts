// Several HTTP processes on one machine (node:cluster), docs/decisions/025-throughput.md.
// The primary runs the once-only start-up (migrations, seeding, local dev services), then forks
// WEB_CONCURRENCY workers that each serve HTTP and socket.io on the same port; exactly one of them
// (and whichever replaces it) runs the background jobs and the search indexer (RUN_JOBS), the others
// RUN_JOBS=0. What one worker must tell the others goes through the primary:
// - content changes the indexer announces (the page caches drop their pages; an embedded search
//   engine, one per process, re-reads the changed booths);
// - socket.io broadcasts, with @socket.io/cluster-adapter when there is no Redis.
// Round-robin spreads connections, so an HTTP long-polling socket.io session would land on several
// workers: with more than one worker the server takes WebSocket only (the client tries it first).
// The embedded database (PGlite) has one connection, so it always runs in one process.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { createAdapter, setupPrimary } from "@socket.io/cluster-adapter";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";
import type { ServerOptions } from "socket.io";
import type { Config } from "../app/config.server.ts";
import { logger } from "../app/lib/logger.server.ts";
import { syncChange } from "../app/search/indexer.server.ts";
import type { ContentChange } from "../app/search/outbox.server.ts";
import type { SearchEngine } from "../app/search/port.ts";

/** How many HTTP processes: WEB_CONCURRENCY, else the CPU count on PostgreSQL in production; 1 on PGlite. */
export function webConcurrency(c: Pick<Config, "WEB_CONCURRENCY" | "NODE_ENV">, embedded: boolean): number {
  if (embedded) return 1;
  return c.WEB_CONCURRENCY ?? (c.NODE_ENV === "production" ? availableParallelism() : 1);
}

export const isClusterWorker = cluster.isWorker;

interface ChangeMessage {
  cloudfair: "content-change";
  change: ContentChange;
}
const isChangeMessage = (m: unknown): m is ChangeMessage =>
  typeof m === "object" && m !== null && (m as ChangeMessage).cloudfair === "content-change";

/**
 * The primary's part: forks `n` workers with `env` on top of its own environment (values the primary
 * worked out at start-up), RUN_JOBS=1 on exactly one of them, replaces a worker that dies (at most
 * once a second), and relays messages between them. Resolves with a stop function.
 */
export function runPrimary(n: number, env: Record<string, string>, semiSpaceMb: number): { stop(): Promise<void> } {
  setupPrimary(); // socket.io's cluster adapter: relays its messages between the workers
  // Rate limits without Redis count here, for all workers at once (app/lib/rate-limit.server.ts).
  new RateLimiterClusterMaster();
  // The workers' V8 flags: the primary's own, and a larger young generation (ADR 036).
  cluster.setupPrimary({ execArgv: [...process.execArgv, `--max-semi-space-size=${semiSpaceMb}`] });
  let stopping = false;
  let jobsWorker: Worker | null = null;
  const fork = (runJobs: boolean) => {
    const worker = cluster.fork({ ...env, RUN_JOBS: runJobs ? "1" : "0", DEV_SERVICES: "0", SEED_DEMO: "0" });
    if (runJobs) jobsWorker = worker;
    worker.on("message", (m: unknown) => {
      if (!isChangeMessage(m)) return;
      for (const other of Object.values(cluster.workers ?? {}))
        if (other && other !== worker && other.isConnected()) other.send(m);
    });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      const wasJobs = worker === jobsWorker;
      logger.error({ pid: worker.process.pid, code, signal, jobs: wasJobs }, "worker died; starting another");
      setTimeout(() => !stopping && fork(wasJobs), 1000).unref();
    });
  };
  for (let i = 0; i < n; i++) fork(i === 0);
  logger.info({ workers: n }, "HTTP workers started (node:cluster)");
  return {
    async stop() {
      stopping = true;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
      await Promise.all(
        alive.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.once("exit", () => resolve());
              w.process.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

/**
 * A worker's part: announces this process's content changes to the other workers, and hands theirs
 * to `apply`. Returns the unsubscribe. Outside a cluster it does nothing.
 */
export function shareContentChanges(
  onContentChange: (listener: (change: ContentChange) => void) => () => void,
  apply: (change: ContentChange) => void,
): () => void {
  if (!cluster.isWorker) return () => {};
  const unsubscribe = onContentChange((change) => process.send?.({ cloudfair: "content-change", change }));
  const listener = (m: unknown) => isChangeMessage(m) && apply(m.change);
  process.on("message", listener);
  return () => {
    unsubscribe();
    process.off("message", listener);
  };
}

/** socket.io options for a worker: the cluster adapter without Redis, and WebSocket only. */
export function realtimeClusterOptions(redis: boolean): Partial<ServerOptions> {
  if (!cluster.isWorker) return {};
  // (the cast: the adapter package may bring its own copy of socket.io-adapter's types)
  return {
    transports: ["websocket"],
    ...(redis ? {} : { adapter: createAdapter() as unknown as ServerOptions["adapter"] }),
  };
}

/** What the primary worked out at start-up (local dev services), for its workers' environment. */
export function workerEnv(c: Config): Record<string, string> {
  const keys = [
    "DATABASE_URL",
    "APP_URL",
    "LIVEKIT_URL",
    "LIVEKIT_API_KEY",
    "LIVEKIT_API_SECRET",
    "STRIPE_API_BASE",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
  ] as const;
  const env: Record<string, string> = {};
  for (const k of keys) if (c[k] !== undefined) env[k] = String(c[k]);
  return env;
}

/** An embedded search engine (one per process) re-reads the booths and roadshows another worker's change names. */
export async function syncChangedBooths(engine: SearchEngine, change: ContentChange): Promise<void> {
  try {
    await syncChange(engine, { ...change, roadshowIds: change.roadshowIds ?? [] });
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "search index of this worker not updated");
  }
}
