// Security headers for every response; a fresh CSP nonce per request for Remix's inline scripts.
// With COOKIE_SECURE=1 (served over HTTPS) every response carries HSTS and every cookie set by any
// part of the app leaves with `Secure` (docs/decisions/020-request-edge.md).
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";

/** 365 days, above the 180 that HSTS preload lists and scanners ask for. */
export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * `connect-src` sources: this origin (`'self'`, which CSP 3 browsers also apply to ws:/wss: on the
 * same host, where socket.io connects), the same host's WebSocket origin spelled out for browsers
 * that do not, and LiveKit (WebSocket, and HTTP for its connection checks). No other host.
 */
export function connectSources(appOrigin: string, liveKitUrl?: string): string[] {
  const sources = ["'self'", appOrigin.replace(/^http/, "ws")];
  if (liveKitUrl) {
    const lk = new URL(liveKitUrl);
    const ws = lk.protocol.startsWith("http") ? lk.protocol.replace("http", "ws") : lk.protocol;
    const http = ws.replace("ws", "http");
    sources.push(`${ws}//${lk.host}`, `${http}//${lk.host}`);
  }
  return [...new Set(sources)];
}

export function securityHeaders(opts: { connectSrc: () => string[]; secure: () => boolean }): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.nonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        // The service worker (/sw.js) and the web app manifest, from this origin only (ADR 023).
        "worker-src 'self'",
        "manifest-src 'self'",
        `connect-src ${opts.connectSrc().join(" ")}`,
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "object-src 'none'",
      ].join("; "),
    );
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (opts.secure()) {
      res.setHeader("Strict-Transport-Security", HSTS);
      secureCookies(res);
    }
    next();
  };
}

/** Adds `Secure` to a Set-Cookie value that lacks it. */
export function withSecure(cookie: string): string {
  return /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`;
}

/** Every Set-Cookie this response sends (session, cf_vid, cf_lang, any later one) gets `Secure`. */
function secureCookies(res: Parameters<RequestHandler>[1]): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() !== "set-cookie") return setHeader(name, value);
    return setHeader(
      name,
      typeof value === "number" ? value : Array.isArray(value) ? value.map(withSecure) : withSecure(value as string),
    );
  }) as typeof res.setHeader;
}

/** Media is user-supplied content: never let a file (e.g. an SVG) run script or be framed. */
export const mediaHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  next();
};
