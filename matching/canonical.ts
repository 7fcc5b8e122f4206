/**
 * Canonical ordering of inputs, so that the same data in any order gives
 * bit-identical results (floating-point sums run in a fixed order).
 */
import { hash32 } from "./hash";
import type { DateInput, PastDeal } from "./types";

export function toMillis(d: DateInput | undefined): number | null {
  if (d === undefined || d === null) return null;
  const ms = d instanceof Date ? d.getTime() : typeof d === "number" ? d : Date.parse(d);
  return Number.isFinite(ms) ? ms : null;
}

export const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Deterministic, order-independent sample of indices (by hash of id). */
export function referenceSample(ids: readonly string[], n: number): number[] {
  if (ids.length <= n) return ids.map((_, i) => i);
  return ids
    .map((id, i) => ({ i, h: hash32(id) }))
    .sort((a, b) => a.h - b.h || cmpStr(ids[a.i], ids[b.i]))
    .slice(0, n)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}

/** Canonical copy of a deal list: sorted so that shuffled input sums identically. */
export function canonicalDeals(deals: readonly PastDeal[] | undefined): PastDeal[] {
  if (!deals) return [];
  const key = (d: PastDeal) =>
    JSON.stringify([
      toMillis(d.date) ?? 0,
      d.projectId ?? "",
      d.name ?? "",
      [...(d.sectors ?? [])].sort(),
      d.stage ?? "",
      d.location ?? {},
      d.description ?? "",
    ]);
  return deals
    .map((d) => ({ d, k: key(d) }))
    .sort((a, b) => cmpStr(a.k, b.k))
    .map((x) => x.d);
}

/** One record per id (on duplicates, a deterministic choice), sorted by id. */
export function dedupeById<T extends { id: string }>(xs: readonly T[]): T[] {
  const m = new Map<string, T>();
  for (const x of xs) {
    const prev = m.get(x.id);
    if (!prev || JSON.stringify(x) < JSON.stringify(prev)) m.set(x.id, x);
  }
  return [...m.values()].sort((a, b) => cmpStr(a.id, b.id));
}
