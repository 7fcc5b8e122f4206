// Answering a meeting request: accept one of its slots, or decline. No double booking: the database
// refuses two active participant rows of one person with overlapping times (exclusion constraint
// hw_participant_no_overlap); that refusal becomes the "slot just taken" message (ADR 013).
import type { SessionUser } from "~/auth/session.server";
import { isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { notify, publish, type NotificationData } from "~/domain/notifications/notifications.server";
import { isBusyTimeout, isOverlapViolation, isRetryableConflict } from "./db-errors";
import { orgNames } from "./org-names.server";

/** Accepts one proposed slot: creates the meeting and books both people, or says the slot is taken. */
export async function acceptRequest(user: SessionUser, requestId: string, slotId: string) {
  const req = await db().meetingRequest.findUnique({ where: { id: requestId }, include: { slots: true } });
  if (!req) throw new DomainError("errorPage.404.title", 404);
  if (!isMemberOf(user, req.toOrgId)) throw new DomainError("errorPage.403.title", 403);
  if (req.status !== "PENDING") throw new DomainError("meetings.error.notPending", 409);
  const slot = req.slots.find((s) => s.id === slotId);
  if (!slot) throw new DomainError("error.invalidChoice", 400, undefined, "slotId");
  const booking = await bookingOf(user, req, slot);
  // The requester's "accepted" notification is written in the booking's own transaction: a second
  // transaction after commit could fail to get a connection under a burst and turn a booked
  // meeting into an error for the person who booked it.
  const { meeting, rows } = await inBookingTransaction((tx) => bookSlot(tx, booking));
  publish(rows);
  return meeting;
}

/** Everything a booking writes, read before its transaction starts. */
export interface Booking {
  /** Who accepts: the recipient side's member, booked as the second participant and audited. */
  by: SessionUser;
  req: { id: string; fairId: string; projectId: string | null; fromUserId: string };
  slot: { startsAt: Date; endsAt: Date };
  investorOrgId: string;
  exhibitorOrgId: string;
  /** The requester's "accepted" notification. */
  notice: NotificationData;
}

/** Reads which side is which and what the requester will be told, for `bookSlot`. */
export async function bookingOf(
  by: SessionUser,
  req: Booking["req"] & { fromOrgId: string; toOrgId: string },
  slot: Booking["slot"],
): Promise<Booking> {
  const fromOrg = await db().organization.findUniqueOrThrow({ where: { id: req.fromOrgId }, select: { kind: true } });
  const [investorOrgId, exhibitorOrgId] =
    fromOrg.kind === "INVESTOR" ? [req.fromOrgId, req.toOrgId] : [req.toOrgId, req.fromOrgId];
  const fair = await db().fair.findUniqueOrThrow({ where: { id: req.fairId }, select: { timeZone: true } });
  const notice = { ...(await orgNames(req.toOrgId)), startsAt: slot.startsAt.toISOString(), timeZone: fair.timeZone };
  return { by, req, slot, investorOrgId, exhibitorOrgId, notice };
}

/**
 * Runs a booking transaction: the exclusion constraint's refusal becomes "slot just taken";
 * deadlocks between concurrent exclusion checks, and transactions the busy database timed out
 * before they wrote anything, are retried (bounded, with jitter). Bursts of accepts queue for
 * pooled connections.
 */
export async function inBookingTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db().$transaction(work, { maxWait: 30_000, timeout: 15_000 });
    } catch (err) {
      if (isOverlapViolation(err)) throw new DomainError("meetings.error.slotTaken", 409);
      if ((isRetryableConflict(err) || isBusyTimeout(err)) && attempt < 8) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw err;
    }
  }
}

/**
 * Inside a booking transaction: claims the pending request, creates the meeting with both people
 * as participants (the exclusion constraint checks them), audits, and writes the requester's
 * notification. Returns the rows to publish after commit.
 */
export async function bookSlot(
  tx: Prisma.TransactionClient,
  { by, req, slot, investorOrgId, exhibitorOrgId, notice }: Booking,
) {
  // Claim the request first: a concurrent accept of the same request finds it no longer pending.
  const claimed = await tx.meetingRequest.updateMany({
    where: { id: req.id, status: "PENDING" },
    data: { status: "ACCEPTED", respondedAt: new Date() },
  });
  if (claimed.count === 0) throw new DomainError("meetings.error.notPending", 409);
  const meeting = await tx.meeting.create({
    data: {
      fairId: req.fairId,
      requestId: req.id,
      investorOrgId,
      exhibitorOrgId,
      projectId: req.projectId,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      participants: {
        create: [req.fromUserId, by.id].map((userId) => ({
          userId,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
        })),
      },
    },
  });
  await audit(
    {
      actorId: by.id,
      action: "meeting.accept",
      entityType: "Meeting",
      entityId: meeting.id,
      after: { requestId: req.id, startsAt: slot.startsAt },
    },
    tx,
  );
  const rows = await notify(tx, [req.fromUserId], "meeting.accepted", {
    ...notice,
    meetingId: meeting.id,
  });
  return { meeting, rows };
}

export async function declineRequest(user: SessionUser, requestId: string, reason: string) {
  const req = await db().meetingRequest.findUnique({ where: { id: requestId } });
  if (!req) throw new DomainError("errorPage.404.title", 404);
  if (!isMemberOf(user, req.toOrgId)) throw new DomainError("errorPage.403.title", 403);
  const toName = await orgNames(req.toOrgId);
  const rows = await db().$transaction(async (tx) => {
    const done = await tx.meetingRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: { status: "DECLINED", declineReason: reason || null, respondedAt: new Date() },
    });
    if (done.count === 0) throw new DomainError("meetings.error.notPending", 409);
    return notify(tx, [req.fromUserId], "meeting.declined", { ...toName, requestId, reason: reason || null });
  });
  publish(rows);
}
