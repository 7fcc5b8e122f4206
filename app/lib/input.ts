// The one input-normalisation step (docs/decisions/020-request-edge.md): text that may reach the
// database is valid UTF-8 and holds no NUL (Postgres refuses both; unchecked they became 500s).
// Pure functions, used by the server's edge (path, query, cookies, urlencoded bodies), by the
// multipart reader (text fields, file names) and by the form-parsing path (app/lib/forms.server.ts).

/**
 * Why a piece of text may not be used: a control character where none belongs (NUL anywhere; in
 * URL paths any C0 control or DEL), or text that is not valid UTF-8 / Unicode.
 */
export type InputProblem = "control" | "encoding";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The problem with a decoded string, or null when it is clean. Lone surrogates cannot be stored as UTF-8. */
export function textProblem(value: string): InputProblem | null {
  if (value.includes("\0")) return "control";
  if (LONE_SURROGATE.test(value)) return "encoding";
  return null;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes bytes as UTF-8, or returns null when they are not valid UTF-8 (no silent U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Percent-decodes a URL component (a path segment, a query or form name or value). Unlike
 * decodeURIComponent a stray `%` (`100%`) stays as typed, as URLSearchParams keeps it; unlike
 * URLSearchParams, escapes that are not valid UTF-8 (`%FF`, `%C3%28`) give null instead of U+FFFD.
 * `plusIsSpace` for application/x-www-form-urlencoded data (query strings and form bodies).
 */
export function decodeComponent(raw: string, plusIsSpace = false): string | null {
  const text = plusIsSpace ? raw.replace(/\+/g, " ") : raw;
  if (!text.includes("%")) return text;
  let failed = false;
  const decoded = text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split("%"), (hex) => parseInt(hex, 16));
    const s = decodeUtf8(bytes);
    if (s === null) failed = true;
    return s ?? "";
  });
  return failed ? null : decoded;
}

/** The first problem in an application/x-www-form-urlencoded string (a query or a form body), or null. */
export function urlencodedProblem(encoded: string): InputProblem | null {
  for (const pair of encoded.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    for (const part of eq < 0 ? [pair] : [pair.slice(0, eq), pair.slice(eq + 1)]) {
      const decoded = decodeComponent(part, true);
      const problem = decoded === null ? "encoding" : textProblem(decoded);
      if (problem) return problem;
    }
  }
  return null;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * The first problem in a URL path (each segment percent-decoded strictly), or null. No path of
 * this app holds a control character, so any (`%0D`, `%09`, `%00`) is refused.
 */
export function pathProblem(pathname: string): InputProblem | null {
  for (const segment of pathname.split("/")) {
    const decoded = decodeComponent(segment);
    if (decoded === null) return "encoding";
    if (CONTROL.test(decoded)) return "control";
    const problem = textProblem(decoded);
    if (problem) return problem;
  }
  return null;
}

/** The message key for an input problem (localized by the caller). */
export const INPUT_PROBLEM_KEY = { control: "input.control", encoding: "input.encoding" } as const;
