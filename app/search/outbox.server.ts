// The search outbox: rows written in the same transaction as the content change they announce.
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db/client.server";

type Tx = Pick<Prisma.TransactionClient, "searchOutbox">;

export async function enqueueBooth(tx: Tx, boothId: string): Promise<void> {
  await tx.searchOutbox.create({ data: { boothId } });
}

/** Queues booths outside a content change (a rebuild of documents in an older shape). */
export async function enqueueBooths(boothIds: string[]): Promise<void> {
  if (boothIds.length) await db().searchOutbox.createMany({ data: boothIds.map((boothId) => ({ boothId })) });
}

/**
 * A roadshow was created, changed status or was edited: its fair's roadshow documents and
 * programme are rebuilt (ADR 031). Written in the transaction of the change, like the others.
 */
export async function enqueueRoadshow(tx: Tx, roadshowId: string): Promise<void> {
  await tx.searchOutbox.create({ data: { roadshowId } });
}

/** Queues roadshows outside a content change (a backfill). */
export async function enqueueRoadshows(roadshowIds: string[]): Promise<void> {
  if (roadshowIds.length)
    await db().searchOutbox.createMany({ data: roadshowIds.map((roadshowId) => ({ roadshowId })) });
}

export async function enqueueFair(tx: Tx, fairId: string): Promise<void> {
  await tx.searchOutbox.create({ data: { fairId } });
}

/**
 * An organization's names, sector or region changed: its booths (and the roadshows they present),
 * and the roadshows and programmes of fairs it organizes (a bureau's name is on them).
 */
export async function enqueueOrganization(
  tx: Pick<Prisma.TransactionClient, "searchOutbox" | "booth" | "roadshow">,
  organizationId: string,
): Promise<void> {
  const booths = await tx.booth.findMany({ where: { organizationId }, select: { id: true } });
  if (booths.length) await tx.searchOutbox.createMany({ data: booths.map((b) => ({ boothId: b.id })) });
  const organized = await tx.roadshow.findMany({
    where: { fair: { organizerId: organizationId } },
    distinct: ["fairId"],
    select: { id: true },
  });
  if (organized.length) await tx.searchOutbox.createMany({ data: organized.map((r) => ({ roadshowId: r.id })) });
}

export interface OutboxRow {
  id: bigint;
  boothId: string | null;
  fairId: string | null;
  roadshowId: string | null;
  attempts: number;
}

/**
 * Claims due rows for 60 s (FOR UPDATE SKIP LOCKED: several indexers never take the same row).
 * A crashed indexer's claims simply expire.
 */
export async function claimDue(limit = 200): Promise<OutboxRow[]> {
  return db().$queryRaw<OutboxRow[]>`
    UPDATE "SearchOutbox" SET "claimedUntil" = now() + interval '60 seconds'
    WHERE id IN (
      SELECT id FROM "SearchOutbox"
      WHERE "nextAttemptAt" <= now() AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "boothId", "fairId", "roadshowId", attempts`;
}

/** What a batch of outbox rows says changed: pages showing these booths, fairs or roadshows are out of date. */
export interface ContentChange {
  boothIds: string[];
  fairIds: string[];
  roadshowIds: string[];
}
type ChangeListener = (change: ContentChange) => void;
const changeListeners = new Set<ChangeListener>();

/**
 * Calls `listener` whenever the indexer claims outbox rows, i.e. within about a second of a booth or
 * fair change being committed (the public page cache drops its pages, ADR 025). Returns the unsubscribe.
 */
export function onContentChange(listener: ChangeListener): () => void {
  changeListeners.add(listener);
  return () => void changeListeners.delete(listener);
}

/** Tells the listeners about claimed rows (a failing listener never stops the indexer). */
export function announceChanges(rows: Pick<OutboxRow, "boothId" | "fairId" | "roadshowId">[]): void {
  if (!rows.length || !changeListeners.size) return;
  const change = changeOf(rows);
  for (const listener of changeListeners) {
    try {
      listener(change);
    } catch {
      // the listener's own problem; the outbox goes on
    }
  }
}

/** The distinct booths, fairs and roadshows a batch of rows names. */
export function changeOf(rows: Pick<OutboxRow, "boothId" | "fairId" | "roadshowId">[]): ContentChange {
  const ids = (k: "boothId" | "fairId" | "roadshowId") => [...new Set(rows.flatMap((r) => (r[k] ? [r[k]] : [])))];
  return { boothIds: ids("boothId"), fairIds: ids("fairId"), roadshowIds: ids("roadshowId") };
}

export async function completeRows(ids: bigint[]): Promise<void> {
  if (ids.length) await db().searchOutbox.deleteMany({ where: { id: { in: ids } } });
}

/** Exponential backoff: 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts));
}

/**
 * While the engine is away, rows are tried again this often rather than with the growing backoff:
 * a failed try costs one refused connection, and the index catches up within seconds of the
 * engine's return instead of up to 5 minutes later (docs/decisions/037).
 */
export const ENGINE_AWAY_RETRY_MS = 2_000;

export async function failRows(rows: OutboxRow[], error: string, opts: { engineAway?: boolean } = {}): Promise<void> {
  for (const r of rows) {
    const waitMs = opts.engineAway ? Math.min(ENGINE_AWAY_RETRY_MS, backoffMs(r.attempts)) : backoffMs(r.attempts);
    await db().searchOutbox.update({
      where: { id: r.id },
      data: {
        attempts: r.attempts + 1,
        nextAttemptAt: new Date(Date.now() + waitMs),
        claimedUntil: null,
        lastError: error.slice(0, 500),
      },
    });
  }
}

export async function pendingCount(): Promise<number> {
  return db().searchOutbox.count();
}
