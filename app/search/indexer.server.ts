// Drains the search outbox into the engine. Writes never wait for the engine: if it is down, rows
// stay (retried every 2 s while it is away, with exponential backoff after other failures) and the
// index catches up within seconds of its return.
import { logger } from "~/lib/logger.server";
import {
  boothDocuments,
  boothIdsOfFair,
  fairRoadshowDocuments,
  fairsWithPublicRoadshows,
  publicBoothIds,
  roadshowFairsOf,
  roadshowPerFair,
} from "./documents.server";
import {
  announceChanges,
  changeOf,
  claimDue,
  completeRows,
  enqueueBooths,
  enqueueRoadshows,
  failRows,
  type ContentChange,
} from "./outbox.server";
import { roadshowGroup, SearchUnavailableError, type SearchEngine } from "./port";

/** Re-indexes one booth: its current documents replace whatever the engine had. */
export async function syncBooth(engine: SearchEngine, boothId: string): Promise<number> {
  const docs = await boothDocuments(boothId);
  await engine.removeBooth(boothId);
  if (docs.length) await engine.upsert(docs);
  return docs.length;
}

/** Re-indexes a fair's roadshows and programme: its current documents replace the engine's. */
export async function syncFairRoadshows(engine: SearchEngine, fairId: string): Promise<number> {
  const docs = await fairRoadshowDocuments(fairId);
  await engine.removeBooth(roadshowGroup(fairId));
  if (docs.length) await engine.upsert(docs);
  return docs.length;
}

/**
 * Brings the engine up to date with a change: the booths named and every booth of the fairs named;
 * the roadshow documents of the fairs named, of the roadshows' fairs and of the fairs where the
 * booths named present a roadshow.
 */
export async function syncChange(engine: SearchEngine, change: ContentChange): Promise<void> {
  const booths = new Set(change.boothIds);
  for (const fairId of change.fairIds) for (const id of await boothIdsOfFair(fairId)) booths.add(id);
  const related = await roadshowFairsOf(change.roadshowIds, change.boothIds);
  const fairs = new Set([...change.fairIds, ...related.fairIds]);
  for (const id of booths) await syncBooth(engine, id);
  for (const id of fairs) await syncFairRoadshows(engine, id);
  if (related.gone.length) await engine.remove(related.gone.map((id) => `roadshow:${id}`));
}

/** Processes one batch of due outbox rows; returns how many rows were completed. */
export async function drainOnce(engine: SearchEngine): Promise<number> {
  const rows = await claimDue();
  if (rows.length === 0) return 0;
  announceChanges(rows); // the database changed whether or not the search engine takes it now
  try {
    await syncChange(engine, changeOf(rows));
    await completeRows(rows.map((r) => r.id));
    return rows.length;
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const engineAway = err instanceof SearchUnavailableError;
    logger.warn({ err: message, rows: rows.length, engineAway }, "search indexing failed; will retry");
    await failRows(rows, message, { engineAway });
    return 0;
  }
}

/** Rebuilds the whole index from the database, reporting progress (done, total). */
export async function reindexAll(
  engine: SearchEngine,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ booths: number; docs: number; roadshowFairs: number }> {
  await engine.init();
  await engine.clear();
  const ids = await publicBoothIds();
  let docs = 0;
  const BATCH = 50;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = (await Promise.all(ids.slice(i, i + BATCH).map((id) => boothDocuments(id)))).flat();
    if (batch.length) await engine.upsert(batch);
    docs += batch.length;
    onProgress(Math.min(i + BATCH, ids.length), ids.length);
  }
  // then each public fair's roadshows and programme (a few per fair)
  const fairs = await fairsWithPublicRoadshows();
  for (const fairId of fairs) {
    const batch = await fairRoadshowDocuments(fairId);
    if (batch.length) await engine.upsert(batch);
    docs += batch.length;
  }
  return { booths: ids.length, docs, roadshowFairs: fairs.length };
}

/** Queues every public booth and one roadshow of each fair with public roadshows; returns the rows queued. */
export async function enqueueEverything(): Promise<number> {
  const [booths, roadshows] = await Promise.all([publicBoothIds(), roadshowPerFair()]);
  await enqueueBooths(booths);
  await enqueueRoadshows(roadshows);
  return booths.length + roadshows.length;
}

/**
 * An engine that keeps its documents (Meilisearch) may hold them in an older shape, e.g. without
 * the code labels: then every public booth (and each fair's roadshows) is queued, and the indexer replaces them in the
 * background through the outbox (search keeps answering meanwhile). Returns the booths queued.
 */
export async function requeueIfOutdated(engine: SearchEngine): Promise<number> {
  if (!(await engine.outdated?.())) return 0;
  return enqueueEverything();
}

/** Runs the drain loop in the background; returns a stop function. `kick()` drains soon. */
export function startIndexer(engine: SearchEngine, intervalMs = 1000) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = async () => {
    if (stopped) return;
    running = (async () => {
      try {
        while (!stopped && (await drainOnce(engine)) > 0);
      } catch (err) {
        logger.warn({ err: (err as Error).message }, "search indexer tick failed");
      }
    })();
    await running;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 0);
  return {
    kick() {
      if (timer && !stopped) {
        clearTimeout(timer);
        timer = setTimeout(tick, 50);
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
