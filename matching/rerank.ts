/**
 * Capacity-aware re-ranking. Given each viewer's scored candidates, builds
 * lists of `listSize` so that
 *  - every item gets at least `minExposure` appearances when it has plausible
 *    viewers (exposure for every approved project), using at most
 *    `exposureShare` of any viewer's list for that, and
 *  - no item appears more than `maxExposure(item)` times (popular investors are
 *    not flooded beyond their meeting capacity),
 * otherwise filling lists greedily by score. Deterministic.
 */

export interface Scored {
  id: string;
  score: number;
}

export interface RerankOptions {
  listSize: number;
  /** Minimum number of lists each item should appear in (default 0). */
  minExposure?: number;
  /** Maximum number of lists an item may appear in (default: unlimited). */
  maxExposure?: (itemId: string) => number;
  /** Share of a viewer's list that may be spent on exposure, rounded up (default 0.3). */
  exposureShare?: number;
}

export interface RerankResult {
  lists: Map<string, Scored[]>;
  /** Number of lists each item appears in. */
  exposure: Map<string, number>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byScore = (a: Scored, b: Scored) => b.score - a.score || cmp(a.id, b.id);

export function capacityRerank(candidates: ReadonlyMap<string, readonly Scored[]>, opts: RerankOptions): RerankResult {
  const listSize = Math.max(0, Math.floor(opts.listSize));
  const minExposure = Math.max(0, Math.floor(opts.minExposure ?? 0));
  const maxExposure = opts.maxExposure ?? (() => Infinity);
  const share = opts.exposureShare ?? 0.3;
  const exposureSlots = Math.min(listSize, Math.ceil(listSize * Math.max(0, share)));

  const viewers = [...candidates.keys()].sort(cmp);
  const lists = new Map<string, Scored[]>(viewers.map((v) => [v, []]));
  const chosen = new Map<string, Set<string>>(viewers.map((v) => [v, new Set()]));
  const exposure = new Map<string, number>();
  const usedForExposure = new Map<string, number>();
  const maxCache = new Map<string, number>();
  const maxOf = (id: string) => {
    let m = maxCache.get(id);
    if (m === undefined) maxCache.set(id, (m = Math.max(0, maxExposure(id))));
    return m;
  };

  const take = (viewer: string, item: Scored) => {
    lists.get(viewer)!.push(item);
    chosen.get(viewer)!.add(item.id);
    exposure.set(item.id, (exposure.get(item.id) ?? 0) + 1);
  };

  // Phase 1: exposure floor, scarcest items first. Items already in some viewer's
  // top (listSize − exposureSlots) get that exposure naturally in phase 2.
  if (minExposure > 0 && exposureSlots > 0) {
    const natural = new Map<string, number>();
    const byItem = new Map<string, { viewer: string; item: Scored }[]>();
    for (const v of viewers) {
      const cands = [...candidates.get(v)!].filter((it) => it.score > 0).sort(byScore);
      cands.forEach((it, rank) => {
        if (rank < listSize - exposureSlots) {
          natural.set(it.id, (natural.get(it.id) ?? 0) + 1);
          return;
        }
        let a = byItem.get(it.id);
        if (!a) byItem.set(it.id, (a = []));
        a.push({ viewer: v, item: it });
      });
    }
    const items = [...byItem.keys()].sort((a, b) => byItem.get(a)!.length - byItem.get(b)!.length || cmp(a, b));
    for (const id of items) {
      const target = Math.min(minExposure, maxOf(id)) - Math.min(natural.get(id) ?? 0, maxOf(id));
      if (target <= 0) continue;
      const offers = byItem.get(id)!.sort((a, b) => byScore(a.item, b.item) || cmp(a.viewer, b.viewer));
      let got = 0;
      for (const o of offers) {
        if (got >= target) break;
        const used = usedForExposure.get(o.viewer) ?? 0;
        if (used >= exposureSlots || lists.get(o.viewer)!.length >= listSize) continue;
        take(o.viewer, o.item);
        usedForExposure.set(o.viewer, used + 1);
        got++;
      }
    }
  }

  // Phase 2: greedy fill by score under the exposure caps.
  const pairs: { viewer: string; item: Scored }[] = [];
  for (const v of viewers) for (const it of candidates.get(v)!) if (it.score > 0) pairs.push({ viewer: v, item: it });
  pairs.sort((a, b) => byScore(a.item, b.item) || cmp(a.viewer, b.viewer));
  for (const { viewer, item } of pairs) {
    if (lists.get(viewer)!.length >= listSize || chosen.get(viewer)!.has(item.id)) continue;
    if ((exposure.get(item.id) ?? 0) >= maxOf(item.id)) continue;
    take(viewer, item);
  }

  for (const l of lists.values()) l.sort(byScore);
  return { lists, exposure };
}

/** Share of `items` that appear in at least k lists. */
export function exposureCoverage(exposure: ReadonlyMap<string, number>, items: readonly string[], k = 1): number {
  if (items.length === 0) return 0;
  let n = 0;
  for (const id of items) if ((exposure.get(id) ?? 0) >= k) n++;
  return n / items.length;
}
