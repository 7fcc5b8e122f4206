// Roadshows in search (issue 20, ADR 031): public roadshows and each fair's programme are documents,
// written through the search outbox with every roadshow change and rebuilt with the booths. Every
// check runs on the embedded engine and, where one is installed, on a real Meilisearch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import {
  control,
  proposeRoadshow,
  reviewProposal,
  roadshowSchema,
  scheduleRoadshow,
} from "../../app/domain/roadshows/roadshows.server.ts";
import * as searchRoute from "../../app/routes/search.tsx";
import { CATALOG_DOC_KEYS, EVENT_DOC_KEYS } from "../../app/search/doc-keys.ts";
import { createSearchEngine } from "../../app/search/engines.server.ts";
import { drainOnce, reindexAll } from "../../app/search/indexer.server.ts";
import { MeiliSearchEngine } from "../../app/search/meili.server.ts";
import { enqueueFair, enqueueOrganization, enqueueRoadshow, pendingCount } from "../../app/search/outbox.server.ts";
import type { CatalogDoc, SearchEngine } from "../../app/search/port.ts";
import { searchBackfillTask, searchIndexProblem } from "../../server/jobs/search.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";
import { startTestMeilisearch } from "../harness/meilisearch.ts";
import { sessionUserOf } from "../harness/privacy.ts";

/** Writes go to every engine; each check asks each engine. */
function tee(engines: SearchEngine[]): SearchEngine {
  const all = async (f: (e: SearchEngine) => Promise<void>) => {
    for (const e of engines) await f(e);
  };
  return {
    name: engines[0].name,
    init: () => all((e) => e.init()),
    upsert: (d) => all((e) => e.upsert(d)),
    remove: (ids) => all((e) => e.remove(ids)),
    removeBooth: (id) => all((e) => e.removeBooth(id)),
    clear: () => all((e) => e.clear()),
    search: (q) => engines[0].search(q),
    healthy: async () => true,
    count: () => engines[0].count(),
  };
}

const input = (over: Record<string, string> = {}) =>
  roadshowSchema.parse({
    titleZh: "盐城海上风电产业园推介会",
    titleEn: "Yancheng offshore wind park roadshow",
    descriptionZh: "园区介绍风电装备产业链与重点招商项目。",
    descriptionEn: "The park presents its wind equipment supply chain and priority projects.",
    speakers: "周海涛 | 盐城市投资促进中心 | Yancheng Investment Promotion Centre\n林雪 | 远景能源 | Envision Energy",
    startsAt: "2026-12-09T10:00",
    durationMin: "60",
    capacity: "300",
    ...over,
  });

describe("roadshows in search", async () => {
  const meili = await startTestMeilisearch();
  const embedded = createSearchEngine({});
  const meiliEngine = meili
    ? new MeiliSearchEngine({ url: meili.url, apiKey: meili.apiKey, index: meili.index })
    : null;
  const engines: SearchEngine[] = meiliEngine ? [embedded, meiliEngine] : [embedded];
  const engine = tee(engines);
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: SessionUser;
  let exhibitor: SessionUser;
  let exhibitorOrg: string;
  let booth: { id: string };

  const drainAll = async () => {
    await db().searchOutbox.updateMany({ data: { nextAttemptAt: new Date(0) } });
    while ((await drainOnce(engine)) > 0);
  };
  /** The ids of what each engine finds for `q` (optionally one type), one list per engine. */
  const found = async (q: string, type?: CatalogDoc["type"]) =>
    Promise.all(
      engines.map(async (e) =>
        (await e.search({ q, perPage: 100, filters: type ? { type: [type] } : {} })).hits.map((h) => h.doc.id),
      ),
    );
  const docOf = async (e: SearchEngine, id: string) =>
    (await e.search({ q: "", perPage: 100, filters: { type: ["roadshow", "programme"] } })).hits.find(
      (h) => h.doc.id === id,
    )?.doc;

  beforeAll(async () => {
    await useTestDatabase();
    await engine.init();
    await engine.clear();
    fair = await makeFair();
    const [s, ex] = await Promise.all([makeUser("STAFF", fair.organizerId), makeUser("EXHIBITOR")]);
    booth = await makeBooth(fair, ex.organizationId!);
    exhibitorOrg = ex.organizationId!;
    staff = await sessionUserOf(s);
    exhibitor = await sessionUserOf(ex);
    await reindexAll(engine);
  });
  afterAll(async () => meili?.stop());

  let scheduled: string;
  it("a scheduled roadshow is found by its Chinese and English title, its speakers and their organizations", async () => {
    scheduled = (await scheduleRoadshow(staff, fair.id, input(), booth.id)).id;
    expect(await db().searchOutbox.count({ where: { roadshowId: scheduled } })).toBe(1); // written with it
    await drainAll();
    const id = `roadshow:${scheduled}`;
    for (const q of [
      "海上风电产业园",
      "offshore wind park",
      "Yancheng roadshow",
      "周海涛",
      "远景能源",
      "Envision Energy",
    ])
      for (const ids of await found(q)) expect(ids, q).toContain(id);
    for (const e of engines) {
      const doc = (await docOf(e, id))!;
      expect(doc).toMatchObject({
        type: "roadshow",
        entityId: scheduled,
        fairSlug: fair.slug,
        status: "SCHEDULED",
        timeZone: "Asia/Shanghai",
        startsAt: Date.parse("2026-12-09T02:00:00Z"),
        endsAt: Date.parse("2026-12-09T03:00:00Z"),
        sector: "biomedicine", // filed like the presenting booth (its hall's sector)
      });
      expect(doc.orgZh).toContain("周海涛（盐城市投资促进中心）");
      // only catalog fields: no review note, presenters, proposer or registrations
      for (const key of Object.keys(doc)) expect([...CATALOG_DOC_KEYS, ...EVENT_DOC_KEYS], key).toContain(key);
    }
    // the booth's own documents are untouched, and re-indexing the booth keeps the roadshow
    await db().searchOutbox.create({ data: { boothId: booth.id } });
    await drainAll();
    for (const ids of await found("海上风电产业园", "roadshow")) expect(ids).toEqual([id]);
    for (const ids of await found("基因治疗"))
      expect(ids).toContain(`project:${(await db().project.findFirstOrThrow({ where: { boothId: booth.id } })).id}`);
  });

  it("finds the fair's programme by 云推介, 路演, roadshow and the fair's name with them", async () => {
    const programme = `programme:${fair.id}`;
    for (const q of [
      "云推介",
      "路演",
      "roadshow",
      "roadshows",
      "测试展会 云推介",
      "Test Fair roadshow",
      "测试展会路演",
    ])
      for (const ids of await found(q)) expect(ids, q).toContain(programme);
    for (const e of engines)
      expect(await docOf(e, programme)).toMatchObject({ type: "programme", entityId: fair.id, fairSlug: fair.slug });
    // the search page: type facet, the links it renders
    globalThis.__cloudfairSearch = engines[engines.length - 1];
    const res = await call(searchRoute.loader, req("/search?q=%E4%BA%91%E6%8E%A8%E4%BB%8B"));
    const body = (await res.json()) as {
      ok: boolean;
      result: { hits: { doc: CatalogDoc }[]; facets: { type: object } };
    };
    expect(body.ok).toBe(true);
    expect(body.result.facets.type).toMatchObject({ roadshow: 1, programme: 1 });
    expect(body.result.hits.map((h) => h.doc.id)).toEqual(expect.arrayContaining([programme, `roadshow:${scheduled}`]));
    const only = await call(searchRoute.loader, req("/search?q=roadshow&type=programme"));
    expect(((await only.json()) as typeof body).result.hits.map((h) => h.doc.id)).toEqual([programme]);
    globalThis.__cloudfairSearch = undefined;
  });

  it("never finds a proposal or a rejected one; an approved proposal is found within a drain", async () => {
    const p1 = await proposeRoadshow(
      exhibitor,
      fair.slug,
      input({ titleZh: "潮汐能示范项目说明会", titleEn: "Tidal energy pilot briefing", speakers: "" }),
    );
    const p2 = await proposeRoadshow(
      exhibitor,
      fair.slug,
      input({ titleZh: "波浪能浮标项目说明会", titleEn: "Wave energy buoy briefing", speakers: "" }),
    );
    await drainAll();
    // (a query no document fully matches falls back to partial matches, so: never these two)
    const neither = async () => {
      for (const q of ["潮汐能示范", "Tidal energy pilot", "波浪能浮标", "wave energy buoy", "云推介", ""])
        for (const ids of await found(q)) {
          expect(ids, q).not.toContain(`roadshow:${p1.id}`);
          expect(ids, q).not.toContain(`roadshow:${p2.id}`);
        }
    };
    await neither();
    await reviewProposal(staff, fair.id, p1.id, "reject", "时间冲突");
    await reviewProposal(staff, fair.id, p2.id, "approve", "");
    await drainAll();
    for (const q of ["潮汐能示范", "Tidal energy pilot", "云推介", ""])
      for (const ids of await found(q)) expect(ids, q).not.toContain(`roadshow:${p1.id}`);
    for (const ids of await found("波浪能浮标")) expect(ids[0]).toBe(`roadshow:${p2.id}`);
    for (const ids of await found("Wave energy buoy")) expect(ids[0]).toBe(`roadshow:${p2.id}`);
    // the programme lists what is on it (public ones only)
    for (const e of engines) {
      const prog = (await docOf(e, `programme:${fair.id}`))!;
      expect(prog.textZh).toContain("波浪能浮标项目说明会");
      expect(prog.textZh).not.toContain("潮汐能");
    }
  });

  it("follows starting and ending (LIVE badge on the roadshow and its programme, then ENDED)", async () => {
    const startsAt = new Date("2026-12-09T02:00:00Z");
    await control(staff, fair.slug, scheduled, "start", startsAt);
    await drainAll();
    for (const e of engines) {
      expect((await docOf(e, `roadshow:${scheduled}`))?.status).toBe("LIVE");
      expect((await docOf(e, `programme:${fair.id}`))?.status).toBe("LIVE");
    }
    await control(staff, fair.slug, scheduled, "end", new Date(startsAt.getTime() + 3_600_000));
    await drainAll();
    for (const e of engines) {
      expect((await docOf(e, `roadshow:${scheduled}`))?.status).toBe("ENDED"); // ended ones stay (their page, replay)
      expect((await docOf(e, `programme:${fair.id}`))?.status ?? null).toBeNull();
    }
  });

  it("follows edits: the roadshow's own text, the presenting organization's name, the fair going private", async () => {
    // (no edit form exists yet; an edit writes its outbox row the same way)
    await db().$transaction(async (tx) => {
      await tx.roadshow.update({ where: { id: scheduled }, data: { titleZh: "盐城深远海风电母港推介会" } });
      await enqueueRoadshow(tx, scheduled);
    });
    await db().$transaction(async (tx) => {
      await tx.organization.update({ where: { id: exhibitorOrg }, data: { nameZh: "黄海风能装备有限公司" } });
      await enqueueOrganization(tx, exhibitorOrg);
    });
    await drainAll();
    for (const ids of await found("深远海风电母港")) expect(ids).toContain(`roadshow:${scheduled}`);
    for (const e of engines) {
      const doc = (await docOf(e, `roadshow:${scheduled}`))!;
      expect(doc.titleZh).toBe("盐城深远海风电母港推介会");
      expect(doc.orgZh).toMatch(/^黄海风能装备有限公司 · /);
    }
    for (const ids of await found("黄海风能装备")) expect(ids).toContain(`roadshow:${scheduled}`);

    await db().$transaction(async (tx) => {
      await tx.fair.update({ where: { id: fair.id }, data: { status: "DRAFT" } });
      await enqueueFair(tx, fair.id);
    });
    await drainAll();
    for (const ids of await found("", "roadshow")) expect(ids).toEqual([]);
    for (const ids of await found("", "programme")) expect(ids).toEqual([]);
    await db().$transaction(async (tx) => {
      await tx.fair.update({ where: { id: fair.id }, data: { status: "LIVE" } });
      await enqueueFair(tx, fair.id);
    });
    await drainAll();
    for (const ids of await found("深远海风电母港")) expect(ids).toContain(`roadshow:${scheduled}`);
  });

  it("rebuilds roadshows and programmes with the index (npm run search:reindex)", async () => {
    const r = await reindexAll(engine);
    expect(r.roadshowFairs).toBe(1);
    for (const ids of await found("", "roadshow"))
      expect(ids.sort()).toEqual(
        [
          `roadshow:${scheduled}`,
          `roadshow:${(await db().roadshow.findFirstOrThrow({ where: { titleZh: "波浪能浮标项目说明会" } })).id}`,
        ].sort(),
      );
    for (const ids of await found("", "programme")) expect(ids).toEqual([`programme:${fair.id}`]);
  });

  it.runIf(meili)(
    "backfills a Meilisearch index that has the booths but no roadshows yet",
    async () => {
      await meiliEngine!.removeBooth(`roadshows:${fair.id}`);
      expect(await searchIndexProblem(meiliEngine!)).toBe("stale");
      const out = (await searchBackfillTask(meiliEngine!).run({ reason: "stale" })) as { queued: number };
      expect(out.queued).toBe(2); // the booth and one roadshow of the fair
      while ((await drainOnce(meiliEngine!)) > 0);
      expect(await pendingCount()).toBe(0);
      expect(await searchIndexProblem(meiliEngine!)).toBeNull();
      expect((await meiliEngine!.search({ q: "云推介", perPage: 10 })).hits.map((h) => h.doc.id)).toContain(
        `programme:${fair.id}`,
      );
    },
    60_000,
  );
});
