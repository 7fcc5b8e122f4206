// Term dictionary + compact postings for the embedded engine. The dictionary is MiniSearch's
// SearchableMap (a radix tree with prefix enumeration and edit-distance lookup); postings are
// typed arrays of (document slot, packed per-field term frequencies), so a query touching tens of
// thousands of documents allocates almost nothing.
import SearchableMap from "minisearch/SearchableMap";
import { indexTerms } from "./tokenize.ts";

/** title, org, text, labels (the names of the document's codes and hall) */
export const FIELD_COUNT = 4;

/** term frequencies packed in 32 bits: title (8 bits) | org (8 bits) | text (12 bits) | labels (4 bits) */
const SHIFT = [0, 8, 16, 28] as const;
const MAX_TF = [255, 255, 4_095, 15] as const;
const packTf = (tf: readonly number[]) =>
  (Math.min(tf[0], MAX_TF[0]) |
    (Math.min(tf[1], MAX_TF[1]) << SHIFT[1]) |
    (Math.min(tf[2], MAX_TF[2]) << SHIFT[2]) |
    (Math.min(tf[3], MAX_TF[3]) << SHIFT[3])) >>>
  0;

const ACC_UNIT = [1, 2 ** 12, 2 ** 24, 2 ** 40] as const;

export class Posting {
  slots = new Int32Array(2);
  tfs = new Uint32Array(2);
  n = 0;

  push(slot: number, tf: number): void {
    if (this.n === this.slots.length) {
      const cap = this.n * 2;
      const s = new Int32Array(cap);
      s.set(this.slots);
      const t = new Uint32Array(cap);
      t.set(this.tfs);
      this.slots = s;
      this.tfs = t;
    }
    this.slots[this.n] = slot;
    this.tfs[this.n++] = tf;
  }
}

/** One dictionary term a query term expands to, with the weight of that expansion. */
export interface Expansion {
  term: string;
  posting: Posting;
  weight: number;
}

const isHanTerm = (t: string) => /^\p{Script=Han}/u.test(t);
const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.5;

export class InvertedIndex {
  private terms = new Map<string, Posting>();
  /** radix trees for prefix and typo lookups, one per script so Latin fuzzy search never walks Han bigrams */
  private latin = new SearchableMap<Posting>();
  private han = new SearchableMap<Posting>();

  /** Indexes the fields of a document under `slot`; returns the field lengths in terms. */
  add(slot: number, fields: readonly string[]): number[] {
    // per-field counts accumulated in one number (units 1, 2^12, 2^24, 2^40: exact while titles and
    // names stay under 4,096 terms and texts under 65,536, far beyond the form limits)
    const counts = new Map<string, number>();
    const lengths: number[] = [];
    for (let f = 0; f < FIELD_COUNT; f++) {
      const terms = indexTerms(fields[f] ?? "");
      lengths.push(terms.length);
      const unit = ACC_UNIT[f];
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + unit);
    }
    const tf = [0, 0, 0, 0];
    for (const [term, acc] of counts) {
      let p = this.terms.get(term);
      if (!p) {
        p = new Posting();
        this.terms.set(term, p);
        (isHanTerm(term) ? this.han : this.latin).set(term, p);
      }
      let rest = acc;
      for (let f = FIELD_COUNT - 1; f >= 0; f--) {
        tf[f] = Math.floor(rest / ACC_UNIT[f]);
        rest -= tf[f] * ACC_UNIT[f];
      }
      p.push(slot, packTf(tf));
    }
    return lengths;
  }

  /** Exact term, plus prefix completions and terms within `fuzzy` edits when asked. */
  expand(term: string, opts: { prefix?: boolean; fuzzy?: number } = {}): Expansion[] {
    const out: Expansion[] = [];
    const exact = this.terms.get(term);
    if (exact) out.push({ term, posting: exact, weight: 1 });
    const dict = isHanTerm(term) ? this.han : this.latin;
    const seen = new Set<string>([term]);
    if (opts.prefix) {
      for (const [t, posting] of dict.atPrefix(term)) {
        if (seen.has(t)) continue;
        seen.add(t);
        out.push({
          term: t,
          posting,
          weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * (t.length - term.length)),
        });
      }
    }
    if (opts.fuzzy) {
      for (const [t, [posting, edits]] of dict.fuzzyGet(term, opts.fuzzy)) {
        // as in Meilisearch, a typo on the first character counts twice
        const distance = edits + (t[0] === term[0] ? 0 : 1);
        if (seen.has(t) || distance > opts.fuzzy) continue;
        seen.add(t);
        out.push({ term: t, posting, weight: (FUZZY_WEIGHT * t.length) / (t.length + distance) });
      }
    }
    return out;
  }

  /**
   * Drops postings of dead slots and renumbers live ones (`remap[old]` = new slot, or -1), and
   * forgets terms left without postings.
   */
  compact(remap: Int32Array): void {
    this.latin = new SearchableMap<Posting>();
    this.han = new SearchableMap<Posting>();
    for (const [term, p] of this.terms) {
      let w = 0;
      for (let i = 0; i < p.n; i++) {
        const s = remap[p.slots[i]];
        if (s < 0) continue;
        p.slots[w] = s;
        p.tfs[w++] = p.tfs[i];
      }
      p.n = w;
      if (w === 0) this.terms.delete(term);
      else (isHanTerm(term) ? this.han : this.latin).set(term, p);
    }
  }
}
