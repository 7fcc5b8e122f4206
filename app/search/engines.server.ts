// Picks the catalog search engine: Meilisearch when MEILI_URL is set (MEILI_MASTER_KEY, optional
// MEILI_INDEX), otherwise the embedded engine — one per process, shared through globalThis because
// the server and the Remix build load this module separately.
import { config, type Config } from "~/config.server";
import { EmbeddedSearchEngine } from "./embedded.server.ts";
import { DEFAULT_INDEX, MeiliSearchEngine } from "./meili.server.ts";
import type { SearchEngine } from "./port.ts";

declare global {
  var __cloudfairEmbeddedSearch: EmbeddedSearchEngine | undefined;
}

type SearchConfig = Partial<Pick<Config, "MEILI_URL" | "MEILI_MASTER_KEY" | "MEILI_INDEX">>;

export function createSearchEngine(env: SearchConfig = config()): SearchEngine {
  const url = env.MEILI_URL?.trim();
  if (url)
    return new MeiliSearchEngine({
      url,
      apiKey: env.MEILI_MASTER_KEY || undefined,
      index: env.MEILI_INDEX?.trim() || DEFAULT_INDEX,
    });
  globalThis.__cloudfairEmbeddedSearch ??= new EmbeddedSearchEngine();
  return globalThis.__cloudfairEmbeddedSearch;
}
