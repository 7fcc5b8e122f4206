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

export async function enqueueFair(tx: Tx, fairId: string): Promise<void> {
  await tx.searchOutbox.create({ data: { fairId } });
}

export async function enqueueOrganization(
  tx: Pick<Prisma.TransactionClient, "searchOutbox" | "booth">,
  organizationId: string,
): Promise<void> {
  const booths = await tx.booth.findMany({ where: { organizationId }, select: { id: true } });
  if (booths.length) await tx.searchOutbox.createMany({ data: booths.map((b) => ({ boothId: b.id })) });
}

export interface OutboxRow {
  id: bigint;
  boothId: string | null;
  fairId: string | null;
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
    RETURNING id, "boothId", "fairId", attempts`;
}

/** What a batch of outbox rows says changed: pages showing these booths or fairs are out of date. */
export interface ContentChange {
  boothIds: string[];
  fairIds: string[];
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
export function announceChanges(rows: Pick<OutboxRow, "boothId" | "fairId">[]): void {
  if (!rows.length || !changeListeners.size) return;
  const change: ContentChange = {
    boothIds: [...new Set(rows.flatMap((r) => (r.boothId ? [r.boothId] : [])))],
    fairIds: [...new Set(rows.flatMap((r) => (r.fairId ? [r.fairId] : [])))],
  };
  for (const listener of changeListeners) {
    try {
      listener(change);
    } catch {
      // the listener's own problem; the outbox goes on
    }
  }
}

export async function completeRows(ids: bigint[]): Promise<void> {
  if (ids.length) await db().searchOutbox.deleteMany({ where: { id: { in: ids } } });
}

/** Exponential backoff: 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts));
}

export async function failRows(rows: OutboxRow[], error: string): Promise<void> {
  for (const r of rows) {
    await db().searchOutbox.update({
      where: { id: r.id },
      data: {
        attempts: r.attempts + 1,
        nextAttemptAt: new Date(Date.now() + backoffMs(r.attempts)),
        claimedUntil: null,
        lastError: error.slice(0, 500),
      },
    });
  }
}

export async function pendingCount(): Promise<number> {
  return db().searchOutbox.count();
}
