// What the background job queue (pg-boss, docs/decisions/030-jobs-and-cluster.md) holds, for admins:
// per queue how many runs wait, run, retry, completed and failed, and the latest failures with their
// errors. Read straight from pg-boss's tables, so every instance shows the same.
import { db } from "~/db/client.server";

export interface QueueSummary {
  name: string;
  waiting: number;
  active: number;
  retrying: number;
  completed: number;
  failed: number;
}

export interface FailedJob {
  id: string;
  name: string;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface JobOverview {
  /** False until an instance has started the queue (its tables are created then). */
  available: boolean;
  queues: QueueSummary[];
  failed: FailedJob[];
}

const FAILED_SHOWN = 50;

/** The message of a failed job's output (pg-boss stores the thrown error, serialized). */
export function failureMessage(output: unknown): string {
  if (output && typeof output === "object") {
    const o = output as Record<string, unknown>;
    if (typeof o.message === "string") return o.message.slice(0, 500);
    if (o.value !== undefined) return String(o.value).slice(0, 500);
  }
  return output === null || output === undefined ? "" : JSON.stringify(output).slice(0, 500);
}

export async function jobOverview(): Promise<JobOverview> {
  const [present] = await db().$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('pgboss.job') IS NOT NULL AS present`;
  if (!present?.present) return { available: false, queues: [], failed: [] };
  const counts = await db().$queryRaw<{ name: string; state: string; n: number }[]>`
    SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job GROUP BY name, state ORDER BY name`;
  const queues = new Map<string, QueueSummary>();
  const names = await db().$queryRaw<{ name: string }[]>`SELECT name FROM pgboss.queue ORDER BY name`;
  for (const { name } of names) queues.set(name, { name, waiting: 0, active: 0, retrying: 0, completed: 0, failed: 0 });
  for (const { name, state, n } of counts) {
    const q = queues.get(name) ?? { name, waiting: 0, active: 0, retrying: 0, completed: 0, failed: 0 };
    if (state === "created") q.waiting += n;
    else if (state === "active") q.active += n;
    else if (state === "retry") q.retrying += n;
    else if (state === "completed") q.completed += n;
    else if (state === "failed") q.failed += n;
    queues.set(name, q);
  }
  const failed = await db().$queryRaw<
    { id: string; name: string; output: unknown; retry_count: number; completed_on: Date | null }[]
  >`
    SELECT id::text AS id, name, output, retry_count, completed_on FROM pgboss.job
    WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT ${FAILED_SHOWN}`;
  return {
    available: true,
    queues: [...queues.values()],
    failed: failed.map((f) => ({
      id: f.id,
      name: f.name,
      error: failureMessage(f.output),
      attempts: f.retry_count + 1,
      failedAt: (f.completed_on ?? new Date(0)).toISOString(),
    })),
  };
}

/** The latest run of a task queue (state and output), e.g. the search backfill for /healthz. */
export async function latestJob(
  name: string,
): Promise<{ state: string; output: unknown; createdOn: Date; data: unknown } | null> {
  try {
    const [present] = await db().$queryRaw<{ present: boolean }[]>`
      SELECT to_regclass('pgboss.job') IS NOT NULL AS present`;
    if (!present?.present) return null;
    const rows = await db().$queryRaw<{ state: string; output: unknown; created_on: Date; data: unknown }[]>`
      SELECT state::text AS state, output, created_on, data FROM pgboss.job
      WHERE name = ${name} ORDER BY created_on DESC LIMIT 1`;
    return rows[0]
      ? { state: rows[0].state, output: rows[0].output, createdOn: rows[0].created_on, data: rows[0].data }
      : null;
  } catch {
    return null; // the database is away: /healthz reports that on its own line
  }
}
