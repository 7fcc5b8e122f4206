// "Starting in 10 minutes" reminders: a scheduled job, not a page load, decides (one instance at a time).
import { sendStartingReminders } from "../../app/domain/meetings/reminders.server.ts";
import { sendRoadshowReminders } from "../../app/domain/roadshows/roadshows.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import type { PeriodicJob } from "./queue.ts";

export function meetingReminderJob(everyMs = 30_000): PeriodicJob {
  return {
    name: "meeting-reminders",
    everyMs,
    run: async () => {
      const sent = await sendStartingReminders();
      if (sent) logger.info({ sent }, "meeting reminders sent");
      const roadshows = await sendRoadshowReminders();
      if (roadshows) logger.info({ sent: roadshows }, "roadshow reminders sent");
    },
  };
}
