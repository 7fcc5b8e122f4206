// The one redirect guard (docs/decisions/020-request-edge.md): every redirect target that comes
// from the user (`next`, `redirectTo`, …) goes through safeRedirect.

const BASE = "http://redirect-guard.invalid";
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001F\u007F\\]/; // control characters (tab, CR, LF, NUL …) and backslashes
const HEADER_SAFE = /^\/(?!\/)[\x21-\x7E]*$/; // what may stand in a Location header: visible ASCII, one leading slash

/**
 * Returns `to` as a same-origin path (`/…`, with its query and fragment) that is safe to put in a
 * Location header, or `fallback`. Refused: anything not starting with one `/`, control characters
 * (`/\t/evil.example` is read as `//evil.example` by browsers), backslashes, anything that resolves
 * to another origin or to a `//…` path. Characters outside ASCII come back percent-encoded, so the
 * header never throws.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2048 || FORBIDDEN.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  return HEADER_SAFE.test(path) ? path : fallback;
}
