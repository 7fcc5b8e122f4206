// Delivers the mail outbox (ADR 026). The work is deliverDue (app/domain/mail/delivery.server.ts);
// this file only schedules it, so another runner (e.g. pg-boss) can take over without touching it.
import { config } from "../../app/config.server.ts";
import { deliverDue } from "../../app/domain/mail/delivery.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import { runEvery } from "./loop.ts";

export function startMailJob(intervalMs = config().MAIL_JOB_MS) {
  return runEvery(
    "mail delivery",
    intervalMs,
    async () => {
      // Drain: a full batch means more may be due.
      for (let i = 0; i < 20; i++) {
        const r = await deliverDue();
        if (r.sent + r.kept + r.retried + r.failed) logger.debug({ ...r }, "mail outbox");
        if (r.sent + r.kept + r.retried + r.failed < 50) break;
      }
    },
    1_000,
  );
}
