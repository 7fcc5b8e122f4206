// The demo's practice negotiation: on every start of the demo, investor01 and exhibitor01 get a
// meeting that is open right now (started 5 minutes ago, 60 minutes long) unless they already
// have one, so the video room can be tried at once (two browsers, the two demo logins).
import type { Db } from "../../app/db/client.server.ts";
import { DEMO_DOMAIN, DEMO_FAIR_SLUG } from "./demo-fair.ts";

const MIN = 60_000;

export async function ensurePracticeMeeting(db: Db, now = new Date()): Promise<string | null> {
  const fair = await db.fair.findUnique({ where: { slug: DEMO_FAIR_SLUG }, select: { id: true } });
  const member = (email: string, role: "INVESTOR" | "EXHIBITOR") =>
    db.membership.findFirst({ where: { role, user: { email: `${email}@${DEMO_DOMAIN}` } } });
  const [inv, exh] = await Promise.all([member("investor01", "INVESTOR"), member("exhibitor01", "EXHIBITOR")]);
  if (!fair || !inv || !exh) return null;
  const startsAt = new Date(now.getTime() - 5 * MIN);
  const endsAt = new Date(startsAt.getTime() + 60 * MIN);
  const busy = await db.meetingParticipant.findFirst({
    where: { userId: { in: [inv.userId, exh.userId] }, active: true, startsAt: { lt: endsAt }, endsAt: { gt: now } },
  });
  if (busy) return busy.meetingId;
  const m = await db.meeting.create({
    data: {
      fairId: fair.id,
      investorOrgId: inv.organizationId,
      exhibitorOrgId: exh.organizationId,
      startsAt,
      endsAt,
      attendanceSettledAt: now, // a practice room: never marked no-show
      participants: { create: [inv.userId, exh.userId].map((userId) => ({ userId, startsAt, endsAt })) },
    },
  });
  return m.id;
}
