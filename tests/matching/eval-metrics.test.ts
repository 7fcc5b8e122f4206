import { describe, expect, it } from "vitest";
import {
  coverage,
  ndcgAtK,
  ranksByScore,
  ranksOf,
  recallAtK,
  reciprocalRank,
  tieAwareMetrics,
  topKByScore,
} from "../../matching/eval/metrics";

describe("rank metrics", () => {
  // Ranked list: a b c d e; relevant: b (rank 2) and e (rank 5).
  const ranks = ranksOf(["a", "b", "c", "d", "e"], new Set(["b", "e"]));

  it("finds the ranks of relevant items", () => {
    expect(ranks).toEqual([2, 5]);
  });
  it("Recall@k", () => {
    expect(recallAtK(ranks, 1)).toBe(0);
    expect(recallAtK(ranks, 2)).toBe(0.5);
    expect(recallAtK(ranks, 5)).toBe(1);
    expect(recallAtK([], 5)).toBe(0);
  });
  it("NDCG@k", () => {
    // DCG@3 = 1/log2(3); IDCG@3 = 1 + 1/log2(3).
    expect(ndcgAtK(ranks, 3)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 12);
    // DCG@5 = 1/log2(3) + 1/log2(6).
    expect(ndcgAtK(ranks, 5)).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(6)) / (1 + 1 / Math.log2(3)), 12);
    expect(ndcgAtK([1], 10)).toBe(1);
  });
  it("MRR", () => {
    expect(reciprocalRank(ranks)).toBe(0.5);
    expect(reciprocalRank([])).toBe(0);
  });
  it("ranks and top-k from scores with a tie-break key", () => {
    const scores = [0.1, 0.9, 0.5, 0.9];
    const tie = [0, 2, 0, 1];
    expect(ranksByScore(scores, tie, [0, 1, 3])).toEqual([4, 2, 1]);
    expect(topKByScore(scores, tie, 3)).toEqual([3, 1, 2]);
  });
  it("coverage of lists over a catalogue", () => {
    expect(
      coverage(
        [
          ["a", "b"],
          ["b", "c"],
        ],
        4,
      ),
    ).toBe(0.75);
    expect(
      coverage(
        [
          ["a", "b"],
          ["b", "c"],
        ],
        4,
        2,
      ),
    ).toBe(0.25);
  });
});

describe("tieAwareMetrics", () => {
  it("without ties equals the plain metrics", () => {
    const scores = [5, 4, 3, 2, 1];
    const m = tieAwareMetrics(scores, [1, 4], [1, 2, 3]);
    expect(m.recall.get(2)).toBe(0.5);
    expect(m.ndcg.get(3)).toBeCloseTo(ndcgAtK([2, 5], 3), 12);
    expect(m.mrr).toBe(0.5);
  });
  it("averages over random tie-breaking", () => {
    // Item 2 is tied with items 1 and 3 behind item 0: its rank is 2, 3 or 4.
    const scores = [3, 2, 2, 2, 1];
    const m = tieAwareMetrics(scores, [2], [2, 3]);
    expect(m.recall.get(2)).toBeCloseTo(1 / 3, 12);
    expect(m.recall.get(3)).toBeCloseTo(2 / 3, 12);
    expect(m.ndcg.get(2)).toBeCloseTo(1 / 3 / Math.log2(3), 12);
    expect(m.mrr).toBeCloseTo((1 / 2 + 1 / 3 + 1 / 4) / 3, 12);
  });
  it("handles two relevant items inside one tie group", () => {
    // All four tied; relevant 0 and 1: expected hits at k = 2 is 2 · 2/4 = 1 → recall 0.5.
    const m = tieAwareMetrics([1, 1, 1, 1], [0, 1], [2]);
    expect(m.recall.get(2)).toBeCloseTo(0.5, 12);
    // First relevant position X: P(1) = 1/2, P(2) = 1/3, P(3) = 1/6.
    expect(m.mrr).toBeCloseTo(1 / 2 + 1 / 3 / 2 + 1 / 6 / 3, 12);
  });
});
