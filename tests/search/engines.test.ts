// Engine selection, Meilisearch outage mapping, and the tokenizer/query planning underneath the
// embedded engine.
import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "../../app/search/embedded.server.ts";
import { createSearchEngine } from "../../app/search/engines.server.ts";
import { meiliKey, MeiliSearchEngine } from "../../app/search/meili.server.ts";
import { SearchUnavailableError } from "../../app/search/port.ts";
import { planQuery } from "../../app/search/query-plan.ts";
import { meiliSynonyms } from "../../app/search/synonyms.ts";
import { hanUnits, indexTerms, segmentWords } from "../../app/search/tokenize.ts";
import { freePort } from "../../server/lib/ports.ts";
import { generateCorpus } from "../../scripts/search-corpus.ts";

describe("createSearchEngine", () => {
  it("uses Meilisearch when MEILI_URL is set, else one embedded engine per process", () => {
    const meili = createSearchEngine({
      MEILI_URL: "http://127.0.0.1:7700",
      MEILI_MASTER_KEY: "k",
      MEILI_INDEX: "catalog_x",
    });
    expect(meili).toBeInstanceOf(MeiliSearchEngine);
    expect((meili as MeiliSearchEngine).uid).toBe("catalog_x");
    expect((createSearchEngine({ MEILI_URL: "http://127.0.0.1:7700" }) as MeiliSearchEngine).uid).toBe("catalog");
    const a = createSearchEngine({});
    expect(a).toBeInstanceOf(EmbeddedSearchEngine);
    expect(createSearchEngine({ MEILI_URL: " " })).toBe(a);
  });
});

describe("Meilisearch adapter outage", () => {
  it("maps a refused connection to SearchUnavailableError and reports unhealthy", async () => {
    const engine = new MeiliSearchEngine({
      url: `http://127.0.0.1:${await freePort()}`,
      apiKey: "x",
      timeoutMs: 2_000,
    });
    expect(await engine.healthy()).toBe(false);
    await expect(engine.search({ q: "电池" })).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.upsert([{ id: "booth:b1" } as never])).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(engine.init()).rejects.toBeInstanceOf(SearchUnavailableError);
  });

  it("encodes catalog ids into valid, distinct Meilisearch ids", () => {
    expect(meiliKey("booth:cm9x1abc")).toBe("booth-cm9x1abc");
    const odd = meiliKey("project:a:b/c");
    expect(odd).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(odd).not.toBe(meiliKey("project:a-b-c"));
  });

  it("sends every synonym in both directions", () => {
    const syn = meiliSynonyms();
    expect(syn["集成电路"]).toEqual(expect.arrayContaining(["integrated circuits", "芯片", "chips"]));
    expect(syn["chips"]).toContain("集成电路");
    expect(syn["ai"]).toContain("人工智能");
  });
});

describe("tokenizer", () => {
  it("segments Chinese with Intl.Segmenter and glues single characters into units", () => {
    expect(segmentWords("江苏省生物医药产业投资洽谈会")).toEqual([
      "江苏",
      "省",
      "生物",
      "医药",
      "产业",
      "投资",
      "洽谈",
      "会",
    ]);
    expect(hanUnits("新能源汽车")).toEqual(["新能源", "汽车"]);
    expect(hanUnits("光伏组件")).toEqual(["光伏组件"]);
  });

  it("indexes Han bigrams and normalized Latin words without stop-words", () => {
    expect(indexTerms("动力电池 for ＥＶｓ")).toEqual(["动力", "力电", "电池", "池", "evs"]);
  });

  it("plans synonyms, typos and prefixes", () => {
    const [unit] = planQuery("芯片");
    expect(unit.alternatives.map((a) => a.leaves.map((l) => (l.han ? l.text : l.term)).join(" "))).toEqual(
      expect.arrayContaining(["集成电路", "integrated circuits", "chip", "semiconductor"]),
    );
    const [typo] = planQuery("biotecnology");
    expect(typo.alternatives[0].leaves[0]).toMatchObject({ term: "biotecnology", fuzzy: 2 });
    expect(typo.alternatives.some((a) => a.leaves.some((l) => !l.han && l.term === "biotech"))).toBe(true);
    const units = planQuery("江苏省生物医药产业");
    expect(units.length).toBe(3); // 江苏省 · 生物医药 (synonym group) · 产业
    expect(planQuery("laser wel").at(-1)!.alternatives[0].leaves[0]).toMatchObject({ term: "wel", prefix: true });
  });
});

describe("embedded engine upkeep", () => {
  it("keeps answering correctly after removals compact the index, and after re-upserts", async () => {
    const engine = new EmbeddedSearchEngine();
    const docs = generateCorpus({ docs: 3_000, seed: 11 });
    await engine.upsert(docs);
    const gone = new Set(docs.filter((_, i) => i % 3 !== 0).map((d) => d.id)); // two thirds: triggers compaction
    await engine.remove([...gone]);
    await engine.upsert(docs.filter((_, i) => i % 3 === 0).slice(0, 50)); // replacing live ones leaves dead slots too
    const live = docs.filter((d) => !gone.has(d.id));
    expect(await engine.count()).toBe(live.length);
    const res = await engine.search({ q: "", facets: ["sector"], perPage: 100 });
    expect(res.total).toBe(live.length);
    const truth: Record<string, number> = {};
    for (const d of live) truth[d.sector!] = (truth[d.sector!] ?? 0) + 1;
    expect(res.facets.sector).toEqual(truth);
    const chips = await engine.search({ q: "芯片", perPage: 100 });
    expect(chips.total).toBe(
      live.filter((d) =>
        /芯片|集成电路|半导体|chip|semiconductor|integrated circuit/i.test(
          [d.titleZh, d.titleEn, d.orgZh, d.orgEn, d.textZh, d.textEn].join(" "),
        ),
      ).length,
    );
    expect(chips.hits.every((h) => !gone.has(h.doc.id))).toBe(true);
  });
});
