// "Starting in 10 minutes" reminders, and the reminder mails a day and 15 minutes before: a scheduled
// job, not a page load, decides.
import { queueReminderMails, sendStartingReminders } from "../../app/domain/meetings/reminders.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import { runEvery } from "./loop.ts";

export function startMeetingReminderJob(intervalMs = 30_000) {
  return runEvery("meeting reminders", intervalMs, async () => {
    const sent = await sendStartingReminders();
    if (sent) logger.info({ sent }, "meeting reminders sent");
    const mailed = await queueReminderMails();
    if (mailed) logger.info({ mailed }, "meeting reminder mails queued");
  });
}
