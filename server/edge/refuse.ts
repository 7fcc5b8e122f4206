// How the request edge says no (docs/decisions/020-request-edge.md): in the visitor's language
// (the cf_lang cookie, else Accept-Language, else zh-CN), as a small HTML page for a person or
// as JSON `{ error }` for Remix `_data` fetches and APIs, never with a stack trace. A refused
// body is read and thrown away (up to a bound) so the browser sees the answer instead of a reset.
import type { Request, Response } from "express";
import { serverTranslator } from "../../app/i18n/all-catalogs.server.ts";
import { DEFAULT_LOCALE, isLocale, type Locale, type MessageKey } from "../../app/i18n/index.ts";
import { localeCookie } from "../../app/i18n/locale.server.ts";
import { safeRedirect } from "../../app/lib/redirects.ts";

export interface Refusal {
  status: 400 | 403 | 404 | 413 | 415 | 500 | 503;
  /** 503: seconds until a retry may succeed (the Retry-After header). */
  retryAfterS?: number;
  /** The message shown to the person; `params` fill its placeholders. */
  message: MessageKey;
  params?: Record<string, string | number>;
}

const TITLE: Record<Refusal["status"], MessageKey> = {
  400: "edge.400.title",
  403: "edge.403.title",
  404: "errorPage.404.title",
  413: "edge.413.title",
  415: "edge.415.title",
  500: "errorPage.500.title",
  503: "edge.503.title",
};

/** A refused body is drained up to this many bytes, then the connection is closed. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** zh-CN or English from an Accept-Language header: the preferred of the two, zh-CN when neither is named. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  let best: { locale: Locale; q: number } | null = null;
  for (const item of (header ?? "").split(",")) {
    const [tag, ...params] = item.trim().toLowerCase().split(";");
    const locale: Locale | null = tag.startsWith("zh") ? "zh-CN" : tag === "en" || tag.startsWith("en-") ? "en" : null;
    if (!locale) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

export async function requestLocale(req: Request): Promise<Locale> {
  try {
    const chosen = await localeCookie.parse(req.headers.cookie ?? null);
    if (isLocale(chosen)) return chosen;
  } catch {
    /* an unreadable cookie: fall back to the header */
  }
  return localeFromAcceptLanguage(req.headers["accept-language"]);
}

/** A Remix client-side data request (`?_data=routes/…`): its answer must be JSON the client understands. */
export function isDataRequest(req: Request): boolean {
  return /[?&]_data(=|&|$)/.test(req.originalUrl);
}

function wantsJson(req: Request): boolean {
  return isDataRequest(req) || /^\/(api|webhooks)(\/|$)/.test(req.path) || req.accepts(["html", "json"]) === "json";
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The small page a person sees (no script, inline style only: it lives under the app's CSP). */
export function refusalPage(
  locale: Locale,
  status: number,
  title: string,
  message: string,
  hint: string,
  home: string,
  back?: { href: string; label: string },
) {
  return `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 云展洽 CloudFair</title>
<style>body{font-family:system-ui,sans-serif;color:#0f172a;margin:0;padding:4rem 1rem;text-align:center}
main{max-width:32rem;margin:0 auto}.s{font-size:3rem;font-weight:700;color:#cbd5e1;margin:0}p{color:#475569}
a{display:inline-block;margin-top:1.5rem;background:#1d4ed8;color:#fff;padding:.5rem 1rem;border-radius:.25rem;text-decoration:none}</style>
</head><body><main data-testid="edge-error-${status}"><p class="s">${status}</p><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>${hint && status !== 404 && status < 500 ? `<p>${escapeHtml(hint)}</p>` : ""}${back ? `<a href="${escapeHtml(back.href)}" data-testid="edge-back">${escapeHtml(back.label)}</a> ` : ""}<a href="/">${escapeHtml(home)}</a></main></body></html>
`;
}

/** Reads and discards what is left of the request body, closing the connection past DRAIN_LIMIT. */
export function discardBody(req: Request): void {
  if (req.readableEnded || req.destroyed) return;
  let drained = 0;
  req.unpipe();
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.socket.destroy();
  });
  req.on("error", () => {});
  req.resume();
}

/** Answers the request with a localized refusal (if nothing was sent yet) and discards its body. */
export async function refuse(req: Request, res: Response, refusal: Refusal): Promise<void> {
  try {
    discardBody(req);
    if (res.headersSent) return;
    const locale = await requestLocale(req);
    if (!res.headersSent) send(req, res, refusal, locale);
  } catch {
    req.socket.destroy(); // could not even say no: drop the connection rather than leave it hanging
  }
}

function send(req: Request, res: Response, refusal: Refusal, locale: Locale): void {
  const t = serverTranslator(locale);
  const message = t(refusal.message, refusal.params);
  const hint = refusal.message === "edge.goBack" ? "" : t("edge.goBack");
  res.status(refusal.status);
  res.set({ "Cache-Control": "no-store", "Content-Language": locale });
  if (refusal.retryAfterS !== undefined) res.set("Retry-After", String(refusal.retryAfterS));
  if (wantsJson(req)) {
    // Remix's client turns a response marked as "caught" into the route's error boundary.
    if (isDataRequest(req)) res.set("X-Remix-Catch", "yes");
    res.json({ error: message });
    return;
  }
  res
    .type("html")
    .send(
      refusalPage(
        locale,
        refusal.status,
        t(TITLE[refusal.status]),
        message,
        hint,
        t("errorPage.back"),
        backToForm(req, t("edge.backToForm")),
      ),
    );
}

/**
 * A form refused for its size was posted to the page that shows it (Remix forms post to their own
 * route): link back there, so a person without JavaScript can pick a smaller file.
 */
function backToForm(req: Request, label: string): { href: string; label: string } | undefined {
  if (req.method !== "POST") return undefined;
  const href = safeRedirect(req.path, "");
  return href && href !== "/" ? { href, label } : undefined;
}

/**
 * A localized 503 with Retry-After: a service the request needs is away. For a write (any method but
 * GET and HEAD) it says that nothing was saved, which the caller must make true.
 */
export function unavailable(method: string, retryAfterS: number): Refusal {
  const write = method !== "GET" && method !== "HEAD";
  return {
    status: 503,
    retryAfterS,
    message: write ? "edge.unavailableWrite" : "edge.unavailable",
    params: { seconds: retryAfterS },
  };
}
