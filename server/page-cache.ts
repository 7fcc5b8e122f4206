// The public page micro-cache (docs/decisions/025-throughput.md): anonymous GETs of the public
// pages (home, fair hall, booth page, search; documents and their `_data` requests) are rendered at
// most about once a second per URL and language, and served from memory in between.
// - Only requests that carry no cookie but the language (cf_lang) and the visitor id (cf_vid), and no
//   Authorization header: a signed-in request (or one with any cookie we do not know) is never
//   served from, nor stored in, the cache, so nobody receives a page rendered for someone else.
// - Only 200 answers with an HTML or JSON body and no Set-Cookie are stored.
// - Fresh for `ttlMs` (1 s); after that the next request re-renders it while concurrent ones still
//   get the stored page (stale-while-revalidate), for at most `staleMs` (10 s, a render that slow);
//   so a page is never older than 1 s plus one render. Concurrent misses of one key wait for the
//   first render instead of rendering it again.
// - The indexer's outbox change events (a booth approved, edited, unpublished; a fair changed) empty
//   it at once, so public pages show a change within about the indexer's 1 s poll.
// - Bounded: at most `maxEntries` pages and `maxBytes` bytes (least recently used go first).
// - While the database is away (server/db-outage.ts, docs/decisions/037-faults.md) a stored page is
//   served however old it is: pages past their stale window are kept (not served) for that until
//   they are replaced, refused by a later render, or evicted.
// - A document's CSP nonce is replaced by the current response's own nonce on every hit.
// - Booth visits still count on every hit: the booth loader hands its visit to `visit` (load context
//   `deferBoothVisit`) instead of counting it, the entry keeps it, and it is counted per request.
import type { Request as ExpressRequest } from "express";
import { LRUCache } from "lru-cache";

const PUBLIC_PAGES = [/^\/$/, /^\/fairs\/[^/]+$/, /^\/booths\/[^/]+$/, /^\/search$/];
/** Cookies that may be present on a cached request; the language is part of the key. */
const KEY_COOKIES = new Set(["cf_lang"]);
const IGNORED_COOKIES = new Set(["cf_vid"]);
const MAX_BODY = 2 * 1024 * 1024;

export interface BoothVisitTarget {
  id: string;
  timeZone: string;
}

export interface CachedPage {
  status: number;
  headers: [string, string][];
  /** The body split at the CSP nonce it was rendered with (one part when there is none). */
  parts: Buffer[];
  bytes: number;
  storedAt: number;
  refreshing: boolean;
  visit: BoothVisitTarget | null;
}

export interface PageCacheOptions {
  ttlMs?: number;
  staleMs?: number;
  maxEntries?: number;
  maxBytes?: number;
  now?: () => number;
}

export type Lookup =
  | { kind: "bypass" }
  /** Serve `page`; `state` says how fresh it was. */
  | { kind: "hit"; page: CachedPage; state: "fresh" | "stale" | "shared" }
  /** Render it and offer the result to `store` (then `release`, whatever happened). */
  | { kind: "miss"; key: string };

export class PageCache {
  readonly ttlMs: number;
  readonly staleMs: number;
  private readonly now: () => number;
  private readonly pages: LRUCache<string, CachedPage>;
  /** Renders under way, so concurrent misses of one key share one; bounded by requests in flight. */
  private readonly pending = new Map<
    string,
    { promise: Promise<CachedPage | null>; done: (p: CachedPage | null) => void }
  >();
  private generation = 0;

  constructor(opts: PageCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 1000;
    this.staleMs = opts.staleMs ?? 10_000;
    this.now = opts.now ?? Date.now;
    // A page bigger than maxBytes alone is not stored (lru-cache refuses it).
    this.pages = new LRUCache({
      max: opts.maxEntries ?? 500,
      maxSize: opts.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (p) => Math.max(1, p.bytes),
    });
  }

  get size(): number {
    return this.pages.size;
  }

  get bytes(): number {
    return this.pages.calculatedSize;
  }

  /** Empties the cache (content changed); renders under way are not stored. */
  clear(): void {
    this.generation++;
    this.pages.clear();
  }

  /** The key of a cacheable request, or null when this request must go to the app as it is. */
  keyOf(req: Pick<ExpressRequest, "method" | "path" | "originalUrl" | "headers">): string | null {
    if (req.method !== "GET") return null;
    if (!PUBLIC_PAGES.some((re) => re.test(req.path))) return null;
    if (req.headers.authorization !== undefined) return null;
    const keyParts: string[] = [];
    const cookie = req.headers.cookie;
    if (cookie) {
      for (const pair of cookie.split(";")) {
        const eq = pair.indexOf("=");
        const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
        if (!name) continue;
        if (KEY_COOKIES.has(name)) keyParts.push(pair.trim());
        else if (!IGNORED_COOKIES.has(name)) return null; // a session, or a cookie we do not know
      }
    }
    if (req.originalUrl.length > 2048) return null;
    return `${keyParts.sort().join(";")} ${req.originalUrl}`;
  }

  /** What to do with a request of this key. A stale page is refreshed by exactly one request. */
  lookup(key: string): Lookup | Promise<Lookup> {
    const page = this.pages.get(key);
    const age = page ? this.now() - page.storedAt : Infinity;
    if (page && age < this.ttlMs) return { kind: "hit", page, state: "fresh" };
    if (page && age < this.ttlMs + this.staleMs) {
      if (page.refreshing) return { kind: "hit", page, state: "stale" };
      page.refreshing = true;
      return this.begin(key);
    }
    // Too old to serve, but kept (until replaced, refused or evicted) for a database outage.
    const pending = this.pending.get(key);
    if (pending)
      return pending.promise.then((shared): Lookup =>
        shared ? { kind: "hit", page: shared, state: "shared" } : { kind: "bypass" },
      );
    return this.begin(key);
  }

  private begin(key: string): Lookup {
    if (!this.pending.has(key)) {
      let done: (p: CachedPage | null) => void = () => {};
      const promise = new Promise<CachedPage | null>((resolve) => (done = resolve));
      this.pending.set(key, { promise, done });
    }
    return { kind: "miss", key: `${this.generation}\u0000${key}` };
  }

  /**
   * Offers the app's answer to a miss; returns the page stored (or null when it may not be). The
   * response's body is consumed either way: send the returned page, or `bodyOf` the result.
   */
  async store(
    missKey: string,
    response: Response,
    nonce: string | undefined,
    visit: BoothVisitTarget | null,
  ): Promise<{ page: CachedPage | null; body: Buffer | null }> {
    const sep = missKey.indexOf("\u0000");
    const generation = Number(missKey.slice(0, sep));
    const key = missKey.slice(sep + 1);
    const type = response.headers.get("Content-Type") ?? "";
    const cacheable =
      response.status === 200 &&
      !response.headers.has("Set-Cookie") &&
      !/no-store|private/i.test(response.headers.get("Cache-Control") ?? "") &&
      /^(text\/html|application\/json)/i.test(type) &&
      Number(response.headers.get("Content-Length") ?? 0) <= MAX_BODY;
    if (!cacheable) {
      this.release(key, null);
      return { page: null, body: null };
    }
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_BODY) {
      this.release(key, null);
      return { page: null, body };
    }
    const headers: [string, string][] = [];
    for (const [name, value] of response.headers.entries())
      if (!/^(content-length|date|connection|keep-alive|transfer-encoding)$/i.test(name)) headers.push([name, value]);
    const page: CachedPage = {
      status: response.status,
      headers,
      parts: splitAt(body, nonce && /^text\/html/i.test(type) ? nonce : null),
      bytes: body.length + 512,
      storedAt: this.now(),
      refreshing: false,
      visit,
    };
    if (generation === this.generation) this.pages.set(key, page);
    this.release(key, page);
    return { page, body: null };
  }

  /** The stored page of `key` however old it is (what a database outage may still serve), if any. */
  outageCopy(key: string): CachedPage | null {
    return this.pages.get(key) ?? null;
  }

  /**
   * Ends a miss the database's outage failed: the stored page, however old, is kept and shared with
   * the requests that waited for this render; it is returned (null when there is none).
   */
  releaseForOutage(missKey: string): CachedPage | null {
    const key = missKey.slice(missKey.indexOf("\u0000") + 1);
    const page = this.pages.get(key) ?? null;
    if (page) page.refreshing = false;
    const pending = this.pending.get(key);
    this.pending.delete(key);
    pending?.done(page);
    return page;
  }

  /** Ends a miss without a page (the app failed or answered something not cacheable). */
  release(keyOrMissKey: string, page: CachedPage | null): void {
    const sep = keyOrMissKey.indexOf("\u0000");
    const key = sep >= 0 ? keyOrMissKey.slice(sep + 1) : keyOrMissKey;
    const pending = this.pending.get(key);
    if (!pending) return;
    this.pending.delete(key);
    // A refresh that ended without a page (now a 404, a redirect, an error): the stale copy goes too.
    if (!page) this.pages.delete(key);
    pending.done(page);
  }
}

/** The page's body with `nonce` in place of the one it was rendered with. */
export function bodyWithNonce(page: CachedPage, nonce: string | undefined): Buffer {
  if (page.parts.length === 1) return page.parts[0];
  const joiner = Buffer.from(nonce ?? "");
  const chunks: Buffer[] = [];
  page.parts.forEach((part, i) => {
    if (i) chunks.push(joiner);
    chunks.push(part);
  });
  return Buffer.concat(chunks);
}

function splitAt(body: Buffer, marker: string | null): Buffer[] {
  if (!marker) return [body];
  const needle = Buffer.from(marker);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at >= 0; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}
