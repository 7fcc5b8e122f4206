// The job queue (ADR 030): a periodic job runs on one instance at a time however many offer it; a
// task runs once, is retried with backoff, and one that used up its retries is listed to admins.
// Also on the embedded PGlite, sharing the app's single connection with Prisma's transactions.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { configure } from "../../app/config.server.ts";
import { db, dbPool } from "../../app/db/client.server.ts";
import { jobOverview } from "../../app/domain/jobs/jobs.server.ts";
import { PGLITE_DB_CONFIG, startEmbeddedPostgres } from "../../server/db/embedded.ts";
import { migrate } from "../../server/db/migrate.ts";
import { startJobQueue, type JobQueue, type PeriodicJob, type TaskJob } from "../../server/jobs/queue.ts";
import { useTestDatabase } from "../harness/db.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(100);
  }
}

/** A periodic job that records how many of its runs overlap. */
function probe(name: string) {
  const s = { runs: 0, running: 0, maxRunning: 0 };
  const job: PeriodicJob = {
    name,
    everyMs: 300,
    firstDelayMs: 0,
    run: async () => {
      s.running++;
      s.maxRunning = Math.max(s.maxRunning, s.running);
      await sleep(400);
      s.running--;
      s.runs++;
    },
  };
  return { s, job };
}

function flaky(name: string, failures: number, retryLimit: number) {
  const seen: number[] = [];
  const job: TaskJob<{ n: number }> = {
    name,
    retryLimit,
    run: async ({ n }) => {
      seen.push(n);
      if (seen.length <= failures) throw new Error(`refused attempt ${seen.length}`);
    },
  };
  return { seen, job: job as TaskJob<never> };
}

describe.runIf(inject("pgAdminUrl"))("job queue on PostgreSQL, two instances", () => {
  const queues: JobQueue[] = [];
  let url = "";
  beforeAll(async () => {
    url = await useTestDatabase();
  });
  afterAll(async () => {
    for (const q of queues) await q.stop();
  });

  it("runs a periodic job on one instance at a time, and tasks once with retries; failures are listed", async () => {
    // Two "instances": each its own queue (own pool) with the same job definitions.
    const a = probe("probe-periodic");
    const b = probe("probe-periodic");
    const ok = flaky("probe-task", 2, 5);
    const bad = flaky("probe-broken", 99, 1);
    queues.push(await startJobQueue({ connectionString: url, periodic: [a.job], tasks: [ok.job, bad.job] }));
    queues.push(await startJobQueue({ connectionString: url, periodic: [b.job], tasks: [ok.job, bad.job] }));
    await queues[0].send("probe-task", { n: 7 });
    await queues[1].send("probe-broken", { n: 8 });
    await until(() => a.s.runs + b.s.runs >= 4 && ok.seen.length >= 3);
    expect(a.s.maxRunning + b.s.maxRunning).toBeLessThanOrEqual(2);
    // never both at once: the stately queue holds one active run across instances
    expect(Math.max(a.s.maxRunning, b.s.maxRunning)).toBe(1);
    expect(ok.seen).toEqual([7, 7, 7]); // two failures, then done; sent once, run until it succeeded
    await until(async () => (await jobOverview()).failed.some((f) => f.name === "probe-broken"));
    const overview = await jobOverview();
    const broken = overview.failed.find((f) => f.name === "probe-broken")!;
    expect(broken.error).toContain("refused attempt");
    expect(broken.attempts).toBe(2);
    expect(bad.seen).toEqual([8, 8]);
    expect(overview.queues.find((q) => q.name === "probe-task")?.completed).toBe(1);
    expect(overview.queues.map((q) => q.name)).toContain("probe-periodic");
  }, 60_000);
});

describe("job queue on the embedded PGlite (one shared connection)", () => {
  let queue: JobQueue | undefined;
  let stopDb: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const embedded = await startEmbeddedPostgres();
    await migrate(embedded.url);
    configure({ DATABASE_URL: embedded.url, ...PGLITE_DB_CONFIG });
    globalThis.__cloudfairDb = undefined;
    stopDb = async () => {
      await queue?.stop();
      await globalThis.__cloudfairDb?.$disconnect();
      globalThis.__cloudfairDb = undefined;
      await embedded.stop();
    };
  }, 120_000);
  afterAll(async () => stopDb?.());

  it("runs periodic jobs and retried tasks beside Prisma transactions", async () => {
    const p = probe("embedded-periodic");
    const t = flaky("embedded-task", 1, 3);
    queue = await startJobQueue({ sharedPool: dbPool(), periodic: [p.job], tasks: [t.job] });
    await queue.send("embedded-task", { n: 1 });
    // Meanwhile the app keeps writing in transactions on the same single connection.
    for (let i = 0; i < 10; i++)
      await db().$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_sleep(0.05)`;
        await tx.searchOutbox.create({ data: { boothId: `b${i}` } });
      });
    await until(() => p.s.runs >= 2 && t.seen.length >= 2);
    expect(p.s.maxRunning).toBe(1);
    expect(t.seen).toEqual([1, 1]);
    expect(await db().searchOutbox.count()).toBe(10);
    const overview = await jobOverview();
    expect(overview.available).toBe(true);
    expect(overview.queues.find((q) => q.name === "embedded-task")).toBeTruthy();
  }, 90_000);
});
