// The bounded LRU and the page cache's rules (docs/decisions/025-throughput.md), without a server.
import { describe, expect, it } from "vitest";
import { LRUCache } from "lru-cache";
import { bodyWithNonce, PageCache, type Lookup } from "../../server/page-cache.ts";

const html = (body: string, headers: Record<string, string> = {}, status = 200) =>
  new Response(body, { status, headers: { "Content-Type": "text/html; charset=utf-8", ...headers } });
const request = (originalUrl: string, headers: Record<string, string> = {}, method = "GET") => ({
  method,
  path: originalUrl.split("?")[0],
  originalUrl,
  headers,
});

async function missKey(cache: PageCache, key: string): Promise<string> {
  const found: Lookup = await cache.lookup(key);
  if (found.kind !== "miss") throw new Error(`expected a miss, got ${found.kind}`);
  return found.key;
}

// What the page cache and the visit memory rely on from lru-cache (it replaced app/lib/lru.ts).
describe("lru-cache as configured here", () => {
  it("keeps at most maxEntries, dropping the least recently used", () => {
    const lru = new LRUCache<number, string>({ max: 3 });
    for (let i = 0; i < 3; i++) lru.set(i, `v${i}`);
    lru.get(0); // 0 is now the most recent: 1 goes first
    lru.set(3, "v3");
    expect(lru.size).toBe(3);
    expect(lru.has(1)).toBe(false);
    expect([0, 2, 3].every((k) => lru.has(k))).toBe(true);
    for (let i = 0; i < 10_000; i++) lru.set(100 + i, "x");
    expect(lru.size).toBe(3);
  });

  it("keeps the total size under maxSize and refuses an entry bigger than all of it", () => {
    const lru = new LRUCache<string, string>({ max: 100, maxSize: 10, sizeCalculation: (v) => Math.max(1, v.length) });
    lru.set("a", "aaaa");
    lru.set("b", "bbbb");
    lru.set("c", "cccc"); // 12 > 10: a goes
    expect(lru.has("a")).toBe(false);
    expect(lru.calculatedSize).toBe(8);
    lru.set("huge", "x".repeat(11));
    expect(lru.has("huge")).toBe(false);
    lru.set("b", "b"); // replacing updates the size
    expect(lru.calculatedSize).toBe(5);
    lru.clear();
    expect([lru.size, lru.calculatedSize]).toEqual([0, 0]);
  });
});

describe("PageCache", () => {
  it("takes only anonymous GETs of the public pages, keyed by URL and language", () => {
    const cache = new PageCache();
    expect(cache.keyOf(request("/"))).toBe(" /");
    expect(cache.keyOf(request("/fairs/x?hall=a"))).toBe(" /fairs/x?hall=a");
    expect(cache.keyOf(request("/booths/b1?_data=routes%2Fbooths.%24id"))).toBeTruthy();
    expect(cache.keyOf(request("/search?q=%E6%96%B0"))).toBeTruthy();
    expect(cache.keyOf(request("/booths/b1", { cookie: "cf_vid=abc" }))).toBe(" /booths/b1");
    expect(cache.keyOf(request("/", { cookie: "cf_lang=en; cf_vid=abc" }))).toBe("cf_lang=en /");
    for (const r of [
      request("/", {}, "POST"),
      request("/", {}, "HEAD"),
      request("/booths/b1/edit"),
      request("/fairs/x/apply"),
      request("/dashboard"),
      request("/meetings"),
      request("/", { cookie: "cf_session=abc" }),
      request("/", { cookie: "cf_lang=en; cf_session=abc" }),
      request("/", { cookie: "something=else" }),
      request("/", { authorization: "Bearer cf_x" }),
      request(`/search?q=${"x".repeat(3000)}`),
    ])
      expect(cache.keyOf(r)).toBeNull();
  });

  it("stores only 200 HTML or JSON answers without Set-Cookie or no-store", async () => {
    const cache = new PageCache();
    const refused = [
      html("x", { "Set-Cookie": "cf_vid=1" }),
      html("x", {}, 404),
      html("x", { "Cache-Control": "no-store" }),
      new Response("x", { headers: { "Content-Type": "text/event-stream" } }),
      new Response(null, { status: 204, headers: { "X-Remix-Redirect": "/login" } }),
    ];
    for (const [i, response] of refused.entries()) {
      const stored = await cache.store(await missKey(cache, `k${i}`), response, "n", null);
      expect(stored.page).toBeNull();
    }
    expect(cache.size).toBe(0);
    const ok = await cache.store(await missKey(cache, "ok"), html("<p>ok</p>"), "n", null);
    expect(ok.page).not.toBeNull();
    expect(cache.size).toBe(1);
  });

  it("replays a document with the new nonce in place of the one it was rendered with", async () => {
    const cache = new PageCache();
    const body = `<script nonce="OLD">a</script><script nonce="OLD">b</script>`;
    const { page } = await cache.store(await missKey(cache, "p"), html(body), "OLD", null);
    expect(bodyWithNonce(page!, "NEW").toString()).toBe(`<script nonce="NEW">a</script><script nonce="NEW">b</script>`);
  });

  it("is fresh for ttl, then one request refreshes while the others get the stale page, then is not served", async () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 1000, staleMs: 1000, now: () => now });
    await cache.store(await missKey(cache, "k"), html("v1"), undefined, null);
    now = 999;
    expect((await cache.lookup("k")).kind).toBe("hit");
    now = 1500;
    const refresher = await cache.lookup("k");
    expect(refresher.kind).toBe("miss");
    const other = await cache.lookup("k");
    expect(other).toMatchObject({ kind: "hit", state: "stale" });
    await cache.store((refresher as { key: string }).key, html("v2"), undefined, null);
    const fresh = await cache.lookup("k");
    expect(fresh.kind === "hit" && bodyWithNonce(fresh.page, undefined).toString()).toBe("v2");
    // A refresh that answers something not cacheable (the booth was unpublished: 404) drops the copy.
    now = 3000;
    const refresh404 = await cache.lookup("k");
    await cache.store((refresh404 as { key: string }).key, html("gone", {}, 404), undefined, null);
    expect(cache.size).toBe(0);
    await cache.store(await missKey(cache, "k"), html("v3"), undefined, null);
    now = 1500 + 2000 + 2000;
    expect((await cache.lookup("k")).kind).toBe("miss"); // past ttl + stale: rendered again
    expect(new PageCache().staleMs).toBe(10_000); // the default: stale only while one request renders
  });

  it("lets concurrent misses of one key share one render, and drops renders begun before a clear", async () => {
    const cache = new PageCache();
    const first = await missKey(cache, "k");
    const waiting = cache.lookup("k"); // a promise: waits for the first render
    await cache.store(first, html("shared"), undefined, null);
    const second = await waiting;
    expect(second).toMatchObject({ kind: "hit", state: "shared" });

    const before = await missKey(cache, "late");
    cache.clear(); // content changed while "late" was rendering
    await cache.store(before, html("old"), undefined, null);
    expect(cache.size).toBe(0);
    // A render that fails lets the waiting requests go to the app themselves.
    const failing = await missKey(cache, "f");
    const waiter = cache.lookup("f");
    cache.release(failing, null);
    expect((await waiter).kind).toBe("bypass");
  });

  it("keeps a page past its stale window for a database outage, and shares it with waiting requests", async () => {
    let now = 0;
    const cache = new PageCache({ ttlMs: 1000, staleMs: 1000, now: () => now });
    await cache.store(await missKey(cache, "k"), html("v1"), undefined, null);
    now = 60_000; // long past fresh + stale: not served as such
    const refresh = await missKey(cache, "k");
    const waiting = cache.lookup("k");
    expect(cache.outageCopy("k") && bodyWithNonce(cache.outageCopy("k")!, undefined).toString()).toBe("v1");
    // The render failed because the database is away: the old page is kept and the waiters get it.
    const copy = cache.releaseForOutage(refresh);
    expect(copy && bodyWithNonce(copy, undefined).toString()).toBe("v1");
    expect(await waiting).toMatchObject({ kind: "hit", state: "shared" });
    expect(cache.size).toBe(1);
    // Once the database is back, the next request renders it again (and a refused render drops it).
    const again = await missKey(cache, "k");
    cache.release(again, null);
    expect(cache.outageCopy("k")).toBeNull();
    expect(cache.releaseForOutage(await missKey(cache, "never"))).toBeNull();
  });

  it("stays within its bounds however many URLs are asked for", async () => {
    const cache = new PageCache({ maxEntries: 50, maxBytes: 100_000 });
    for (let i = 0; i < 500; i++)
      await cache.store(await missKey(cache, `/search?q=${i}`), html("x".repeat(1000)), undefined, null);
    expect(cache.size).toBeLessThanOrEqual(50);
    expect(cache.bytes).toBeLessThanOrEqual(100_000);
  });
});
