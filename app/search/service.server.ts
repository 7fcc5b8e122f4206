// One search engine per process, shared by the server's indexer and the Remix loaders (which are
// separate module instances, hence globalThis).
import { createSearchEngine } from "./engines.server";
import {
  FACETS,
  SearchUnavailableError,
  type FacetName,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
  type SortOrder,
} from "./port";
import { z } from "zod";
import { parsePage } from "~/lib/paging";

declare global {
  var __cloudfairSearch: SearchEngine | undefined;
}

export function searchEngine(): SearchEngine {
  globalThis.__cloudfairSearch ??= createSearchEngine();
  return globalThis.__cloudfairSearch;
}

export const PER_PAGE = 20;
const code = z
  .string()
  .max(64)
  .regex(/^[\w-]+$/);
const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(code).max(10)).catch([]);

/** The search page's URL parameters (shareable; invalid values are dropped, never a 500). */
export const searchParamsSchema = z.object({
  q: z.string().trim().max(200).catch(""),
  sort: z.enum(["relevance", "amount:desc", "amount:asc", "newest"]).catch("relevance"),
  page: z.unknown().transform((v) => parsePage(v, 500)),
  type: list,
  sector: list,
  region: list,
  stage: list,
  hall: list,
  tier: list,
  fair: list,
});
export type SearchParams = z.infer<typeof searchParamsSchema>;

export function parseSearchParams(url: URL): SearchParams {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  return searchParamsSchema.parse(raw);
}

export type CatalogSearch =
  { ok: true; result: SearchResult; params: SearchParams } | { ok: false; params: SearchParams };

export async function searchCatalog(params: SearchParams): Promise<CatalogSearch> {
  const filters: Partial<Record<FacetName, string[]>> = {};
  for (const f of FACETS) {
    const values = f === "fairId" ? params.fair : params[f as Exclude<FacetName, "fairId">];
    if (values.length) filters[f] = values;
  }
  const query: SearchQuery = {
    q: params.q,
    filters,
    sort: params.sort as SortOrder,
    page: params.page,
    perPage: PER_PAGE,
    facets: ["type", "sector", "region", "stage"],
  };
  try {
    return { ok: true, result: await searchEngine().search(query), params };
  } catch (err) {
    if (err instanceof SearchUnavailableError) return { ok: false, params };
    throw err;
  }
}
