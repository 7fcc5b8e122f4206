// Searching by the names a booth is filed under — its sector, region, stage and hall, in Chinese and
// English, with their synonyms — on the seeded demo fair, in both engines (the embedded one always,
// Meilisearch when tests/harness/meilisearch.ts finds one). Truth comes from the database: every
// booth (or, for stages, every project) filed under a code must be found by each of the code's
// names, and both engines must answer each name with the same documents.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, db } from "../../app/db/client.server.ts";
import { EmbeddedSearchEngine } from "../../app/search/embedded.server.ts";
import { publicBoothIds } from "../../app/search/documents.server.ts";
import { reindexAll, requeueIfOutdated } from "../../app/search/indexer.server.ts";
import { MeiliSearchEngine } from "../../app/search/meili.server.ts";
import type { CatalogDoc, SearchEngine, SearchQuery } from "../../app/search/port.ts";
import { CODE_SYNONYMS } from "../../app/search/synonyms.ts";
import { LocalMediaStorage } from "../../media/storage.ts";
import { DEMO_FAIR_SLUG, seedDemo } from "../../server/seed/demo-fair.ts";
import { useTestDatabase } from "../harness/db.ts";
import { startTestMeilisearch } from "../harness/meilisearch.ts";

const meili = await startTestMeilisearch();
if (!meili) console.log("Meilisearch skipped: no binary");
afterAll(async () => meili?.stop());

const engines: SearchEngine[] = [new EmbeddedSearchEngine()];
if (meili) engines.push(new MeiliSearchEngine({ url: meili.url, apiKey: meili.apiKey, index: meili.index }));

/** Every matching document (all pages). */
async function everything(engine: SearchEngine, query: SearchQuery): Promise<CatalogDoc[]> {
  const docs: CatalogDoc[] = [];
  for (let page = 1; ; page++) {
    const res = await engine.search({ ...query, page, perPage: 100 });
    docs.push(...res.hits.map((h) => h.doc));
    if (docs.length >= res.total || res.hits.length === 0) return docs;
  }
}

const idsOf = (docs: CatalogDoc[], type?: CatalogDoc["type"]) =>
  docs
    .filter((d) => !type || d.type === type)
    .map((d) => d.id)
    .sort();

interface Truth {
  /** booth document ids by sector, region and hall slug */
  sector: Map<string, string[]>;
  region: Map<string, string[]>;
  hall: Map<string, { zh: string; en: string; ids: string[] }>;
  /** project document ids by stage */
  stage: Map<string, string[]>;
}

const push = (m: Map<string, string[]>, k: string | null, v: string) => {
  if (k) m.set(k, [...(m.get(k) ?? []), v].sort());
};

describe("names of sectors, regions, stages and halls find what is filed under them", () => {
  const truth: Truth = { sector: new Map(), region: new Map(), hall: new Map(), stage: new Map() };
  let fresh: { boothId: string; projectId: string };

  beforeAll(async () => {
    const url = await useTestDatabase();
    const seedDb = createDb(url);
    await seedDemo(seedDb, new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-names-"))));
    await seedDb.$disconnect();

    // An exhibitor as a fresh sign-up leaves it: an organization without sector or region (the
    // profile form makes both optional), a booth in the new-energy hall whose text never says
    // 新能源, and one project in 苏州.
    const fair = await db().fair.findUniqueOrThrow({
      where: { slug: DEMO_FAIR_SLUG },
      include: { halls: true, tiers: true },
    });
    const org = await db().organization.create({
      data: { kind: "EXHIBITOR", nameZh: "格林储能", nameEn: "Gelin Storage" },
    });
    const booth = await db().booth.create({
      data: {
        fairId: fair.id,
        hallId: fair.halls.find((h) => h.slug === "new-energy")!.id,
        organizationId: org.id,
        tierId: fair.tiers.find((t) => t.feeAmount === 0)!.id,
        status: "APPROVED",
        isPublic: true,
        descriptionZh: "户用储能柜与逆变器。",
        descriptionEn: "Home storage cabinets and inverters.",
      },
    });
    const project = await db().project.create({
      data: {
        boothId: booth.id,
        organizationId: org.id,
        titleZh: "户用储能扩产",
        titleEn: "Home storage expansion",
        sector: "new-energy",
        stage: "SERIES_A",
        region: "suzhou",
        amountSought: 50_000_000n,
      },
    });
    fresh = { boothId: booth.id, projectId: project.id };

    for (const e of engines) await reindexAll(e);

    const booths = await db().booth.findMany({
      where: { isPublic: true, fairId: fair.id },
      include: { organization: true, hall: true, projects: true },
    });
    for (const b of booths) {
      const id = `booth:${b.id}`;
      push(truth.sector, b.organization.sector ?? b.hall.sector, id);
      push(truth.region, b.organization.region ?? b.projects[0]?.region ?? null, id);
      const hall = truth.hall.get(b.hall.slug) ?? { zh: b.hall.nameZh, en: b.hall.nameEn, ids: [] };
      hall.ids.push(id);
      truth.hall.set(b.hall.slug, hall);
      for (const p of b.projects) push(truth.stage, p.stage, `project:${p.id}`);
    }
  }, 300_000);

  /** Runs `q` in every engine: each must find `expected` (booth or project documents) and all must agree. */
  async function expectFound(q: string, expected: string[], type: CatalogDoc["type"]) {
    const answers = await Promise.all(engines.map((e) => everything(e, { q })));
    for (const [i, docs] of answers.entries()) {
      const found = idsOf(docs, type);
      expect(found, `${engines[i].name}: ${q}`).toEqual(expect.arrayContaining(expected));
    }
    for (const docs of answers.slice(1)) expect(idsOf(docs), `the engines disagree on ${q}`).toEqual(idsOf(answers[0]));
    return answers[0];
  }

  it("数字经济 and digital economy find the 7 digital-economy booths in both engines", async () => {
    const seven = truth.sector.get("digital-economy")!;
    expect(seven).toHaveLength(7);
    for (const q of ["数字经济", "digital economy", "Digital Economy"]) {
      const docs = await expectFound(q, seven, "booth");
      expect(idsOf(docs, "booth"), q).toEqual(seven);
    }
  });

  it("every sector name and synonym, in both languages", async () => {
    for (const [code, names] of Object.entries(CODE_SYNONYMS.sector)) {
      const booths = truth.sector.get(code)!;
      expect(booths.length, code).toBeGreaterThan(0);
      for (const q of names) await expectFound(q, booths, "booth");
    }
  });

  it("every hall name, in both languages", async () => {
    expect(truth.hall.size).toBe(5);
    for (const { zh, en, ids } of truth.hall.values()) {
      await expectFound(zh, ids, "booth");
      await expectFound(en, ids, "booth");
    }
  });

  it("every region name, in both languages, with and without 市", async () => {
    for (const [code, names] of Object.entries(CODE_SYNONYMS.region)) {
      const booths = truth.region.get(code) ?? [];
      for (const q of names) {
        const docs = await expectFound(q, booths, "booth");
        // Suzhou is not a typo of Xuzhou (a typo on the first letter counts twice, as in Meilisearch)
        if (booths.length)
          expect(
            docs.filter((d) => d.type === "booth" && d.region !== code),
            q,
          ).toEqual([]);
      }
    }
    expect(truth.region.get("suzhou")).toContain(`booth:${fresh.boothId}`);
  });

  it("every stage name, in both languages: A 轮 and Series A find Series A projects and no others", async () => {
    for (const [code, names] of Object.entries(CODE_SYNONYMS.stage)) {
      const projects = truth.stage.get(code) ?? [];
      expect(projects.length, code).toBeGreaterThan(0);
      for (const q of names) {
        const docs = await expectFound(q, projects, "project");
        expect(idsOf(docs, "project"), q).toEqual(projects);
      }
    }
    expect(truth.stage.get("SERIES_A")).toContain(`project:${fresh.projectId}`);
  });

  it("a fresh exhibitor's booth is found by its hall's sector and its project's region, and counted under 苏州", async () => {
    for (const q of ["新能源", "new energy", "清洁能源", "苏州", "Suzhou", "苏州市"]) {
      for (const e of engines) {
        const docs = await everything(e, { q });
        expect(idsOf(docs, "booth"), `${e.name}: ${q}`).toContain(`booth:${fresh.boothId}`);
      }
    }
    for (const e of engines) {
      const res = await e.search({ q: "新能源", facets: ["region", "sector"], filters: { region: ["suzhou"] } });
      expect(res.facets.region, e.name).toEqual({ suzhou: res.total });
      expect(
        res.hits.map((h) => h.doc.id),
        e.name,
      ).toContain(`booth:${fresh.boothId}`);
      const browse = await e.search({ q: "", facets: ["region"], filters: { type: ["booth"] } });
      expect(browse.facets.region?.suzhou, e.name).toBe(truth.region.get("suzhou")!.length);
    }
  });

  it("queues every public booth when an engine holds documents of an older shape", async () => {
    const [engine] = engines;
    const before = await db().searchOutbox.count();
    expect(await requeueIfOutdated(engine)).toBe(0); // the embedded engine is rebuilt at start
    const outdated = Object.assign(Object.create(engine) as SearchEngine, { outdated: async () => true });
    const booths = (await publicBoothIds()).length; // public booths of published and live fairs
    expect(booths).toBe(36);
    expect(await requeueIfOutdated(outdated)).toBe(booths);
    expect(await db().searchOutbox.count()).toBe(before + booths);
  });
});
