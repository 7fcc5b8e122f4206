// The Meilisearch adapter (production engine), on the official JS client. Writes resolve once
// Meilisearch has processed them, so a search right after an upsert/remove sees the change.
// Connection failures and timeouts surface as SearchUnavailableError.
import {
  type EnqueuedTaskPromise,
  type Filter,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type SearchParams,
  type Settings,
  type Task,
} from "meilisearch";
import { CATALOG_DOC_KEYS, pickCatalogDoc, SEARCHABLE_FIELDS, TEXT_FIELDS } from "./doc-keys.ts";
import {
  type CatalogDoc,
  FACETS,
  HL_END,
  HL_START,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  SearchUnavailableError,
} from "./port.ts";
import { canonicalQuery, meiliSynonyms, NO_TYPO_WORDS } from "./synonyms.ts";

export interface MeiliOptions {
  url: string;
  apiKey?: string;
  /** index uid; tests use their own */
  index?: string;
  /** per HTTP request */
  timeoutMs?: number;
  /** how long a write may wait for Meilisearch to process it */
  taskTimeoutMs?: number;
}

export const DEFAULT_INDEX = "catalog";
const MAX_PER_PAGE = 100;
const BATCH = 5_000;

/** Index settings; exported for the ADR and tests. */
export function catalogSettings(): Settings {
  return {
    // order = attribute ranking: titles, then organisations, then descriptions, then the names of
    // the document's sector, region, stage and hall (labels.ts)
    searchableAttributes: [...SEARCHABLE_FIELDS],
    filterableAttributes: [...FACETS, "boothId"],
    sortableAttributes: ["amount", "createdAt"],
    // an explicit sort is a strict order; relevance only breaks its ties
    rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    synonyms: meiliSynonyms(),
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [...NO_TYPO_WORDS],
    },
    localizedAttributes: [
      { attributePatterns: ["*Zh"], locales: ["cmn"] },
      { attributePatterns: ["*En"], locales: ["eng"] },
    ],
    faceting: { maxValuesPerFacet: 1_000 },
    pagination: { maxTotalHits: 1_000_000 },
  };
}

/** Settings whose list order matters (ranking); other lists are compared as sets. */
const ORDERED_SETTINGS = new Set(["searchableAttributes", "rankingRules"]);

/**
 * True when Meilisearch's stored settings hold every value `expected` declares. Objects are compared
 * on the declared keys (the server adds its defaults, e.g. under typoTolerance), except synonyms,
 * which must match whole; lists are compared as sets unless their order ranks.
 */
export function settingsMatch(expected: Record<string, unknown>, actual: Record<string, unknown>): boolean {
  const same = (e: unknown, a: unknown, key: string, whole: boolean): boolean => {
    if (Array.isArray(e)) {
      if (!Array.isArray(a) || a.length !== e.length) return false;
      const es = e.map((v) => JSON.stringify(v));
      const as = a.map((v) => JSON.stringify(v));
      if (!ORDERED_SETTINGS.has(key)) {
        es.sort();
        as.sort();
      }
      return es.every((v, i) => v === as[i]);
    }
    if (e && typeof e === "object") {
      if (!a || typeof a !== "object" || Array.isArray(a)) return false;
      const eo = e as Record<string, unknown>;
      const ao = a as Record<string, unknown>;
      if (whole && Object.keys(ao).length !== Object.keys(eo).length) return false;
      return Object.keys(eo).every((k) => same(eo[k], ao[k], k, whole));
    }
    return e === a;
  };
  return Object.keys(expected).every((k) => same(expected[k], actual[k], k, k === "synonyms"));
}

/**
 * Meilisearch ids allow only [A-Za-z0-9_-]; catalog ids are `${type}:${entityId}`. Safe entity ids
 * keep their text after a "-", others are base64url-encoded after a "_" (types have neither).
 */
export function meiliKey(id: string): string {
  const colon = id.indexOf(":");
  const type = colon < 0 ? "doc" : id.slice(0, colon);
  const entity = id.slice(colon + 1);
  return /^[A-Za-z0-9_-]{1,400}$/.test(entity)
    ? `${type}-${entity}`
    : `${type}_${Buffer.from(entity).toString("base64url")}`;
}

type StoredDoc = Omit<CatalogDoc, "id"> & { id: string; docId: string };

function fromStored(hit: Record<string, unknown>): CatalogDoc {
  const { docId, ...rest } = hit as StoredDoc & { _formatted?: unknown };
  return pickCatalogDoc({ ...(rest as unknown as CatalogDoc), id: docId });
}

const quote = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function unavailable(err: unknown): never {
  const down =
    err instanceof MeilisearchRequestError ||
    err instanceof MeilisearchRequestTimeOutError ||
    (err instanceof MeilisearchApiError && (err.response?.status ?? 0) >= 500);
  if (down) throw new SearchUnavailableError(`Meilisearch unavailable: ${(err as Error).message}`);
  throw err;
}

export class MeiliSearchEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  readonly uid: string;
  private readonly client: Meilisearch;
  private readonly taskTimeoutMs: number;

  constructor(opts: MeiliOptions) {
    this.uid = opts.index ?? DEFAULT_INDEX;
    this.client = new Meilisearch({
      host: opts.url,
      apiKey: opts.apiKey,
      timeout: opts.timeoutMs ?? 10_000,
      // fetch asks for gzip by default; Meilisearch then writes compressed responses in small
      // pieces and on a kept-alive connection most requests stall ~40 ms (Nagle vs delayed ACK)
      requestInit: { headers: { "Accept-Encoding": "identity" } },
    });
    this.taskTimeoutMs = opts.taskTimeoutMs ?? 120_000;
  }

  private index() {
    return this.client.index<StoredDoc>(this.uid);
  }

  /**
   * Waits until Meilisearch has processed a task (polling with back-off: 10 ms up to 250 ms, so
   * a bulk import does not poll thousands of times); a failed task becomes an error.
   */
  private async done(enqueued: EnqueuedTaskPromise, tolerate: string[] = []): Promise<Task> {
    const { taskUid } = await enqueued;
    const deadline = Date.now() + this.taskTimeoutMs;
    for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
      const task = await this.client.tasks.getTask(taskUid);
      if (task.status === "succeeded" || task.status === "canceled") return task;
      if (task.status === "failed") {
        if (tolerate.includes(task.error?.code ?? "")) return task;
        throw new Error(
          `Meilisearch task ${task.uid} (${task.type}) failed: ${task.error?.code}: ${task.error?.message}`,
        );
      }
      if (Date.now() > deadline)
        throw new SearchUnavailableError(`Meilisearch task ${taskUid} not processed after ${this.taskTimeoutMs} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async init(): Promise<void> {
    try {
      await this.done(this.client.createIndex(this.uid, { primaryKey: "id" }), ["index_already_exists"]);
      await this.done(this.index().updateSettings(catalogSettings()));
    } catch (err) {
      unavailable(err);
    }
  }

  async upsert(docs: CatalogDoc[]): Promise<void> {
    if (docs.length === 0) return;
    const stored: StoredDoc[] = docs.map((d) => ({ ...pickCatalogDoc(d), id: meiliKey(d.id), docId: d.id }));
    try {
      const tasks: EnqueuedTaskPromise[] = [];
      for (let i = 0; i < stored.length; i += BATCH)
        tasks.push(this.index().addDocuments(stored.slice(i, i + BATCH), { primaryKey: "id" }));
      for (const t of tasks) await this.done(t);
    } catch (err) {
      unavailable(err);
    }
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await this.done(this.index().deleteDocuments(ids.map(meiliKey)));
    } catch (err) {
      unavailable(err);
    }
  }

  async removeBooth(boothId: string): Promise<void> {
    try {
      await this.done(this.index().deleteDocuments({ filter: `boothId = ${quote(boothId)}` }));
    } catch (err) {
      unavailable(err);
    }
  }

  async clear(): Promise<void> {
    try {
      await this.done(this.index().deleteAllDocuments(), ["index_not_found"]);
    } catch (err) {
      unavailable(err);
    }
  }

  async healthy(): Promise<boolean> {
    try {
      return (await this.client.health()).status === "available";
    } catch {
      return false;
    }
  }

  async count(): Promise<number> {
    try {
      return (await this.index().getStats()).numberOfDocuments;
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.cause?.code === "index_not_found") return 0;
      unavailable(err);
    }
  }

  async outdated(): Promise<boolean> {
    try {
      const { results } = await this.index().getDocuments({ limit: 1 });
      return results.length > 0 && CATALOG_DOC_KEYS.some((k) => !(k in results[0]));
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.cause?.code === "index_not_found") return false;
      unavailable(err);
    }
  }

  async misconfigured(): Promise<boolean> {
    try {
      return !settingsMatch(catalogSettings(), (await this.index().getSettings()) as Record<string, unknown>);
    } catch (err) {
      if (err instanceof MeilisearchApiError && err.cause?.code === "index_not_found") return false;
      unavailable(err);
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const t0 = performance.now();
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(query.perPage ?? 20)));
    const q = canonicalQuery(query.q ?? ""); // the embedded engine plans the same canonical query
    const filter: Filter = [];
    for (const f of FACETS) {
      const values = query.filters?.[f];
      if (values && values.length > 0) filter.push(values.map((v) => `${f} = ${quote(v)}`));
    }
    const sort = query.sort ?? "relevance";
    const params = {
      page,
      hitsPerPage: perPage,
      filter,
      sort:
        sort === "amount:desc" || sort === "amount:asc"
          ? [sort]
          : sort === "newest" || !q
            ? ["createdAt:desc"]
            : undefined,
      facets: query.facets && query.facets.length > 0 ? [...query.facets] : undefined,
      attributesToHighlight: [...TEXT_FIELDS],
      highlightPreTag: HL_START,
      highlightPostTag: HL_END,
      matchingStrategy: "all",
    } satisfies SearchParams;
    try {
      let res = await this.index().search(q, params);
      // nothing has every word: fall back to partial matches (later words dropped first)
      if (res.totalHits === 0 && q) res = await this.index().search(q, { ...params, matchingStrategy: "last" });
      const hits: SearchHit[] = res.hits.map((h) => {
        const formatted = (h._formatted ?? {}) as Record<string, unknown>;
        const highlight: SearchHit["highlight"] = {};
        for (const f of TEXT_FIELDS) {
          const v = formatted[f];
          if (typeof v === "string" && v.includes(HL_START)) highlight[f] = v;
        }
        return { doc: fromStored(h as Record<string, unknown>), highlight };
      });
      const facets: SearchResult["facets"] = {};
      for (const f of query.facets ?? []) facets[f] = { ...(res.facetDistribution?.[f] ?? {}) };
      return { hits, total: res.totalHits, page, perPage, facets, tookMs: performance.now() - t0 };
    } catch (err) {
      unavailable(err);
    }
  }
}
