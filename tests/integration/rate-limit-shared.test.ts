// Rate limits (ADR 030): with REDIS_URL two instances share one count; while Redis is away each
// instance counts in its own (bounded) memory instead of refusing everyone; without it, memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { closeRateLimitStore, rateLimiter } from "../../app/lib/rate-limit.server.ts";
import { startRedis } from "../harness/redis.ts";

describe("rate limits shared through Redis", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  beforeAll(async () => {
    redis = await startRedis();
    configure({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await closeRateLimitStore();
    configure({ REDIS_URL: undefined });
    await redis?.stop();
  });

  it("counts a key once across instances", async () => {
    const name = `shared-${Date.now()}`;
    // Two instances: each builds its own limiter (its own memory), as each process does at import.
    const a = rateLimiter({ points: 3, durationMs: 60_000, name });
    const b = rateLimiter({ points: 3, durationMs: 60_000, name });
    expect((await a.consume("ip-1")).allowed).toBe(true);
    expect((await b.consume("ip-1")).allowed).toBe(true);
    expect((await a.consume("ip-1")).allowed).toBe(true);
    const refused = await b.consume("ip-1");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterMs).toBeGreaterThan(50_000);
    expect((await b.consume("ip-2")).allowed).toBe(true); // other keys are counted apart
  });

  it("counts in memory while Redis is away, and shares again when it is back", async () => {
    const name = `away-${Date.now()}`;
    const a = rateLimiter({ points: 2, durationMs: 60_000, name });
    await closeRateLimitStore();
    configure({ REDIS_URL: "redis://127.0.0.1:9" }); // nothing listens there
    expect((await a.consume("k")).allowed).toBe(true);
    expect((await a.consume("k")).allowed).toBe(true);
    expect((await a.consume("k")).allowed).toBe(false); // still limited, by this instance's memory
    await closeRateLimitStore();
    configure({ REDIS_URL: redis.url });
    const b = rateLimiter({ points: 2, durationMs: 60_000, name: `${name}-back` });
    expect((await b.consume("k")).allowed).toBe(true);
  });
});

describe("rate limits without Redis", () => {
  it("count per instance in memory", async () => {
    configure({ REDIS_URL: undefined });
    const a = rateLimiter({ points: 1, durationMs: 60_000, name: "mem" });
    const b = rateLimiter({ points: 1, durationMs: 60_000, name: "mem" });
    expect((await a.consume("x")).allowed).toBe(true);
    expect((await a.consume("x")).allowed).toBe(false);
    expect((await b.consume("x")).allowed).toBe(true); // another instance, its own count
  });
});
