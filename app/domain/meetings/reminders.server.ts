// Meeting reminders, sent by a job in the server (server/jobs/meeting-reminders.ts), not a page load.
import { db } from "~/db/client.server";
import { notify, publish } from "~/domain/notifications/notifications.server";

/** "Starting in 10 minutes": each scheduled meeting reminds its participants once. */
export async function sendStartingReminders(now = new Date()): Promise<number> {
  const due = await db().meeting.findMany({
    where: { status: "SCHEDULED", remindedAt: null, startsAt: { gt: now, lte: new Date(now.getTime() + 10 * 60_000) } },
    include: { participants: { where: { active: true } }, fair: { select: { timeZone: true } } },
  });
  let sent = 0;
  for (const m of due) {
    const rows = await db().$transaction(async (tx) => {
      const claimed = await tx.meeting.updateMany({ where: { id: m.id, remindedAt: null }, data: { remindedAt: now } });
      if (claimed.count === 0) return [];
      return notify(
        tx,
        m.participants.map((p) => p.userId),
        "meeting.starting",
        { meetingId: m.id, startsAt: m.startsAt.toISOString(), timeZone: m.fair.timeZone },
      );
    });
    publish(rows);
    sent += rows.length;
  }
  return sent;
}
