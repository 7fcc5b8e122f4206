// Documents of the embedded engine by slot, with column arrays for what queries touch per hit:
// liveness, facet value codes (filters, counts), sort keys and field lengths (BM25).
// Slots are never reused while postings may still point at them; `compact()` renumbers.
import { type CatalogDoc, FACETS, type FacetName, type SearchQuery } from "./port.ts";
import { FIELD_COUNT } from "./inverted-index.ts";

class FacetColumn {
  codes = new Uint32Array(1024);
  /** code 0 = null */
  values: string[] = [""];
  private byValue = new Map<string, number>();

  code(value: string | null): number {
    if (value == null) return 0;
    let c = this.byValue.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.byValue.set(value, c);
    }
    return c;
  }

  known(value: string): number | undefined {
    return this.byValue.get(value);
  }
}

export type SlotFilter = (slot: number) => boolean;

function grow<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2));
  next.set(a);
  return next;
}

export class DocStore {
  docs: (CatalogDoc | undefined)[] = [];
  alive = new Uint8Array(1024);
  createdAt = new Float64Array(1024);
  /** NaN when the document has no amount */
  amount = new Float64Array(1024);
  /** FIELD_COUNT lengths per slot */
  lengths = new Uint16Array(1024 * FIELD_COUNT);
  readonly facets = Object.fromEntries(FACETS.map((f) => [f, new FacetColumn()])) as Record<FacetName, FacetColumn>;
  readonly lengthSums = new Float64Array(FIELD_COUNT);
  private ids = new Map<string, number>();
  private booths = new Map<string, Set<number>>();
  live = 0;
  /** bumped by every change (cached per-slot values derived from lengths follow it) */
  version = 0;

  get slots(): number {
    return this.docs.length;
  }

  get dead(): number {
    return this.docs.length - this.live;
  }

  slotOf(id: string): number | undefined {
    return this.ids.get(id);
  }

  boothSlots(boothId: string): number[] {
    return [...(this.booths.get(boothId) ?? [])];
  }

  add(doc: CatalogDoc, lengths: readonly number[]): number {
    const slot = this.docs.length;
    const size = slot + 1;
    this.alive = grow(this.alive, size);
    this.createdAt = grow(this.createdAt, size);
    this.amount = grow(this.amount, size);
    this.lengths = grow(this.lengths, size * FIELD_COUNT);
    this.docs.push(doc);
    this.alive[slot] = 1;
    this.createdAt[slot] = doc.createdAt;
    this.amount[slot] = doc.amount ?? Number.NaN;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const len = Math.min(lengths[f], 65_535);
      this.lengths[slot * FIELD_COUNT + f] = len;
      this.lengthSums[f] += len;
    }
    for (const f of FACETS) {
      const col = this.facets[f];
      col.codes = grow(col.codes, size);
      col.codes[slot] = col.code(doc[f]);
    }
    this.ids.set(doc.id, slot);
    let set = this.booths.get(doc.boothId);
    if (!set) this.booths.set(doc.boothId, (set = new Set()));
    set.add(slot);
    this.live++;
    this.version++;
    return slot;
  }

  kill(slot: number): void {
    const doc = this.docs[slot];
    if (!doc || !this.alive[slot]) return;
    this.alive[slot] = 0;
    this.docs[slot] = undefined;
    for (let f = 0; f < FIELD_COUNT; f++) this.lengthSums[f] -= this.lengths[slot * FIELD_COUNT + f];
    if (this.ids.get(doc.id) === slot) this.ids.delete(doc.id);
    const set = this.booths.get(doc.boothId);
    set?.delete(slot);
    if (set?.size === 0) this.booths.delete(doc.boothId);
    this.live--;
    this.version++;
  }

  /**
   * Compiles facet filters (OR within a facet, AND across facets). Returns null when there is
   * nothing to filter, or "none" when no document can match (a value no document has).
   */
  filter(filters: SearchQuery["filters"]): SlotFilter | null | "none" {
    const checks: { codes: Uint32Array; allowed: Uint8Array }[] = [];
    for (const f of FACETS) {
      const values = filters?.[f];
      if (!values || values.length === 0) continue;
      const col = this.facets[f];
      const allowed = new Uint8Array(col.values.length);
      let any = false;
      for (const v of values) {
        const c = col.known(v);
        if (c !== undefined) {
          allowed[c] = 1;
          any = true;
        }
      }
      if (!any) return "none";
      checks.push({ codes: col.codes, allowed });
    }
    if (checks.length === 0) return null;
    if (checks.length === 1) {
      const [{ codes, allowed }] = checks;
      return (slot) => allowed[codes[slot]] === 1;
    }
    return (slot) => {
      for (const { codes, allowed } of checks) if (allowed[codes[slot]] !== 1) return false;
      return true;
    };
  }

  /** Renumbers live slots densely; returns old slot → new slot (-1 for dead ones). */
  compact(): Int32Array {
    const remap = new Int32Array(this.docs.length).fill(-1);
    const docs: (CatalogDoc | undefined)[] = [];
    for (let s = 0; s < this.docs.length; s++) {
      if (!this.alive[s]) continue;
      const n = docs.length;
      remap[s] = n;
      docs.push(this.docs[s]);
      this.alive[n] = 1;
      this.createdAt[n] = this.createdAt[s];
      this.amount[n] = this.amount[s];
      for (let f = 0; f < FIELD_COUNT; f++) this.lengths[n * FIELD_COUNT + f] = this.lengths[s * FIELD_COUNT + f];
      for (const f of FACETS) this.facets[f].codes[n] = this.facets[f].codes[s];
    }
    this.alive.fill(0, docs.length);
    this.docs = docs;
    this.version++;
    this.ids.clear();
    this.booths.clear();
    docs.forEach((doc, slot) => {
      if (!doc) return;
      this.ids.set(doc.id, slot);
      let set = this.booths.get(doc.boothId);
      if (!set) this.booths.set(doc.boothId, (set = new Set()));
      set.add(slot);
    });
    return remap;
  }
}
