/**
 * Okapi BM25 document weights. Each document is a bag of token counts (counts
 * may be fractional, e.g. time-decayed). The weight of token t in document d is
 *   idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avg|d|)),
 * so that scoring a query q against all documents is a sparse product (see Postings).
 */
import { toSparse, type SparseVector } from "./sparse";

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

export interface Bm25Model {
  /** Weighted document vectors, one per input document. */
  docs: SparseVector[];
  /** idf per token id (0 for tokens in no document). */
  idf: Float64Array;
}

/** idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)), always positive. */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export function buildBm25(
  docs: readonly ReadonlyMap<number, number>[],
  vocabSize: number,
  params: Bm25Params = DEFAULT_BM25,
): Bm25Model {
  const n = docs.length;
  const df = new Float64Array(vocabSize);
  let totalLen = 0;
  const length = (d: ReadonlyMap<number, number>) => {
    let len = 0;
    for (const [t, c] of d) {
      if (c > 0) {
        df[t]++;
        len += c;
      }
    }
    totalLen += len;
    return len;
  };
  const lens = docs.map(length);
  const avg = n > 0 && totalLen > 0 ? totalLen / n : 1;
  const idf = new Float64Array(vocabSize);
  for (let t = 0; t < vocabSize; t++) idf[t] = df[t] > 0 ? bm25Idf(n, df[t]) : 0;
  const { k1, b } = params;
  const out = docs.map((d, i) => {
    const norm = k1 * (1 - b + (b * lens[i]) / avg);
    const m = new Map<number, number>();
    for (const [t, c] of d) if (c > 0) m.set(t, (idf[t] * c * (k1 + 1)) / (c + norm));
    return toSparse(m);
  });
  return { docs: out, idf };
}
