// "Starting in 10 minutes" reminders, and the reminder mails a day and 15 minutes before: a scheduled
// job, not a page load, decides (one instance at a time).
import { queueReminderMails, sendStartingReminders } from "../../app/domain/meetings/reminders.server.ts";
import { sendRoadshowReminders } from "../../app/domain/roadshows/roadshows.server.ts";
import { config } from "../../app/config.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import type { PeriodicJob } from "./queue.ts";

export function meetingReminderJob(everyMs = config().REMINDER_JOB_MS): PeriodicJob {
  return {
    name: "meeting-reminders",
    everyMs,
    run: async () => {
      const sent = await sendStartingReminders();
      if (sent) logger.info({ sent }, "meeting reminders sent");
      const mailed = await queueReminderMails();
      if (mailed) logger.info({ mailed }, "meeting reminder mails queued");
      const roadshows = await sendRoadshowReminders();
      if (roadshows) logger.info({ sent: roadshows }, "roadshow reminders sent");
    },
  };
}
