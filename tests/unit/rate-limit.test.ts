// The in-memory rate limiter: limits per key, says how long to wait, and forgets a key when its
// window ends (rate-limiter-flexible's memory store sets one timer per key that deletes it), so
// per-IP keys do not pile up.
import { afterEach, describe, expect, it, vi } from "vitest";
import { memoryRateLimiter } from "../../app/lib/rate-limit.server.ts";

afterEach(() => {
  vi.useRealTimers();
});

describe("rate limiter (memory)", () => {
  it("allows the points of a window per key, then refuses with the time left; other keys are unaffected", async () => {
    vi.useFakeTimers();
    const limiter = memoryRateLimiter({ points: 3, durationMs: 10_000, name: "t1" });
    for (let i = 0; i < 3; i++) expect(await limiter.consume("a")).toEqual({ allowed: true });
    vi.advanceTimersByTime(4_000);
    expect(await limiter.consume("a")).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect(await limiter.consume("b")).toEqual({ allowed: true });
    vi.advanceTimersByTime(6_000);
    expect(await limiter.consume("a")).toEqual({ allowed: true });
  });

  // Real timers: fake ones scan every pending timer on each step, too slow for 100,000 of them.
  it("holds only the keys of the current window: 100,000 distinct keys are all dropped once it passes", async () => {
    const windowMs = 3_000;
    const limiter = memoryRateLimiter({ points: 60, durationMs: windowMs, name: "t2" });
    const started = Date.now();
    for (let i = 0; i < 100_000; i++) await limiter.consume(`ip:10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`);
    // A key over its limit keeps being refused, but is not kept any longer for it.
    for (let i = 0; i < 100; i++) await limiter.consume("ip:10.0.0.0");
    expect(await limiter.consume("ip:10.0.0.0")).toMatchObject({ allowed: false });
    if (Date.now() - started < windowMs) expect(limiter.heldKeys()).toBe(100_000);
    await new Promise((r) => setTimeout(r, windowMs + 100));
    expect(limiter.heldKeys()).toBe(0);
    expect(await limiter.consume("ip:10.0.0.0")).toEqual({ allowed: true });
  }, 30_000);
});
