// The open data: published/live fairs, their halls, public booths and their projects — public fields
// only (never contacts, drafts, payments, reviews or outcomes). Each function returns plain JSON.
import { db } from "~/db/client.server";
import { fairView, PUBLIC_BOOTH, PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";

export const MAX_PER_PAGE = 100;

const media = (key: string | null) => (key ? `/media/${key}` : null);
const page = <T>(data: T[], p: number, perPage: number, total: number) => ({
  data,
  page: p,
  perPage,
  total,
  pages: Math.max(1, Math.ceil(total / perPage)),
});

const BUREAU_REF = { select: { slug: true, nameZh: true, nameEn: true } } as const;
const FAIR_BUREAUS = {
  organizer: BUREAU_REF,
  coOrganizers: { select: { organization: BUREAU_REF }, orderBy: { createdAt: "asc" as const } },
} as const;
/** The fair's organizing bureau and co-organizers (ADR 028). */
const bureausOf = (f: {
  organizer: { slug: string | null; nameZh: string; nameEn: string };
  coOrganizers: { organization: { slug: string | null; nameZh: string; nameEn: string } }[];
}) => ({ bureau: f.organizer, coOrganizers: f.coOrganizers.map((c) => c.organization) });

export async function listFairs(p: number, perPage: number) {
  const where = { status: { in: PUBLIC_FAIR_STATUSES } };
  const [total, rows] = await Promise.all([
    db().fair.count({ where }),
    db().fair.findMany({
      where,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: (p - 1) * perPage,
      take: perPage,
      include: FAIR_BUREAUS,
    }),
  ]);
  return page(
    rows.map((f) => ({ ...fairView(f), ...bureausOf(f) })),
    p,
    perPage,
    total,
  );
}

/** Bureaus with a public page (a slug), parents before children by creation. */
export async function listBureaus(p: number, perPage: number) {
  const where = { kind: "BUREAU" as const, slug: { not: null } };
  const [total, rows] = await Promise.all([
    db().organization.count({ where }),
    db().organization.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: (p - 1) * perPage,
      take: perPage,
      select: { slug: true, nameZh: true, nameEn: true, level: true, parent: { select: { slug: true } } },
    }),
  ]);
  return page(
    rows.map((b) => ({
      slug: b.slug!,
      nameZh: b.nameZh,
      nameEn: b.nameEn,
      level: b.level,
      parent: b.parent?.slug ?? null,
    })),
    p,
    perPage,
    total,
  );
}

export async function getBureau(slug: string) {
  const b = await db().organization.findFirst({
    where: { slug, kind: "BUREAU" },
    select: {
      slug: true,
      nameZh: true,
      nameEn: true,
      level: true,
      parent: { select: { slug: true } },
      organizedFairs: {
        where: { status: { in: PUBLIC_FAIR_STATUSES } },
        select: { slug: true },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: 500,
      },
    },
  });
  return b
    ? {
        slug: b.slug!,
        nameZh: b.nameZh,
        nameEn: b.nameEn,
        level: b.level,
        parent: b.parent?.slug ?? null,
        fairs: b.organizedFairs.map((f) => f.slug),
      }
    : null;
}

export async function getFair(slug: string) {
  const f = await db().fair.findFirst({
    where: { slug, status: { in: PUBLIC_FAIR_STATUSES } },
    include: { halls: { orderBy: { position: "asc" } }, ...FAIR_BUREAUS },
  });
  return f
    ? {
        ...fairView(f),
        ...bureausOf(f),
        halls: f.halls.map((h) => ({ slug: h.slug, nameZh: h.nameZh, nameEn: h.nameEn, sector: h.sector })),
      }
    : null;
}

const boothInclude = {
  fair: { select: { slug: true } },
  hall: { select: { slug: true } },
  tier: { select: { code: true, nameZh: true, nameEn: true } },
  organization: { select: { nameZh: true, nameEn: true, sector: true, region: true, website: true } },
  products: { orderBy: { position: "asc" as const } },
} as const;

type BoothRow = Awaited<ReturnType<typeof boothRows>>[number];
const boothRows = (args: { where: object; skip?: number; take?: number }) =>
  db().booth.findMany({ ...args, include: boothInclude, orderBy: [{ featured: "desc" }, { position: "asc" }] });
const boothView = (b: BoothRow) => ({
  id: b.id,
  fair: b.fair.slug,
  hall: b.hall.slug,
  featured: b.featured,
  tier: { code: b.tier.code, nameZh: b.tier.nameZh, nameEn: b.tier.nameEn },
  organization: {
    nameZh: b.organization.nameZh,
    nameEn: b.organization.nameEn,
    sector: b.organization.sector,
    region: b.organization.region,
    website: b.organization.website,
  },
  descriptionZh: b.descriptionZh,
  descriptionEn: b.descriptionEn,
  logoUrl: media(b.logoKey),
  bannerUrl: media(b.bannerKey),
  videoUrl: b.videoUrl,
  products: b.products.map((x) => ({
    nameZh: x.nameZh,
    nameEn: x.nameEn,
    descriptionZh: x.descriptionZh,
    descriptionEn: x.descriptionEn,
  })),
});

export async function listBooths(fairSlug: string, hall: string | null, p: number, perPage: number) {
  const where = {
    ...PUBLIC_BOOTH,
    fair: { slug: fairSlug, status: { in: PUBLIC_FAIR_STATUSES } },
    ...(hall ? { hall: { slug: hall } } : {}),
  };
  const [total, rows] = await Promise.all([
    db().booth.count({ where }),
    boothRows({ where, skip: (p - 1) * perPage, take: perPage }),
  ]);
  return page(rows.map(boothView), p, perPage, total);
}

export async function getBooth(id: string) {
  const [b] = await boothRows({ where: { id, ...PUBLIC_BOOTH } });
  return b ? boothView(b) : null;
}

export async function listProjects(
  filters: { fair: string | null; sector: string | null; stage: string | null },
  p: number,
  perPage: number,
) {
  const where = {
    booth: {
      ...PUBLIC_BOOTH,
      ...(filters.fair ? { fair: { slug: filters.fair, status: { in: PUBLIC_FAIR_STATUSES } } } : {}),
    },
    ...(filters.sector ? { sector: filters.sector } : {}),
    ...(filters.stage ? { stage: filters.stage as never } : {}),
  };
  const [total, rows] = await Promise.all([
    db().project.count({ where }),
    db().project.findMany({
      where,
      orderBy: { createdAt: "asc" },
      skip: (p - 1) * perPage,
      take: perPage,
      include: { booth: { select: { id: true, fair: { select: { slug: true } } } } },
    }),
  ]);
  return page(
    rows.map((x) => ({
      id: x.id,
      boothId: x.booth.id,
      fair: x.booth.fair.slug,
      titleZh: x.titleZh,
      titleEn: x.titleEn,
      descriptionZh: x.descriptionZh,
      descriptionEn: x.descriptionEn,
      sector: x.sector,
      stage: x.stage,
      region: x.region,
      amountSought: { amount: Number(x.amountSought), currency: x.currency },
    })),
    p,
    perPage,
    total,
  );
}
