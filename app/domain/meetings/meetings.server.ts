// Meeting requests and meetings. No double booking: the database refuses two active participant
// rows of one person with overlapping times (exclusion constraint hw_participant_no_overlap); that
// refusal becomes the "slot just taken" message.
import type { SessionUser } from "~/auth/session.server";
import { isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { fairSlots, futureSlots, slotKey } from "./slots";
import type { MeetingRequestInput } from "./request-input.server";
import {
  membersOf,
  notify,
  publish,
  type NotificationData,
  type PendingNotification,
} from "~/domain/notifications/notifications.server";

async function orgNames(orgId: string) {
  const o = await db().organization.findUnique({ where: { id: orgId }, select: { nameZh: true, nameEn: true } });
  return { nameZh: o?.nameZh ?? "", nameEn: o?.nameEn ?? "" };
}

export const MAX_PENDING_PER_FAIR = 20;
/** Deadlocks / serialization failures: concurrent exclusion checks can deadlock; retrying is correct. */
export function isRetryableConflict(err: unknown): boolean {
  const e = err as {
    code?: string;
    cause?: { originalCode?: string };
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  const code = e?.meta?.driverAdapterError?.cause?.originalCode ?? e?.cause?.originalCode;
  return e?.code === "P2034" || code === "40P01" || code === "40001";
}

/** True for the exclusion-constraint violation, whichever way Prisma's pg adapter surfaces it. */
export function isOverlapViolation(err: unknown): boolean {
  const e = err as {
    code?: string;
    cause?: { originalCode?: string };
    meta?: { driverAdapterError?: { cause?: { originalCode?: string } } };
  };
  return (
    e?.cause?.originalCode === "23P01" ||
    e?.meta?.driverAdapterError?.cause?.originalCode === "23P01" ||
    e?.code === "23P01"
  );
}

function actingOrg(user: SessionUser): { orgId: string; role: "INVESTOR" | "EXHIBITOR" } {
  const m = user.memberships.find((x) => x.role === "INVESTOR" || x.role === "EXHIBITOR");
  if (!m) throw new DomainError("errorPage.403.title", 403);
  return { orgId: m.organizationId, role: m.role as "INVESTOR" | "EXHIBITOR" };
}

export async function requestMeeting(user: SessionUser, fairId: string, input: MeetingRequestInput) {
  const from = actingOrg(user);
  const [fair, to] = await Promise.all([
    db().fair.findUnique({ where: { id: fairId } }),
    db().organization.findUnique({ where: { id: input.toOrgId }, select: { id: true, kind: true } }),
  ]);
  if (!fair || !["PUBLISHED", "LIVE"].includes(fair.status)) throw new DomainError("errorPage.404.title", 404);
  const wanted = from.role === "INVESTOR" ? "EXHIBITOR" : "INVESTOR";
  if (!to || to.kind !== wanted || to.id === from.orgId) throw new DomainError("meetings.error.badCounterpart", 400);
  if (
    input.projectId &&
    !(await db().project.findFirst({
      where: { id: input.projectId, organizationId: from.role === "INVESTOR" ? to.id : from.orgId },
      select: { id: true },
    }))
  )
    throw new DomainError("error.invalidChoice", 400, undefined, "projectId");
  const grid = new Map(fairSlots(fair).map((s) => [slotKey(s), s]));
  const now = Date.now();
  const slots = [...new Set(input.slots.map((s) => new Date(s).toISOString()))].map((k) => grid.get(k));
  if (slots.some((s) => !s || s.startsAt.getTime() <= now))
    throw new DomainError("meetings.error.badSlot", 400, undefined, "slots");
  const pending = await db().meetingRequest.count({ where: { fromUserId: user.id, fairId, status: "PENDING" } });
  if (pending >= MAX_PENDING_PER_FAIR)
    throw new DomainError("meetings.error.tooManyPending", 429, { max: MAX_PENDING_PER_FAIR });
  const fromName = await orgNames(from.orgId);
  const recipients = await membersOf(to.id);
  let pushed: PendingNotification[] = [];
  const created = await db().$transaction(async (tx) => {
    const req = await tx.meetingRequest.create({
      data: {
        fairId,
        fromUserId: user.id,
        fromOrgId: from.orgId,
        toOrgId: to.id,
        projectId: input.projectId,
        message: input.message,
        slots: { create: slots.map((s) => ({ startsAt: s!.startsAt, endsAt: s!.endsAt })) },
      },
    });
    await audit(
      {
        actorId: user.id,
        action: "meeting.request",
        entityType: "MeetingRequest",
        entityId: req.id,
        after: { toOrgId: to.id, slots: slots.map((s) => slotKey(s!)) },
      },
      tx,
    );
    pushed = await notify(tx, recipients, "meeting.request", {
      ...fromName,
      requestId: req.id,
      startsAt: slotKey(slots[0]!),
      timeZone: fair.timeZone,
    });
    return req;
  });
  publish(pushed);
  return created;
}

/** Accepts one proposed slot: creates the meeting and books both people, or says the slot is taken. */
export async function acceptRequest(user: SessionUser, requestId: string, slotId: string) {
  const req = await db().meetingRequest.findUnique({ where: { id: requestId }, include: { slots: true } });
  if (!req) throw new DomainError("errorPage.404.title", 404);
  if (!isMemberOf(user, req.toOrgId)) throw new DomainError("errorPage.403.title", 403);
  if (req.status !== "PENDING") throw new DomainError("meetings.error.notPending", 409);
  const slot = req.slots.find((s) => s.id === slotId);
  if (!slot) throw new DomainError("error.invalidChoice", 400, undefined, "slotId");
  const fromOrg = await db().organization.findUniqueOrThrow({ where: { id: req.fromOrgId }, select: { kind: true } });
  const [investorOrgId, exhibitorOrgId] =
    fromOrg.kind === "INVESTOR" ? [req.fromOrgId, req.toOrgId] : [req.toOrgId, req.fromOrgId];
  const fair = await db().fair.findUniqueOrThrow({ where: { id: req.fairId }, select: { timeZone: true } });
  const notice = { ...(await orgNames(req.toOrgId)), startsAt: slot.startsAt.toISOString(), timeZone: fair.timeZone };
  for (let attempt = 0; ; attempt++) {
    try {
      const { meeting, rows } = await bookSlot(user, req, slot, investorOrgId, exhibitorOrgId, notice);
      publish(rows);
      return meeting;
    } catch (err) {
      if (isOverlapViolation(err)) throw new DomainError("meetings.error.slotTaken", 409);
      if (isRetryableConflict(err) && attempt < 8) {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
        continue;
      }
      throw err;
    }
  }
}

async function bookSlot(
  user: SessionUser,
  req: { id: string; fairId: string; projectId: string | null; fromUserId: string },
  slot: { startsAt: Date; endsAt: Date },
  investorOrgId: string,
  exhibitorOrgId: string,
  notice: NotificationData,
) {
  {
    // The requester's "accepted" notification is written in the booking's own transaction: a
    // second transaction after commit could fail to get a connection under a burst and turn a
    // booked meeting into an error for the person who booked it.
    return await db().$transaction(
      async (tx) => {
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
              create: [req.fromUserId, user.id].map((userId) => ({
                userId,
                startsAt: slot.startsAt,
                endsAt: slot.endsAt,
              })),
            },
          },
        });
        await audit(
          {
            actorId: user.id,
            action: "meeting.accept",
            entityType: "Meeting",
            entityId: meeting.id,
            after: { requestId: req.id, startsAt: slot.startsAt },
          },
          tx,
        );
        const rows = await notify(tx, [req.fromUserId], "meeting.accepted", { ...notice, meetingId: meeting.id });
        return { meeting, rows };
      },
      { maxWait: 30_000, timeout: 15_000 },
    ); // bursts of accepts queue for pooled connections
  }
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

/** Requests to and from the user's organization, and the user's meetings, for the agenda page. */
const MEETING_FAIR = { fair: { select: { timeZone: true, titleZh: true, titleEn: true } } } as const;

export async function agenda(user: SessionUser) {
  const cutoff = new Date(Date.now() - 7 * 864e5);
  const orgIds = user.memberships.map((m) => m.organizationId);
  const [incoming, outgoing, meetings, past] = await Promise.all([
    db().meetingRequest.findMany({
      where: { toOrgId: { in: orgIds }, status: "PENDING" },
      include: { slots: { orderBy: { startsAt: "asc" } }, fair: { select: { timeZone: true } } },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    db().meetingRequest.findMany({
      where: { fromUserId: user.id },
      include: { slots: { orderBy: { startsAt: "asc" } }, fair: { select: { timeZone: true } } },
      orderBy: { createdAt: "desc" },
      take: 50,
    }),
    // Upcoming and recent meetings (recent: outcome forms stay editable for a week) in time order…
    db().meeting.findMany({
      where: { participants: { some: { userId: user.id } }, endsAt: { gte: cutoff } },
      include: MEETING_FAIR,
      orderBy: { startsAt: "asc" },
      take: 100,
    }),
    // …and older ones, newest first, separately.
    db().meeting.findMany({
      where: { participants: { some: { userId: user.id } }, endsAt: { lt: cutoff } },
      include: MEETING_FAIR,
      orderBy: { startsAt: "desc" },
      take: 50,
    }),
  ]);
  const names = new Map(
    (
      await db().organization.findMany({
        where: {
          id: {
            in: [
              ...incoming.map((r) => r.fromOrgId),
              ...outgoing.map((r) => r.toOrgId),
              ...[...meetings, ...past].flatMap((m) => [m.investorOrgId, m.exhibitorOrgId]),
            ],
          },
        },
        select: { id: true, nameZh: true, nameEn: true },
      })
    ).map((o) => [o.id, o]),
  );
  const org = (id: string) => ({ nameZh: names.get(id)?.nameZh ?? "", nameEn: names.get(id)?.nameEn ?? "" });
  const view = (m: (typeof meetings)[number]) => ({
    id: m.id,
    fairId: m.fairId,
    status: m.status,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    timeZone: m.fair.timeZone,
    cancelReason: m.cancelReason,
    counterpart: org(orgIds.includes(m.investorOrgId) ? m.exhibitorOrgId : m.investorOrgId),
  });
  const slots = (r: { slots: { id: string; startsAt: Date; endsAt: Date }[] }) =>
    r.slots.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));
  return {
    incoming: incoming.map((r) => ({
      id: r.id,
      fairId: r.fairId,
      from: org(r.fromOrgId),
      message: r.message,
      timeZone: r.fair.timeZone,
      slots: slots(r),
    })),
    outgoing: outgoing.map((r) => ({
      id: r.id,
      to: org(r.toOrgId),
      status: r.status,
      declineReason: r.declineReason,
      timeZone: r.fair.timeZone,
      slots: slots(r),
    })),
    meetings: meetings.map(view),
    past: past.map(view),
  };
}

export type MeetingForCalendar = Prisma.MeetingGetPayload<{ include: { fair: true } }>;

/** Future slots of the given fairs, for reschedule and counter-proposal pickers. */
export async function futureSlotsOf(fairIds: string[]): Promise<Record<string, string[]>> {
  const fairs = await db().fair.findMany({ where: { id: { in: [...new Set(fairIds)] } } });
  return Object.fromEntries(fairs.map((f) => [f.id, futureSlots(f).map(slotKey)]));
}

/** A participant's meeting for its .ics file (404 for everyone else). */
export async function meetingForCalendar(
  user: SessionUser,
  meetingId: string,
): Promise<MeetingForCalendar & { counterpartZh: string; counterpartEn: string }> {
  const m = await db().meeting.findFirst({
    where: { id: meetingId, participants: { some: { userId: user.id } } },
    include: { fair: true },
  });
  if (!m) throw new DomainError("errorPage.404.title", 404);
  const mine = user.memberships.map((x) => x.organizationId);
  const other = await db().organization.findUniqueOrThrow({
    where: { id: mine.includes(m.investorOrgId) ? m.exhibitorOrgId : m.investorOrgId },
  });
  return { ...m, counterpartZh: other.nameZh, counterpartEn: other.nameEn };
}

/** What the booth page needs to offer "request a meeting": the fair's future slots and projects. */
export async function meetingOptionsForBooth(user: SessionUser | null, boothId: string) {
  if (!user || !user.memberships.some((m) => m.role === "INVESTOR")) return null;
  const booth = await db().booth.findUnique({
    where: { id: boothId },
    include: { fair: true, projects: { select: { id: true, titleZh: true, titleEn: true } } },
  });
  if (!booth || !booth.isPublic) return null;
  const slots = futureSlots(booth.fair);
  return {
    fairId: booth.fairId,
    toOrgId: booth.organizationId,
    timeZone: booth.fair.timeZone,
    slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    projects: booth.projects,
  };
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

/** For an exhibitor inviting an investor: the exhibitor's public booth's fair slots and projects. */
export async function meetingOptionsForInvestor(user: SessionUser, investorOrgId: string) {
  const exhibitorOrgs = user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);
  if (exhibitorOrgs.length === 0) throw new DomainError("errorPage.403.title", 403);
  const investor = await db().organization.findUnique({
    where: { id: investorOrgId },
    select: { id: true, kind: true, nameZh: true, nameEn: true },
  });
  if (!investor || investor.kind !== "INVESTOR") throw new DomainError("errorPage.404.title", 404);
  const booth = await db().booth.findFirst({
    where: { organizationId: { in: exhibitorOrgs }, isPublic: true },
    include: { fair: true, projects: { select: { id: true, titleZh: true, titleEn: true } } },
    orderBy: { createdAt: "desc" },
  });
  if (!booth) throw new DomainError("meetings.error.noPublicBooth", 409);
  return {
    investor,
    fairId: booth.fairId,
    toOrgId: investor.id,
    timeZone: booth.fair.timeZone,
    slots: futureSlots(booth.fair).map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    projects: booth.projects,
  };
}
