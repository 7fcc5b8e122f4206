// "Starting in 10 minutes" reminders: a scheduled job, not a page load, decides.
import { sendStartingReminders } from "../../app/domain/meetings/reminders.server.ts";
import { sendRoadshowReminders } from "../../app/domain/roadshows/roadshows.server.ts";
import { logger } from "../../app/lib/logger.server.ts";
import { runEvery } from "./loop.ts";

export function startMeetingReminderJob(intervalMs = 30_000) {
  return runEvery("meeting reminders", intervalMs, async () => {
    const sent = await sendStartingReminders();
    if (sent) logger.info({ sent }, "meeting reminders sent");
    const roadshows = await sendRoadshowReminders();
    if (roadshows) logger.info({ sent: roadshows }, "roadshow reminders sent");
  });
}
