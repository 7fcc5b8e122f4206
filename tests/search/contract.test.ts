// The catalog search contract, run against every available SearchEngine adapter: the embedded
// engine always, Meilisearch when a binary or MEILI_URL is available (tests/harness/meilisearch.ts).
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CATALOG_DOC_KEYS } from "../../app/search/doc-keys.ts";
import { EmbeddedSearchEngine } from "../../app/search/embedded.server.ts";
import { MeiliSearchEngine } from "../../app/search/meili.server.ts";
import {
  type CatalogDoc,
  FACETS,
  type FacetName,
  HL_END,
  HL_START,
  type SearchEngine,
  type SearchQuery,
} from "../../app/search/port.ts";
import { CODE_SYNONYMS } from "../../app/search/synonyms.ts";
import { startTestMeilisearch } from "../harness/meilisearch.ts";
import { buildFixture, HALL_NAMES } from "./fixture.ts";

const meili = await startTestMeilisearch();
if (!meili) console.log("Meilisearch skipped: no binary");
afterAll(async () => meili?.stop());

const engines: [string, () => SearchEngine][] = [["embedded", () => new EmbeddedSearchEngine()]];
if (meili)
  engines.push([
    "meilisearch",
    () => new MeiliSearchEngine({ url: meili.url, apiKey: meili.apiKey, index: meili.index }),
  ]);

const FIXTURE = buildFixture();
const byId = new Map(FIXTURE.map((d) => [d.id, d]));

/** What any engine must return for facet filters (OR within a facet, AND across facets). */
function truthFilter(filters: NonNullable<SearchQuery["filters"]>): CatalogDoc[] {
  return FIXTURE.filter((d) =>
    Object.entries(filters).every(([f, values]) => !values?.length || values.includes(d[f as FacetName] as string)),
  );
}

function truthFacets(docs: CatalogDoc[], facets: readonly FacetName[]) {
  const out: Partial<Record<FacetName, Record<string, number>>> = {};
  for (const f of facets) {
    const counts: Record<string, number> = {};
    for (const d of docs) {
      const v = d[f];
      if (v != null) counts[v] = (counts[v] ?? 0) + 1;
    }
    out[f] = counts;
  }
  return out;
}

const byNewest = (a: CatalogDoc, b: CatalogDoc) => b.createdAt - a.createdAt;
const codeIds = (facet: "sector" | "region" | "stage" | "hall", code: string) =>
  FIXTURE.filter((d) => d[facet] === code).map((d) => d.id);

/** Every name of a sector, region or stage (labels and synonyms), and both names of each hall. */
const NAME_QUERIES: { q: string; facet: "sector" | "region" | "stage" | "hall"; code: string }[] = [
  ...(["sector", "region", "stage"] as const).flatMap((facet) =>
    Object.entries(CODE_SYNONYMS[facet] as Record<string, readonly string[]>).flatMap(([code, names]) =>
      names.map((q) => ({ q, facet, code })),
    ),
  ),
  ...Object.entries(HALL_NAMES).flatMap(([code, names]) => names.map((q) => ({ q, facet: "hall" as const, code }))),
];
const textOf = (d: CatalogDoc) => [d.titleZh, d.titleEn, d.orgZh, d.orgEn, d.textZh, d.textEn].join("\n").toLowerCase();
const ids = (hits: { doc: CatalogDoc }[]) => hits.map((h) => h.doc.id);

describe.each(engines)("%s engine honours the search contract", (_name, make) => {
  let engine: SearchEngine;
  const all = async (query: SearchQuery) => {
    const first = await engine.search({ ...query, page: 1, perPage: 100 });
    expect(first.total).toBeLessThanOrEqual(100);
    return first;
  };

  const seed = async () => {
    await engine.clear();
    await engine.upsert(FIXTURE);
  };

  beforeAll(async () => {
    engine = make();
    await engine.init();
    await engine.init(); // idempotent
    await seed();
  });

  it("indexes every document and answers health checks", async () => {
    expect(await engine.healthy()).toBe(true);
    expect(await engine.count()).toBe(FIXTURE.length);
  });

  it("returns documents exactly as given, with only catalog fields", async () => {
    const res = await all({ q: "" });
    expect(res.total).toBe(FIXTURE.length);
    for (const hit of res.hits) {
      expect(Object.keys(hit.doc).sort()).toEqual([...CATALOG_DOC_KEYS].sort());
      expect(hit.doc).toEqual(byId.get(hit.doc.id));
    }
  });

  it("tolerates typos: biotecnology finds the biotechnology companies", async () => {
    const res = await all({ q: "biotecnology" });
    const expected = FIXTURE.filter((d) => textOf(d).includes("biotechnology")).map((d) => d.id);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(ids(res.hits)).toEqual(expect.arrayContaining(expected));
    expect(new Set(res.hits.map((h) => h.doc.sector))).toEqual(new Set(["biomedicine"]));
  });

  it("finds partial Chinese words: 医药 in 生物医药, 电池 in 动力电池", async () => {
    const yiyao = await all({ q: "医药" });
    expect(ids(yiyao.hits)).toEqual(
      expect.arrayContaining(FIXTURE.filter((d) => textOf(d).includes("生物医药")).map((d) => d.id)),
    );
    const dianchi = await all({ q: "电池" });
    expect(ids(dianchi.hits)).toEqual(
      expect.arrayContaining(["project:ruineng-project-0", "product:mingde-product-0"]),
    );
  });

  it("新能源汽车 finds new-energy projects, and only new-energy documents", async () => {
    const res = await all({ q: "新能源汽车" });
    expect(ids(res.hits)).toContain("project:ruineng-project-0");
    expect(res.hits[0].doc.sector).toBe("new-energy");
    expect(new Set(res.hits.map((h) => h.doc.sector))).toEqual(new Set(["new-energy"]));
  });

  it("集成电路 finds chip projects described only in English, through synonyms", async () => {
    const res = await all({ q: "集成电路" });
    // jingce's Chinese text never says 集成电路 or 芯片; lumen has no Chinese at all
    expect(textOf(byId.get("project:jingce-project-0")!)).not.toMatch(/集成电路|芯片/);
    // the probe cards say only "integrated circuits"; lumen's booth only "chips"
    expect(textOf(byId.get("product:jingce-product-1")!)).not.toMatch(/chip|semiconductor|集成电路|芯片|半导体/);
    expect(ids(res.hits)).toEqual(
      expect.arrayContaining([
        "project:jingce-project-0",
        "product:jingce-product-1",
        "project:lumen-project-0",
        "booth:booth-lumen",
        "project:huaxin-project-0",
      ]),
    );
    expect(new Set(res.hits.map((h) => h.doc.sector))).toEqual(new Set(["semiconductors"]));
    // and the other way round: English "chips" finds 芯片
    expect(ids((await all({ q: "chips" })).hits)).toContain("project:huaxin-project-0");
  });

  it("counts facets over the whole filtered result set, browsing included", async () => {
    const facets = [...FACETS];
    const browse = await engine.search({ q: "", facets, perPage: 5 });
    expect(browse.total).toBe(FIXTURE.length);
    expect(browse.facets).toEqual(truthFacets(FIXTURE, facets));

    const filters = { region: ["suzhou", "wuxi"], type: ["project"] };
    const filtered = await engine.search({ q: "", filters, facets, perPage: 3 });
    expect(filtered.total).toBe(truthFilter(filters).length);
    expect(filtered.facets).toEqual(truthFacets(truthFilter(filters), facets));

    // a text query: robot / 机器人 through synonyms
    const robot = await all({ q: "robot", facets });
    const truth = FIXTURE.filter((d) => /robot|机器人/.test(textOf(d)));
    expect(robot.total).toBe(truth.length);
    expect(new Set(ids(robot.hits))).toEqual(new Set(truth.map((d) => d.id)));
    expect(robot.facets).toEqual(truthFacets(truth, facets));
  });

  it("combines filters: AND across facets, OR within one", async () => {
    const filters = { sector: ["new-energy", "biomedicine"], region: ["suzhou", "wuxi"], type: ["project", "product"] };
    const res = await all({ q: "", filters });
    const truth = truthFilter(filters);
    expect(truth.length).toBeGreaterThan(3);
    expect(new Set(ids(res.hits))).toEqual(new Set(truth.map((d) => d.id)));
    expect(res.total).toBe(truth.length);

    const storage = await all({ q: "储能", filters: { region: ["wuxi"] } });
    expect(storage.total).toBeGreaterThan(0);
    expect(storage.hits.every((h) => h.doc.region === "wuxi")).toBe(true);
    expect(ids(storage.hits)).toContain("project:haichuan-project-0");

    expect((await engine.search({ q: "", filters: { sector: ["no-such-sector"] } })).total).toBe(0);
  });

  it("sorts by amount (nulls last both ways) and by newest", async () => {
    const projects = truthFilter({ type: ["project"] });
    const withAmount = projects.filter((d) => d.amount != null);
    const without = projects.filter((d) => d.amount == null).map((d) => d.id);
    expect(without.length).toBeGreaterThan(0);
    const desc = await all({ q: "", filters: { type: ["project"] }, sort: "amount:desc" });
    expect(ids(desc.hits)).toEqual([
      ...[...withAmount].sort((a, b) => b.amount! - a.amount!).map((d) => d.id),
      ...without,
    ]);
    const asc = await all({ q: "", filters: { type: ["project"] }, sort: "amount:asc" });
    expect(ids(asc.hits)).toEqual([
      ...[...withAmount].sort((a, b) => a.amount! - b.amount!).map((d) => d.id),
      ...without,
    ]);

    const newest = await all({ q: "", sort: "newest" });
    expect(ids(newest.hits)).toEqual([...FIXTURE].sort(byNewest).map((d) => d.id));

    const queried = await all({ q: "储能", sort: "newest" });
    expect(queried.total).toBeGreaterThan(2);
    const times = queried.hits.map((h) => h.doc.createdAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const amounts = (await all({ q: "battery", sort: "amount:desc" })).hits.map((h) => h.doc.amount);
    const known = amounts.filter((a): a is number => a != null);
    expect(known.length).toBeGreaterThan(0);
    expect(amounts).toEqual([...known.sort((a, b) => b - a), ...amounts.filter((a) => a == null)]);
  });

  it("paginates without gaps or repeats", async () => {
    const filters = { type: ["product"] };
    const truth = truthFilter(filters)
      .sort(byNewest)
      .map((d) => d.id);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const res = await engine.search({ q: "", filters, sort: "newest", page, perPage: 4 });
      expect(res.total).toBe(truth.length);
      expect(res.page).toBe(page);
      expect(res.perPage).toBe(4);
      if (res.hits.length === 0) break;
      expect(res.hits.length).toBeLessThanOrEqual(4);
      seen.push(...ids(res.hits));
    }
    expect(seen).toEqual(truth);
  });

  it("highlights matches with HL_START/HL_END markers, never HTML", async () => {
    const res = await all({ q: "电池" });
    const marked = res.hits.flatMap((h) =>
      Object.entries(h.highlight).map(([field, text]) => ({ doc: h.doc, field, text: text! })),
    );
    expect(marked.length).toBeGreaterThan(0);
    for (const { doc, field, text } of marked) {
      expect(text).toContain(HL_START);
      expect(text).not.toMatch(/<\/?(em|mark|b)>/);
      expect(text.replaceAll(HL_START, "").replaceAll(HL_END, "")).toBe(doc[field as keyof CatalogDoc]);
    }
    expect(marked.some(({ text }) => text.includes(`${HL_START}电池${HL_END}`) || text.includes(`电池${HL_END}`))).toBe(
      true,
    );
    const browse = await engine.search({ q: "", perPage: 3 });
    expect(browse.hits.every((h) => Object.keys(h.highlight).length === 0)).toBe(true);
  });

  it("finds documents by the names of their sector, region, stage and hall, in both languages", async () => {
    for (const { q, facet, code } of NAME_QUERIES) {
      const filed = codeIds(facet, code);
      const found = ids((await all({ q })).hits);
      expect(found, q).toEqual(expect.arrayContaining(filed));
      // a lettered round is one token: Series A finds Series A projects only, not every "series"
      if (facet === "stage") expect(found.sort(), q).toEqual(filed.sort());
    }
    // 数字经济 was never written by yunfan's projects and products, nor by lianchuang at all
    expect(textOf(byId.get("booth:booth-lianchuang")!)).not.toMatch(/数字经济|digital economy/);
    expect(ids((await all({ q: "数字经济" })).hits)).toEqual(
      expect.arrayContaining(codeIds("sector", "digital-economy")),
    );
    // a typo on the first letter counts twice: Nanjing does not find Nantong, Suzhou not Xuzhou
    expect(new Set((await all({ q: "Suzhou" })).hits.map((h) => h.doc.region))).toEqual(new Set(["suzhou"]));
  });

  it("ranks a document's own words above the names it is filed under", async () => {
    const res = await all({ q: "新能源" });
    const own = (d: CatalogDoc) => /新能源|new energy/.test(textOf(d));
    const order = res.hits.map((h) => own(h.doc));
    expect(order.filter(Boolean).length).toBeGreaterThan(3);
    expect(order.filter((o) => !o).length).toBeGreaterThan(3); // found through the sector's name only
    expect(order.indexOf(false)).toBe(order.lastIndexOf(true) + 1);
    // the name of the booth's hall alone ranks below any booth that says it in its own text
    const hall = await all({ q: "储能", filters: { type: ["booth"] } });
    expect(hall.hits[0].doc.textZh).toContain("储能");
  });

  describe("changes", () => {
    beforeEach(seed);

    it("upsert replaces a document", async () => {
      const old = byId.get("product:ruineng-product-1")!;
      expect(ids((await all({ q: "residential" })).hits)).toContain(old.id);
      await engine.upsert([{ ...old, titleZh: "量子储能电池柜", titleEn: "Quantum storage cabinet" }]);
      expect(await engine.count()).toBe(FIXTURE.length);
      const found = await all({ q: "quantum" });
      expect(ids(found.hits)).toEqual([old.id]);
      expect(found.hits[0].doc.titleEn).toBe("Quantum storage cabinet");
      expect(ids((await all({ q: "residential" })).hits)).not.toContain(old.id);
    });

    it("remove makes documents disappear", async () => {
      expect(ids((await all({ q: "ultrasound" })).hits)).toEqual(["product:jinling-product-2"]);
      await engine.remove(["product:jinling-product-2", "product:does-not-exist"]);
      expect((await all({ q: "ultrasound" })).total).toBe(0);
      expect(await engine.count()).toBe(FIXTURE.length - 1);
    });

    it("removeBooth removes the booth with its projects and products", async () => {
      const own = FIXTURE.filter((d) => d.boothId === "booth-huichuan");
      expect((await all({ q: "汇川" })).total).toBe(own.length);
      expect(own.length).toBe(4);
      await engine.removeBooth("booth-huichuan");
      expect(await engine.count()).toBe(FIXTURE.length - own.length);
      const rest = await all({ q: "", filters: { region: ["suzhou"] } });
      expect(rest.hits.some((h) => h.doc.boothId === "booth-huichuan")).toBe(false);
      expect((await all({ q: "汇川" })).total).toBe(0);
      expect((await all({ q: "huichuan" })).hits.some((h) => h.doc.boothId === "booth-huichuan")).toBe(false);
      expect(ids((await all({ q: "robot" })).hits)).toContain("project:jinling-project-0");
    });

    it("never stores fields a caller adds beyond the catalog document", async () => {
      const base = byId.get("product:yunfan-product-1")!;
      const leaky = {
        ...base,
        id: "product:leaky",
        entityId: "leaky",
        titleEn: "Leaky gateway",
        contactEmail: "zhang@secret.example.cn",
        phone: "+86 512 66668888",
      };
      await engine.upsert([leaky as CatalogDoc]);
      expect((await all({ q: "zhang@secret.example.cn" })).hits.map((h) => h.doc.id)).not.toContain("product:leaky");
      expect((await all({ q: "66668888" })).total).toBe(0);
      const hit = (await all({ q: "leaky" })).hits.find((h) => h.doc.id === "product:leaky");
      expect(hit).toBeDefined();
      expect(Object.keys(hit!.doc).sort()).toEqual([...CATALOG_DOC_KEYS].sort());
    });

    it("clear empties the index", async () => {
      await engine.clear();
      expect(await engine.count()).toBe(0);
      expect((await engine.search({ q: "", facets: ["sector"] })).total).toBe(0);
    });
  });
});

describe.runIf(meili)("both engines give the same answers for names", () => {
  const embedded = new EmbeddedSearchEngine();
  const meilisearch = meili
    ? new MeiliSearchEngine({ url: meili.url, apiKey: meili.apiKey, index: `${meili.index}_names` })
    : null;
  beforeAll(async () => {
    await embedded.upsert(FIXTURE);
    await meilisearch!.init();
    await meilisearch!.clear();
    await meilisearch!.upsert(FIXTURE);
  });
  afterAll(async () => meilisearch?.clear());

  it("tells when Meilisearch holds documents from before the code labels", async () => {
    expect(await meilisearch!.outdated()).toBe(false);
    const uid = `${meili!.index}_old`;
    const client = new Meilisearch({ host: meili!.url, apiKey: meili!.apiKey });
    const { labelsZh: _zh, labelsEn: _en, ...old } = FIXTURE[0];
    await client
      .index(uid)
      .addDocuments([{ ...old, id: "booth-old", docId: "booth:old" }], { primaryKey: "id" })
      .waitTask({ timeout: 60_000 }); // the default 5 s is short on a busy 2-core machine
    const engine = new MeiliSearchEngine({ url: meili!.url, apiKey: meili!.apiKey, index: uid });
    expect(await engine.outdated()).toBe(true);
    await engine.upsert([{ ...FIXTURE[0], id: "booth:old" }]); // what the indexer does with the queued booth
    expect(await engine.outdated()).toBe(false);
    await client.deleteIndex(uid).waitTask({ timeout: 60_000 });
    expect(await engine.outdated()).toBe(false); // no index yet: nothing to rebuild
  });

  it("sector, region, stage and hall names and their synonyms find the same documents", async () => {
    const queries = [
      ...NAME_QUERIES.map((n) => n.q),
      "A轮融资",
      "新能源馆 苏州",
      "Series B biotech",
      "Wuxi 储能",
      "清洁能源 储能",
    ];
    for (const q of queries) {
      const [a, b] = await Promise.all(
        [embedded, meilisearch!].map((e) => e.search({ q, perPage: 100, facets: ["sector", "region"] })),
      );
      expect(ids(b.hits).sort(), q).toEqual(ids(a.hits).sort());
      expect(b.facets, q).toEqual(a.facets);
    }
  });
});
