// A shared Meilisearch found empty, stale or configured otherwise is backfilled through the outbox
// by one task (ADR 030); a complete one is left alone. Skipped where no Meilisearch is installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Meilisearch } from "meilisearch";
import { catalogSettings, MeiliSearchEngine, settingsMatch } from "../../app/search/meili.server.ts";
import { drainOnce } from "../../app/search/indexer.server.ts";
import { pendingCount } from "../../app/search/outbox.server.ts";
import { searchBackfillTask, searchIndexProblem } from "../../server/jobs/search.ts";
import { useTestDatabase } from "../harness/db.ts";
import { makeBooth, makeFair, makeUser } from "../harness/factories.ts";
import { startTestMeilisearch } from "../harness/meilisearch.ts";

describe("settingsMatch", () => {
  it("accepts the declared settings with the server's defaults added, and sees a change", () => {
    const declared = catalogSettings() as Record<string, unknown>;
    const stored = JSON.parse(JSON.stringify(declared)) as Record<string, unknown>;
    (stored.typoTolerance as Record<string, unknown>).disableOnAttributes = [];
    stored.filterableAttributes = [...(stored.filterableAttributes as string[])].reverse();
    stored.stopWords = [];
    expect(settingsMatch(declared, stored)).toBe(true);
    expect(settingsMatch(declared, { ...stored, rankingRules: ["words", "sort"] })).toBe(false);
    expect(settingsMatch(declared, { ...stored, sortableAttributes: ["amount"] })).toBe(false);
    expect(settingsMatch(declared, { ...stored, synonyms: { ...(stored.synonyms as object), extra: ["x"] } })).toBe(
      false,
    );
  });
});

describe("search index backfill on a shared Meilisearch", async () => {
  const meili = await startTestMeilisearch();
  let engine: MeiliSearchEngine;
  beforeAll(async () => {
    if (!meili) return;
    await useTestDatabase();
    engine = new MeiliSearchEngine({ url: meili.url, apiKey: meili.apiKey, index: meili.index });
    const fair = await makeFair();
    for (let i = 0; i < 3; i++) await makeBooth(fair, (await makeUser("EXHIBITOR")).organizationId!, "APPROVED");
  });
  afterAll(async () => meili?.stop());

  it.runIf(meili)(
    "backfills an empty index once, then leaves it alone; a reconfigured one again",
    async () => {
      const task = searchBackfillTask(engine);
      expect(await searchIndexProblem(engine)).toBe("empty");
      const first = (await task.run({ reason: "empty" })) as { queued: number };
      expect(first.queued).toBe(3);
      // a second instance's task while the first backfill is still queued does nothing
      expect(((await task.run({ reason: "empty" })) as { queued: number }).queued).toBe(0);
      while ((await drainOnce(engine)) > 0);
      expect(await pendingCount()).toBe(0);
      expect(await engine.count()).toBeGreaterThanOrEqual(3);
      expect(await searchIndexProblem(engine)).toBeNull();
      expect(((await task.run({ reason: "empty" })) as { queued: number }).queued).toBe(0);
      // someone changed the index's settings: detected, and fixed by the task
      const client = new Meilisearch({ host: meili!.url, apiKey: meili!.apiKey });
      await client
        .index(meili!.index)
        .updateSettings({ sortableAttributes: ["amount"] })
        .waitTask();
      expect(await searchIndexProblem(engine)).toBe("settings");
      expect(((await task.run({ reason: "settings" })) as { queued: number }).queued).toBe(3);
      expect(await engine.misconfigured()).toBe(false);
    },
    90_000,
  );
});
