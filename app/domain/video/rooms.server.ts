// Video negotiation rooms: who may join a meeting's LiveKit room and when, join tokens, the
// "extend 10 minutes" button and recording consent. Attendance (webhooks, no-show job) lives in
// attendance.server.ts; outcomes in ../meetings/outcomes.server.ts.
import { CO_ORGANIZER_IDS, isFairStaff, isMemberOf } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import { DomainError, ServiceUnavailableError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import {
  egressRecorder,
  ensureRoom,
  identityFor,
  liveKitSettings,
  mintJoinToken,
  roomNameFor,
  setRoomMetadata,
  VideoUnavailableError,
  type LiveKitSettings,
  type Recorder,
} from "../../../media/video/livekit";
import { audit } from "~/domain/audit/audit.server";
import { isOverlapViolation, isRetryableConflict } from "~/domain/meetings/db-errors";
import { grantConsent, markRecordingConsentWithdrawn } from "~/domain/privacy/consents.server";
import { outcomeOpen } from "~/domain/meetings/outcomes.server";

export const OPENS_BEFORE_MIN = 10;
export const CLOSES_AFTER_MIN = 30;
export const EXTEND_MIN = 10;
export const MAX_EXTENSIONS = 3;

const MIN = 60_000;

export function joinWindow(m: { startsAt: Date; endsAt: Date }) {
  return {
    opensAt: new Date(m.startsAt.getTime() - OPENS_BEFORE_MIN * MIN),
    closesAt: new Date(m.endsAt.getTime() + CLOSES_AFTER_MIN * MIN),
  };
}

export type WindowState = "early" | "open" | "closed" | "cancelled";
export function windowState(m: { startsAt: Date; endsAt: Date; status: string }, now: Date): WindowState {
  if (m.status === "CANCELLED") return "cancelled";
  const w = joinWindow(m);
  if (now < w.opensAt) return "early";
  return now <= w.closesAt ? "open" : "closed";
}

/**
 * A room update after the database change was made (a new end time, the consent count): with
 * LiveKit away it is skipped, not an error; the room gets current metadata when it is next created.
 */
export function roomUpdateSkipped(err: unknown): void {
  if (!(err instanceof VideoUnavailableError)) throw err;
  logger.warn({ err: err.message }, "video: LiveKit away; room metadata not updated");
}

function settings(): LiveKitSettings {
  const s = liveKitSettings(config());
  if (!s) throw new DomainError("video.error.notConfigured", 503);
  return s;
}

let makeRecorder: (s: LiveKitSettings) => Recorder = egressRecorder;
/** Test hook: an Egress stand-in for machines without an Egress service. */
export function setRecorderFactory(f: ((s: LiveKitSettings) => Recorder) | null) {
  makeRecorder = f ?? egressRecorder;
}

const loadMeeting = (id: string) =>
  db().meeting.findUnique({
    where: { id },
    include: {
      participants: { where: { active: true }, select: { userId: true } },
      fair: {
        select: { organizerId: true, coOrganizers: CO_ORGANIZER_IDS, timeZone: true, titleZh: true, titleEn: true },
      },
      recordings: { orderBy: { startedAt: "desc" } },
    },
  });
type LoadedMeeting = NonNullable<Awaited<ReturnType<typeof loadMeeting>>>;

/** Participant (publish) or staff of the organizing bureau (hidden observer); anyone else 403. */
async function access(user: SessionUser, meetingId: string): Promise<{ meeting: LoadedMeeting; observer: boolean }> {
  const meeting = await loadMeeting(meetingId);
  if (!meeting) throw new DomainError("errorPage.404.title", 404);
  if (meeting.participants.some((p) => p.userId === user.id)) return { meeting, observer: false };
  if (isFairStaff(user, meeting.fair)) return { meeting, observer: true };
  throw new DomainError("video.error.notParticipant", 403);
}

const roomMetadata = (
  m: { endsAt: Date; recordingConsent: string[]; participants: { userId: string }[] },
  s: LiveKitSettings,
) => ({
  endsAt: m.endsAt.toISOString(),
  recording: { available: s.egress, consented: m.recordingConsent.length, needed: m.participants.length },
});

/** Everything the room page shows before joining. */
export async function roomPage(user: SessionUser, meetingId: string, now = new Date()) {
  const { meeting, observer } = await access(user, meetingId);
  const orgs = await db().organization.findMany({
    where: { id: { in: [meeting.investorOrgId, meeting.exhibitorOrgId] } },
    select: { id: true, nameZh: true, nameEn: true },
  });
  const org = (id: string) => orgs.find((o) => o.id === id) ?? { id, nameZh: "", nameEn: "" };
  const w = joinWindow(meeting);
  const s = liveKitSettings(config());
  const mine = !observer;
  return {
    id: meeting.id,
    status: meeting.status,
    observer,
    startsAt: meeting.startsAt.toISOString(),
    endsAt: meeting.endsAt.toISOString(),
    opensAt: w.opensAt.toISOString(),
    closesAt: w.closesAt.toISOString(),
    state: windowState(meeting, now),
    /** A participant may record the outcome now (the rule `saveOutcome` enforces). */
    outcomeOpen: mine && outcomeOpen(meeting, now),
    timeZone: meeting.fair.timeZone,
    fair: { titleZh: meeting.fair.titleZh, titleEn: meeting.fair.titleEn },
    investor: org(meeting.investorOrgId),
    exhibitor: org(meeting.exhibitorOrgId),
    /** The other party's organization, as the recording consent names it. */
    counterpart: org(isMemberOf(user, meeting.investorOrgId) ? meeting.exhibitorOrgId : meeting.investorOrgId),
    videoConfigured: !!s,
    recordingAvailable: !!s?.egress && !observer,
    consented: mine && meeting.recordingConsent.includes(user.id),
    extensions: meeting.extendedMinutes / EXTEND_MIN,
    // The button shows only when extending could work now (the server checks again on click).
    canExtend:
      mine &&
      ["SCHEDULED", "IN_PROGRESS"].includes(meeting.status) &&
      meeting.extendedMinutes < MAX_EXTENSIONS * EXTEND_MIN &&
      !(await nextMeetingBlocks(meeting)),
    recordings: meeting.recordings
      .filter((r) => r.status === "complete" && r.filename)
      .map((r) => ({
        id: r.id,
        filename: r.filename!,
        location: r.location,
        endedAt: r.endedAt?.toISOString() ?? null,
      })),
  };
}

/**
 * A short-lived token for this meeting's room only, inside [start − 10 min, end + 30 min].
 * Creates the room first if the job has not yet (idempotent).
 */
export async function issueJoinToken(user: SessionUser, meetingId: string, now = new Date()) {
  const { meeting, observer } = await access(user, meetingId);
  const state = windowState(meeting, now);
  if (state === "early") throw new DomainError("video.error.notOpen", 403);
  if (state !== "open") throw new DomainError("video.error.closed", 403);
  const s = settings();
  try {
    await openRoom(s, meeting, now);
  } catch (err) {
    // LiveKit away: no room, no token; a localized 503 with Retry-After (the room page retries).
    if (err instanceof VideoUnavailableError) throw new ServiceUnavailableError(false);
    throw err;
  }
  const side = isMemberOf(user, meeting.investorOrgId)
    ? meeting.investorOrgId
    : isMemberOf(user, meeting.exhibitorOrgId)
      ? meeting.exhibitorOrgId
      : null;
  const org = side
    ? await db().organization.findUnique({ where: { id: side }, select: { nameZh: true, nameEn: true } })
    : null;
  const token = await mintJoinToken(s, {
    room: roomNameFor(meeting.id),
    identity: identityFor(user.id, observer),
    name: user.name,
    metadata: {
      name: user.name,
      orgZh: org?.nameZh ?? "",
      orgEn: org?.nameEn ?? "",
      role: observer ? "observer" : side === meeting.investorOrgId ? "investor" : "exhibitor",
    },
    observer,
  });
  return { token, url: s.url, observer, identity: identityFor(user.id, observer) };
}

async function openRoom(s: LiveKitSettings, meeting: LoadedMeeting, now: Date) {
  const name = roomNameFor(meeting.id);
  await ensureRoom(s, name, roomMetadata(meeting, s));
  if (!meeting.roomCreatedAt)
    await db().meeting.updateMany({
      where: { id: meeting.id, roomCreatedAt: null },
      data: { roomName: name, roomCreatedAt: now },
    });
}

/** Job: create rooms for meetings whose join window has opened. Returns how many were created. */
export async function openDueRooms(now = new Date()): Promise<number> {
  const s = liveKitSettings(config());
  if (!s) return 0;
  const due = await db().meeting.findMany({
    where: {
      status: "SCHEDULED",
      roomCreatedAt: null,
      startsAt: { lte: new Date(now.getTime() + OPENS_BEFORE_MIN * MIN) },
      endsAt: { gte: new Date(now.getTime() - CLOSES_AFTER_MIN * MIN) },
    },
    select: { id: true },
    take: 100,
  });
  for (const { id } of due) {
    const m = await loadMeeting(id);
    if (m) await openRoom(s, m, now);
  }
  return due.length;
}

/** Either party has another meeting within 10 minutes of this one's end. */
async function nextMeetingBlocks(meeting: LoadedMeeting): Promise<boolean> {
  const newEnd = new Date(meeting.endsAt.getTime() + EXTEND_MIN * MIN);
  const busy = await db().meetingParticipant.findFirst({
    where: {
      userId: { in: meeting.participants.map((p) => p.userId) },
      active: true,
      meetingId: { not: meeting.id },
      startsAt: { lt: newEnd },
      endsAt: { gt: meeting.endsAt },
    },
    select: { id: true },
  });
  return !!busy;
}

/**
 * "Extend 10 minutes": only for a participant, once the meeting has begun, when neither party has
 * another meeting in the next 10 minutes (the exclusion constraint decides races), at most 3 times.
 */
export async function extendMeeting(user: SessionUser, meetingId: string, now = new Date()) {
  const { meeting, observer } = await access(user, meetingId);
  if (observer) throw new DomainError("video.error.notParticipant", 403);
  if (!["SCHEDULED", "IN_PROGRESS"].includes(meeting.status) || now < meeting.startsAt || now > meeting.endsAt)
    throw new DomainError("video.error.cannotExtend", 409);
  if (meeting.extendedMinutes >= MAX_EXTENSIONS * EXTEND_MIN) throw new DomainError("video.error.maxExtensions", 409);
  const newEnd = new Date(meeting.endsAt.getTime() + EXTEND_MIN * MIN);
  if (await nextMeetingBlocks(meeting)) throw new DomainError("video.error.nextMeeting", 409);
  try {
    await db().$transaction(async (tx) => {
      const updated = await tx.meeting.updateMany({
        where: { id: meeting.id, endsAt: meeting.endsAt },
        data: { endsAt: newEnd, extendedMinutes: { increment: EXTEND_MIN }, sequence: { increment: 1 } },
      });
      if (updated.count !== 1) throw new DomainError("video.error.cannotExtend", 409); // someone else just extended
      await tx.meetingParticipant.updateMany({
        where: { meetingId: meeting.id, active: true },
        data: { endsAt: newEnd },
      });
      await audit(
        {
          actorId: user.id,
          action: "meeting.extend",
          entityType: "Meeting",
          entityId: meeting.id,
          before: { endsAt: meeting.endsAt },
          after: { endsAt: newEnd },
        },
        tx,
      );
    });
  } catch (err) {
    if (isOverlapViolation(err) || isRetryableConflict(err)) throw new DomainError("video.error.nextMeeting", 409);
    throw err;
  }
  const s = liveKitSettings(config());
  if (s)
    await setRoomMetadata(s, roomNameFor(meeting.id), roomMetadata({ ...meeting, endsAt: newEnd }, s)).catch(
      roomUpdateSkipped,
    );
  return { endsAt: newEnd.toISOString() };
}

/**
 * Recording needs every party's consent, given in the room. When the last one agrees and an Egress
 * service is configured, recording starts; without Egress there is nothing to consent to.
 */
export async function consentToRecording(
  user: SessionUser,
  meetingId: string,
  now = new Date(),
  locale: string = user.locale,
) {
  const { meeting, observer } = await access(user, meetingId);
  if (observer) throw new DomainError("video.error.notParticipant", 403);
  const s = settings();
  if (!s.egress) throw new DomainError("video.error.noRecording", 409);
  if (windowState(meeting, now) !== "open") throw new DomainError("video.error.closed", 403);
  const consent = [...new Set([...meeting.recordingConsent, user.id])];
  await db().meeting.update({ where: { id: meeting.id }, data: { recordingConsent: consent } });
  // The consent record keeps the words the room showed (docs/decisions/022-personal-data.md).
  await grantConsent({
    userId: user.id,
    wording: "recording",
    scopeType: "meeting",
    scopeId: meeting.id,
    orgId: isMemberOf(user, meeting.investorOrgId) ? meeting.exhibitorOrgId : meeting.investorOrgId,
    locale,
    source: "room",
  });
  await audit({
    actorId: user.id,
    action: "meeting.recordingConsent",
    entityType: "Meeting",
    entityId: meeting.id,
    after: { consent },
  });
  const all = meeting.participants.every((p) => consent.includes(p.userId));
  const running = meeting.recordings.some((r) => r.status === "starting" || r.status === "active");
  let started = false;
  if (all && !running) {
    const room = roomNameFor(meeting.id);
    const { egressId } = await makeRecorder(s).start(
      room,
      `recordings/${meeting.id}/${now.toISOString().replace(/[:.]/g, "-")}.mp4`,
    );
    await db().meetingRecording.create({ data: { meetingId: meeting.id, egressId, status: "starting" } });
    started = true;
  }
  await setRoomMetadata(s, roomNameFor(meeting.id), {
    ...roomMetadata({ ...meeting, recordingConsent: consent }, s),
    recordingActive: started || running,
  }).catch(roomUpdateSkipped);
  return { consented: consent.length, needed: meeting.participants.length, recording: started || running };
}

/**
 * Withdraws a participant's recording consent (docs/decisions/022-personal-data.md):
 * - before a recording started, it blocks the recording (every party must agree again);
 * - while one runs, that recording is stopped: nothing more is recorded;
 * - what was already recorded stays available to the meeting's participants, because it is the
 *   other party's record of the meeting too; the withdrawal is recorded with its time.
 */
export async function withdrawRecordingConsent(user: SessionUser, meetingId: string, now = new Date()) {
  const meeting = await loadMeeting(meetingId);
  if (!meeting) throw new DomainError("errorPage.404.title", 404);
  const participant = await db().meetingParticipant.findFirst({
    where: { meetingId, userId: user.id },
    select: { id: true },
  });
  if (!participant) throw new DomainError("errorPage.404.title", 404);
  const consent = meeting.recordingConsent.filter((id) => id !== user.id);
  const running = meeting.recordings.filter((r) => r.status === "starting" || r.status === "active");
  const recorded = meeting.recordings.some((r) => r.status === "complete");
  await db().$transaction(async (tx) => {
    await tx.meeting.update({ where: { id: meeting.id }, data: { recordingConsent: consent } });
    await markRecordingConsentWithdrawn(tx, user.id, meeting.id, now);
    await audit(
      {
        actorId: user.id,
        action: "meeting.recordingConsent.withdraw",
        entityType: "Meeting",
        entityId: meeting.id,
        after: { consent, stopped: running.length, kept: recorded },
      },
      tx,
    );
  });
  const s = liveKitSettings(config());
  // Egress reports the stopped recording's file through its egress_ended webhook, as for any other.
  if (s && running.length > 0) for (const r of running) await makeRecorder(s).stop(r.egressId);
  if (s && meeting.roomCreatedAt && windowState(meeting, now) === "open")
    await setRoomMetadata(s, roomNameFor(meeting.id), {
      ...roomMetadata({ ...meeting, recordingConsent: consent }, s),
      recordingActive: false,
    }).catch(() => {});
  return { consented: consent.length, needed: meeting.participants.length, recording: false, stopped: running.length };
}
