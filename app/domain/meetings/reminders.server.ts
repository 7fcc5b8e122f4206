// Meeting reminders, sent by a job in the server (server/jobs/meeting-reminders.ts), not a page load.
import { db } from "~/db/client.server";
import { notify, publish } from "~/domain/notifications/notifications.server";
import { deliverToChannels } from "~/domain/notifications/channels.server";

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

const DAY_MS = 24 * 3_600_000;
const SOON_MS = 15 * 60_000;

/**
 * Reminder mails a day and 15 minutes before each scheduled meeting (ADR 026), through the notifier's
 * channels (not in-app: the bell has its own 10-minute reminder). Each is queued once per start time
 * (Meeting.dayMailFor / soonMailFor), so a rescheduled meeting reminds again. A meeting booked less
 * than an hour ahead gets no day-before mail.
 */
export async function queueReminderMails(now = new Date()): Promise<number> {
  const soonUntil = new Date(now.getTime() + SOON_MS);
  const dayFrom = new Date(now.getTime() + 3_600_000);
  const dayUntil = new Date(now.getTime() + DAY_MS);
  const due = await db().meeting.findMany({
    where: { status: "SCHEDULED", startsAt: { gt: now, lte: dayUntil } },
    select: { id: true, startsAt: true, dayMailFor: true, soonMailFor: true },
    take: 500,
  });
  let queued = 0;
  for (const m of due) {
    const soon = m.startsAt <= soonUntil;
    if (soon ? m.soonMailFor?.getTime() === m.startsAt.getTime() : m.dayMailFor?.getTime() === m.startsAt.getTime())
      continue;
    if (!soon && m.startsAt < dayFrom) continue;
    const kind = soon ? "meeting.reminder-soon" : "meeting.reminder-day";
    queued += await db().$transaction(async (tx) => {
      const claimed = await tx.meeting.updateMany({
        where: { id: m.id, startsAt: m.startsAt, status: "SCHEDULED" },
        data: soon ? { soonMailFor: m.startsAt } : { dayMailFor: m.startsAt },
      });
      if (claimed.count === 0) return 0;
      const people = await tx.meetingParticipant.findMany({ where: { meetingId: m.id, active: true } });
      const at = m.startsAt.toISOString();
      await deliverToChannels(tx, {
        kind,
        data: { meetingId: m.id, startsAt: at },
        recipients: people.map((p) => ({ userId: p.userId, key: `${m.id}:${p.userId}:${at}` })),
      });
      return people.length;
    });
  }
  return queued;
}
