// What each role's dashboard shows. Each query is scoped to the signed-in user's organizations.
import { accessibleFairs } from "~/auth/fair-access.server";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { Prisma, type ProjectStage } from "~/generated/prisma/client";

const orgIds = (user: SessionUser, role: "EXHIBITOR" | "INVESTOR") =>
  user.memberships.filter((m) => m.role === role).map((m) => m.organizationId);

export async function exhibitorDashboard(user: SessionUser) {
  const booths = await db().booth.findMany({
    where: { organizationId: { in: orgIds(user, "EXHIBITOR") } },
    orderBy: { createdAt: "desc" },
    include: {
      fair: { select: { slug: true, titleZh: true, titleEn: true } },
      hall: { select: { nameZh: true, nameEn: true } },
      organization: { select: { nameZh: true, nameEn: true } },
      _count: { select: { projects: true } },
    },
  });
  return booths.map((b) => ({
    id: b.id,
    status: b.status,
    paymentStatus: b.paymentStatus,
    isPublic: b.isPublic,
    orgZh: b.organization.nameZh,
    orgEn: b.organization.nameEn,
    fair: b.fair,
    hall: b.hall,
    projects: b._count.projects,
  }));
}

export async function investorDashboard(user: SessionUser) {
  const ids = orgIds(user, "INVESTOR");
  if (ids.length === 0) return null;
  // One raw statement on the dashboard's hot path (ADR 033); the first profile by creation if the
  // user invests through several organizations.
  const [profile] = await db().$queryRaw<
    {
      orgZh: string;
      orgEn: string;
      sectors: string[];
      stages: ProjectStage[];
      regions: string[];
      ticketMin: bigint;
      ticketMax: bigint;
      currency: string;
      thesisZh: string;
      thesisEn: string;
    }[]
  >`
    SELECT o."nameZh" AS "orgZh", o."nameEn" AS "orgEn", p.sectors, p.stages::text[] AS stages, p.regions,
           p."ticketMin", p."ticketMax", p.currency, p."thesisZh", p."thesisEn"
    FROM "InvestorProfile" p
    JOIN "Organization" o ON o.id = p."organizationId"
    WHERE p."organizationId" IN (${Prisma.join(ids)})
    ORDER BY p."createdAt", p.id
    LIMIT 1`;
  if (!profile) return null;
  return { ...profile, ticketMin: Number(profile.ticketMin), ticketMax: Number(profile.ticketMax) };
}

/** The fairs this staff member may run: their own bureau's (admins: all), with booth counts. */
export async function staffOverview(user: SessionUser) {
  // The same rule as requireFairStaff (ADR 028), so the list never links to a page that would answer 403.
  const access = await accessibleFairs(user);
  const all = await db().fair.findMany({
    where: { id: { in: [...access.keys()] } },
    orderBy: { startsAt: "desc" },
    select: { id: true, slug: true, titleZh: true, titleEn: true, status: true },
  });
  const fairs = all.map((f) => ({ ...f, relation: access.get(f.id)!.relation, can: access.get(f.id)!.can }));
  const counts = await db().booth.groupBy({
    by: ["fairId", "status"],
    where: { fairId: { in: fairs.map((f) => f.id) } },
    _count: { _all: true },
  });
  return fairs.map((f) => {
    const of = counts.filter((c) => c.fairId === f.id);
    const n = (s?: string) => of.filter((c) => !s || c.status === s).reduce((a, c) => a + c._count._all, 0);
    return { ...f, approved: n("APPROVED"), pending: n("SUBMITTED"), total: n() };
  });
}

/** Published/live fairs still taking booth applications that the exhibitor has not applied to. */
export async function openFairsFor(user: SessionUser) {
  const orgs = orgIds(user, "EXHIBITOR");
  const fairs = await db().fair.findMany({
    where: {
      status: { in: ["PUBLISHED", "LIVE"] },
      OR: [{ applicationDeadline: null }, { applicationDeadline: { gt: new Date() } }],
      booths: { none: { organizationId: { in: orgs } } },
    },
    orderBy: { startsAt: "asc" },
    select: { slug: true, titleZh: true, titleEn: true },
  });
  return fairs;
}
