// Facet counts from the engine equal counts computed directly in the database (seeded demo fair).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, db } from "../../app/db/client.server.ts";
import { createSearchEngine } from "../../app/search/engines.server.ts";
import { reindexAll } from "../../app/search/indexer.server.ts";
import { LocalMediaStorage } from "../../media/storage.ts";
import { seedDemo } from "../../server/seed/demo-fair.ts";
import { useTestDatabase } from "../harness/db.ts";

describe("facet counts vs the database", () => {
  const engine = createSearchEngine({});
  beforeAll(async () => {
    const url = await useTestDatabase();
    const seedDb = createDb(url);
    await seedDemo(seedDb, new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-facets-"))));
    await seedDb.$disconnect();
    await reindexAll(engine);
  });

  it("counts documents by type, sector and stage exactly as the database does", async () => {
    const r = await engine.search({ q: "", facets: ["type", "sector", "stage"], perPage: 1 });
    const publicBooths = { isPublic: true, fair: { status: { in: ["PUBLISHED" as const, "LIVE" as const] } } };
    const [booths, projects, products] = await Promise.all([
      db().booth.count({ where: publicBooths }),
      db().project.count({ where: { booth: publicBooths } }),
      db().product.count({ where: { booth: publicBooths } }),
    ]);
    expect(r.facets.type).toEqual({ booth: booths, project: projects, product: products });
    expect(r.total).toBe(booths + projects + products);
    const stages = await db().project.groupBy({
      by: ["stage"],
      where: { booth: publicBooths },
      _count: { _all: true },
    });
    expect(r.facets.stage).toEqual(Object.fromEntries(stages.map((s) => [s.stage, s._count._all])));
    // Projects carry their own sector; booths and products their organization's.
    const projectSectors = await db().project.groupBy({
      by: ["sector"],
      where: { booth: publicBooths },
      _count: { _all: true },
    });
    const projectsOnly = await engine.search({ q: "", filters: { type: ["project"] }, facets: ["sector"], perPage: 1 });
    expect(projectsOnly.facets.sector).toEqual(
      Object.fromEntries(projectSectors.map((s) => [s.sector, s._count._all])),
    );
  });

  it("keeps facet counts consistent with filters (AND across facets)", async () => {
    const r = await engine.search({
      q: "",
      filters: { type: ["project"], stage: ["SERIES_A"] },
      facets: ["sector"],
      perPage: 100,
    });
    const truth = await db().project.count({
      where: { stage: "SERIES_A", booth: { isPublic: true, fair: { status: { in: ["PUBLISHED", "LIVE"] } } } },
    });
    expect(r.total).toBe(truth);
    expect(Object.values(r.facets.sector ?? {}).reduce((a, b) => a + b, 0)).toBe(truth);
  });
});
