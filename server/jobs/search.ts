// Search on a shared Meilisearch (docs/decisions/030-jobs-and-cluster.md): the outbox drain is a
// singleton across instances, and an index found empty, stale (documents of an older shape) or
// configured otherwise is backfilled through the outbox by one task, once across instances, with
// its progress in /healthz. The embedded engine lives in each process's memory, so it keeps its own
// rebuild at start and its own drain loop (server/index.ts).
import { drainOnce, enqueueEverything } from "../../app/search/indexer.server.ts";
import { publicBoothIds, roadshowPerFair } from "../../app/search/documents.server.ts";
import { pendingCount } from "../../app/search/outbox.server.ts";
import type { SearchEngine } from "../../app/search/port.ts";
import { latestJob } from "../../app/domain/jobs/jobs.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import type { PeriodicJob, TaskJob } from "./queue.ts";

export const SEARCH_BACKFILL = "search-backfill";

export type BackfillReason = "empty" | "stale" | "settings";

/**
 * Why the index needs every booth again, or null. Call it before `engine.init()` (which applies this
 * version's settings): afterwards a differently configured index no longer looks different.
 * An index without any roadshow document while the database has public roadshows (one filled by a
 * version before them, ADR 031) is stale too.
 */
export async function searchIndexProblem(engine: SearchEngine): Promise<BackfillReason | null> {
  if (engine.name === "embedded") return null; // rebuilt at every start anyway
  if (await engine.misconfigured?.()) return "settings";
  if (await engine.outdated?.()) return "stale";
  const count = await engine.count();
  const roadshowFairs = (await roadshowPerFair()).length;
  if (count === 0 && ((await publicBoothIds()).length > 0 || roadshowFairs > 0)) return "empty";
  if (roadshowFairs > 0 && (await roadshowDocCount(engine)) === 0) return "stale";
  return null;
}

async function roadshowDocCount(engine: SearchEngine): Promise<number> {
  return (await engine.search({ q: "", filters: { type: ["roadshow", "programme"] }, perPage: 1 })).total;
}

export function searchDrainJob(engine: SearchEngine, everyMs = 1000): PeriodicJob {
  return {
    name: "search-drain",
    everyMs,
    firstDelayMs: 0,
    run: async () => {
      while ((await drainOnce(engine)) > 0);
    },
  };
}

/**
 * Queues every public booth, and one roadshow of each fair with public roadshows (which rebuilds
 * that fair's roadshows and programme), through the outbox (the drain replaces each booth's documents; search
 * keeps answering meanwhile, never clear-then-reindex). Re-reads the state first: an index that
 * another instance already backfilled, or whose backfill is still queued, is left alone.
 */
export function searchBackfillTask(engine: SearchEngine): TaskJob<{ reason: BackfillReason }> {
  return {
    name: SEARCH_BACKFILL,
    retryLimit: 8,
    run: async ({ reason }) => {
      await engine.init(); // this version's settings (Meilisearch re-indexes under them itself)
      const now = reason === "settings" ? "settings" : await searchIndexProblem(engine);
      const rows = (await publicBoothIds()).length + (await roadshowPerFair()).length;
      if (!now) return { reason, queued: 0, skipped: "index already complete" };
      if ((await pendingCount()) >= rows) return { reason, queued: 0, skipped: "backfill already queued" };
      const queued = await enqueueEverything();
      logger.info({ reason, rows: queued }, "search index backfill queued");
      return { reason, queued };
    },
  };
}

export interface BackfillProgress {
  state: string;
  reason?: string;
  queued: number;
  /** Outbox rows still to index (all changes, not only the backfill's). */
  remaining: number;
}

/** The latest backfill for /healthz: its state and how much of the outbox is left. */
export async function backfillProgress(): Promise<BackfillProgress | null> {
  const job = await latestJob(SEARCH_BACKFILL);
  if (!job) return null;
  const output = (job.output ?? {}) as { reason?: string; queued?: number };
  const data = (job.data ?? {}) as { reason?: string };
  const remaining = await pendingCount();
  const state =
    job.state === "completed" ? (remaining > 0 && (output.queued ?? 0) > 0 ? "indexing" : "done") : job.state;
  return { state, reason: output.reason ?? data.reason, queued: output.queued ?? 0, remaining };
}
