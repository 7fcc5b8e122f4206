// iCalendar for meetings: times in the fair's zone (TZID) with that zone's VTIMEZONE (strict
// clients refuse or misplace a TZID they cannot resolve), SEQUENCE bumps on every change,
// METHOD:CANCEL and STATUS:CANCELLED once cancelled.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { Prisma } from "~/generated/prisma/client";
import { utcToWallTime } from "~/lib/time";
import { vtimezone } from "./vtimezone";

export type MeetingForCalendar = Prisma.MeetingGetPayload<{ include: { fair: true } }>;

/**
 * ical-generator writes `DTSTART;TZID=zone:` from a Date's *local* fields, so it gets a Date whose
 * local fields are the wall-clock time in `timeZone` (independent of the server's own zone).
 */
export function wallDate(instant: Date, timeZone: string): Date {
  const [date, time] = utcToWallTime(instant, timeZone).split("T");
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi] = time.split(":").map(Number);
  return new Date(y, mo - 1, d, h, mi, 0, 0);
}

/** What an event needs from a meeting (a database row with its fair, or a mail's snapshot of one). */
export interface CalendarMeeting {
  id: string;
  sequence: number;
  status: string;
  startsAt: Date;
  endsAt: Date;
  fair: Pick<MeetingForCalendar["fair"], "timeZone" | "titleZh" | "titleEn">;
  counterpartZh: string;
  counterpartEn: string;
}

export function meetingIcs(m: CalendarMeeting, origin: string): string {
  const cancelled = m.status === "CANCELLED";
  const cal = ical({
    name: "云展洽 CloudFair",
    prodId: { company: "CloudFair", product: "meetings", language: "ZH" },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  withTimeZones(cal, [m]);
  addEvent(cal, m, origin);
  return cal.toString();
}

/** The subscription feed: every meeting of the user, cancelled ones marked so calendars drop them. */
export function feedIcs(meetings: CalendarMeeting[], origin: string): string {
  const cal = ical({
    name: "云展洽 CloudFair · 洽谈",
    prodId: { company: "CloudFair", product: "meetings", language: "ZH" },
    method: ICalCalendarMethod.PUBLISH,
    ttl: 15 * 60,
  });
  withTimeZones(cal, meetings);
  for (const m of meetings) addEvent(cal, m, origin);
  return cal.toString();
}

/**
 * The invitation attached to a meeting mail (iTIP, RFC 5546): METHOD:REQUEST while the meeting stands,
 * METHOD:CANCEL once cancelled, with the meeting's stable UID and its SEQUENCE, so a calendar updates
 * or removes the event it already has instead of adding another.
 */
export function invitationIcs(
  m: CalendarMeeting,
  origin: string,
  people: { organizer: { name: string; email: string }; attendee: { name: string; email: string } },
): string {
  const cancelled = m.status === "CANCELLED";
  const cal = ical({
    name: "云展洽 CloudFair",
    prodId: { company: "CloudFair", product: "meetings", language: "ZH" },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  withTimeZones(cal, [m]);
  const event = addEvent(cal, m, origin);
  event.organizer(people.organizer);
  event.createAttendee({
    name: people.attendee.name,
    email: people.attendee.email,
    role: ICalAttendeeRole.REQ,
    status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
  });
  return cal.toString();
}

/** One VTIMEZONE per zone the events name, covering the span of those events. */
function withTimeZones(cal: ReturnType<typeof ical>, meetings: CalendarMeeting[]) {
  if (meetings.length === 0) return;
  const from = new Date(Math.min(...meetings.map((m) => m.startsAt.getTime())));
  const to = new Date(Math.max(...meetings.map((m) => m.endsAt.getTime())));
  cal.timezone({ name: meetings[0].fair.timeZone, generator: (zone) => vtimezone(zone, from, to) });
}

function addEvent(cal: ReturnType<typeof ical>, m: CalendarMeeting, origin: string) {
  const cancelled = m.status === "CANCELLED";
  return cal.createEvent({
    id: `meeting-${m.id}@cloudfair`,
    sequence: m.sequence,
    start: wallDate(m.startsAt, m.fair.timeZone),
    end: wallDate(m.endsAt, m.fair.timeZone),
    timezone: m.fair.timeZone,
    summary: `洽谈 Meeting: ${m.counterpartZh} / ${m.counterpartEn}`,
    description: `${m.fair.titleZh} · ${m.fair.titleEn}`,
    url: `${origin}/meetings`,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}
