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
  /** for the words of one phrase: a bit per field (title, org, text, labels) the slot matched in */
  fields?: Uint8Array;
}

/** The hits with scores times `weight` (a copy: hits of one word are shared within a query). */
function scale(h: Hits, weight: number): Hits {
  if (weight === 1 || h.n === 0) return h;
  const scores = new Float64Array(h.n);
  for (let i = 0; i < h.n; i++) scores[i] = h.scores[i] * weight;
  return { ...h, scores };
}

const EMPTY: Hits = { slots: new Int32Array(0), scores: new Float64Array(0), n: 0 };
const K1 = 1.2;
const B = 0.75;
/**
 * title > org > text > labels: a document's own words outrank the names of its sector, region,
 * stage and hall, which every document filed under them shares.
 */
const FIELD_BOOST = [3, 2, 1, 0.5];
/** partial matches: each matched unit outranks any score difference */
const COVER_WEIGHT = 1e6;

/**
 * Dense per-slot scratch arrays, kept by the engine and reused by every query (allocating them per
 * query cost megabytes and a garbage collection at 100k documents). Generations (`stamp`) mark
 * which entries belong to the current operation, so nothing is cleared between uses.
 */
export class Scratch {
  acc = new Float64Array(0);
  stamp = new Uint32Array(0);
  cnt = new Uint16Array(0);
  mask = new Uint8Array(0);
  private gen = 0;
  private weights = new Float64Array(0);
  private weightsOf: { store: DocStore; version: number } | null = null;

  /** A fresh generation for an operation over `size` slots. */
  next(size: number): number {
    if (this.acc.length < size) {
      const cap = Math.ceil(size * 1.25) + 64;
      this.acc = new Float64Array(cap);
      this.stamp = new Uint32Array(cap);
      this.cnt = new Uint16Array(cap);
      this.mask = new Uint8Array(cap);
      this.gen = 0;
    }
    if (this.gen >= 0xfffffff0) {
      this.stamp.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }

  /**
   * BM25F's per-field factor of every slot, FIELD_BOOST[f] / (1 − B + B · length / average
   * length), computed once per state of the store instead of once per posting read.
   */
  fieldWeights(store: DocStore): Float64Array {
    if (this.weightsOf?.store === store && this.weightsOf.version === store.version) return this.weights;
    const size = store.slots * FIELD_COUNT;
    if (this.weights.length < size) this.weights = new Float64Array(Math.ceil(size * 1.25) + FIELD_COUNT * 64);
    const { lengths, lengthSums, live } = store;
    const w = this.weights;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const norm = lengthSums[f] > 0 ? live / lengthSums[f] : 1; // 1 / average length
      for (let i = f; i < size; i += FIELD_COUNT) w[i] = FIELD_BOOST[f] / (1 - B + B * lengths[i] * norm);
    }
    this.weightsOf = { store, version: store.version };
    return w;
  }
}

export class Evaluator {
  /** every dictionary term the query expanded to (for highlighting) */
  readonly matchedTerms = new Set<string>();
  /**
   * Hits of each word or bigram already read in this query: synonym alternatives share words
   * (new energy · clean energy · renewable energy; 新能源 · 清洁能源 · 可再生能源), read once.
   */
  private readonly seen = new Map<string, Hits>();

  constructor(
    private readonly index: InvertedIndex,
    private readonly store: DocStore,
    private readonly filter: SlotFilter | null,
    private readonly scratch = new Scratch(),
  ) {}

  private next(): number {
    return this.scratch.next(this.store.slots);
  }

  /** All units must match; when none matches them all and there are several, any may (ranked by how many). */
  query(units: QueryUnit[]): Hits {
    const parts = units.map((u) => this.unit(u));
    const all = this.and(parts);
    return all.n > 0 || parts.length < 2 ? all : this.cover(parts);
  }

  private unit(u: QueryUnit): Hits {
    // A phrase alternative scores the mean of its words, so long synonyms do not outrank the typed
    // word; its words must meet in one field (energy storage is not "New energy" in the labels and
    // "storage" in the text).
    return this.best(
      u.alternatives.map((alt) =>
        scale(
          this.and(
            alt.leaves.map((leaf) => this.leaf(leaf)),
            true,
          ),
          alt.weight / alt.leaves.length,
        ),
      ),
    );
  }

  private leaf(leaf: Leaf): Hits {
    if (!leaf.han) return this.word(leaf.term, leaf.prefix, leaf.fuzzy);
    if (leaf.text.length === 1) return this.word(leaf.text, true, 0);
    const parts = bigrams(leaf.text);
    return scale(
      this.and(
        parts.map((b) => this.word(b, false, 0)),
        true,
      ),
      1 / parts.length,
    );
  }

  private word(term: string, prefix: boolean, fuzzy: number): Hits {
    const key = `${term}\u0000${prefix ? 1 : 0}${fuzzy}`;
    let hits = this.seen.get(key);
    if (!hits) this.seen.set(key, (hits = this.terms(this.index.expand(term, { prefix, fuzzy }))));
    return hits;
  }

  /** Union of the postings of some expansions, BM25F-scored (a document scores its best expansion). */
  terms(expansions: Expansion[]): Hits {
    if (expansions.length === 0) return EMPTY;
    const gen = this.next();
    const { acc, stamp, mask } = this.scratch;
    const { alive, live } = this.store;
    const fw = this.scratch.fieldWeights(this.store);
    const filter = this.filter;
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
        // the four fields' frequencies, as packed by inverted-index.ts (unrolled: hot loop)
        const title = packed & 255;
        const org = (packed >>> 8) & 255;
        const text = (packed >>> 16) & 4_095;
        const labels = packed >>> 28;
        const tf = title * fw[base] + org * fw[base + 1] + text * fw[base + 2] + labels * fw[base + 3];
        const score = (w * tf * (K1 + 1)) / (tf + K1);
        const fields = (title !== 0 ? 1 : 0) | (org !== 0 ? 2 : 0) | (text !== 0 ? 4 : 0) | (labels !== 0 ? 8 : 0);
        if (stamp[s] !== gen) {
          stamp[s] = gen;
          acc[s] = score;
          mask[s] = fields;
          slots[n++] = s;
        } else {
          if (score > acc[s]) acc[s] = score;
          mask[s] |= fields;
        }
      }
    }
    return this.collect(slots, n, true);
  }

  private collect(slots: Int32Array, n: number, withFields = false): Hits {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = this.scratch.acc[slots[i]];
    if (!withFields) return { slots, scores, n };
    const fields = new Uint8Array(n);
    for (let i = 0; i < n; i++) fields[i] = this.scratch.mask[slots[i]];
    return { slots, scores, n, fields };
  }

  /** Intersection, scores added; with `sameField`, the parts must also have matched in one common field. */
  and(parts: Hits[], sameField = false): Hits {
    if (parts.length === 1) return parts[0];
    if (parts.length === 0 || parts.some((p) => p.n === 0)) return EMPTY;
    const sorted = [...parts].sort((a, b) => a.n - b.n);
    const fields = sameField && sorted.every((p) => p.fields !== undefined);
    const gen = this.next();
    const { acc, stamp, cnt, mask } = this.scratch;
    const first = sorted[0];
    for (let i = 0; i < first.n; i++) {
      const s = first.slots[i];
      stamp[s] = gen;
      cnt[s] = 1;
      acc[s] = first.scores[i];
      if (fields) mask[s] = first.fields![i];
    }
    for (let k = 1; k < sorted.length; k++) {
      const p = sorted[k];
      for (let i = 0; i < p.n; i++) {
        const s = p.slots[i];
        if (stamp[s] === gen && cnt[s] === k) {
          cnt[s] = k + 1;
          acc[s] += p.scores[i];
          if (fields) mask[s] &= p.fields![i];
        }
      }
    }
    const out = new Int32Array(first.n);
    let n = 0;
    for (let i = 0; i < first.n; i++) {
      const s = first.slots[i];
      if (cnt[s] === sorted.length && (!fields || mask[s] !== 0)) out[n++] = s;
    }
    return this.collect(out, n, fields);
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
    const { acc, stamp } = this.scratch;
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
