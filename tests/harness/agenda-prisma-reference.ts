// The agenda's reads as Prisma operations, before they became two raw statements (ADR 033): the
// reference the raw reads are compared with (tests/integration/agenda-links.test.ts). Ties in the
// orderings are broken by id, as the raw statements do.
// What the agenda page reads: requests to and from the user's organization, the user's meetings,
// and the slots its reschedule and counter-proposal pickers offer.
import type { SessionUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { bookedTimes, overlaps } from "../../app/domain/meetings/agenda.server.ts";
import { outcomeOpen } from "../../app/domain/meetings/outcomes.server.ts";

const MEETING_FAIR = { fair: { select: { timeZone: true, titleZh: true, titleEn: true } } } as const;

/** Requests to and from the user's organization, and the user's meetings, for the agenda page. */
export async function agendaByPrisma(user: SessionUser, now = new Date()) {
  const cutoff = new Date(now.getTime() - 7 * 864e5);
  const orgIds = user.memberships.map((m) => m.organizationId);
  const [incoming, outgoing, meetings, past] = await Promise.all([
    db().meetingRequest.findMany({
      where: { toOrgId: { in: orgIds }, status: "PENDING" },
      include: { slots: { orderBy: [{ startsAt: "asc" }, { id: "asc" }] }, fair: { select: { timeZone: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
    }),
    db().meetingRequest.findMany({
      where: { fromUserId: user.id },
      include: { slots: { orderBy: [{ startsAt: "asc" }, { id: "asc" }] }, fair: { select: { timeZone: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
    }),
    // Upcoming and recent meetings (recent: outcome forms stay editable for a week) in time order…
    db().meeting.findMany({
      where: { participants: { some: { userId: user.id } }, endsAt: { gte: cutoff } },
      include: MEETING_FAIR,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      take: 100,
    }),
    // …and older ones, newest first, separately.
    db().meeting.findMany({
      where: { participants: { some: { userId: user.id } }, endsAt: { lt: cutoff } },
      include: MEETING_FAIR,
      orderBy: [{ startsAt: "desc" }, { id: "desc" }],
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
  const busy = await bookedTimes(
    [user.id, ...incoming.map((r) => r.fromUserId)],
    incoming.flatMap((r) => r.slots),
  );
  // Who is already booked when a proposed slot would run: accepting books the viewer and the requester.
  const takenBy = (requesterId: string, s: { startsAt: Date; endsAt: Date }) =>
    overlaps(busy.get(user.id), s) ? "you" : overlaps(busy.get(requesterId), s) ? "them" : null;
  const org = (id: string) => ({ nameZh: names.get(id)?.nameZh ?? "", nameEn: names.get(id)?.nameEn ?? "" });
  const view = (m: (typeof meetings)[number]) => ({
    id: m.id,
    fairId: m.fairId,
    status: m.status,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    timeZone: m.fair.timeZone,
    cancelReason: m.cancelReason,
    /** The outcome form accepts a record now (the rule `saveOutcome` enforces). */
    outcomeOpen: outcomeOpen(m, now),
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
      slots: r.slots.map((s) => ({
        id: s.id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        /** Already booked by another meeting of the viewer ("you") or of the requester ("them"). */
        takenBy: takenBy(r.fromUserId, s),
      })),
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
