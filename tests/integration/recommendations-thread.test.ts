// The background refresh computes recommendations in a worker thread (ADR 039): the stored lists
// are exactly those computed in this thread, and the event loop keeps turning while it computes.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db/client.server.ts";
import type { AllocationRequest } from "../../app/domain/recommendations/allocate.ts";
import { allocateHere, refreshRecommendations } from "../../app/domain/recommendations/recommendations.server.ts";
import { allocateInWorkerThread, closeMatchingThread } from "../../server/jobs/matching-thread.ts";
import { createMatcher } from "../../matching/index.ts";
import { LocalMediaStorage } from "../../media/storage.ts";
import { seedDemo } from "../../server/seed/demo-fair.ts";
import { useTestDatabase } from "../harness/db.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const stored = () =>
  db().recommendation.findMany({
    select: { direction: true, investorOrgId: true, projectId: true, rank: true, score: true, reasons: true },
    orderBy: [{ direction: "asc" }, { investorOrgId: "asc" }, { projectId: "asc" }],
  });

describe("recommendations in a worker thread", () => {
  beforeAll(async () => {
    await useTestDatabase();
    await seedDemo(db(), new LocalMediaStorage(mkdtempSync(path.join(tmpdir(), "cf-rec-thread-"))), () => {});
  });
  afterAll(closeMatchingThread);

  it("stores the same lists as the refresh computed in this thread", async () => {
    const here = await refreshRecommendations(allocateHere);
    const inThisThread = await stored();
    const threaded = await refreshRecommendations(allocateInWorkerThread);
    expect(threaded.pairs).toBe(here.pairs);
    expect(threaded.pairs).toBeGreaterThan(0);
    expect(threaded.coverage).toBe(here.coverage);
    expect(await stored()).toEqual(inThisThread);
  });

  it("keeps this thread's event loop free while a large allocation runs", async () => {
    // A synthetic fair far larger than the demo: 400 investors × 1,500 projects.
    const sectors = ["ai", "biotech", "new-energy", "semiconductors", "advanced-manufacturing"];
    const request: AllocationRequest = {
      now: new Date("2026-12-04T00:00:00Z"),
      options: { listSize: 10, minExposure: 3 },
      input: {
        investors: Array.from({ length: 400 }, (_, i) => ({
          id: `inv${i}`,
          sectors: [sectors[i % 5], sectors[(i + 2) % 5]],
          stages: ["SERIES_A", "SERIES_B"],
          ticket: { min: 1e6, max: 5e7, currency: "CNY" },
          regions: ["CN-JS"],
          location: { country: "CN", region: "CN-JS" },
          thesis: `投资 ${sectors[i % 5]} 领域的成长期企业 growth stage ${sectors[i % 5]} company ${i}`,
          capacity: 5,
        })),
        projects: Array.from({ length: 1500 }, (_, p) => ({
          id: `prj${p}`,
          sectors: [sectors[p % 5]],
          stage: p % 2 ? "SERIES_A" : "SERIES_B",
          amountSought: 1e7 + p * 1000,
          currency: "CNY",
          location: { country: "CN", region: "CN-JS" },
          description: `项目 ${p}：${sectors[p % 5]} 产业化 industrial project number ${p}`,
        })),
        interactions: [],
      } as AllocationRequest["input"],
    };
    const t0 = performance.now();
    const expected = createMatcher(request.input, { now: request.now }).allocate(request.options);
    const hereMs = performance.now() - t0;

    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const lists = await allocateInWorkerThread(request);
    delay.disable();
    expect(lists.projectsForInvestor).toEqual(expected.projectsForInvestor);
    expect(lists.investorsForProject).toEqual(expected.investorsForProject);
    // In this thread the allocation held the loop for all of hereMs; from the worker thread the
    // longest stall is a fraction of it (the structured clone of the answer).
    const longestStallMs = delay.max / 1e6;
    console.log(
      `allocation of 400 × 1,500 in this thread ${hereMs.toFixed(0)} ms; longest event-loop stall while the worker thread ran it ${longestStallMs.toFixed(0)} ms`,
    );
    expect(hereMs).toBeGreaterThan(200);
    expect(longestStallMs).toBeLessThan(hereMs / 2);
  });
});
