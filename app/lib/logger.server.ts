import { AsyncLocalStorage } from "node:async_hooks";
import pino from "pino";
import { config } from "~/config.server";

declare global {
  // One context for the server entry and the Remix build (each loads its own copy of this module).
  var __cloudfairRequestContext: AsyncLocalStorage<{ reqId: string }> | undefined;
}
const requestContext = () => (globalThis.__cloudfairRequestContext ??= new AsyncLocalStorage());

/** Runs `fn` (the rest of a request) so that every log line written meanwhile carries `reqId`. */
export function runWithRequestId<T>(reqId: string, fn: () => T): T {
  return requestContext().run({ reqId }, fn);
}

/** The id of the request being handled, if any (server/observability.ts assigns it). */
export const currentRequestId = (): string | undefined => requestContext().getStore()?.reqId;

/** Structured JSON logs (one line each) for the server and domain modules; `reqId` inside a request. */
export const logger = pino({
  level: config().LOG_LEVEL,
  base: { service: "cloudfair" },
  redact: { paths: ["req.headers.cookie", "password", "*.password", "token"], remove: true },
  mixin() {
    const reqId = currentRequestId();
    return reqId ? { reqId } : {};
  },
});
