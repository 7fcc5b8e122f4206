// Requests the generated suites send to the real app (tests/harness/app-server.ts), and how their
// answers are read: a browser-like same-origin request with a session cookie, and the outcome as a
// short token ("200", "login" for a redirect to the login page, "302" for any other redirect).
import { send, type RawResponse, type TestApp } from "./app-server.ts";

export type FormEntries = [string, string][];

export interface Sent {
  method: "GET" | "POST";
  path: string;
  cookie?: string | null;
  /** urlencoded unless `body` is given */
  form?: FormEntries;
  /** a raw body with its Content-Type (null: no Content-Type header at all) */
  body?: { data: string | Buffer; contentType: string | null };
  /** The client address as a trusted loopback proxy reports it (X-Forwarded-For): one per actor keeps
   * per-source limits (e.g. 10 reset requests per 15 minutes) from answering for the whole matrix. */
  forwardedFor?: string;
}

export function hit(app: TestApp, r: Sent): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: "text/html", "accept-language": "zh-CN" };
  if (r.cookie) headers.cookie = r.cookie;
  if (r.forwardedFor) headers["x-forwarded-for"] = r.forwardedFor;
  let body: string | Buffer | undefined;
  if (r.method === "POST") {
    // What a browser sends with a form of this site.
    headers.origin = app.url;
    headers["sec-fetch-site"] = "same-origin";
    if (r.body) {
      body = r.body.data;
      if (r.body.contentType) headers["content-type"] = r.body.contentType;
    } else {
      body = new URLSearchParams(r.form ?? []).toString();
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
  }
  // A request that never answers is a finding of its own: name it instead of timing out the suite.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in 30 s: ${r.method} ${r.path.slice(0, 200)}`)), 30_000);
  });
  return Promise.race([send(app, { method: r.method, path: r.path, headers, body }), timeout]).finally(() =>
    clearTimeout(timer),
  );
}

/** The answer as the matrix writes it. */
export function outcomeToken(res: RawResponse): string {
  if (res.status >= 300 && res.status < 400) {
    const location = String(res.headers.location ?? "");
    return location.startsWith("/login?next=") ? "login" : "302";
  }
  return String(res.status);
}

/** Text that must never reach a visitor: stack frames, driver and runtime error names. */
const INTERNALS = [
  /\n\s+at [\w$.<>]+ \(/, // a stack frame
  /\bat \/[\w./-]+:\d+/, // "at /work/…/file.js:12"
  /node_modules\//,
  /PrismaClient\w*Error|PrismaClient|prisma\.\w+\.\w+\(\)/,
  /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|ZodError|DriverAdapterError)\b/,
  /\bError: /,
  /invalid input syntax for type|violates (?:unique|foreign key|check) constraint|column "\w+"/,
];

/** The first piece of internal error text in a response body, or null. */
export function leakedInternals(text: string): string | null {
  for (const re of INTERNALS) {
    const m = re.exec(text);
    if (m) return text.slice(Math.max(0, m.index - 60), m.index + 120).replace(/\s+/g, " ");
  }
  return null;
}
