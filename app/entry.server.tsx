// Renders documents with renderToString, not React 18's streaming renderer: renderToPipeableStream
// writes NUL bytes where a chunk boundary splits multi-byte text (react issues 24985 and 31134; the
// fix is not in 18.x), which corrupted every Chinese page. The app uses no Suspense or defer(), so
// streaming bought nothing: every visitor (bots included, who waited for everything before) gets
// the complete document. See docs/decisions/020-request-edge.md.
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
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
  // A render error throws here; Remix then renders the route's error boundary with a 500.
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logger.error({ err: error, url: request.url }, "unhandled loader/action error");
}
