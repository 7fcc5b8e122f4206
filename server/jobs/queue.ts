// Background work on pg-boss, a PostgreSQL job queue (docs/decisions/030-jobs-and-cluster.md).
//
// - A periodic job is a singleton across instances: every instance's timer offers a run to the
//   job's `stately` queue (at most one run waiting and one running, whoever offered it), and every
//   instance works the queue, so exactly one instance runs it at a time and a dead instance's
//   share is picked up by the others.
// - A task (event-driven work) is sent once and runs once, with retries and exponential backoff;
//   a task that used up its retries stays `failed` and is listed to admins at /admin/jobs.
//
// On PostgreSQL pg-boss keeps a small pool of its own. On the embedded PGlite (one session for
// everyone, ADR 001) it shares the app's single pooled connection instead, so its statements queue
// behind Prisma's transactions rather than landing inside them; it polls (no LISTEN/NOTIFY there).
import type pg from "pg";
import { PgBoss, type Db as IDatabase, type Job, type SendOptions } from "pg-boss";
import { logger } from "../../app/lib/logger.server.ts";

export const JOB_SCHEMA = "pgboss";

export interface PeriodicJob {
  name: string;
  everyMs: number;
  /** Delay before this instance first offers a run (default `everyMs`). */
  firstDelayMs?: number;
  run: () => Promise<unknown>;
}

export interface TaskJob<T extends object = object> {
  name: string;
  /** Retries after the first attempt (default 5), 1 s, 2 s, 4 s … apart (capped at 5 minutes). */
  retryLimit?: number;
  /** Seconds a run may take before it counts as failed (default 15 minutes). */
  expireInSeconds?: number;
  run: (data: T) => Promise<unknown>;
}

export interface JobQueue {
  /** Sends a task; returns its id, or null when a singleton key already holds one. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  /** Runs a periodic job soon (the next offer), e.g. after an event that makes it due. */
  offer(name: string): Promise<void>;
  boss: PgBoss;
  stop(): Promise<void>;
}

/** pg-boss's statements on a pg pool shared with Prisma (multi-statement blocks use the simple protocol). */
export function poolDatabase(pool: pg.Pool): IDatabase {
  return {
    executeSql: async (text, values) => (await pool.query(text, values as unknown[] | undefined)) as never,
  };
}

/** Polling interval for a periodic job: about half its period, within pg-boss's 0.5 s floor and 5 s. */
export function pollSeconds(everyMs: number): number {
  return Math.min(5, Math.max(0.5, everyMs / 2000));
}

export async function startJobQueue(opts: {
  /** PostgreSQL (pg-boss keeps its own pool). */
  connectionString?: string;
  /** The embedded PGlite: the app's own pool (one connection). */
  sharedPool?: pg.Pool;
  periodic: PeriodicJob[];
  tasks: TaskJob<never>[];
}): Promise<JobQueue> {
  const boss = new PgBoss({
    schema: JOB_SCHEMA,
    ...(opts.sharedPool
      ? { db: poolDatabase(opts.sharedPool), backend: "pglite" as const }
      : { connectionString: opts.connectionString, max: 3, application_name: "cloudfair-jobs" }),
    // Cron schedules are minute-grained; periodic work here is offered by timers instead.
    schedule: false,
    maintenanceIntervalSeconds: 300,
    superviseIntervalSeconds: 60,
  });
  boss.on("error", (err) => logger.warn({ err: (err as Error).message }, "job queue error"));
  boss.on("warning", (w) => logger.debug({ warning: w }, "job queue warning"));
  await boss.start();

  for (const job of opts.periodic) {
    await boss.createQueue(job.name, {
      policy: "stately",
      retryLimit: 0, // the next offer is the retry
      expireInSeconds: Math.max(60, Math.ceil((job.everyMs * 10) / 1000)),
      deleteAfterSeconds: 3600,
    });
  }
  for (const job of opts.tasks) {
    await boss.createQueue(job.name, {
      policy: "standard",
      retryLimit: job.retryLimit ?? 5,
      retryDelay: 1,
      retryBackoff: true,
      retryDelayMax: 300,
      expireInSeconds: job.expireInSeconds ?? 900,
      deleteAfterSeconds: 7 * 86400,
    });
  }

  const offer = async (name: string) => {
    await boss
      .send(name, {})
      .catch((err) => logger.warn({ err: (err as Error).message, job: name }, "job not offered"));
  };
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  for (const job of opts.periodic) {
    const tick = async () => {
      if (stopped) return;
      await offer(job.name);
      if (!stopped) timers.set(job.name, setTimeout(tick, job.everyMs));
    };
    timers.set(job.name, setTimeout(tick, job.firstDelayMs ?? job.everyMs));
    await boss.work(job.name, { pollingIntervalSeconds: pollSeconds(job.everyMs) }, async () => {
      await job.run();
    });
  }
  for (const job of opts.tasks) {
    await boss.work<object>(job.name, { pollingIntervalSeconds: 1 }, async (jobs: Job<object>[]) => {
      for (const j of jobs) await (job.run as (data: object) => Promise<unknown>)(j.data);
    });
  }
  logger.debug({ periodic: opts.periodic.map((j) => j.name), tasks: opts.tasks.map((j) => j.name) }, "job queue");

  return {
    boss,
    send: (name, data, options) => boss.send(name, data, options ?? {}),
    offer,
    async stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      // Waits for running jobs (up to 8 s); with a shared pool the app closes the pool itself.
      await boss.stop({ graceful: true, timeout: 8000, close: !opts.sharedPool });
    },
  };
}
