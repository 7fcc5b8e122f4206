// An in-process sliding-window rate limiter (per app instance): `hit` records an attempt and says
// how long to wait when the key is over its limit.
export function slidingWindow(windowMs: number) {
  const hits = new Map<string, number[]>();
  return {
    /** 0 when allowed (and recorded); otherwise milliseconds until the oldest hit leaves the window. */
    hit(key: string, limit: number, now = Date.now()): number {
      const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= limit) {
        hits.set(key, recent);
        return Math.max(1, recent[0] + windowMs - now);
      }
      recent.push(now);
      hits.set(key, recent);
      return 0;
    },
  };
}
