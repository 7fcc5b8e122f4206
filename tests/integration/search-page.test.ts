// The search page: parameters from the URL (bad ones dropped, never a 500), and an honest
// "search is unavailable" state that still offers browsing when the engine is down.
import { beforeAll, describe, expect, it } from "vitest";
import { createSearchEngine } from "../../app/search/engines.server.ts";
import { SearchUnavailableError, type SearchEngine } from "../../app/search/port.ts";
import { parseSearchParams } from "../../app/search/service.server.ts";
import * as searchRoute from "../../app/routes/search.tsx";
import { useTestDatabase } from "../harness/db.ts";
import { call, req } from "../harness/factories.ts";

describe("search page", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("keeps valid parameters and drops invalid ones", () => {
    const p = parseSearchParams(
      new URL(
        "http://x/search?q=%E8%8A%AF%E7%89%87&sort=bogus&page=-3&sector=semiconductors&sector=new-energy&region=%3Cscript%3E",
      ),
    );
    expect(p).toMatchObject({
      q: "芯片",
      sort: "relevance",
      page: 1,
      sector: ["semiconductors", "new-energy"],
      region: [],
    });
  });

  it("answers with results from the engine", async () => {
    const engine = createSearchEngine({});
    await engine.init();
    globalThis.__cloudfairSearch = engine;
    const res = await call(searchRoute.loader, req("/search?q=test"));
    expect(res.status).toBe(200);
    expect((await res.json()).ok).toBe(true);
  });

  it("says search is unavailable (200, not 500) when the engine is down", async () => {
    const down: SearchEngine = {
      ...createSearchEngine({}),
      name: "meilisearch",
      search: () => Promise.reject(new SearchUnavailableError("connect ECONNREFUSED")),
    };
    globalThis.__cloudfairSearch = down;
    const res = await call(searchRoute.loader, req("/search?q=%E6%96%B0%E8%83%BD%E6%BA%90"));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.ok).toBe(false);
    expect(body.params.q).toBe("新能源");
    globalThis.__cloudfairSearch = undefined;
  });
});
