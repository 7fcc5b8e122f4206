// The catalog search port. Two adapters implement it: Meilisearch (production) and an embedded
// in-process engine (fresh machines, tests). Documents are denormalized views of PUBLIC booths,
// projects and products, and of public roadshows and each fair's roadshow programme (ADR 031);
// team contacts and anything unpublished never become documents.

export const DOC_TYPES = ["booth", "project", "product", "roadshow", "programme"] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const FACETS = ["fairId", "hall", "sector", "region", "stage", "type", "tier"] as const;
export type FacetName = (typeof FACETS)[number];

export interface CatalogDoc {
  /** `${type}:${entityId}` — unique across types */
  id: string;
  type: DocType;
  /** the booth, project or product id; a roadshow's id; a programme's fair id */
  entityId: string;
  /**
   * The group a document is replaced and removed with (`removeBooth`): its booth's id, or for
   * roadshows and programmes `roadshowGroup(fairId)` (never a booth id, so re-indexing the
   * presenting booth leaves them alone).
   */
  boothId: string;
  fairId: string;
  fairSlug: string;
  /** hall slug ("" for a roadshow without a presenting booth, and for programmes) */
  hall: string;
  sector: string | null;
  region: string | null;
  /** projects only (SEED … PRE_IPO) */
  stage: string | null;
  /** tier code, e.g. standard / premium ("" for roadshows and programmes) */
  tier: string;
  titleZh: string;
  titleEn: string;
  orgZh: string;
  orgEn: string;
  textZh: string;
  textEn: string;
  /**
   * Searchable, never shown: the localized names of the document's sector, region and stage and of
   * its hall ("新能源 · 苏州 · 新能源馆" / "New energy · Suzhou · New Energy Hall"), so a booth is
   * found by what it is filed under even when its own text never says so (labels.ts).
   */
  labelsZh: string;
  labelsEn: string;
  /** projects: amount sought in minor units; otherwise null */
  amount: number | null;
  currency: string | null;
  /** epoch milliseconds */
  createdAt: number;
  logoKey: string | null;
  // Roadshows and programmes only (absent on booth, project and product documents):
  /** epoch ms: a roadshow's start; a programme's first start */
  startsAt?: number | null;
  /** epoch ms: a roadshow's end; a programme's last end */
  endsAt?: number | null;
  /** a roadshow's status (SCHEDULED, LIVE, PAUSED, ENDED); a programme's is LIVE while one of its roadshows is */
  status?: string | null;
  /** the fair's IANA zone, in which the card shows the time */
  timeZone?: string | null;
}

/** The `boothId` group of a fair's roadshow and programme documents (ids never contain ":"). */
export const roadshowGroup = (fairId: string) => `roadshows:${fairId}`;

export type SortOrder = "relevance" | "amount:desc" | "amount:asc" | "newest";

export interface SearchQuery {
  q: string;
  /** every listed facet must match one of its values (OR within a facet, AND across facets) */
  filters?: Partial<Record<FacetName, string[]>>;
  sort?: SortOrder;
  /** 1-based */
  page?: number;
  perPage?: number;
  /** facets to count over the filtered result set */
  facets?: FacetName[];
}

/** Highlighted text: matched parts wrapped in HL_START … HL_END (never HTML; the UI renders <mark>). */
export const HL_START = "\u0002";
export const HL_END = "\u0003";

export interface SearchHit {
  doc: CatalogDoc;
  highlight: Partial<Record<"titleZh" | "titleEn" | "textZh" | "textEn" | "orgZh" | "orgEn", string>>;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  facets: Partial<Record<FacetName, Record<string, number>>>;
  tookMs: number;
}

export interface SearchEngine {
  readonly name: "embedded" | "meilisearch";
  /** creates the index and applies settings (idempotent) */
  init(): Promise<void>;
  upsert(docs: CatalogDoc[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** removes every document of a booth (booth, its projects and products) */
  removeBooth(boothId: string): Promise<void>;
  clear(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** true when the engine answers */
  healthy(): Promise<boolean>;
  /** number of documents (for reindex checks) */
  count(): Promise<number>;
  /**
   * Engines that keep documents across restarts (Meilisearch): true when the stored documents
   * predate the current CatalogDoc fields, so they must be rebuilt (indexer.server.ts).
   */
  outdated?(): Promise<boolean>;
  /**
   * Engines that keep their settings (Meilisearch): true when the index exists with settings other
   * than the ones this version declares (another version or a hand edit configured it).
   */
  misconfigured?(): Promise<boolean>;
}

/** Thrown by adapters when the engine cannot be reached, so the UI can say so and offer browsing. */
export class SearchUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchUnavailableError";
  }
}
