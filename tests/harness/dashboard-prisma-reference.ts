// The dashboard's investor reads as Prisma operations, before they became raw statements (ADR 033):
// the reference the raw reads are compared with (tests/integration/dashboard-reads.test.ts). Ties in
// the orderings are broken as the raw statements break them (bookmarks by booth id, surveys by fair
// id, profiles by creation then id); before, findFirst and ties were in no stated order.
import type { SessionUser } from "../../app/auth/session.server.ts";
import { db } from "../../app/db/client.server.ts";
import { PUBLIC_FAIR_STATUSES } from "../../app/domain/fairs/fairs.server.ts";

export async function investorDashboardByPrisma(user: SessionUser) {
  const profile = await db().investorProfile.findFirst({
    where: {
      organizationId: { in: user.memberships.filter((m) => m.role === "INVESTOR").map((m) => m.organizationId) },
    },
    include: { organization: { select: { nameZh: true, nameEn: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (!profile) return null;
  return {
    orgZh: profile.organization.nameZh,
    orgEn: profile.organization.nameEn,
    sectors: profile.sectors,
    stages: profile.stages,
    regions: profile.regions,
    ticketMin: Number(profile.ticketMin),
    ticketMax: Number(profile.ticketMax),
    currency: profile.currency,
    thesisZh: profile.thesisZh,
    thesisEn: profile.thesisEn,
  };
}

export async function listBookmarksByPrisma(user: SessionUser) {
  const rows = await db().bookmark.findMany({
    where: { userId: user.id, booth: { isPublic: true } },
    orderBy: [{ createdAt: "desc" }, { boothId: "desc" }],
    take: 50,
    include: {
      booth: {
        select: {
          id: true,
          logoKey: true,
          organization: { select: { nameZh: true, nameEn: true, sector: true } },
          fair: { select: { titleZh: true, titleEn: true, status: true } },
        },
      },
    },
  });
  const bookmarks = rows.map((r) => ({
    id: r.booth.id,
    logoKey: r.booth.logoKey,
    nameZh: r.booth.organization.nameZh,
    nameEn: r.booth.organization.nameEn,
    sector: r.booth.organization.sector,
    onShow: PUBLIC_FAIR_STATUSES.includes(r.booth.fair.status),
    fairZh: r.booth.fair.titleZh,
    fairEn: r.booth.fair.titleEn,
  }));
  return [...bookmarks.filter((b) => b.onShow), ...bookmarks.filter((b) => !b.onShow)];
}

/** The fairs (not yet filtered by "open") whose survey the user may still answer, newest first, 5. */
export async function pendingSurveyFairsByPrisma(user: SessionUser) {
  const orgIds = user.memberships
    .filter((m) => m.role === "EXHIBITOR" || m.role === "INVESTOR")
    .map((m) => m.organizationId);
  if (orgIds.length === 0) return [];
  return db().fair.findMany({
    where: {
      status: { not: "DRAFT" },
      surveys: { none: { userId: user.id } },
      OR: [
        { booths: { some: { status: "APPROVED", organizationId: { in: orgIds } } } },
        {
          meetings: {
            some: {
              status: { not: "CANCELLED" },
              investorOrgId: { in: orgIds },
              participants: { some: { userId: user.id } },
            },
          },
        },
      ],
    },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: 5,
    select: { slug: true, titleZh: true, titleEn: true, startsAt: true, status: true },
  });
}
