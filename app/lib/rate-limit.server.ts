// Rate limits per key (a user, an IP, an API key), with rate-limiter-flexible.
// - With REDIS_URL every instance counts in Redis (RateLimiterRedis), so a limit holds across the
//   cluster (docs/decisions/030-jobs-and-cluster.md). While Redis is unreachable each instance falls
//   back to counting in its own memory (the "insurance" limiter) rather than refusing everyone.
// - Without it each instance counts in its own memory (RateLimiterMemory): a fixed window per key
//   that opens at the key's first hit, and a key is dropped (by a timer of its own) when its window
//   ends, so memory holds only the keys seen within the last window. An instance of several HTTP
//   workers (node:cluster, server/workers.ts) counts in its primary's memory (RateLimiterCluster,
//   over IPC): a worker counting alone let each limit through once per worker. Should the primary
//   not answer within a second, the worker counts in its own memory meanwhile.
// Limiters are made at import time, the store is picked at the first hit (REDIS_URL is known then).
import cluster from "node:cluster";
import { createClient } from "redis";
import {
  RateLimiterCluster,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { config } from "~/config.server";
import { logger } from "~/lib/logger.server";

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  /** Counts one hit for the key; refused while the key has used its points in the current window. */
  consume(key: string): Promise<RateLimitResult>;
}

export interface RateLimitOptions {
  /** Hits allowed per key per window. */
  points: number;
  durationMs: number;
  /** Names the limiter's keys (a shared store keeps limiters apart by it). */
  name: string;
}

type RedisClient = ReturnType<typeof createClient>;

declare global {
  // One client per process and URL (the server entry and the Remix build load this module apart).
  var __cloudfairRateRedis: { url: string; client: RedisClient; firstTry: Promise<void> } | undefined;
}

/**
 * The process's Redis connection for rate limits. Never awaited: it connects and reconnects on its
 * own, and a limiter counts in memory whenever it is not ready (rejectIfRedisNotReady below).
 */
function redisClient(url: string): { client: RedisClient; firstTry: Promise<void> } {
  const held = globalThis.__cloudfairRateRedis;
  if (held?.url === url) return held;
  const client = createClient({
    url,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 + retries * 200, 2000) },
    disableOfflineQueue: true,
  });
  let warned = false;
  client.on("error", (err: Error) => {
    if (!warned) logger.warn({ err: err.message }, "rate limits: Redis not reachable; counting in memory meanwhile");
    warned = true;
  });
  client.on("ready", () => (warned = false));
  // The first hits wait for the first connection attempt (at most 2 s), not for every reconnect.
  const firstTry = Promise.race([
    client.connect().then(
      () => {},
      () => {}, // reported by the error event
    ),
    new Promise<void>((resolve) => setTimeout(resolve, 2000).unref()),
  ]);
  globalThis.__cloudfairRateRedis = { url, client, firstTry };
  return globalThis.__cloudfairRateRedis;
}

/** Closes the rate-limit Redis connection (server shutdown, tests). */
export async function closeRateLimitStore(): Promise<void> {
  const held = globalThis.__cloudfairRateRedis;
  globalThis.__cloudfairRateRedis = undefined;
  if (held?.client.isOpen) await held.client.disconnect().catch(() => {});
}

async function consumeWith(store: RateLimiterAbstract, key: string): Promise<RateLimitResult> {
  try {
    await store.consume(key);
    return { allowed: true };
  } catch (refused) {
    if (!(refused instanceof RateLimiterRes)) throw refused;
    return { allowed: false, retryAfterMs: Math.max(1, refused.msBeforeNext) };
  }
}

export function rateLimiter(options: RateLimitOptions): RateLimiter {
  const memory = memoryRateLimiter(options);
  let shared: { client: RedisClient; store: RateLimiterRedis } | null = null;
  /** A cluster worker's count, kept by the primary (made at the first hit: workers only). */
  let instance: RateLimiterCluster | null = null;
  const local = (): RateLimiterAbstract =>
    cluster.isWorker
      ? (instance ??= new RateLimiterCluster({
          points: options.points,
          duration: options.durationMs / 1000,
          keyPrefix: options.name,
          timeoutMs: 1000,
        }))
      : memory.store;
  return {
    async consume(key: string): Promise<RateLimitResult> {
      const url = config().REDIS_URL;
      if (!url && !cluster.isWorker) return memory.consume(key);
      if (!url)
        return consumeWith(local(), key).catch((err: Error) => {
          logger.warn(
            { err: err.message, limiter: options.name },
            "rate limits: the primary did not answer; counting here",
          );
          return memory.consume(key);
        });
      const { client, firstTry } = redisClient(url);
      await firstTry;
      if (shared?.client !== client)
        shared = {
          client,
          store: new RateLimiterRedis({
            storeClient: client,
            useRedisPackage: true,
            points: options.points,
            duration: options.durationMs / 1000,
            keyPrefix: `cloudfair:rl:${options.name}`,
            rejectIfRedisNotReady: true,
            insuranceLimiter: local(), // Redis away: this instance counts meanwhile
          }),
        };
      return consumeWith(shared.store, key);
    },
  };
}

/** The per-instance limiter; `heldKeys` tells how many keys it holds now. */
export function memoryRateLimiter({ points, durationMs, name }: RateLimitOptions): RateLimiter & {
  heldKeys(): number;
  store: RateLimiterMemory;
} {
  const store = new RateLimiterMemory({ points, duration: durationMs / 1000, keyPrefix: name });
  return {
    consume: (key: string) => consumeWith(store, key),
    heldKeys: (): number => store.dump().storage.length,
    store,
  };
}
