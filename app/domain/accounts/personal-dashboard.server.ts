// What each role's dashboard shows. Each query is scoped to the signed-in user's organizations.
import { accessibleFairs } from "~/auth/fair-access.server";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { readTogether } from "~/db/read-together.server";
import { bookmarksRead, toBookmarks } from "~/domain/booths/engagement.server";
import {
  investorRecommendationsRead,
  toInvestorRecommendations,
} from "~/domain/recommendations/recommendations.server";
import { pendingSurveysRead, toPendingSurveys } from "~/domain/reports/surveys.server";
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

/** A row of `investorProfileRead` (from a statement, or through JSON: readTogether). */
type ProfileRow = {
  orgZh: string;
  orgEn: string;
  sectors: string[];
  stages: ProjectStage[];
  regions: string[];
  ticketMin: bigint | number;
  ticketMax: bigint | number;
  currency: string;
  thesisZh: string;
  thesisEn: string;
};

/**
 * The investor profile of the user's organization, the first by creation if they invest through
 * several: one raw statement on the dashboard's hot path (ADR 033), for `toInvestorProfile`. Null
 * when the user invests through no organization.
 */
export function investorProfileRead(user: SessionUser): Prisma.Sql | null {
  const ids = orgIds(user, "INVESTOR");
  if (ids.length === 0) return null;
  return Prisma.sql`
    SELECT o."nameZh" AS "orgZh", o."nameEn" AS "orgEn", p.sectors, p.stages::text[] AS stages, p.regions,
           p."ticketMin", p."ticketMax", p.currency, p."thesisZh", p."thesisEn"
    FROM "InvestorProfile" p
    JOIN "Organization" o ON o.id = p."organizationId"
    WHERE p."organizationId" IN (${Prisma.join(ids)})
    ORDER BY p."createdAt", p.id
    LIMIT 1`;
}

export function toInvestorProfile(rows: unknown[]) {
  const [profile] = rows as ProfileRow[];
  if (!profile) return null;
  return { ...profile, ticketMin: Number(profile.ticketMin), ticketMax: Number(profile.ticketMax) };
}

export async function investorDashboard(user: SessionUser) {
  const read = investorProfileRead(user);
  return read ? toInvestorProfile(await db().$queryRaw<ProfileRow[]>(read)) : null;
}

/**
 * What an investor's dashboard shows of their own: the surveys still to answer, their profile,
 * bookmarks and recommended projects, in one statement (readTogether) instead of four.
 */
export async function investorDashboardReads(user: SessionUser, now = new Date()) {
  const rows = await readTogether({
    surveys: pendingSurveysRead(user),
    profile: investorProfileRead(user),
    bookmarks: bookmarksRead(user),
    recommended: investorRecommendationsRead(user),
  });
  return {
    surveys: toPendingSurveys(rows.surveys, now),
    profile: toInvestorProfile(rows.profile),
    bookmarks: toBookmarks(rows.bookmarks),
    recommended: toInvestorRecommendations(rows.recommended),
  };
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
