// Evaluates a planned query over the inverted index: BM25F scores per document slot, combined
// with AND / OR over reusable dense scratch arrays (no per-hit objects), filters applied while
// reading postings.
import type { DocStore, SlotFilter } from "./doc-store.ts";
import { type Expansion, FIELD_COUNT, type InvertedIndex } from "./inverted-index.ts";
import type { Leaf, QueryUnit } from "./query-plan.ts";
import { bigrams } from "./tokenize.ts";

/** Matching slots and their scores (parallel arrays, first n entries valid). */
export interface Hits {
  slots: Int32Array;
  scores: Float64Array;
  n: number;
}

function scale(h: Hits, weight: number): Hits {
  if (weight !== 1) for (let i = 0; i < h.n; i++) h.scores[i] *= weight;
  return h;
}

const EMPTY: Hits = { slots: new Int32Array(0), scores: new Float64Array(0), n: 0 };
const K1 = 1.2;
const B = 0.75;
/** title > org > text */
const FIELD_BOOST = [3, 2, 1];
/** partial matches: each matched unit outranks any score difference */
const COVER_WEIGHT = 1e6;

export class Evaluator {
  private acc = new Float64Array(0);
  private stamp = new Uint32Array(0);
  private cnt = new Uint16Array(0);
  private gen = 0;
  /** every dictionary term the query expanded to (for highlighting) */
  readonly matchedTerms = new Set<string>();

  constructor(
    private readonly index: InvertedIndex,
    private readonly store: DocStore,
    private readonly filter: SlotFilter | null,
  ) {}

  private next(): number {
    const size = this.store.slots;
    if (this.acc.length < size) {
      const cap = Math.ceil(size * 1.25) + 64;
      this.acc = new Float64Array(cap);
      this.stamp = new Uint32Array(cap);
      this.cnt = new Uint16Array(cap);
      this.gen = 0;
    }
    if (this.gen >= 0xfffffff0) {
      this.stamp.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }

  /** All units must match; when none matches them all and there are several, any may (ranked by how many). */
  query(units: QueryUnit[]): Hits {
    const parts = units.map((u) => this.unit(u));
    const all = this.and(parts);
    return all.n > 0 || parts.length < 2 ? all : this.cover(parts);
  }

  private unit(u: QueryUnit): Hits {
    // a phrase alternative scores the mean of its words, so long synonyms do not outrank the typed word
    return this.best(
      u.alternatives.map((alt) =>
        scale(this.and(alt.leaves.map((leaf) => this.leaf(leaf))), alt.weight / alt.leaves.length),
      ),
    );
  }

  private leaf(leaf: Leaf): Hits {
    if (!leaf.han) return this.terms(this.index.expand(leaf.term, { prefix: leaf.prefix, fuzzy: leaf.fuzzy }));
    if (leaf.text.length === 1) return this.terms(this.index.expand(leaf.text, { prefix: true }));
    const parts = bigrams(leaf.text);
    return scale(this.and(parts.map((b) => this.terms(this.index.expand(b)))), 1 / parts.length);
  }

  /** Union of the postings of some expansions, BM25F-scored (a document scores its best expansion). */
  terms(expansions: Expansion[]): Hits {
    if (expansions.length === 0) return EMPTY;
    const gen = this.next();
    const { acc, stamp } = this;
    const { alive, lengths, lengthSums, live } = this.store;
    const filter = this.filter;
    const norm = lengthSums.map((sum) => (sum > 0 ? live / sum : 1)); // 1 / average length
    let total = 0;
    for (const e of expansions) total += e.posting.n;
    const slots = new Int32Array(total);
    let n = 0;
    for (const { term, posting, weight } of expansions) {
      if (posting.n === 0) continue;
      this.matchedTerms.add(term);
      const df = posting.n;
      const w = weight * Math.log(1 + (live - df + 0.5) / (df + 0.5));
      const ps = posting.slots;
      const pt = posting.tfs;
      for (let i = 0; i < df; i++) {
        const s = ps[i];
        if (alive[s] === 0 || (filter !== null && !filter(s))) continue;
        const packed = pt[i];
        const base = s * FIELD_COUNT;
        const tf =
          (FIELD_BOOST[0] * (packed & 255)) / (1 - B + B * lengths[base] * norm[0]) +
          (FIELD_BOOST[1] * ((packed >>> 8) & 255)) / (1 - B + B * lengths[base + 1] * norm[1]) +
          (FIELD_BOOST[2] * (packed >>> 16)) / (1 - B + B * lengths[base + 2] * norm[2]);
        const score = (w * tf * (K1 + 1)) / (tf + K1);
        if (stamp[s] !== gen) {
          stamp[s] = gen;
          acc[s] = score;
          slots[n++] = s;
        } else if (score > acc[s]) acc[s] = score;
      }
    }
    return this.collect(slots, n);
  }

  private collect(slots: Int32Array, n: number): Hits {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = this.acc[slots[i]];
    return { slots, scores, n };
  }

  and(parts: Hits[]): Hits {
    if (parts.length === 1) return parts[0];
    if (parts.length === 0 || parts.some((p) => p.n === 0)) return EMPTY;
    const sorted = [...parts].sort((a, b) => a.n - b.n);
    const gen = this.next();
    const { acc, stamp, cnt } = this;
    const first = sorted[0];
    for (let i = 0; i < first.n; i++) {
      const s = first.slots[i];
      stamp[s] = gen;
      cnt[s] = 1;
      acc[s] = first.scores[i];
    }
    for (let k = 1; k < sorted.length; k++) {
      const p = sorted[k];
      for (let i = 0; i < p.n; i++) {
        const s = p.slots[i];
        if (stamp[s] === gen && cnt[s] === k) {
          cnt[s] = k + 1;
          acc[s] += p.scores[i];
        }
      }
    }
    const out = new Int32Array(first.n);
    let n = 0;
    for (let i = 0; i < first.n; i++) {
      const s = first.slots[i];
      if (cnt[s] === sorted.length) out[n++] = s;
    }
    return this.collect(out, n);
  }

  /** Union where a document scores its best part (alternatives of one unit). */
  best(parts: Hits[]): Hits {
    return this.union(parts, false);
  }

  /** Partial matching: documents matching any part, those matching more parts first. */
  cover(parts: Hits[]): Hits {
    return this.union(parts, true);
  }

  private union(all: Hits[], counting: boolean): Hits {
    const parts = all.filter((p) => p.n > 0);
    if (parts.length === 0) return EMPTY;
    if (parts.length === 1 && !counting) return parts[0];
    const gen = this.next();
    const { acc, stamp } = this;
    let total = 0;
    for (const p of parts) total += p.n;
    const out = new Int32Array(total);
    let n = 0;
    for (const p of parts) {
      for (let i = 0; i < p.n; i++) {
        const s = p.slots[i];
        const score = p.scores[i];
        if (stamp[s] !== gen) {
          stamp[s] = gen;
          acc[s] = counting ? COVER_WEIGHT + score : score;
          out[n++] = s;
        } else if (counting) acc[s] += COVER_WEIGHT + score;
        else if (score > acc[s]) acc[s] = score;
      }
    }
    return this.collect(out, n);
  }
}
