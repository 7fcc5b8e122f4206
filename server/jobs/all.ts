// Every background job of the server, on the pg-boss queue (docs/decisions/030-jobs-and-cluster.md).
//
// Adding one: a periodic job is a `PeriodicJob` ({ name, everyMs, run }) in PERIODIC below — it then
// runs on one instance at a time however many run; work caused by an event is a `TaskJob` in TASKS,
// sent with `jobs.send(name, data)` (runs once, retried with backoff, failures listed at /admin/jobs).
//
import { config } from "../../app/config.server.ts";
import { dbPool } from "../../app/db/client.server.ts";
import type { SearchEngine } from "../../app/search/port.ts";
import { logger } from "../../app/lib/logger.server.ts";
import { mailDeliveryJob, mailDigestJob } from "./mail.ts";
import { meetingReminderJob } from "./meeting-reminders.ts";
import { privacyJob } from "./privacy.ts";
import { startJobQueue, type JobQueue, type PeriodicJob, type TaskJob } from "./queue.ts";
import { recommendationJob } from "./recommendations.ts";
import { SEARCH_BACKFILL, searchBackfillTask, searchDrainJob, type BackfillReason } from "./search.ts";
import { videoRoomJob } from "./video-rooms.ts";

export function jobDefinitions(engine: SearchEngine): { periodic: PeriodicJob[]; tasks: TaskJob<never>[] } {
  const periodic = [
    meetingReminderJob(),
    recommendationJob(),
    videoRoomJob(),
    privacyJob(),
    mailDeliveryJob(),
    mailDigestJob(),
  ];
  // The embedded engine's index is in each process's memory: it drains its own outbox (index.ts).
  if (engine.name !== "embedded") periodic.push(searchDrainJob(engine));
  return { periodic, tasks: [searchBackfillTask(engine) as TaskJob<never>] };
}

export async function startJobs(opts: {
  engine: SearchEngine;
  /** The embedded PGlite: pg-boss shares the app's one connection. */
  embeddedPool: boolean;
  searchProblem: BackfillReason | null;
}): Promise<JobQueue> {
  const queue = await startJobQueue({
    ...jobDefinitions(opts.engine),
    ...(opts.embeddedPool ? { sharedPool: dbPool() } : { connectionString: config().DATABASE_URL }),
  });
  if (opts.searchProblem) {
    logger.info({ reason: opts.searchProblem }, "search index incomplete; backfilling through the outbox");
    await queue.send(SEARCH_BACKFILL, { reason: opts.searchProblem });
  }
  return queue;
}
