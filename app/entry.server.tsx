// Renders documents with renderToString, not React 18's streaming renderer: renderToPipeableStream
// writes NUL bytes where a chunk boundary splits multi-byte text (react issues 24985 and 31134; the
// fix is not in 18.x), which corrupted every Chinese page. The app uses no Suspense or defer(), so
// streaming bought nothing: every visitor (bots included, who waited for everything before) gets
// the complete document. See docs/decisions/020-request-edge.md.
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceContext } from "~/components/ui/nonce";
import { logger } from "~/lib/logger.server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { nonce?: string }).nonce;
  withoutInternalMessages(remixContext);
  // A render error throws here; Remix then renders the route's error boundary with a 500.
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

/**
 * Remix's router answers some requests itself: a POST to a page without an action (405), a `_data`
 * fetch for a route the URL does not match (403), a method it does not know. Its error carries a
 * developer message ("You made a POST request to "/" but did not provide an `action` for route
 * "root"…") that would be serialized into the page for the browser. The visitor gets the status and
 * the localized error page (root ErrorBoundary); the message stays out (issue 14: no internals).
 */
function withoutInternalMessages(remixContext: EntryContext) {
  const internal = (e: unknown): e is { data: unknown; error?: unknown } =>
    !!e && typeof e === "object" && (e as { internal?: unknown }).internal === true;
  let found = false;
  for (const error of Object.values(remixContext.staticHandlerContext.errors ?? {}))
    if (isRouteErrorResponse(error) && internal(error)) {
      const e = error as { data: unknown; error?: unknown };
      e.data = null;
      delete e.error;
      found = true;
    }
  if (!found || !remixContext.serverHandoffString) return;
  // Remix serialized the errors for hydration before calling this entry: clean that copy too.
  const handoff = JSON.parse(remixContext.serverHandoffString) as { state?: { errors?: Record<string, unknown> } };
  for (const error of Object.values(handoff.state?.errors ?? {}))
    if (internal(error)) {
      error.data = null;
      delete error.error;
    }
  // As Remix writes it: JSON safe inside a <script> (no "<", ">", "&", line separators).
  remixContext.serverHandoffString = JSON.stringify(handoff).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A refusal of the router's own (405 for a page without an action, …) is the visitor's doing.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logger.error({ err: error, url: request.url }, "unhandled loader/action error");
}
