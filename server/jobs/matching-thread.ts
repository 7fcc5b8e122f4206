// Recommendations are computed in a worker thread (docs/decisions/039-matching-in-a-worker-thread.md):
// the jobs process is also an HTTP worker, and one allocation of the demo fair held its event loop
// for up to 131 ms every 3 s under load. The pool (piscina) keeps at most one thread, started on
// first use and ended after a minute without work.
import Piscina from "piscina";
import type { AllocationLists, AllocationRequest } from "../../app/domain/recommendations/allocate.ts";
import type { Allocate } from "../../app/domain/recommendations/recommendations.server.ts";

let pool: Piscina<AllocationRequest, AllocationLists> | null = null;

export const allocateInWorkerThread: Allocate = (request) => {
  pool ??= new Piscina({
    // A plain module that loads the TypeScript allocation through tsx (also where the process itself
    // was not started with `--import tsx`, as under vitest).
    filename: new URL("./matching-thread-entry.mjs", import.meta.url).href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 60_000,
    // Its own heap limits: inheriting the HTTP worker's 64 MB young generation (ADR 036) and the
    // default old generation, the thread's heap grew by ~300 MB in 3 minutes of refreshes before
    // V8 collected it. The 400 × 1,500 test fair fits well within these.
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 512 },
  });
  return pool.run(request);
};

/** Ends the thread (the jobs' stop, tests). */
export async function closeMatchingThread(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
