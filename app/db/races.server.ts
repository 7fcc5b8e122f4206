// Unique-key races between concurrent writers. Prisma emulates an `upsert` whose update sets nothing
// (or whose where is not the create's one unique key) as read-then-write: two requests creating the
// same row both read "none" and one of them fails on the unique index (P2002); an upsert that read
// the row before a concurrent delete took it fails with P2025. Running the same upsert again is
// correct in both cases: it then sees the winner's row, or its absence. Measured by bench:load's
// mixed profile (bookmark on/off from five users at once): 24 of 8,800 requests were such 500s.

/** True for a unique-key race lost to a concurrent writer (see above). */
export function isUniqueRace(err: unknown): boolean {
  const e = err as { code?: string; cause?: { originalCode?: string } };
  return e?.code === "P2002" || e?.code === "P2025" || e?.cause?.originalCode === "23505";
}

/** Runs a single-row upsert, again (at most twice more) when it lost a unique-key race. */
export async function upsertRacing<T>(op: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      if (attempt >= 3 || !isUniqueRace(err)) throw err;
    }
  }
}
