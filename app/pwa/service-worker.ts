// The service worker, built to build/client/sw.js by vite.config.ts (docs/decisions/023). A hand-written
// Workbox-style worker: network-first for the offline pages (app/pwa/policy.ts), cache-first for hashed
// build files, and the personal cache emptied whenever the signed-in person may change.
import { cacheable, endsSession, PERSONAL_CACHE, SAVED_AT_HEADER, STATIC_CACHE, strategyFor } from "./policy";

// The WebWorker lib clashes with the DOM lib the app is type-checked with: the few worker types used here.
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface MessageEventLike extends ExtendableEvent {
  data: unknown;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: "install" | "activate", fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", fn: (e: FetchEvent) => void): void;
  addEventListener(type: "message", fn: (e: MessageEventLike) => void): void;
}
const sw = self as unknown as WorkerScope;
const KEEP = [STATIC_CACHE, PERSONAL_CACHE];

sw.addEventListener("install", (e) => e.waitUntil(sw.skipWaiting()));
sw.addEventListener("activate", (e) =>
  e.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (!KEEP.includes(name)) await caches.delete(name);
      await sw.clients.claim();
    })(),
  ),
);

sw.addEventListener("message", (e) => {
  const msg = e.data as { type?: string; urls?: unknown } | null;
  if (msg?.type === "clear-personal") e.waitUntil(caches.delete(PERSONAL_CACHE));
  // A page that loaded while this worker was activating missed its claim (its document did not
  // exist yet): it asks, and from then on its requests go through this worker.
  if (msg?.type === "claim") e.waitUntil(sw.clients.claim().catch(() => undefined));
  // The page's own build files, fetched before this worker controlled it: keep them for offline use.
  if (msg?.type === "keep-assets" && Array.isArray(msg.urls)) {
    const urls = msg.urls.filter(
      (u): u is string => typeof u === "string" && new URL(u, sw.location.href).pathname.startsWith("/assets/"),
    );
    e.waitUntil(
      caches.open(STATIC_CACHE).then(async (cache) => {
        for (const u of urls) if (!(await cache.match(u))) await cache.add(u).catch(() => undefined);
      }),
    );
  }
});

sw.addEventListener("fetch", (e) => {
  const strategy = strategyFor(e.request, sw.location.origin);
  switch (strategy.kind) {
    case "network-only":
      return;
    case "clear-personal":
      // The request itself goes to the network untouched; the saved pages go now.
      return e.waitUntil(caches.delete(PERSONAL_CACHE));
    case "cache-first":
      return e.respondWith(cacheFirst(e.request, strategy.cache));
    case "network-first":
      return e.respondWith(networkFirst(e.request, strategy.cache, (p) => e.waitUntil(p)));
  }
});

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.status === 200) await cache.put(request, res.clone());
  return res;
}

/** The network's answer goes to the page at once; saving the copy continues in the background. */
async function networkFirst(
  request: Request,
  cacheName: string,
  waitUntil: (p: Promise<unknown>) => void,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(request);
  } catch (error) {
    const saved = await (await caches.open(cacheName)).match(request, { ignoreVary: true });
    if (saved) return saved;
    throw error;
  }
  if (endsSession(res)) waitUntil(caches.delete(cacheName));
  else if (cacheable(res)) waitUntil(save(request, res.clone(), cacheName));
  return res;
}

async function save(request: Request, res: Response, cacheName: string): Promise<void> {
  const headers = new Headers(res.headers);
  headers.set(SAVED_AT_HEADER, new Date().toISOString());
  const copy = new Response(await res.blob(), { status: res.status, statusText: res.statusText, headers });
  await (await caches.open(cacheName)).put(request, copy);
}
