// Rate limits per key (a user, an IP, an API key). Today each app instance counts in its own memory
// with rate-limiter-flexible's RateLimiterMemory: a fixed window per key that opens at the key's
// first hit, and a key is dropped (by a timer of its own) when its window ends, so memory holds only
// the keys seen within the last window. The interface is async and small so that a shared store
// (RateLimiterRedis when REDIS_URL is set) can stand behind it without touching the callers.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

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

export function rateLimiter(options: RateLimitOptions): RateLimiter {
  return memoryRateLimiter(options);
}

/** The per-instance limiter; `heldKeys` tells how many keys it holds now. */
export function memoryRateLimiter({ points, durationMs, name }: RateLimitOptions): RateLimiter & {
  heldKeys(): number;
} {
  const store = new RateLimiterMemory({ points, duration: durationMs / 1000, keyPrefix: name });
  return {
    async consume(key: string): Promise<RateLimitResult> {
      try {
        await store.consume(key);
        return { allowed: true };
      } catch (refused) {
        if (!(refused instanceof RateLimiterRes)) throw refused;
        return { allowed: false, retryAfterMs: Math.max(1, refused.msBeforeNext) };
      }
    },
    heldKeys: (): number => store.dump().storage.length,
  };
}
