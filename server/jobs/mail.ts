// Delivers the mail outbox (ADR 026) as a periodic job on the queue (ADR 030): one instance at a
// time. The work is deliverDue (app/domain/mail/delivery.server.ts), which claims due rows itself
// (SKIP LOCKED) and backs off per row.
import { config } from "../../app/config.server.ts";
import { deliverDue } from "../../app/domain/mail/delivery.server.ts";
import { queueDueDigests } from "../../app/domain/mail/digest.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import type { PeriodicJob } from "./queue.ts";

export function mailDeliveryJob(everyMs = config().MAIL_JOB_MS): PeriodicJob {
  return {
    name: "mail-delivery",
    everyMs,
    firstDelayMs: 1_000,
    run: async () => {
      // Drain: a full batch means more may be due.
      for (let i = 0; i < 20; i++) {
        const r = await deliverDue();
        if (r.sent + r.kept + r.retried + r.failed) logger.debug({ ...r }, "mail outbox");
        if (r.sent + r.kept + r.retried + r.failed < 50) break;
      }
    },
  };
}

/**
 * Gathers held mails into each recipient's daily digest once their local digest hour has come
 * (ADR 026). A singleton like every periodic job; the digest's unique event key makes it once per
 * user and day even if two runs overlapped. The delivery job above sends what it queues.
 */
export function mailDigestJob(everyMs = config().MAIL_DIGEST_JOB_MS): PeriodicJob {
  return {
    name: "mail-digest",
    everyMs,
    firstDelayMs: 10_000,
    run: async () => {
      const queued = await queueDueDigests();
      if (queued) logger.debug({ queued }, "mail digests queued");
    },
  };
}
