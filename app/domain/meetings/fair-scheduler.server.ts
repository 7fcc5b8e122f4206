// Staff auto-scheduling of a fair: pending meeting requests become a proposed schedule (pure
// matching/schedule solver), staff review it, publishing books every meeting through the same
// path as a manual accept (exclusion constraint, notifications, audit).
import { scheduleMeetings } from "../../../matching/schedule";
import { toSessionUser, type SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { fairSlots, slotKey } from "./slots";
import { notify, publish } from "~/domain/notifications/notifications.server";
import { bookingOf, bookSlot, inBookingTransaction } from "./booking.server";
import { orgNames } from "./org-names.server";
import { availabilityByUser } from "./availability.server";

interface Assignment {
  requestId: string;
  startsAt: string;
  endsAt: string;
  weight: number;
}
interface Unscheduled {
  requestId: string;
  reason: string;
}

/**
 * Parties are people. The requester is available in the slots they proposed (in any of their
 * pending requests), the recipient side in every slot of the fair; both minus meetings they already
 * have. Weight = the pair's match score when there is one, else a neutral 0.5.
 */
export async function proposeSchedule(staff: SessionUser, fairId: string) {
  const fair = await db().fair.findUnique({ where: { id: fairId } });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  const grid = fairSlots(fair);
  if (grid.length === 0) throw new DomainError("schedule.error.noSlots", 409);
  const requests = await db().meetingRequest.findMany({
    where: { fairId, status: "PENDING" },
    include: { slots: true },
  });
  const recipients = new Map<string, string>();
  for (const orgId of new Set(requests.map((r) => r.toOrgId))) {
    const m = await db().membership.findFirst({
      where: { organizationId: orgId, role: { in: ["EXHIBITOR", "INVESTOR"] } },
      orderBy: { createdAt: "asc" },
    });
    if (m) recipients.set(orgId, m.userId);
  }
  const people = new Set<string>([...requests.map((r) => r.fromUserId), ...recipients.values()]);
  const busy = await db().meetingParticipant.findMany({
    where: {
      userId: { in: [...people] },
      active: true,
      startsAt: { lt: grid.at(-1)!.endsAt },
      endsAt: { gt: grid[0].startsAt },
    },
  });
  const busyAt = new Set(busy.map((b) => `${b.userId}|${slotKey(b)}`));
  const proposed = new Map<string, Set<string>>();
  for (const r of requests)
    for (const s of r.slots) proposed.set(r.fromUserId, (proposed.get(r.fromUserId) ?? new Set()).add(slotKey(s)));
  const allSlots = grid.map(slotKey);
  // Marked availability wins; otherwise requesters are free when they proposed, recipients always.
  const marked = await availabilityByUser(fairId, [...people]);
  const freeSlots = (p: string) =>
    marked.get(p) ? [...marked.get(p)!] : proposed.get(p) ? [...proposed.get(p)!] : allSlots;
  const availability = [...people].map((p) => ({
    party: p,
    slots: freeSlots(p).filter((k) => !busyAt.has(`${p}|${k}`)),
  }));
  const scores = await db().recommendation.findMany({
    where: {
      direction: "FOR_INVESTOR",
      projectId: { in: requests.map((r) => r.projectId).filter((x): x is string => !!x) },
    },
  });
  const score = (r: (typeof requests)[number]) =>
    scores.find(
      (s) => s.projectId === r.projectId && (s.investorOrgId === r.fromOrgId || s.investorOrgId === r.toOrgId),
    )?.score ?? 0.5;
  const usable = requests.filter((r) => recipients.has(r.toOrgId) && recipients.get(r.toOrgId) !== r.fromUserId);
  const result = scheduleMeetings({
    requests: usable.map((r) => ({
      id: r.id,
      a: r.fromUserId,
      b: recipients.get(r.toOrgId)!,
      weight: Math.max(0.01, score(r)),
    })),
    availability,
    slots: allSlots.map((id) => ({ id })),
  });
  const bySlot = new Map(grid.map((s) => [slotKey(s), s]));
  const assignments: Assignment[] = result.meetings.map((m) => ({
    requestId: m.id!,
    startsAt: String(m.slot),
    endsAt: bySlot.get(String(m.slot))!.endsAt.toISOString(),
    weight: m.weight,
  }));
  const unscheduled: Unscheduled[] = result.unscheduled.map((u) => ({ requestId: u.id!, reason: u.reason }));
  const stats = {
    requests: requests.length,
    scheduled: assignments.length,
    unscheduled: unscheduled.length,
    totalWeight: result.totalWeight,
    ms: result.stats.ms,
  };
  return db().$transaction(async (tx) => {
    const p = await tx.scheduleProposal.create({
      data: {
        fairId,
        createdById: staff.id,
        assignments: assignments as unknown as Prisma.InputJsonValue,
        unscheduled: unscheduled as unknown as Prisma.InputJsonValue,
        stats,
      },
    });
    await audit(
      {
        actorId: staff.id,
        action: "schedule.propose",
        entityType: "Fair",
        entityId: fairId,
        after: { proposal: p.id, ...stats },
      },
      tx,
    );
    return p;
  });
}

export async function latestProposal(fairId: string) {
  const p = await db().scheduleProposal.findFirst({ where: { fairId }, orderBy: { createdAt: "desc" } });
  if (!p) return null;
  const assignments = p.assignments as unknown as Assignment[];
  const unscheduled = p.unscheduled as unknown as Unscheduled[];
  const reqs = await db().meetingRequest.findMany({
    where: { id: { in: [...assignments, ...unscheduled].map((a) => a.requestId) } },
    select: { id: true, fromOrgId: true, toOrgId: true, status: true },
  });
  const orgs = new Map(
    (
      await db().organization.findMany({
        where: { id: { in: reqs.flatMap((r) => [r.fromOrgId, r.toOrgId]) } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    ).map((o) => [o.id, o]),
  );
  const pair = (requestId: string) => {
    const r = reqs.find((x) => x.id === requestId);
    return { from: orgs.get(r?.fromOrgId ?? ""), to: orgs.get(r?.toOrgId ?? "") };
  };
  return {
    id: p.id,
    status: p.status,
    stats: p.stats as Record<string, number>,
    createdAt: p.createdAt.toISOString(),
    assignments: assignments.map((a) => ({ ...a, ...pair(a.requestId) })),
    unscheduled: unscheduled.map((u) => ({ ...u, ...pair(u.requestId) })),
  };
}

/**
 * Books every proposed meeting as the recipient accepting the slot (the same exclusion-protected
 * path as a manual accept), one transaction per meeting: both people's notifications are written
 * in it and published after its commit. A request that is no longer pending or whose slot was
 * taken meanwhile is counted as failed; any other error stops publishing and propagates.
 */
export async function publishProposal(staff: SessionUser, fairId: string, proposalId: string) {
  const p = await db().scheduleProposal.findFirst({ where: { id: proposalId, fairId } });
  if (!p) throw new DomainError("errorPage.404.title", 404);
  if (p.status !== "DRAFT") throw new DomainError("schedule.error.published", 409);
  // Claim the draft (publishedAt set while still DRAFT): a second, concurrent publish finds it taken
  // and books nothing twice. An unexpected error releases the claim so staff can publish again.
  const claim = await db().scheduleProposal.updateMany({
    where: { id: p.id, status: "DRAFT", publishedAt: null },
    data: { publishedAt: new Date() },
  });
  if (claim.count === 0) throw new DomainError("schedule.error.published", 409);
  try {
    return await bookProposal(staff, fairId, p);
  } catch (err) {
    await db().scheduleProposal.updateMany({ where: { id: p.id, status: "DRAFT" }, data: { publishedAt: null } });
    throw err;
  }
}

async function bookProposal(
  staff: SessionUser,
  fairId: string,
  p: { id: string; assignments: Prisma.JsonValue },
): Promise<{ booked: number; failed: number }> {
  const fair = await db().fair.findUniqueOrThrow({ where: { id: fairId }, select: { timeZone: true } });
  let booked = 0;
  const failed: string[] = [];
  for (const a of p.assignments as unknown as Assignment[]) {
    const req = await db().meetingRequest.findUnique({ where: { id: a.requestId }, include: { slots: true } });
    if (!req || req.status !== "PENDING") {
      failed.push(a.requestId);
      continue;
    }
    const recipient = await db().membership.findFirst({
      where: { organizationId: req.toOrgId, role: { in: ["EXHIBITOR", "INVESTOR"] } },
      orderBy: { createdAt: "asc" },
      include: { user: { include: { memberships: true } } },
    });
    if (!recipient) {
      failed.push(a.requestId);
      continue;
    }
    const slot = { startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) };
    const booking = await bookingOf(toSessionUser(recipient.user), req, slot);
    const notice = { ...(await orgNames(req.fromOrgId)), startsAt: a.startsAt, timeZone: fair.timeZone };
    try {
      const rows = await inBookingTransaction(async (tx) => {
        // The chosen slot becomes one of the request's slots if the requester left it open.
        if (!req.slots.some((s) => s.startsAt.toISOString() === a.startsAt))
          await tx.proposedSlot.create({ data: { requestId: req.id, ...slot } });
        const accepted = await bookSlot(tx, booking);
        const told = await notify(tx, [recipient.userId], "meeting.scheduled", {
          ...notice,
          meetingId: accepted.meeting.id,
        });
        return [...accepted.rows, ...told];
      });
      publish(rows);
      booked++;
    } catch (err) {
      // Taken meanwhile ("slot just taken") or answered meanwhile ("no longer pending").
      if (!(err instanceof DomainError)) throw err;
      failed.push(a.requestId);
    }
  }
  await db().$transaction(async (tx) => {
    await tx.scheduleProposal.update({ where: { id: p.id }, data: { status: "PUBLISHED" } });
    await audit(
      {
        actorId: staff.id,
        action: "schedule.publish",
        entityType: "Fair",
        entityId: fairId,
        after: { proposal: p.id, booked, failed: failed.length },
      },
      tx,
    );
  });
  return { booked, failed: failed.length };
}
