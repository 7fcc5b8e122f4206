// Changing what was agreed: cancel or move a scheduled meeting (with a reason, both sides told), or
// answer a pending request with other slots.
import type { SessionUser } from "~/auth/session.server";
import { isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { notify, publish } from "~/domain/notifications/notifications.server";
import { isOverlapViolation } from "./db-errors";
import { orgNames } from "./org-names.server";
import { requestMeeting } from "./requests.server";
import { fairSlots, slotKey } from "./slots";

export async function cancelMeeting(user: SessionUser, meetingId: string, reason: string) {
  const meeting = await db().meeting.findUnique({ where: { id: meetingId }, include: { participants: true } });
  if (!meeting) throw new DomainError("errorPage.404.title", 404);
  if (!meeting.participants.some((p) => p.userId === user.id)) throw new DomainError("errorPage.403.title", 403);
  if (meeting.status !== "SCHEDULED") throw new DomainError("meetings.error.notPending", 409);
  const mine = user.memberships.map((m) => m.organizationId);
  const byName = await orgNames(mine.includes(meeting.investorOrgId) ? meeting.investorOrgId : meeting.exhibitorOrgId);
  const others = meeting.participants.filter((p) => p.userId !== user.id).map((p) => p.userId);
  const rows = await db().$transaction(async (tx) => {
    await tx.meetingParticipant.updateMany({ where: { meetingId }, data: { active: false } });
    await tx.meeting.update({
      where: { id: meetingId },
      data: { status: "CANCELLED", cancelReason: reason || null, sequence: { increment: 1 } },
    });
    await audit(
      {
        actorId: user.id,
        action: "meeting.cancel",
        entityType: "Meeting",
        entityId: meetingId,
        before: { status: meeting.status },
        after: { status: "CANCELLED", reason },
      },
      tx,
    );
    return notify(tx, others, "meeting.cancelled", {
      ...byName,
      meetingId,
      startsAt: meeting.startsAt.toISOString(),
      reason: reason || null,
    });
  });
  publish(rows);
}

/** Moves a scheduled meeting to another slot of the fair (both people must be free), with a reason. */
export async function rescheduleMeeting(user: SessionUser, meetingId: string, newStart: string, reason: string) {
  const meeting = await db().meeting.findUnique({
    where: { id: meetingId },
    include: { participants: true, fair: true },
  });
  if (!meeting) throw new DomainError("errorPage.404.title", 404);
  if (!meeting.participants.some((p) => p.userId === user.id)) throw new DomainError("errorPage.403.title", 403);
  if (meeting.status !== "SCHEDULED") throw new DomainError("meetings.error.notPending", 409);
  const slot = fairSlots(meeting.fair).find((s) => slotKey(s) === new Date(newStart).toISOString());
  if (!slot || slot.startsAt.getTime() <= Date.now())
    throw new DomainError("meetings.error.badSlot", 400, undefined, "startsAt");
  const mine = user.memberships.map((m) => m.organizationId);
  const byName = await orgNames(mine.includes(meeting.investorOrgId) ? meeting.investorOrgId : meeting.exhibitorOrgId);
  const others = meeting.participants.filter((p) => p.userId !== user.id).map((p) => p.userId);
  try {
    const rows = await db().$transaction(async (tx) => {
      await tx.meetingParticipant.updateMany({
        where: { meetingId, active: true },
        data: { startsAt: slot.startsAt, endsAt: slot.endsAt },
      });
      await tx.meeting.update({
        where: { id: meetingId },
        data: { startsAt: slot.startsAt, endsAt: slot.endsAt, sequence: { increment: 1 }, remindedAt: null },
      });
      await audit(
        {
          actorId: user.id,
          action: "meeting.reschedule",
          entityType: "Meeting",
          entityId: meetingId,
          before: { startsAt: meeting.startsAt },
          after: { startsAt: slot.startsAt, reason },
        },
        tx,
      );
      return notify(tx, others, "meeting.rescheduled", {
        ...byName,
        meetingId,
        startsAt: slot.startsAt.toISOString(),
        timeZone: meeting.fair.timeZone,
        reason: reason || null,
      });
    });
    publish(rows);
  } catch (err) {
    if (isOverlapViolation(err)) throw new DomainError("meetings.error.slotTaken", 409);
    throw err;
  }
}

/** Answers a pending request with other slots: the request is marked countered and a new one goes back. */
export async function counterPropose(user: SessionUser, requestId: string, slots: string[], message: string) {
  const req = await db().meetingRequest.findUnique({ where: { id: requestId } });
  if (!req) throw new DomainError("errorPage.404.title", 404);
  if (!isMemberOf(user, req.toOrgId)) throw new DomainError("errorPage.403.title", 403);
  if (req.status !== "PENDING") throw new DomainError("meetings.error.notPending", 409);
  const counter = await requestMeeting(user, req.fairId, {
    toOrgId: req.fromOrgId,
    projectId: req.projectId ?? undefined,
    message,
    slots,
  });
  await db().$transaction(async (tx) => {
    await tx.meetingRequest.update({ where: { id: req.id }, data: { status: "COUNTERED", respondedAt: new Date() } });
    await tx.meetingRequest.update({ where: { id: counter.id }, data: { counterOfId: req.id } });
  });
  return counter;
}
