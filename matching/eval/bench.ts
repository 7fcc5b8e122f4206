/**
 * Offline evaluation of the recommender against baselines on a temporal split
 * of a deals file. Per evaluated investor, every candidate is ranked; the
 * relevant items are the companies the investor dealt with in the test period.
 */
import { Matcher } from "../recommend";
import { capacityRerank, type Scored } from "../rerank";
import { hash32, mix32 } from "../hash";
import { candidateParties, dealsToMatchingInput } from "./adapter";
import { contentRanker, popularityRanker, randomRanker } from "./baselines";
import { formatDay, type Deal } from "./deals-csv";
import { ndcgAtK, recallAtK, reciprocalRank, ranksByScore, tieAwareMetrics, topKByScore } from "./metrics";
import { defaultCutDay, sampleById, temporalSplit } from "./split";

export interface BenchOptions {
  cutDay?: number;
  limitInvestors?: number;
  minTrainDeals?: number;
  /** Also evaluate CloudFair followed by capacity-aware re-ranking (default true). */
  withRerank?: boolean;
  /** Methods to run (default all). */
  methods?: string[];
  log?: (msg: string) => void;
}

export interface MethodResult {
  method: string;
  recall10: number;
  recall50: number;
  ndcg10: number;
  mrr: number;
  /** Share of candidates in at least one evaluated investor's top 10. */
  coverage10: number;
  seconds: number;
}

export interface BenchResult {
  cut: string;
  investors: number;
  eligibleInvestors: number;
  candidates: number;
  trainDeals: number;
  testDeals: number;
  results: MethodResult[];
}

type Ranker = (investorId: string) => Float64Array;

const K_LIST = 10;

function evaluate(
  name: string,
  build: () => Ranker,
  investors: { id: string; relevant: Set<string> }[],
  candIndex: Map<string, number>,
  nCand: number,
  rerank?: (tops: Map<string, Scored[]>) => Map<string, Scored[]>,
): MethodResult {
  const t0 = performance.now();
  const rank = build();
  let r10 = 0;
  let r50 = 0;
  let n10 = 0;
  let mrr = 0;
  const covered = new Uint8Array(nCand);
  // For re-ranking: each investor's top 50 (in rank order) and the original ranks of its relevant items.
  const pools = new Map<string, Scored[]>();
  const pending: { id: string; pool: number[]; items: number[]; ranks: number[] }[] = [];
  for (const inv of investors) {
    const scores = rank(inv.id);
    const items = [...inv.relevant].map((c) => candIndex.get(c)!).sort((a, b) => a - b);
    // Ties are broken by a per-investor random order (never by candidate position).
    const seed = hash32(inv.id, 0x9e3779b9);
    const tie = new Float64Array(nCand);
    for (let j = 0; j < nCand; j++) tie[j] = mix32(j, seed);
    if (rerank) {
      const pool = topKByScore(scores, tie, 50);
      pools.set(
        inv.id,
        pool
          .filter((j) => Number.isFinite(scores[j]) && scores[j] > 0)
          .map((j) => ({ id: String(j), score: scores[j] })),
      );
      pending.push({ id: inv.id, pool, items, ranks: ranksByScore(scores, tie, items) });
    } else {
      // Score rankings: expected metrics under random tie-breaking (seed-free).
      const m = tieAwareMetrics(scores, items, [10, 50]);
      r10 += m.recall.get(10)!;
      r50 += m.recall.get(50)!;
      n10 += m.ndcg.get(10)!;
      mrr += m.mrr;
      for (const j of topKByScore(scores, tie, K_LIST)) covered[j] = 1;
    }
  }
  if (rerank) {
    // Re-ranked lists are explicit orders: the new top 10, then the original order.
    const lists = rerank(pools);
    for (const r of pending) {
      const chosen = (lists.get(r.id) ?? []).map((s) => Number(s.id));
      const pos = new Map(chosen.map((j, k) => [j, k + 1]));
      const origRank = new Map(r.pool.map((j, k) => [j, k + 1]));
      const chosenOrig = chosen.map((j) => origRank.get(j)!);
      const ranks = r.items.map((j, k) => {
        const p = pos.get(j);
        if (p !== undefined) return p;
        const orig = r.ranks[k];
        const above = chosenOrig.filter((x) => x < orig).length;
        return chosen.length + (orig - 1 - above) + 1;
      });
      for (const j of chosen) covered[j] = 1;
      r10 += recallAtK(ranks, 10);
      r50 += recallAtK(ranks, 50);
      n10 += ndcgAtK(ranks, 10);
      mrr += reciprocalRank(ranks);
    }
  }
  const n = Math.max(1, investors.length);
  let cov = 0;
  for (let j = 0; j < nCand; j++) cov += covered[j];
  return {
    method: name,
    recall10: r10 / n,
    recall50: r50 / n,
    ndcg10: n10 / n,
    mrr: mrr / n,
    coverage10: nCand ? cov / nCand : 0,
    seconds: (performance.now() - t0) / 1000,
  };
}

export function runBenchmark(deals: readonly Deal[], opts: BenchOptions = {}): BenchResult {
  const log = opts.log ?? (() => {});
  const cutDay = opts.cutDay ?? defaultCutDay(deals);
  const split = temporalSplit(deals, cutDay, opts.minTrainDeals ?? 3);
  const investors =
    opts.limitInvestors !== undefined ? sampleById(split.investors, opts.limitInvestors) : split.investors;
  const parties = candidateParties(split.test, split.candidates);
  const candIndex = new Map(split.candidates.map((c, j) => [c, j]));
  const n = split.candidates.length;
  log(
    `cut ${formatDay(cutDay)}: ${split.train.length} train / ${split.test.length} test deals, ` +
      `${investors.length} of ${split.investors.length} eligible investors, ${n} candidates`,
  );
  const want = (m: string) => !opts.methods || opts.methods.includes(m);
  const results: MethodResult[] = [];
  const run = (name: string, build: () => Ranker, rerank?: Parameters<typeof evaluate>[5]) => {
    const r = evaluate(name, build, investors, candIndex, n, rerank);
    log(`${name}: ${r.seconds.toFixed(1)} s`);
    results.push(r);
  };
  if (want("random")) run("random", () => randomRanker(parties));
  if (want("popularity")) run("popularity", () => popularityRanker(split.train, parties));
  if (want("content-only")) run("content-only", () => contentRanker(split.train, parties));

  const cloudfair = (): Ranker => {
    const m = new Matcher(dealsToMatchingInput(split.train, parties), {
      // The model's "now" is the cut: nothing after it exists.
      now: cutDay * 86_400_000,
    });
    const order = m.projectIds.map((id) => candIndex.get(id)!);
    return (investorId) => {
      const s = m.rankingScores(investorId);
      const out = new Float64Array(n);
      for (let k = 0; k < s.length; k++) out[order[k]] = s[k];
      return out;
    };
  };
  if (want("cloudfair")) run("cloudfair", cloudfair);
  if (want("cloudfair+rerank") && (opts.withRerank ?? true)) {
    run(
      "cloudfair+rerank",
      cloudfair,
      (pools) => capacityRerank(pools, { listSize: K_LIST, minExposure: 1, exposureShare: 0.3 }).lists,
    );
  }
  return {
    cut: formatDay(cutDay),
    investors: investors.length,
    eligibleInvestors: split.investors.length,
    candidates: n,
    trainDeals: split.train.length,
    testDeals: split.test.length,
    results,
  };
}

export function formatTable(r: BenchResult): string {
  const head = ["method", "Recall@10", "Recall@50", "NDCG@10", "MRR", "coverage@10", "wall s"];
  const rows = r.results.map((m) => [
    m.method,
    m.recall10.toFixed(4),
    m.recall50.toFixed(4),
    m.ndcg10.toFixed(4),
    m.mrr.toFixed(4),
    m.coverage10.toFixed(3),
    m.seconds.toFixed(1),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function summaryJson(r: BenchResult): string {
  const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
  return JSON.stringify({
    cut: r.cut,
    investors: r.investors,
    eligibleInvestors: r.eligibleInvestors,
    candidates: r.candidates,
    results: Object.fromEntries(
      r.results.map((m) => [
        m.method,
        {
          recall10: round(m.recall10),
          recall50: round(m.recall50),
          ndcg10: round(m.ndcg10),
          mrr: round(m.mrr),
          coverage10: round(m.coverage10),
          seconds: round(m.seconds, 2),
        },
      ]),
    ),
  });
}
