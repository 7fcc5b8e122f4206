// The request edge's checks, run by Express before anything else reads the request
// (docs/decisions/020-request-edge.md). Each is one mechanism for the whole app:
//   input   a control character (NUL, …) or invalid UTF-8 in the path, NUL or invalid UTF-8 in
//           the query, NUL in a cookie → 400
//   origin  a non-GET request from another site (Sec-Fetch-Site, Origin, else Referer) → 403
//   type    a non-GET request whose body is not a form (urlencoded or multipart) → 415
//   length  a declared body above the limit for its type → 413 (streamed bodies: server/edge/remix.ts)
// Webhooks (signed) and the read-only open data API (bearer keys, CORS) are meant to be called from
// elsewhere with other bodies: the origin and type checks skip them.
import type { RequestHandler } from "express";
import { pathProblem, textProblem, urlencodedProblem, type InputProblem } from "../../app/lib/input.ts";
import { MAX_PART_BYTES } from "../../app/lib/multipart.server.ts";
import { refuse, type Refusal } from "./refuse.ts";

const MiB = 1024 * 1024;

/** The body-limit policy: form and other text bodies up to 1 MB; multipart up to the largest file (20 MB) + 1 MB. */
export const BODY_LIMITS = { text: 1 * MiB, multipart: MAX_PART_BYTES + 1 * MiB } as const;

export function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\s*(;|$)/i.test(contentType ?? "");
}

export function bodyLimitFor(contentType: string | undefined): number {
  return isMultipart(contentType) ? BODY_LIMITS.multipart : BODY_LIMITS.text;
}

/** The localized 413 for a body above its limit. */
export function tooLarge(contentType: string | undefined): Refusal {
  return isMultipart(contentType)
    ? { status: 413, message: "upload.too-large", params: { maxMb: MAX_PART_BYTES / MiB } }
    : { status: 413, message: "edge.tooLarge", params: { maxMb: BODY_LIMITS.text / MiB } };
}

/** Machine endpoints: their bodies are JSON or signed payloads, not forms (signatures, bearer keys). */
export function isMachineEndpoint(path: string): boolean {
  return (
    path === "/webhooks/stripe" || path === "/webhooks/livekit" || path === "/api/v1" || path.startsWith("/api/v1/")
  );
}

/** Paths called from other sites on purpose, authenticated otherwise (signatures, bearer keys, signed tokens). */
export function isCrossSiteEndpoint(path: string): boolean {
  // RFC 8058: mail providers post one-click unsubscribes (a form) from their own sites; the signed token authorizes.
  return isMachineEndpoint(path) || path.startsWith("/mail/unsubscribe/");
}

export const isSafeMethod = (method: string) => method === "GET" || method === "HEAD" || method === "OPTIONS";

const PROBLEM_MESSAGE = { control: "input.control", encoding: "input.encoding" } as const;
const badInput = (problem: InputProblem): Refusal => ({ status: 400, message: PROBLEM_MESSAGE[problem] });

/** The first problem of a request target (`/path?query`), or null. */
export function targetProblem(target: string): InputProblem | null {
  const q = target.indexOf("?");
  const pathname = q < 0 ? target : target.slice(0, q);
  return pathProblem(pathname) ?? (q < 0 ? null : urlencodedProblem(target.slice(q + 1)));
}

/** NUL in any cookie value, raw or percent-decoded (cookies of other apps on the host included). */
export function cookieProblem(header: string | undefined): InputProblem | null {
  for (const pair of (header ?? "").split(";")) {
    let value = pair;
    try {
      value = decodeURIComponent(pair);
    } catch {
      /* kept as sent; only NUL matters here */
    }
    if (textProblem(value) === "control") return "control";
  }
  return null;
}

export const inputCheck: RequestHandler = (req, res, next) => {
  if (!req.originalUrl.startsWith("/")) return void refuse(req, res, badInput("encoding"));
  const problem = targetProblem(req.originalUrl) ?? cookieProblem(req.headers.cookie);
  if (problem) return void refuse(req, res, badInput(problem));
  next();
};

/**
 * Whether a request comes from a page of this app. Browsers send Sec-Fetch-Site and Origin with
 * every POST; the Referer is the last resort. A request with none of them is not a browser's
 * cross-site form (curl, a server) and passes. Same origin means the configured public origin,
 * or the host the request was sent to (a visitor on 127.0.0.1 or a LAN address of `npm start`).
 */
export function isSameOrigin(
  h: { secFetchSite?: string; origin?: string; referer?: string; host?: string },
  appOrigin: string,
): boolean {
  if (h.secFetchSite && h.secFetchSite !== "same-origin" && h.secFetchSite !== "none") return false;
  const ours = (value: string) => {
    try {
      const url = new URL(value);
      return url.origin === appOrigin || (!!h.host && url.host === h.host);
    } catch {
      return false;
    }
  };
  if (h.origin !== undefined) return h.origin !== "null" && ours(h.origin);
  if (h.referer) return ours(h.referer);
  return true;
}

export function originCheck(appOrigin: () => string): RequestHandler {
  return (req, res, next) => {
    if (isSafeMethod(req.method) || isCrossSiteEndpoint(req.path)) return next();
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const same = isSameOrigin(
      {
        secFetchSite: header("sec-fetch-site")?.toLowerCase(),
        origin: header("origin"),
        referer: header("referer"),
        host: header("host"),
      },
      appOrigin(),
    );
    if (!same) return void refuse(req, res, { status: 403, message: "edge.crossSite" });
    next();
  };
}

/** Non-GET requests carry a form: application/x-www-form-urlencoded or multipart/form-data. */
export const contentTypeCheck: RequestHandler = (req, res, next) => {
  if (isSafeMethod(req.method) || isMachineEndpoint(req.path)) return next();
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded" || type === "multipart/form-data") return next();
  refuse(req, res, { status: 415, message: "edge.unsupportedType" });
};

/** A declared Content-Length above the limit is refused before a byte of the body is read. */
export const contentLengthCheck: RequestHandler = (req, res, next) => {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > bodyLimitFor(req.headers["content-type"]))
    return void refuse(req, res, tooLarge(req.headers["content-type"]));
  next();
};
