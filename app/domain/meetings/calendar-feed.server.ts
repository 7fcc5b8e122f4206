// Which meetings a calendar may read: one meeting's .ics for its participants, and the private
// per-user feed /calendar/<token>.ics. The token is random, shown once, stored only as a hash;
// issuing a new one revokes the old URL.
import { createHash, randomBytes } from "node:crypto";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import type { MeetingForCalendar } from "./calendar.server";

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

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueFeedToken(user: SessionUser): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db().user.update({ where: { id: user.id }, data: { calendarTokenHash: hash(token) } });
  return token;
}

export async function hasFeed(user: SessionUser): Promise<boolean> {
  return !!(await db().user.findUnique({ where: { id: user.id }, select: { calendarTokenHash: true } }))
    ?.calendarTokenHash;
}

/** The feed owner's meetings with counterpart names, or 404 for an unknown or revoked token. */
export async function meetingsForFeed(token: string) {
  if (!/^[\w-]{20,64}$/.test(token)) throw new DomainError("errorPage.404.title", 404);
  const user = await db().user.findUnique({
    where: { calendarTokenHash: hash(token) },
    include: { memberships: true },
  });
  if (!user) throw new DomainError("errorPage.404.title", 404);
  const mine = user.memberships.map((m) => m.organizationId);
  const meetings = await db().meeting.findMany({
    where: { participants: { some: { userId: user.id } } },
    include: { fair: true },
    orderBy: { startsAt: "asc" },
    take: 500,
  });
  const others = new Map(
    (
      await db().organization.findMany({
        where: { id: { in: meetings.flatMap((m) => [m.investorOrgId, m.exhibitorOrgId]) } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    ).map((o) => [o.id, o]),
  );
  return meetings.map((m) => {
    const other = others.get(mine.includes(m.investorOrgId) ? m.exhibitorOrgId : m.investorOrgId);
    return { ...m, counterpartZh: other?.nameZh ?? "", counterpartEn: other?.nameEn ?? "" };
  });
}
