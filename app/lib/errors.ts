import type { MessageKey } from "~/i18n";

/** An error the user caused (bad input, conflict, missing rights): becomes a 4xx with a localized message. */
export class DomainError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly status = 400,
    readonly params?: Record<string, string | number>,
    readonly field?: string,
  ) {
    super(key);
    this.name = "DomainError";
  }
}

/** Seconds a client is asked to wait (Retry-After) when a service a request needs is away. */
export const SERVICE_RETRY_AFTER_S = 5;

/**
 * A service the request needs (object storage, the video server, …) is away: a localized 503 with
 * Retry-After, never a 500. `write` says that nothing was saved, which the thrower must make true.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(write: boolean, field?: string, retryAfterS = SERVICE_RETRY_AFTER_S) {
    super(write ? "edge.unavailableWrite" : "edge.unavailable", 503, { seconds: retryAfterS }, field);
    this.name = "ServiceUnavailableError";
  }
}

/** The Retry-After header a DomainError's response carries: only a 503 (a service away) has one. */
export function retryAfterHeaders(err: DomainError): Record<string, string> {
  if (err.status !== 503) return {};
  const seconds = err.params?.seconds;
  return { "Retry-After": String(typeof seconds === "number" ? seconds : SERVICE_RETRY_AFTER_S) };
}
