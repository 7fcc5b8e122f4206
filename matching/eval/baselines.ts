/**
 * Reference rankers for the offline evaluation. Each returns, for an investor,
 * one score per candidate (higher is better). Only train deals are used.
 */
import type { Deal, DealParty } from "./deals-csv";

type Counts = Map<string, number>;
const add = (m: Counts, k: string, w = 1) => m.set(k, (m.get(k) ?? 0) + w);
const regionKey = (p: DealParty) => (p.region ? `${p.country}/${p.region}` : "");

/**
 * Chance level: every candidate gets the same score, so the tie-aware metrics
 * report the exact expectation over uniformly random orders (Recall@k = k/N).
 */
export function randomRanker(candidates: readonly DealParty[]): (investorId: string) => Float64Array {
  const scores = new Float64Array(candidates.length);
  return () => scores;
}

/**
 * Popularity: how common the candidate's categories, country and region were
 * among all train-period deals (the same ranking for every investor).
 */
export function popularityRanker(
  train: readonly Deal[],
  candidates: readonly DealParty[],
): (investorId: string) => Float64Array {
  const cat: Counts = new Map();
  const co: Counts = new Map();
  const re: Counts = new Map();
  let mentions = 0;
  for (const d of train) {
    for (const c of d.company.categories) {
      add(cat, c);
      mentions++;
    }
    if (d.company.country) add(co, d.company.country);
    if (d.company.region) add(re, regionKey(d.company));
  }
  const n = Math.max(1, train.length);
  const scores = Float64Array.from(candidates, (c) => {
    let x = 0;
    for (const k of c.categories) x += (cat.get(k) ?? 0) / Math.max(1, mentions);
    x += (co.get(c.country) ?? 0) / n;
    if (c.region) x += (re.get(regionKey(c)) ?? 0) / n;
    return x;
  });
  return () => scores;
}

/**
 * Content-only: the investor's train-period distribution over categories
 * (share of category mentions), countries and regions (share of deals), dotted
 * with the candidate's categories, country and region.
 */
export function contentRanker(
  train: readonly Deal[],
  candidates: readonly DealParty[],
): (investorId: string) => Float64Array {
  const prof = new Map<string, { cat: Counts; co: Counts; re: Counts; n: number; mentions: number }>();
  for (const d of train) {
    let p = prof.get(d.investor.id);
    if (!p) prof.set(d.investor.id, (p = { cat: new Map(), co: new Map(), re: new Map(), n: 0, mentions: 0 }));
    p.n++;
    for (const c of d.company.categories) {
      add(p.cat, c);
      p.mentions++;
    }
    if (d.company.country) add(p.co, d.company.country);
    if (d.company.region) add(p.re, regionKey(d.company));
  }
  // Inverted lists: feature value → candidates carrying it.
  const postings = (keys: (c: DealParty) => string[]) => {
    const m = new Map<string, number[]>();
    candidates.forEach((c, j) => {
      for (const k of keys(c)) {
        let a = m.get(k);
        if (!a) m.set(k, (a = []));
        a.push(j);
      }
    });
    return m;
  };
  const byCat = postings((c) => c.categories);
  const byCountry = postings((c) => (c.country ? [c.country] : []));
  const byRegion = postings((c) => (c.region ? [regionKey(c)] : []));
  const spread = (out: Float64Array, counts: Counts, index: Map<string, number[]>, denom: number) => {
    for (const [k, c] of counts) for (const j of index.get(k) ?? []) out[j] += c / denom;
  };
  return (investorId) => {
    const p = prof.get(investorId);
    const out = new Float64Array(candidates.length);
    if (!p) return out;
    spread(out, p.cat, byCat, Math.max(1, p.mentions));
    spread(out, p.co, byCountry, p.n);
    spread(out, p.re, byRegion, p.n);
    return out;
  };
}
