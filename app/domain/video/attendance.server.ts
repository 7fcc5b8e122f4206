// Attendance from LiveKit webhooks (who joined and left, when) and the scheduled job that settles
// meetings: no-show 10 minutes after start when a party never joined, completed once over.
import { CO_ORGANIZER_IDS, isFairStaff, type FairStaffRef } from "~/auth/guards.server";
import { toSessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { logger } from "~/lib/logger.server";
import { meetingIdOfRoom, parseIdentity, type WebhookEvent } from "../../../media/video/livekit";
import { notify, publish } from "~/domain/notifications/notifications.server";
import { joinWindow } from "./rooms.server";
import { applyRoadshowEvent, isRoadshowEvent, roadshowRecordingUpdate } from "~/domain/roadshows/attendance.server";
import { upsertRacing } from "~/db/races.server";

export const NO_SHOW_AFTER_MIN = 10;
const MIN = 60_000;

export type ApplyResult = "applied" | "duplicate" | "ignored";

const seconds = (v: bigint | number | undefined) => (v ? new Date(Number(v) * 1000) : new Date());

/**
 * Applies one verified LiveKit webhook event. LiveKit retries deliveries and may send several at
 * once, so every effect is idempotent on its own (attendance keyed by participant sid, status moves
 * as conditional updates); the event id is recorded afterwards so a redelivery is answered
 * "duplicate" without touching anything. No long interactive transaction holds a connection while
 * deliveries pile up.
 */
export async function applyLiveKitEvent(ev: WebhookEvent): Promise<ApplyResult> {
  if (!ev.id) return "ignored";
  if (await db().liveKitEvent.findUnique({ where: { id: ev.id }, select: { id: true } })) return "duplicate";
  const result = await effect(ev);
  const recorded = await db().liveKitEvent.createMany({ data: [{ id: ev.id, event: ev.event }], skipDuplicates: true });
  return recorded.count === 0 ? "duplicate" : result;
}

async function effect(ev: WebhookEvent): Promise<ApplyResult> {
  if (ev.event.startsWith("egress_") && ev.egressInfo) return recordingUpdate(ev);
  if (isRoadshowEvent(ev)) return applyRoadshowEvent(ev);
  const meetingId = meetingIdOfRoom(ev.room?.name);
  if (!meetingId) return "ignored";
  const meeting = await db().meeting.findUnique({
    where: { id: meetingId },
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      fair: { select: { organizerId: true, coOrganizers: CO_ORGANIZER_IDS } },
      participants: { where: { active: true }, select: { userId: true } },
    },
  });
  if (!meeting) return "ignored";
  const at = seconds(ev.createdAt);
  switch (ev.event) {
    case "participant_joined":
    case "participant_left":
    case "participant_connection_aborted": {
      const who = parseIdentity(ev.participant?.identity);
      const sid = ev.participant?.sid;
      if (!who || !sid) return "ignored";
      const refused = await refusal(meeting, who, at);
      if (refused) {
        logger.warn(
          { event: ev.event, id: ev.id, meetingId, identity: ev.participant?.identity, refused },
          "livekit event ignored",
        );
        return "ignored";
      }
      // One row per connection, keyed by its sid; a leave may arrive before (or without) its join.
      const leftAt = ev.event === "participant_joined" ? undefined : at;
      await upsertRacing(() =>
        db().meetingAttendance.upsert({
          where: { participantSid: sid },
          create: {
            meetingId,
            userId: who.userId,
            participantSid: sid,
            observer: who.observer,
            joinedAt: seconds(ev.participant!.joinedAt),
            leftAt,
          },
          update: { leftAt },
        }),
      );
      if (!leftAt && !who.observer)
        await db().meeting.updateMany({
          where: { id: meetingId, status: "SCHEDULED" },
          data: { status: "IN_PROGRESS", startedAt: at },
        });
      return "applied";
    }
    case "room_finished":
      if (meeting.status === "IN_PROGRESS") await completeMeeting(meetingId, at);
      return "applied";
    default:
      return "ignored";
  }
}

/**
 * Tokens are only minted for the meeting's participants and the organizing bureau's staff, inside
 * the join window: an event about anyone else, or at another time, cannot come from a real join and
 * is not attendance.
 */
async function refusal(
  meeting: {
    startsAt: Date;
    endsAt: Date;
    fair: FairStaffRef;
    participants: { userId: string }[];
  },
  who: { userId: string; observer: boolean },
  at: Date,
): Promise<string | null> {
  const w = joinWindow(meeting);
  if (at < w.opensAt || at > w.closesAt) return "outside the join window";
  if (!who.observer) return meeting.participants.some((p) => p.userId === who.userId) ? null : "not a participant";
  const user = await db().user.findUnique({
    where: { id: who.userId },
    include: { memberships: { select: { organizationId: true, role: true } } },
  });
  return user && isFairStaff(toSessionUser(user), meeting.fair) ? null : "not staff of the organizer";
}

/** IN_PROGRESS → COMPLETED once (conditional update), then both sides are asked for the outcome. */
async function completeMeeting(meetingId: string, at: Date): Promise<boolean> {
  const pending = await db().$transaction(async (tx) => {
    const done = await tx.meeting.updateMany({
      where: { id: meetingId, status: "IN_PROGRESS" },
      data: { status: "COMPLETED", endedAt: at },
    });
    if (done.count === 0) return [];
    const people = await tx.meetingParticipant.findMany({
      where: { meetingId, active: true },
      select: { userId: true },
    });
    return notify(
      tx,
      people.map((p) => p.userId),
      "meeting.outcome",
      { meetingId },
    );
  });
  publish(pending);
  return pending.length > 0;
}

async function recordingUpdate(ev: WebhookEvent): Promise<ApplyResult> {
  const info = ev.egressInfo!;
  // EgressStatus: 0 starting, 1 active, 2 ending, 3 complete, 4 failed, 5 aborted, 6 limit reached
  const status =
    info.status === 3 ? "complete" : info.status >= 4 ? "failed" : info.status === 0 ? "starting" : "active";
  const file = info.fileResults?.[0];
  const updated = await db().meetingRecording.updateMany({
    where: { egressId: info.egressId },
    data: {
      status,
      filename: file?.filename || undefined,
      location: file?.location || undefined,
      endedAt:
        status === "complete" || status === "failed"
          ? seconds(info.endedAt ? Number(info.endedAt) / 1e9 : undefined)
          : undefined,
    },
  });
  if (updated.count) return "applied";
  const roadshow = await roadshowRecordingUpdate(info.egressId, {
    status,
    filename: file?.filename || undefined,
    location: file?.location || undefined,
    endedAt:
      status === "complete" || status === "failed"
        ? seconds(info.endedAt ? Number(info.endedAt) / 1e9 : undefined)
        : undefined,
  });
  return roadshow ? "applied" : "ignored";
}

/**
 * The job that decides attendance (never a page load):
 *  - 10 minutes after start, a meeting where a party has not joined becomes NO_SHOW (absent parties
 *    recorded); it is looked at once.
 *  - an IN_PROGRESS meeting past its end with nobody left in the room, or past the join window,
 *    becomes COMPLETED and its participants are asked for the outcome.
 */
export async function settleMeetings(now = new Date()): Promise<{ noShows: number; completed: number }> {
  let noShows = 0;
  let completed = 0;
  const due = await db().meeting.findMany({
    where: {
      status: { in: ["SCHEDULED", "IN_PROGRESS"] },
      attendanceSettledAt: null,
      startsAt: { lte: new Date(now.getTime() - NO_SHOW_AFTER_MIN * MIN) },
    },
    include: {
      participants: { where: { active: true }, select: { userId: true } },
      attendance: { where: { observer: false }, select: { userId: true, joinedAt: true } },
    },
    take: 500,
  });
  for (const m of due) {
    const joined = new Set(m.attendance.filter((a) => a.joinedAt <= now).map((a) => a.userId));
    const absent = m.participants.map((p) => p.userId).filter((u) => !joined.has(u));
    const data = absent.length
      ? { status: "NO_SHOW" as const, noShowUserIds: absent, attendanceSettledAt: now }
      : { attendanceSettledAt: now };
    const r = await db().meeting.updateMany({ where: { id: m.id, status: m.status, attendanceSettledAt: null }, data });
    if (r.count && absent.length) noShows++;
  }

  const running = await db().meeting.findMany({
    where: { status: "IN_PROGRESS", endsAt: { lte: now } },
    include: { attendance: { where: { observer: false }, select: { leftAt: true } } },
    take: 500,
  });
  for (const m of running) {
    const someoneIn = m.attendance.some((a) => a.leftAt === null);
    const windowOver = now.getTime() > m.endsAt.getTime() + 30 * MIN;
    if (someoneIn && !windowOver) continue;
    const lastLeft = m.attendance.reduce<Date | null>(
      (acc, a) => (a.leftAt && (!acc || a.leftAt > acc) ? a.leftAt : acc),
      null,
    );
    if (await completeMeeting(m.id, lastLeft ?? now)) completed++;
  }
  return { noShows, completed };
}
