// Fairs, halls and the public view of booths. "Public" = approved booth in a published/live fair.
import { db } from "~/db/client.server";
import { Prisma, type FairStatus } from "~/generated/prisma/client";

export const PUBLIC_FAIR_STATUSES: FairStatus[] = ["PUBLISHED", "LIVE"];
/** Prisma filter for booths anyone may see: approved and paid (`isPublic`) in a published or live fair. */
export const PUBLIC_BOOTH = { isPublic: true, fair: { status: { in: PUBLIC_FAIR_STATUSES } } };
export const BOOTHS_PER_PAGE = 24;

/** A fair's public fields as JSON (the fair list and the open data API show the same). */
export const fairView = (f: {
  slug: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  status: FairStatus;
}) => ({
  slug: f.slug,
  titleZh: f.titleZh,
  titleEn: f.titleEn,
  descriptionZh: f.descriptionZh,
  descriptionEn: f.descriptionEn,
  startsAt: f.startsAt.toISOString(),
  endsAt: f.endsAt.toISOString(),
  timeZone: f.timeZone,
  status: f.status,
});

export async function listPublicFairs() {
  const fairs = await db().fair.findMany({
    where: { status: { in: PUBLIC_FAIR_STATUSES } },
    orderBy: { startsAt: "asc" },
    include: {
      _count: { select: { halls: true } },
      organizer: { select: { id: true, slug: true, nameZh: true, nameEn: true } },
    },
  });
  const boothCounts = await db().booth.groupBy({
    by: ["fairId"],
    where: { isPublic: true, fairId: { in: fairs.map((f) => f.id) } },
    _count: { _all: true },
  });
  const projectCounts = await Promise.all(
    fairs.map((f) => db().project.count({ where: { booth: { fairId: f.id, isPublic: true } } })),
  );
  return fairs.map((f, i) => ({
    ...fairView(f),
    halls: f._count.halls,
    booths: boothCounts.find((b) => b.fairId === f.id)?._count._all ?? 0,
    projects: projectCounts[i],
    organizer: f.organizer,
  }));
}

/** The public fairs' slugs and titles only, in the same order (the agenda's fair picker), for readTogether. */
export function publicFairTitlesRead(): Prisma.Sql {
  return Prisma.sql`
    SELECT f.slug, f."titleZh", f."titleEn" FROM "Fair" f
    WHERE f.status::text IN (${Prisma.join(PUBLIC_FAIR_STATUSES)})
    ORDER BY f."startsAt", f.id`;
}

export const toPublicFairTitles = (rows: unknown[]) => rows as { slug: string; titleZh: string; titleEn: string }[];

/** The fair hall page: halls with booth counts, and one page of booth cards (featured first),
 *  filtered by hall, sector and region. */
export async function getFairHall(
  slug: string,
  opts: { hall?: string | null; sector?: string | null; region?: string | null; page?: number },
) {
  const fair = await db().fair.findUnique({
    where: { slug },
    include: { halls: { orderBy: { position: "asc" } } },
  });
  if (!fair || !PUBLIC_FAIR_STATUSES.includes(fair.status)) return null;
  const hall = opts.hall ? (fair.halls.find((h) => h.slug === opts.hall) ?? null) : null;
  const orgFilter = {
    ...(opts.sector ? { sector: opts.sector } : {}),
    ...(opts.region ? { region: opts.region } : {}),
  };
  const where = {
    fairId: fair.id,
    isPublic: true,
    ...(hall ? { hallId: hall.id } : {}),
    ...(opts.sector || opts.region ? { organization: orgFilter } : {}),
  };
  const counts = await db().booth.groupBy({
    by: ["hallId"],
    where: { fairId: fair.id, isPublic: true },
    _count: { _all: true },
  });
  const facets = await db().organization.findMany({
    where: { booths: { some: { fairId: fair.id, isPublic: true } } },
    select: { sector: true, region: true },
  });
  const total = await db().booth.count({ where });
  const pages = Math.max(1, Math.ceil(total / BOOTHS_PER_PAGE));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  const booths = await db().booth.findMany({
    where,
    orderBy: [{ featured: "desc" }, { position: "asc" }, { createdAt: "asc" }],
    skip: (page - 1) * BOOTHS_PER_PAGE,
    take: BOOTHS_PER_PAGE,
    include: {
      organization: { select: { nameZh: true, nameEn: true, sector: true, region: true } },
      tier: { select: { code: true, nameZh: true, nameEn: true } },
      _count: { select: { projects: true } },
    },
  });
  return {
    fair: {
      slug: fair.slug,
      titleZh: fair.titleZh,
      titleEn: fair.titleEn,
      descriptionZh: fair.descriptionZh,
      descriptionEn: fair.descriptionEn,
      startsAt: fair.startsAt.toISOString(),
      endsAt: fair.endsAt.toISOString(),
      timeZone: fair.timeZone,
      status: fair.status,
    },
    halls: fair.halls.map((h) => ({
      slug: h.slug,
      nameZh: h.nameZh,
      nameEn: h.nameEn,
      sector: h.sector,
      booths: counts.find((c) => c.hallId === h.id)?._count._all ?? 0,
    })),
    activeHall: hall?.slug ?? null,
    sectors: [...new Set(facets.map((f) => f.sector).filter((x): x is string => !!x))].sort(),
    regions: [...new Set(facets.map((f) => f.region).filter((x): x is string => !!x))].sort(),
    filters: { sector: opts.sector ?? "", region: opts.region ?? "" },
    page,
    pages,
    total,
    booths: booths.map((b) => ({
      id: b.id,
      nameZh: b.organization.nameZh,
      nameEn: b.organization.nameEn,
      sector: b.organization.sector,
      region: b.organization.region,
      tier: b.tier,
      featured: b.featured,
      logoKey: b.logoKey,
      projects: b._count.projects,
    })),
  };
}

/** The id of a published/live fair, or null. */
export async function publicFairIdBySlug(slug: string): Promise<string | null> {
  const fair = await db().fair.findUnique({ where: { slug }, select: { id: true, status: true } });
  return fair && PUBLIC_FAIR_STATUSES.includes(fair.status) ? fair.id : null;
}
