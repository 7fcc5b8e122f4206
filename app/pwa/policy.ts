// What the service worker does with each request (docs/decisions/023-phones-and-offline.md). Pure, so
// it is unit-tested; app/pwa/service-worker.ts applies it. Shared with the page (the offline notice
// reads the saved copy's time from the same cache).

/** Hashed build files (`/assets/…`, immutable): served from the cache first, kept per release. */
export const STATIC_CACHE = "cf-static-v1";
/** The signed-in person's own pages kept for offline reading; emptied on login, logout and expiry. */
export const PERSONAL_CACHE = "cf-personal-v1";
/** Header the worker adds to a saved copy: when it was fetched (ISO 8601). */
export const SAVED_AT_HEADER = "X-CF-Saved-At";

/**
 * Pages readable offline: the agenda (requests and upcoming meetings), the dashboard (bookmarked
 * booths, upcoming meetings) and booth pages (the bookmarked booths themselves). Their Remix loader
 * data (`?_data=…`) shares the path, so client-side navigation works offline too.
 */
const OFFLINE_PAGES = [/^\/meetings\/?$/, /^\/dashboard\/?$/, /^\/booths\/[^/]+\/?$/];

/** Posting to these changes who is signed in: the saved personal pages must go. */
const SESSION_CHANGES = ["/login", "/logout", "/signup", "/account"];

export type Strategy =
  | { kind: "network-first"; cache: typeof PERSONAL_CACHE }
  | { kind: "cache-first"; cache: typeof STATIC_CACHE }
  | { kind: "clear-personal" }
  | { kind: "network-only" };

export function strategyFor(req: { method: string; url: string }, origin: string): Strategy {
  const url = new URL(req.url);
  if (url.origin !== origin) return { kind: "network-only" };
  if (req.method !== "GET") {
    return req.method === "POST" && SESSION_CHANGES.includes(url.pathname.replace(/\/$/, "") || "/")
      ? { kind: "clear-personal" }
      : { kind: "network-only" };
  }
  if (url.pathname.startsWith("/assets/")) return { kind: "cache-first", cache: STATIC_CACHE };
  if (OFFLINE_PAGES.some((re) => re.test(url.pathname))) return { kind: "network-first", cache: PERSONAL_CACHE };
  return { kind: "network-only" };
}

/**
 * Whether an answer may be saved for offline reading: a complete 200 page or loader answer, never a
 * redirect (to the login page when the session is gone; Remix answers a `_data` redirect with 204 and
 * X-Remix-Redirect), an error, or a response the server marked `no-store`.
 */
export function cacheable(res: {
  status: number;
  type: string;
  redirected: boolean;
  headers: { get(name: string): string | null };
}): boolean {
  if (res.status !== 200 || res.type === "opaqueredirect" || res.redirected) return false;
  if (res.headers.get("X-Remix-Redirect")) return false;
  return !/no-store/i.test(res.headers.get("Cache-Control") ?? "");
}

/** The session is over when a personal page sends the visitor to the login page. */
export function endsSession(res: { url: string; redirected: boolean; headers: { get(name: string): string | null } }) {
  const to = res.headers.get("X-Remix-Redirect") ?? (res.redirected ? new URL(res.url).pathname : null);
  return to != null && /^\/login(\?|$)/.test(to);
}
