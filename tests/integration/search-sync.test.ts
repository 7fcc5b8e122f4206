// The index follows the database through the outbox: writes never wait for the engine, an engine
// outage only delays indexing, unpublishing removes documents, private fields never get in.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import * as review from "../../app/routes/staff.fairs.$id_.review.tsx";
import { reviewBooth } from "../harness/review.ts";
import * as builder from "../../app/routes/booths.$id_.edit.tsx";
import { createSearchEngine } from "../../app/search/engines.server.ts";
import { drainOnce, reindexAll } from "../../app/search/indexer.server.ts";
import { backoffMs } from "../../app/search/outbox.server.ts";
import { SearchUnavailableError, type SearchEngine } from "../../app/search/port.ts";
import { useTestDatabase } from "../harness/db.ts";
import { call, makeBooth, makeFair, makeUser, req } from "../harness/factories.ts";

/** A real embedded engine behind a switch that makes every call fail as if the engine were down. */
function switchable(inner: SearchEngine) {
  let down = false;
  const guard = <T>(f: () => Promise<T>) => (down ? Promise.reject(new SearchUnavailableError("engine down")) : f());
  const engine: SearchEngine = {
    name: inner.name,
    init: () => guard(() => inner.init()),
    upsert: (d) => guard(() => inner.upsert(d)),
    remove: (ids) => guard(() => inner.remove(ids)),
    removeBooth: (id) => guard(() => inner.removeBooth(id)),
    clear: () => guard(() => inner.clear()),
    search: (q) => guard(() => inner.search(q)),
    healthy: async () => !down,
    count: () => guard(() => inner.count()),
  };
  return { engine, setDown: (v: boolean) => (down = v) };
}

async function drainAll(engine: SearchEngine) {
  await db().searchOutbox.updateMany({ data: { nextAttemptAt: new Date(0) } }); // skip backoff waits
  while ((await drainOnce(engine)) > 0);
}

describe("search index consistency", () => {
  let fair: Awaited<ReturnType<typeof makeFair>>;
  let staff: Awaited<ReturnType<typeof makeUser>>;
  let ex: Awaited<ReturnType<typeof makeUser>>;
  let booth: { id: string };
  const sw = switchable(createSearchEngine({}));
  const titles = async (q: string) => (await sw.engine.search({ q, perPage: 50 })).hits.map((h) => h.doc.titleZh);

  beforeAll(async () => {
    await useTestDatabase();
    fair = await makeFair();
    [staff, ex] = await Promise.all([makeUser("STAFF", fair.organizerId), makeUser("EXHIBITOR")]);
    booth = await makeBooth(fair, ex.organizationId!, "SUBMITTED");
    await reindexAll(sw.engine);
  });

  it("indexes a booth when it becomes public, through an outbox row written with the approval", async () => {
    expect(await titles("基因治疗")).toEqual([]);
    await reviewBooth(fair.id, staff.cookie, booth.id, "approve");
    expect(await db().searchOutbox.count({ where: { boothId: booth.id } })).toBe(1);
    await drainAll(sw.engine);
    expect(await titles("基因治疗")).toEqual(["基因治疗产业化项目"]);
    expect(await db().searchOutbox.count()).toBe(0);
  });

  it("keeps accepting writes while the engine is down, backs off, and catches up when it is back", async () => {
    sw.setDown(true);
    const save = await call(
      builder.action,
      req(`/booths/${booth.id}/edit`, {
        cookie: ex.cookie,
        form: {
          intent: "project-save",
          titleZh: "合成生物学平台",
          titleEn: "Synthetic biology platform",
          sector: "biomedicine",
          stage: "SEED",
          region: "nanjing",
          amount: "8000000",
          currency: "CNY",
        },
      }),
      { id: booth.id },
    );
    expect(save.status).toBe(302); // the write succeeded
    expect(await db().project.count({ where: { boothId: booth.id } })).toBe(2);
    expect(await drainOnce(sw.engine)).toBe(0);
    const row = await db().searchOutbox.findFirstOrThrow({ where: { boothId: booth.id } });
    expect(row.attempts).toBe(1);
    expect(row.lastError).toContain("engine down");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 500); // backing off
    expect(await drainOnce(sw.engine)).toBe(0); // not due yet: nothing claimed
    expect(backoffMs(0)).toBe(1000);
    expect(backoffMs(3)).toBe(8000);
    expect(backoffMs(20)).toBe(300_000);
    sw.setDown(false);
    await drainAll(sw.engine);
    expect(await titles("合成生物学")).toEqual(["合成生物学平台"]);
  });

  it("removes every document of a booth that is rejected or stops being public", async () => {
    await call(
      review.action,
      req(`/staff/fairs/${fair.id}/review`, {
        cookie: staff.cookie,
        form: { intent: "review", boothId: booth.id, decision: "reject", reason: "资料不全" },
      }),
      { id: fair.id },
    );
    await drainAll(sw.engine);
    const all = await sw.engine.search({ q: "", perPage: 100 });
    expect(all.hits.filter((h) => h.doc.boothId === booth.id)).toEqual([]);
  });

  it("deletes a project's document when the project is deleted", async () => {
    const ex2 = await makeUser("EXHIBITOR");
    const pub = await makeBooth(fair, ex2.organizationId!, "APPROVED");
    await db().searchOutbox.create({ data: { boothId: pub.id } });
    await drainAll(sw.engine);
    const project = await db().project.findFirstOrThrow({ where: { boothId: pub.id } });
    expect(
      (await sw.engine.search({ q: "", filters: { type: ["project"] }, perPage: 100 })).hits.map((h) => h.doc.entityId),
    ).toContain(project.id);
    await call(
      builder.action,
      req(`/booths/${pub.id}/edit`, { cookie: ex2.cookie, form: { intent: "project-delete", id: project.id } }),
      { id: pub.id },
    );
    await drainAll(sw.engine);
    expect(
      (await sw.engine.search({ q: "", filters: { type: ["project"] }, perPage: 100 })).hits.map((h) => h.doc.entityId),
    ).not.toContain(project.id);
  });

  it("never puts team contacts or other private fields into documents", async () => {
    const all = await sw.engine.search({ q: "", perPage: 100 });
    expect(all.total).toBeGreaterThan(0);
    const serialized = JSON.stringify(all.hits);
    expect(serialized).not.toContain("zhang@booth.example.cn"); // the contact every test booth has
    expect(serialized).not.toContain("张经理");
    const allowed = [
      "id",
      "type",
      "entityId",
      "boothId",
      "fairId",
      "fairSlug",
      "hall",
      "sector",
      "region",
      "stage",
      "tier",
      "titleZh",
      "titleEn",
      "orgZh",
      "orgEn",
      "textZh",
      "textEn",
      "labelsZh", // the public names of the document's sector, region, stage and hall
      "labelsEn",
      "amount",
      "currency",
      "createdAt",
      "logoKey",
    ];
    for (const h of all.hits) for (const key of Object.keys(h.doc)) expect(allowed, key).toContain(key);
  });
});
