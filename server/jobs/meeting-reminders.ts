// "Starting in 10 minutes" reminders: a scheduled job, not a page load, decides.
import { sendStartingReminders } from "../../app/domain/meetings.server.ts";
import { logger } from "../../app/lib/logger.server.ts";

export function startMeetingReminderJob(intervalMs = 30_000) {
  const timer = setInterval(() => {
    sendStartingReminders().then(
      (n) => n && logger.info({ sent: n }, "meeting reminders sent"),
      (err) => logger.warn({ err: (err as Error).message }, "meeting reminders failed"),
    );
  }, intervalMs);
  return async () => clearInterval(timer);
}
