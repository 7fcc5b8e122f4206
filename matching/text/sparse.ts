/**
 * Sparse vectors over a token vocabulary, and an inverted index (CSR postings)
 * for fast "matrix × sparse vector" scoring.
 */

export class Vocabulary {
  private readonly map = new Map<string, number>();
  readonly tokens: string[] = [];

  /** Id of a token, adding it if new. */
  id(token: string): number {
    let id = this.map.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.map.set(token, id);
      this.tokens.push(token);
    }
    return id;
  }

  get(token: string): number | undefined {
    return this.map.get(token);
  }

  get size(): number {
    return this.tokens.length;
  }
}

/** Sparse vector with ids sorted ascending. */
export interface SparseVector {
  ids: Int32Array;
  vals: Float64Array;
}

export const EMPTY_VECTOR: SparseVector = { ids: new Int32Array(0), vals: new Float64Array(0) };

/** Builds a sparse vector from a token-id → weight map, dropping zeros. */
export function toSparse(m: ReadonlyMap<number, number>): SparseVector {
  const keys = [...m.keys()].filter((k) => m.get(k) !== 0).sort((a, b) => a - b);
  const ids = new Int32Array(keys.length);
  const vals = new Float64Array(keys.length);
  keys.forEach((k, i) => {
    ids[i] = k;
    vals[i] = m.get(k)!;
  });
  return { ids, vals };
}

/** Value of a sparse vector at `id` (binary search). */
export function valueAt(v: SparseVector, id: number): number {
  let lo = 0;
  let hi = v.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = v.ids[mid];
    if (x === id) return v.vals[mid];
    if (x < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Dot product of two sparse vectors (merge join). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) {
      s += a.vals[i] * b.vals[j];
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * Inverted index of a row-major sparse matrix: for each token, the rows that
 * contain it and their values.
 */
export class Postings {
  private readonly offsets: Int32Array;
  private readonly rowIds: Int32Array;
  private readonly values: Float64Array;
  readonly rows: number;

  constructor(matrix: readonly SparseVector[], vocabSize: number) {
    this.rows = matrix.length;
    const counts = new Int32Array(vocabSize + 1);
    for (const v of matrix) for (let k = 0; k < v.ids.length; k++) counts[v.ids[k] + 1]++;
    for (let t = 0; t < vocabSize; t++) counts[t + 1] += counts[t];
    this.offsets = counts;
    const total = counts[vocabSize];
    this.rowIds = new Int32Array(total);
    this.values = new Float64Array(total);
    const fill = counts.slice(0, vocabSize);
    matrix.forEach((v, r) => {
      for (let k = 0; k < v.ids.length; k++) {
        const p = fill[v.ids[k]]++;
        this.rowIds[p] = r;
        this.values[p] = v.vals[k];
      }
    });
  }

  /** out[row] += Σ_t q(t) · M[row, t]. Tokens unknown to the index are ignored. */
  accumulate(q: SparseVector, out: Float64Array, scale = 1): void {
    const limit = this.offsets.length - 1;
    for (let k = 0; k < q.ids.length; k++) {
      const t = q.ids[k];
      if (t >= limit) continue;
      const w = q.vals[k] * scale;
      for (let p = this.offsets[t], end = this.offsets[t + 1]; p < end; p++) out[this.rowIds[p]] += w * this.values[p];
    }
  }

  /** Number of rows containing token t. */
  docFreq(t: number): number {
    return t + 1 < this.offsets.length ? this.offsets[t + 1] - this.offsets[t] : 0;
  }
}
