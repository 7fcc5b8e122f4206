import { json } from "@remix-run/node";
import { DomainError, retryAfterHeaders } from "./errors";
import type { FieldErrors, FormValues } from "./forms";
import type { Translate } from "~/i18n";

/**
 * Turns a DomainError into a 4xx (or, for a service away, 503 with Retry-After) action response carrying a localized message and the typed
 * values; anything else is rethrown (a real bug: logged, generic 500 page).
 */
export function domainErrorResponse(
  err: unknown,
  t: Translate,
  values: FormValues = {},
  extra: Record<string, unknown> = {},
) {
  if (!(err instanceof DomainError)) throw err;
  if (err.status === 403 || err.status === 404) throw new Response(null, { status: err.status });
  const errors: FieldErrors = err.field ? { [err.field]: t(err.key, err.params) } : {};
  // A field error shows next to its field; one with parameters (e.g. "at most {maxMb} MB") also on top.
  const formError = !err.field || err.params ? t(err.key, err.params) : undefined;
  // A 503 (a service the action needs is away) says when to try again.
  return json({ ...extra, errors, values, formError }, { status: err.status, headers: retryAfterHeaders(err) });
}

/**
 * Converts a DomainError raised in a loader (or in an action before its form is read) into the error
 * page of its status: 403 and 404 have their own, other 4xx a localized "could not be done" (root
 * ErrorBoundary). A DomainError is the user's doing, never a 500; anything else is rethrown.
 */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DomainError) throw new Response(null, { status: err.status });
    throw err;
  }
}
