// What the agenda page reads: requests to and from the user's organization, the user's meetings,
// and the slots its reschedule and counter-proposal pickers offer.
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { readTogether } from "~/db/read-together.server";
import { publicFairTitlesRead, toPublicFairTitles } from "~/domain/fairs/fairs.server";
import { Prisma, type MeetingStatus, type RequestStatus } from "~/generated/prisma/client";
import { outcomeOpen } from "./outcomes.server";
import { futureSlots, slotKey, type SlotGrid } from "./slots";

type Slot = { id: string; startsAt: Date; endsAt: Date };
/** The fair's slot grid (its time zone is the row's own `timeZone`), for the pickers' future slots. */
type GridColumns = Omit<SlotGrid, "timeZone">;
type RequestRow = GridColumns & {
  incoming: boolean;
  id: string;
  fairId: string;
  fromUserId: string;
  fromOrgId: string;
  toOrgId: string;
  message: string;
  status: RequestStatus;
  declineReason: string | null;
  timeZone: string;
  fromZh: string | null;
  fromEn: string | null;
  toZh: string | null;
  toEn: string | null;
  /** json_agg: timestamps arrive as ISO strings. */
  slots: { id: string; startsAt: string; endsAt: string }[];
};
type MeetingRow = GridColumns & {
  upcoming: boolean;
  id: string;
  fairId: string;
  investorOrgId: string;
  exhibitorOrgId: string;
  /** Through JSON (readTogether), ISO strings. */
  startsAt: Date | string;
  endsAt: Date | string;
  status: MeetingStatus;
  cancelReason: string | null;
  timeZone: string;
  investorZh: string | null;
  investorEn: string | null;
  exhibitorZh: string | null;
  exhibitorEn: string | null;
};

/** The fair's columns every agenda row carries: its time zone and slot grid. */
const FAIR_COLUMNS = Prisma.sql`f."timeZone", f."meetingDays", f."sessionStart", f."sessionEnd", f."slotMinutes"`;

/**
 * The agenda's requests (pending ones to the user's organizations and the user's own, newest first,
 * 50 each) with their slots in time order, the fair's time zone and grid and both organizations'
 * names: one raw read for what were three Prisma operations (ADR 033).
 */
function agendaRequestsRead(user: SessionUser, orgIds: string[]) {
  const toMine = orgIds.length ? Prisma.sql`r."toOrgId" IN (${Prisma.join(orgIds)})` : Prisma.sql`false`;
  // Columns named, not `r.*`: a statement expanding `*` is not prepared (ADR 038).
  const cols = Prisma.sql`r.id, r."fairId", r."fromUserId", r."fromOrgId", r."toOrgId", r.message, r.status,
    r."declineReason", r."createdAt"`;
  return Prisma.sql`
    SELECT q.incoming, q.id, q."fairId", q."fromUserId", q."fromOrgId", q."toOrgId", q.message, q.status::text AS status,
      q."declineReason", ${FAIR_COLUMNS}, fo."nameZh" AS "fromZh", fo."nameEn" AS "fromEn", t."nameZh" AS "toZh",
      t."nameEn" AS "toEn",
      COALESCE(
        (SELECT json_agg(json_build_object('id', s.id, 'startsAt', s."startsAt", 'endsAt', s."endsAt")
           ORDER BY s."startsAt", s.id)
         FROM "ProposedSlot" s WHERE s."requestId" = q.id),
        '[]'::json
      ) AS slots
    FROM (
      (SELECT true AS incoming, ${cols} FROM "MeetingRequest" r
       WHERE ${toMine} AND r.status = 'PENDING' ORDER BY r."createdAt" DESC, r.id DESC LIMIT 50)
      UNION ALL
      (SELECT false AS incoming, ${cols} FROM "MeetingRequest" r
       WHERE r."fromUserId" = ${user.id} ORDER BY r."createdAt" DESC, r.id DESC LIMIT 50)
    ) q
    JOIN "Fair" f ON f.id = q."fairId"
    LEFT JOIN "Organization" fo ON fo.id = q."fromOrgId"
    LEFT JOIN "Organization" t ON t.id = q."toOrgId"
    ORDER BY q.incoming DESC, q."createdAt" DESC, q.id DESC`;
}

/**
 * The user's meetings: ending after `cutoff` in time order (100), and older ones newest first (50),
 * with the fair's time zone and grid and both organizations' names; one raw read (was three Prisma
 * operations).
 */
function agendaMeetingsRead(user: SessionUser, cutoff: Date) {
  const mine = Prisma.sql`EXISTS (SELECT 1 FROM "MeetingParticipant" p WHERE p."meetingId" = m.id AND p."userId" = ${user.id})`;
  const cols = Prisma.sql`m.id, m."fairId", m."investorOrgId", m."exhibitorOrgId", m."startsAt", m."endsAt", m.status, m."cancelReason"`;
  return Prisma.sql`
    SELECT q.upcoming, q.id, q."fairId", q."investorOrgId", q."exhibitorOrgId", q."startsAt", q."endsAt",
      q.status::text AS status, q."cancelReason", ${FAIR_COLUMNS}, io."nameZh" AS "investorZh", io."nameEn" AS "investorEn",
      eo."nameZh" AS "exhibitorZh", eo."nameEn" AS "exhibitorEn"
    FROM (
      (SELECT true AS upcoming, ${cols} FROM "Meeting" m
       WHERE ${mine} AND m."endsAt" >= ${cutoff} ORDER BY m."startsAt" ASC, m.id ASC LIMIT 100)
      UNION ALL
      (SELECT false AS upcoming, ${cols} FROM "Meeting" m
       WHERE ${mine} AND m."endsAt" < ${cutoff} ORDER BY m."startsAt" DESC, m.id DESC LIMIT 50)
    ) q
    JOIN "Fair" f ON f.id = q."fairId"
    LEFT JOIN "Organization" io ON io.id = q."investorOrgId"
    LEFT JOIN "Organization" eo ON eo.id = q."exhibitorOrgId"
    ORDER BY q.upcoming DESC,
      CASE WHEN q.upcoming THEN q."startsAt" END ASC, CASE WHEN q.upcoming THEN q.id END ASC,
      q."startsAt" DESC, q.id DESC`;
}

/** The reads of `agenda`, for readTogether. */
function agendaReads(user: SessionUser, now: Date) {
  const orgIds = user.memberships.map((m) => m.organizationId);
  return {
    requests: agendaRequestsRead(user, orgIds),
    meetings: agendaMeetingsRead(user, new Date(now.getTime() - 7 * 864e5)),
  };
}

/** Requests to and from the user's organization, and the user's meetings: one statement. */
export async function agenda(user: SessionUser, now = new Date()) {
  const rows = await readTogether(agendaReads(user, now));
  return (await agendaOf(user, now, rows)).view;
}

/**
 * The agenda page: `agenda`, the public fairs (its fair picker) and the future slots of the fairs of
 * its upcoming meetings and incoming requests (the reschedule and counter-proposal pickers), in one
 * statement where they were five.
 */
export async function agendaPage(user: SessionUser, now = new Date()) {
  const rows = await readTogether({ ...agendaReads(user, now), fairs: publicFairTitlesRead() });
  const { view, grids } = await agendaOf(user, now, rows);
  const slots = Object.fromEntries(
    [...grids].map(([fairId, grid]) => [fairId, futureSlots(grid, now.getTime()).map(slotKey)]),
  );
  return { ...view, slots, fairs: toPublicFairTitles(rows.fairs) };
}

/** The agenda's view of its rows, and the slot grids of its upcoming meetings' and incoming requests' fairs. */
async function agendaOf(user: SessionUser, now: Date, rows: { requests: unknown[]; meetings: unknown[] }) {
  const orgIds = user.memberships.map((m) => m.organizationId);
  const requests = (rows.requests as RequestRow[]).map((r) => ({
    ...r,
    slots: r.slots.map((s): Slot => ({ id: s.id, startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
  }));
  const allMeetings = (rows.meetings as MeetingRow[]).map((m) => ({
    ...m,
    startsAt: new Date(m.startsAt),
    endsAt: new Date(m.endsAt),
  }));
  const incoming = requests.filter((r) => r.incoming);
  const outgoing = requests.filter((r) => !r.incoming);
  // Upcoming and recent meetings (recent: outcome forms stay editable for a week) in time order…
  const meetings = allMeetings.filter((m) => m.upcoming);
  // …and older ones, newest first, separately.
  const past = allMeetings.filter((m) => !m.upcoming);
  const names = new Map<string, { nameZh: string | null; nameEn: string | null }>();
  for (const r of requests) {
    names.set(r.fromOrgId, { nameZh: r.fromZh, nameEn: r.fromEn });
    names.set(r.toOrgId, { nameZh: r.toZh, nameEn: r.toEn });
  }
  for (const m of allMeetings) {
    names.set(m.investorOrgId, { nameZh: m.investorZh, nameEn: m.investorEn });
    names.set(m.exhibitorOrgId, { nameZh: m.exhibitorZh, nameEn: m.exhibitorEn });
  }
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
    timeZone: m.timeZone,
    cancelReason: m.cancelReason,
    /** The outcome form accepts a record now (the rule `saveOutcome` enforces). */
    outcomeOpen: outcomeOpen(m, now),
    counterpart: org(orgIds.includes(m.investorOrgId) ? m.exhibitorOrgId : m.investorOrgId),
  });
  const slots = (r: { slots: { id: string; startsAt: Date; endsAt: Date }[] }) =>
    r.slots.map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() }));
  const agendaView = {
    incoming: incoming.map((r) => ({
      id: r.id,
      fairId: r.fairId,
      from: org(r.fromOrgId),
      message: r.message,
      timeZone: r.timeZone,
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
      timeZone: r.timeZone,
      slots: slots(r),
    })),
    meetings: meetings.map(view),
    past: past.map(view),
  };
  const grids = new Map<string, SlotGrid>();
  for (const r of [...meetings, ...incoming]) grids.set(r.fairId, r);
  return { view: agendaView, grids };
}

type Span = { startsAt: Date; endsAt: Date };
export const overlaps = (spans: Span[] | undefined, s: Span) =>
  !!spans?.some((b) => b.startsAt < s.endsAt && s.startsAt < b.endsAt);

/** The active bookings (as the no-overlap constraint sees them) of these people around these slots. */
export async function bookedTimes(userIds: string[], slots: Span[]): Promise<Map<string, Span[]>> {
  const busy = new Map<string, Span[]>();
  if (slots.length === 0) return busy;
  const from = new Date(Math.min(...slots.map((s) => s.startsAt.getTime())));
  const to = new Date(Math.max(...slots.map((s) => s.endsAt.getTime())));
  const rows = await db().meetingParticipant.findMany({
    where: { userId: { in: [...new Set(userIds)] }, active: true, startsAt: { lt: to }, endsAt: { gt: from } },
    select: { userId: true, startsAt: true, endsAt: true },
  });
  for (const r of rows) busy.set(r.userId, [...(busy.get(r.userId) ?? []), r]);
  return busy;
}
