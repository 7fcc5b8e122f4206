// Drains the search outbox into the engine. Writes never wait for the engine: if it is down, rows
// stay with exponential backoff and the index catches up when it is back.
import { logger } from "~/lib/logger.server";
import { boothDocuments, boothIdsOfFair, publicBoothIds } from "./documents.server";
import { announceChanges, claimDue, completeRows, enqueueBooths, failRows } from "./outbox.server";
import type { SearchEngine } from "./port";

/** Re-indexes one booth: its current documents replace whatever the engine had. */
export async function syncBooth(engine: SearchEngine, boothId: string): Promise<number> {
  const docs = await boothDocuments(boothId);
  await engine.removeBooth(boothId);
  if (docs.length) await engine.upsert(docs);
  return docs.length;
}

/** Processes one batch of due outbox rows; returns how many rows were completed. */
export async function drainOnce(engine: SearchEngine): Promise<number> {
  const rows = await claimDue();
  if (rows.length === 0) return 0;
  announceChanges(rows); // the database changed whether or not the search engine takes it now
  try {
    const booths = new Set<string>();
    for (const r of rows) {
      if (r.boothId) booths.add(r.boothId);
      if (r.fairId) for (const id of await boothIdsOfFair(r.fairId)) booths.add(id);
    }
    for (const id of booths) await syncBooth(engine, id);
    await completeRows(rows.map((r) => r.id));
    return rows.length;
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    logger.warn({ err: message, rows: rows.length }, "search indexing failed; will retry with backoff");
    await failRows(rows, message);
    return 0;
  }
}

/** Rebuilds the whole index from the database, reporting progress (done, total). */
export async function reindexAll(
  engine: SearchEngine,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<{ booths: number; docs: number }> {
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
  return { booths: ids.length, docs };
}

/**
 * An engine that keeps its documents (Meilisearch) may hold them in an older shape, e.g. without
 * the code labels: then every public booth is queued, and the indexer replaces them in the
 * background through the outbox (search keeps answering meanwhile). Returns the booths queued.
 */
export async function requeueIfOutdated(engine: SearchEngine): Promise<number> {
  if (!(await engine.outdated?.())) return 0;
  const ids = await publicBoothIds();
  await enqueueBooths(ids);
  return ids.length;
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
