/**
 * Ranking metrics with binary relevance. Ranks are 1-based positions in the
 * full ranking of the candidate list.
 */

/** Recall@k: share of relevant items ranked in the top k. */
export function recallAtK(relevantRanks: readonly number[], k: number): number {
  if (relevantRanks.length === 0) return 0;
  let hit = 0;
  for (const r of relevantRanks) if (r <= k) hit++;
  return hit / relevantRanks.length;
}

/** NDCG@k with binary gains: DCG = sum over hits of 1/log2(rank+1), divided by the ideal DCG. */
export function ndcgAtK(relevantRanks: readonly number[], k: number): number {
  if (relevantRanks.length === 0) return 0;
  let dcg = 0;
  for (const r of relevantRanks) if (r <= k) dcg += 1 / Math.log2(r + 1);
  let idcg = 0;
  const ideal = Math.min(k, relevantRanks.length);
  for (let r = 1; r <= ideal; r++) idcg += 1 / Math.log2(r + 1);
  return dcg / idcg;
}

/** Reciprocal rank of the first relevant item (0 if none). */
export function reciprocalRank(relevantRanks: readonly number[]): number {
  if (relevantRanks.length === 0) return 0;
  return 1 / Math.min(...relevantRanks);
}

/** Ranks (1-based) of the relevant items in an explicit ranked list; items not in the list are omitted. */
export function ranksOf(ranked: readonly string[], relevant: ReadonlySet<string>): number[] {
  const out: number[] = [];
  ranked.forEach((id, i) => {
    if (relevant.has(id)) out.push(i + 1);
  });
  return out;
}

/**
 * Ranks of the given items under a score vector, highest first, ties broken by
 * `tie` ascending (a per-candidate key). Runs in O(n) per item.
 */
export function ranksByScore(scores: ArrayLike<number>, tie: ArrayLike<number>, items: readonly number[]): number[] {
  const n = scores.length;
  return items.map((it) => {
    const s = scores[it];
    const t = tie[it];
    let above = 0;
    for (let j = 0; j < n; j++) {
      const sj = scores[j];
      if (sj > s || (sj === s && tie[j] < t)) above++;
    }
    return above + 1;
  });
}

/** Indices of the top k entries of a score vector (same ordering as {@link ranksByScore}). */
export function topKByScore(scores: ArrayLike<number>, tie: ArrayLike<number>, k: number): number[] {
  const n = scores.length;
  const heap: number[] = []; // kept sorted best-first; k is small
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && tie[a] < tie[b]);
  for (let j = 0; j < n; j++) {
    if (heap.length < k) {
      let p = heap.length;
      heap.push(j);
      while (p > 0 && better(j, heap[p - 1])) {
        heap[p] = heap[p - 1];
        p--;
      }
      heap[p] = j;
    } else if (k > 0 && better(j, heap[k - 1])) {
      let p = k - 1;
      while (p > 0 && better(j, heap[p - 1])) {
        heap[p] = heap[p - 1];
        p--;
      }
      heap[p] = j;
    }
  }
  return heap;
}

/**
 * Catalogue coverage: share of the candidates that appear in at least `minLists`
 * of the given recommendation lists.
 */
export function coverage(
  lists: readonly (readonly (string | number)[])[],
  candidateCount: number,
  minLists = 1,
): number {
  if (candidateCount === 0) return 0;
  const count = new Map<string | number, number>();
  for (const l of lists) for (const id of new Set(l)) count.set(id, (count.get(id) ?? 0) + 1);
  let covered = 0;
  for (const c of count.values()) if (c >= minLists) covered++;
  return covered / candidateCount;
}

export interface TieAwareMetrics {
  /** Recall@k for each requested k. */
  recall: Map<number, number>;
  /** NDCG@k for each requested k. */
  ndcg: Map<number, number>;
  mrr: number;
}

/**
 * Expected Recall@k, NDCG@k and reciprocal rank when ties in `scores` are broken
 * uniformly at random (McSherry & Najork, ECIR 2008): a group of t tied
 * candidates holding r relevant ones contributes r/t of a hit at each position
 * it spans. Independent of any tie-breaking seed, so baselines with many equal
 * scores are measured without noise.
 */
export function tieAwareMetrics(
  scores: ArrayLike<number>,
  relevant: readonly number[],
  ks: readonly number[],
): TieAwareMetrics {
  const recall = new Map<number, number>();
  const ndcg = new Map<number, number>();
  const R = relevant.length;
  if (R === 0) {
    for (const k of ks) {
      recall.set(k, 0);
      ndcg.set(k, 0);
    }
    return { recall, ndcg, mrr: 0 };
  }
  // Group relevant items by score value.
  const groups = new Map<number, number>();
  for (const j of relevant) groups.set(scores[j], (groups.get(scores[j]) ?? 0) + 1);
  const values = [...groups.keys()];
  const above = new Map<number, number>(values.map((v) => [v, 0]));
  const equal = new Map<number, number>(values.map((v) => [v, 0]));
  const n = scores.length;
  for (let j = 0; j < n; j++) {
    const s = scores[j];
    for (const v of values) {
      if (s > v || (Number.isNaN(v) && !Number.isNaN(s))) above.set(v, above.get(v)! + 1);
      else if (s === v || (Number.isNaN(s) && Number.isNaN(v))) equal.set(v, equal.get(v)! + 1);
    }
  }
  const disc = (pos: number) => 1 / Math.log2(pos + 1);
  for (const k of ks) {
    let hits = 0;
    let dcg = 0;
    for (const v of values) {
      const a = above.get(v)!;
      const t = equal.get(v)!;
      const r = groups.get(v)!;
      const last = Math.min(k, a + t);
      if (last <= a) continue;
      hits += ((last - a) * r) / t;
      let d = 0;
      for (let pos = a + 1; pos <= last; pos++) d += disc(pos);
      dcg += (d * r) / t;
    }
    let idcg = 0;
    for (let pos = 1; pos <= Math.min(k, R); pos++) idcg += disc(pos);
    recall.set(k, hits / R);
    ndcg.set(k, dcg / idcg);
  }
  // Reciprocal rank: the best group holding a relevant item.
  let best = values[0];
  for (const v of values) if (above.get(v)! < above.get(best)!) best = v;
  const a = above.get(best)!;
  const t = equal.get(best)!;
  const r = groups.get(best)!;
  // X = position of the first relevant item within the group: P(X = 1) = r/t,
  // P(X = x+1) / P(X = x) = (t − x − r + 1) / (t − x).
  let p = r / t;
  let mrr = 0;
  for (let x = 1; x <= t - r + 1; x++) {
    mrr += p / (a + x);
    p *= (t - x - r + 1) / (t - x);
  }
  return { recall, ndcg, mrr };
}
