// The embedded, in-process catalog search engine, for fresh machines and tests; Meilisearch
// replaces it in production (engines.server.ts). See docs/decisions/008-search-engines.md.
//
// Matching: every query unit (a word, a Chinese word-sized piece, or a synonym phrase with its
// alternatives) must match; when no document matches them all, documents matching any unit are
// returned, those matching more units first (the Meilisearch adapter likewise falls back from
// "all" to its "last" strategy, which drops words from the end).
import { pickCatalogDoc, TEXT_FIELDS } from "./doc-keys.ts";
import { DocStore } from "./doc-store.ts";
import { Evaluator, type Hits, Scratch } from "./evaluate.ts";
import { highlightText } from "./highlight.ts";
import { InvertedIndex } from "./inverted-index.ts";
import type { CatalogDoc, SearchEngine, SearchHit, SearchQuery, SearchResult, SortOrder } from "./port.ts";
import { planQuery } from "./query-plan.ts";
import { topK } from "./top-k.ts";

const MAX_PER_PAGE = 100;

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = "embedded" as const;
  private index = new InvertedIndex();
  private store = new DocStore();
  private readonly scratch = new Scratch();

  async init(): Promise<void> {}

  async upsert(docs: CatalogDoc[]): Promise<void> {
    const latest = new Map<string, CatalogDoc>();
    for (const d of docs) latest.set(d.id, pickCatalogDoc(d));
    for (const doc of latest.values()) {
      const old = this.store.slotOf(doc.id);
      if (old !== undefined) this.store.kill(old);
      const slot = this.store.slots;
      const lengths = this.index.add(slot, [
        `${doc.titleZh}\n${doc.titleEn}`,
        `${doc.orgZh}\n${doc.orgEn}`,
        `${doc.textZh}\n${doc.textEn}`,
        `${doc.labelsZh}\n${doc.labelsEn}`,
      ]);
      this.store.add(doc, lengths);
    }
    this.maybeCompact();
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) {
      const slot = this.store.slotOf(id);
      if (slot !== undefined) this.store.kill(slot);
    }
    this.maybeCompact();
  }

  async removeBooth(boothId: string): Promise<void> {
    for (const slot of this.store.boothSlots(boothId)) this.store.kill(slot);
    this.maybeCompact();
  }

  async clear(): Promise<void> {
    this.index = new InvertedIndex();
    this.store = new DocStore();
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async count(): Promise<number> {
    return this.store.live;
  }

  /** Postings of removed documents are skipped at query time and dropped once they are half the index. */
  private maybeCompact(): void {
    if (this.store.dead > 1_000 && this.store.dead > this.store.live) this.index.compact(this.store.compact());
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const t0 = performance.now();
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage ?? 20)));
    const units = planQuery(query.q ?? "");
    const filter = this.store.filter(query.filters);
    const evaluator = new Evaluator(this.index, this.store, filter === "none" ? null : filter, this.scratch);

    let hits: Hits;
    if (filter === "none") hits = { slots: new Int32Array(0), scores: new Float64Array(0), n: 0 };
    else if (units.length === 0) hits = this.browse(filter);
    else hits = evaluator.query(units);

    const facets: SearchResult["facets"] = {};
    for (const f of query.facets ?? []) {
      const col = this.store.facets[f];
      const counts = new Int32Array(col.values.length);
      for (let i = 0; i < hits.n; i++) counts[col.codes[hits.slots[i]]]++;
      const out: Record<string, number> = {};
      for (let c = 1; c < counts.length; c++) if (counts[c] > 0) out[col.values[c]] = counts[c];
      facets[f] = out;
    }

    const sort: SortOrder = query.sort ?? "relevance";
    const order = topK(
      hits.n,
      page * perPage,
      this.comparator(hits, units.length === 0 && sort === "relevance" ? "newest" : sort),
    );
    const terms = evaluator.matchedTerms;
    const pageHits: SearchHit[] = order.slice((page - 1) * perPage).map((i) => {
      const doc = this.store.docs[hits.slots[i]]!;
      return { doc: { ...doc }, highlight: highlights(doc, terms) };
    });
    return { hits: pageHits, total: hits.n, page, perPage, facets, tookMs: performance.now() - t0 };
  }

  private browse(filter: ((slot: number) => boolean) | null): Hits {
    const { alive, slots: size } = this.store;
    const slots = new Int32Array(this.store.live);
    let n = 0;
    for (let s = 0; s < size; s++) if (alive[s] === 1 && (filter === null || filter(s))) slots[n++] = s;
    return { slots, scores: new Float64Array(n), n };
  }

  /** "a comes before b" for hit indices under a sort order; ties: score, newest, slot. */
  private comparator(hits: Hits, sort: SortOrder): (a: number, b: number) => boolean {
    const { slots, scores } = hits;
    const { createdAt, amount } = this.store;
    const tail = (a: number, b: number): boolean => {
      if (scores[a] !== scores[b]) return scores[a] > scores[b];
      const ca = createdAt[slots[a]];
      const cb = createdAt[slots[b]];
      if (ca !== cb) return ca > cb;
      return slots[a] < slots[b];
    };
    switch (sort) {
      case "newest":
        return (a, b) => {
          const ca = createdAt[slots[a]];
          const cb = createdAt[slots[b]];
          return ca !== cb ? ca > cb : tail(a, b);
        };
      case "amount:desc":
      case "amount:asc": {
        const dir = sort === "amount:desc" ? 1 : -1;
        return (a, b) => {
          const x = amount[slots[a]];
          const y = amount[slots[b]];
          const xn = Number.isNaN(x);
          const yn = Number.isNaN(y);
          if (xn !== yn) return yn; // documents without an amount come last either way
          if (!xn && x !== y) return dir * (x - y) > 0;
          return tail(a, b);
        };
      }
      default:
        return tail;
    }
  }
}

function highlights(doc: CatalogDoc, terms: ReadonlySet<string>): SearchHit["highlight"] {
  const out: SearchHit["highlight"] = {};
  if (terms.size === 0) return out;
  for (const f of TEXT_FIELDS) {
    const h = highlightText(doc[f], terms);
    if (h !== null) out[f] = h;
  }
  return out;
}
