/**
 * Temporal train/test split for the offline evaluation. Train = deals strictly
 * before the cut day, test = deals on or after it. Only train deals may be used
 * to build investor profiles, popularity or any other model state.
 */
import { hash32 } from "../hash";
import type { Deal } from "./deals-csv";

export { hash32 };

/**
 * The default cut: the earliest deal day such that at least `fraction` of all
 * deals fall strictly before it.
 */
export function defaultCutDay(deals: readonly Deal[], fraction = 0.8): number {
  if (deals.length === 0) throw new Error("no deals");
  const days = deals.map((d) => d.day).sort((a, b) => a - b);
  const need = Math.ceil(fraction * days.length);
  // days[need] is the first day with >= need deals strictly before it, unless tied
  // with days[need - 1]; in that case move to the next distinct day.
  let idx = Math.min(need, days.length - 1);
  while (idx > 0 && idx < days.length && days[idx] === days[idx - 1]) idx++;
  return days[Math.min(idx, days.length - 1)];
}

export interface EvalInvestor {
  id: string;
  /** Distinct company ids the investor dealt with in the test period. */
  relevant: Set<string>;
  trainDeals: number;
}

export interface TemporalSplit {
  cutDay: number;
  train: Deal[];
  test: Deal[];
  /** Company ids with at least one test-period deal, sorted. */
  candidates: string[];
  /** Investors with >= minTrain train deals and >= 1 test deal, sorted by id. */
  investors: EvalInvestor[];
}

export function temporalSplit(deals: readonly Deal[], cutDay: number, minTrain = 3): TemporalSplit {
  const train: Deal[] = [];
  const test: Deal[] = [];
  for (const d of deals) (d.day < cutDay ? train : test).push(d);
  const trainCount = new Map<string, number>();
  for (const d of train) trainCount.set(d.investor.id, (trainCount.get(d.investor.id) ?? 0) + 1);
  const rel = new Map<string, Set<string>>();
  for (const d of test) {
    let s = rel.get(d.investor.id);
    if (!s) rel.set(d.investor.id, (s = new Set()));
    s.add(d.company.id);
  }
  const investors: EvalInvestor[] = [];
  for (const [id, relevant] of rel) {
    const n = trainCount.get(id) ?? 0;
    if (n >= minTrain) investors.push({ id, relevant, trainDeals: n });
  }
  investors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const candidates = [...new Set(test.map((d) => d.company.id))].sort();
  return { cutDay, train, test, candidates, investors };
}

/** A deterministic, order-independent sample of n items (by hash of id). */
export function sampleById<T extends { id: string }>(items: readonly T[], n: number, seed = 0): T[] {
  if (n >= items.length) return [...items];
  return [...items]
    .map((it) => ({ it, h: hash32(it.id, (0x811c9dc5 ^ seed) >>> 0) }))
    .sort((a, b) => a.h - b.h || (a.it.id < b.it.id ? -1 : 1))
    .slice(0, n)
    .map((x) => x.it)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
