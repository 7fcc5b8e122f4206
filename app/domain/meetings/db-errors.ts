// How Postgres refusals surface through Prisma's pg driver adapter: from raw SQL as P2010 with
// `meta.driverAdapterError.cause.originalCode`; from a model call, since Prisma 7, as P2039 with the
// same `meta` (Prisma 6.19 threw a bare DriverAdapterError with `cause.originalCode`). All are
// recognised here.

/** Deadlocks / serialization failures: concurrent exclusion checks can deadlock; retrying is correct. */
export function isRetryableConflict(err: unknown): boolean {
  const e = err as {
    code?: string;
    cause?: { originalCode?: string };
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  const code = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.cause?.originalCode;
  return e?.code === "P2034" || code === "40P01" || code === "40001";
}

/**
 * The database was too busy for this transaction: no pooled connection within `maxWait` (P2024), or
 * the interactive transaction ran past its `timeout` and was rolled back (P2028). Nothing was
 * written, so running it again is correct; under a burst of accepts the retry usually finds the
 * winner's meeting and answers "slot just taken".
 */
export function isBusyTimeout(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === "P2024" || code === "P2028";
}

/** True for the exclusion-constraint violation, whichever way Prisma's pg adapter surfaces it. */
export function isOverlapViolation(err: unknown): boolean {
  const e = err as {
    code?: string;
    cause?: { originalCode?: string };
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  return (
    e?.cause?.originalCode === "23P01" ||
    e?.meta?.driverAdapterError?.cause?.originalCode === "23P01" ||
    e?.code === "23P01"
  );
}
