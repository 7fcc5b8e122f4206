// Engine selection, Meilisearch outage mapping, and the tokenizer/query planning underneath the
// embedded engine.
import { describe, expect, it } from "vitest";
import { EmbeddedSearchEngine } from "../../app/search/embedded.server.ts";
import { createSearchEngine } from "../../app/search/engines.server.ts";
import { meiliKey, MeiliSearchEngine } from "../../app/search/meili.server.ts";
import { SearchUnavailableError } from "../../app/search/port.ts";
import { REGION_CODES, SECTOR_CODES, STAGE_CODES } from "../../app/domain/fairs/codes.ts";
import { coreCatalog } from "../../app/i18n/catalog/core.ts";
import { englishForm, keywordsFor } from "../../app/search/keyword-forms.ts";
import { codeLabels } from "../../app/search/labels.ts";
import { planQuery, typoDistance } from "../../app/search/query-plan.ts";
import { canonicalQuery, CODE_SYNONYMS, meiliSynonyms, synonymIndex } from "../../app/search/synonyms.ts";
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
          [d.titleZh, d.titleEn, d.orgZh, d.orgEn, d.textZh, d.textEn, d.labelsZh, d.labelsEn].join(" "),
        ),
      ).length,
    );
    expect(chips.hits.every((h) => !gone.has(h.doc.id))).toBe(true);
  });
});

describe("the synonym table and the code labels", () => {
  const catalogLabel = (locale: "zh-CN" | "en", key: string) =>
    (coreCatalog[locale] as Record<string, string | undefined>)[key];

  it("names every sector, region and stage code in both languages", () => {
    const codes = { sector: SECTOR_CODES, region: REGION_CODES, stage: STAGE_CODES } as const;
    for (const [facet, list] of Object.entries(codes) as [keyof typeof codes, readonly string[]][]) {
      expect(Object.keys(CODE_SYNONYMS[facet]).sort(), facet).toEqual([...list].sort());
      for (const code of list) {
        const names = (CODE_SYNONYMS[facet] as Record<string, readonly string[]>)[code].map(canonicalQuery);
        for (const locale of ["zh-CN", "en"] as const) {
          const name = catalogLabel(locale, `${facet}.${code}`);
          expect(name, `${facet}.${code} ${locale}`).toBeTruthy();
          expect(names, `${facet}.${code} ${locale}`).toContain(canonicalQuery(name!));
        }
      }
    }
    // every group is known to both engines: the embedded index and Meilisearch's setting
    const meili = meiliSynonyms();
    expect(meili["苏州市"]).toEqual(expect.arrayContaining(["苏州", "suzhou"]));
    expect(meili["suzhou"]).toContain("苏州市");
    expect(meili["清洁能源"]).toEqual(expect.arrayContaining(["新能源", "new energy", "clean energy"]));
    expect(meili["digital economy"]).toEqual(["数字经济"]);
    expect(meili["seriesa"]).toBeUndefined(); // one token, nothing to expand
    expect(synonymIndex().get("苏州市")).toBe(synonymIndex().get("suzhou"));
  });

  it("reads lettered rounds as one token in every spelling, and nothing else", () => {
    for (const q of ["A 轮", "A轮", "Series A", "series-a", "ＳＥＲＩＥＳ Ａ"])
      expect(canonicalQuery(q), q).toBe("seriesa");
    expect(canonicalQuery("B 轮")).toBe("seriesb");
    expect(canonicalQuery("完成A轮融资")).toBe("完成 seriesa 融资");
    expect(canonicalQuery("series")).toBe("series");
    expect(canonicalQuery("a round of chips")).toBe("a round of chips");
    expect(canonicalQuery("Pre-A轮")).toBe("pre- seriesa");
    expect(canonicalQuery("Data轮")).toBe("data轮");
  });

  it("counts a typo on the first letter twice, as Meilisearch does", () => {
    expect(typoDistance("suzhou", "xuzhou", 1)).toBe(2);
    expect(typoDistance("nanjing", "nanking", 1)).toBe(1);
    expect(typoDistance("changzhou", "hangzhou", 2)).toBe(2);
    expect(planQuery("seriesb")[0].alternatives[0].leaves[0]).toMatchObject({ fuzzy: 0 });
  });

  it("labels a document with the names of its sector, region, stage and hall", () => {
    const labels = codeLabels({
      sector: "new-energy",
      region: "suzhou",
      stage: "SERIES_A",
      hallZh: "新能源馆",
      hallEn: "New Energy Hall",
    });
    expect(labels.labelsZh.split("\n")).toEqual(["新能源", "苏州", "A 轮", "新能源馆"]);
    expect(labels.labelsEn.split("\n")).toEqual(["New energy", "Suzhou", "Series A", "New Energy Hall", "seriesa"]);
    // unknown codes add nothing (never the raw code)
    expect(codeLabels({ sector: "x-ray", region: null, stage: "SERIES_C", hallZh: "", hallEn: "" })).toEqual({
      labelsZh: "",
      labelsEn: "",
    });
  });

  it("shows English readers English keywords, joined by the caller", () => {
    expect(keywordsFor("en", ["materials", "半导体", "材料"])).toEqual(["materials", "semiconductors"]);
    expect(keywordsFor("en", ["circuits", "integrated", "电路"])).toEqual(["circuits", "integrated"]);
    expect(keywordsFor("en", ["芯片", "chips"])).toEqual(["chips"]);
    expect(keywordsFor("en", ["产业", "技术"])).toEqual([]);
    expect(keywordsFor("zh-CN", ["materials", "半导体", "材料"])).toEqual(["materials", "半导体", "材料"]);
    expect(englishForm("苏州市")).toBe("Suzhou");
    expect(englishForm("清洁能源")).toBe("clean energy");
  });
});
