// Builds search documents from the database. Only public booths in published/live fairs produce
// documents, and only public fields go in: never team contacts, drafts, payments or reviews.
import { db } from "~/db/client.server";
import { PUBLIC_BOOTH, PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import { codeLabels } from "./labels";
import type { CatalogDoc } from "./port";

const include = {
  fair: { select: { id: true, slug: true, status: true } },
  hall: { select: { slug: true, nameZh: true, nameEn: true, sector: true } },
  tier: { select: { code: true } },
  organization: {
    select: { nameZh: true, nameEn: true, sector: true, region: true, descriptionZh: true, descriptionEn: true },
  },
  projects: { orderBy: { createdAt: "asc" } },
  products: true,
} as const;

/** The region most of a booth's projects name (the first of them on a tie), or null. */
function projectsRegion(projects: { region: string }[]): string | null {
  const counts = new Map<string, number>();
  for (const p of projects) counts.set(p.region, (counts.get(p.region) ?? 0) + 1);
  let best: string | null = null;
  for (const [region, n] of counts) if (best === null || n > counts.get(best)!) best = region;
  return best;
}

/** The documents of one booth, or [] when it is not public (its documents must be removed). */
export async function boothDocuments(boothId: string): Promise<CatalogDoc[]> {
  const b = await db().booth.findUnique({ where: { id: boothId }, include });
  if (!b || !b.isPublic || !PUBLIC_FAIR_STATUSES.includes(b.fair.status)) return [];
  const base = {
    boothId: b.id,
    fairId: b.fair.id,
    fairSlug: b.fair.slug,
    hall: b.hall.slug,
    tier: b.tier.code,
    orgZh: b.organization.nameZh,
    orgEn: b.organization.nameEn,
    logoKey: b.logoKey,
  };
  const hallNames = { hallZh: b.hall.nameZh, hallEn: b.hall.nameEn };
  // The booth and its products are filed under the organization's sector and region. An
  // organization that has not said (a fresh sign-up) takes its hall's sector and the region its
  // projects name, so the booth still appears under them (facets, filters, label search).
  const sector = b.organization.sector ?? b.hall.sector;
  const region = b.organization.region ?? projectsRegion(b.projects);
  const boothLabels = codeLabels({ sector, region, stage: null, ...hallNames });
  const docs: CatalogDoc[] = [
    {
      ...base,
      id: `booth:${b.id}`,
      type: "booth",
      entityId: b.id,
      sector,
      region,
      stage: null,
      titleZh: b.organization.nameZh,
      titleEn: b.organization.nameEn,
      textZh: b.descriptionZh || b.organization.descriptionZh,
      textEn: b.descriptionEn || b.organization.descriptionEn,
      ...boothLabels,
      amount: null,
      currency: null,
      createdAt: b.createdAt.getTime(),
    },
  ];
  for (const p of b.projects) {
    docs.push({
      ...base,
      id: `project:${p.id}`,
      type: "project",
      entityId: p.id,
      sector: p.sector,
      region: p.region,
      stage: p.stage,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
      textZh: p.descriptionZh,
      textEn: p.descriptionEn,
      ...codeLabels({ sector: p.sector, region: p.region, stage: p.stage, ...hallNames }),
      amount: Number(p.amountSought),
      currency: p.currency,
      createdAt: p.createdAt.getTime(),
    });
  }
  for (const p of b.products) {
    docs.push({
      ...base,
      id: `product:${p.id}`,
      type: "product",
      entityId: p.id,
      sector,
      region,
      stage: null,
      titleZh: p.nameZh,
      titleEn: p.nameEn,
      textZh: p.descriptionZh,
      textEn: p.descriptionEn,
      ...boothLabels,
      amount: null,
      currency: null,
      createdAt: p.createdAt.getTime(),
    });
  }
  return docs;
}

export async function publicBoothIds(): Promise<string[]> {
  const rows = await db().booth.findMany({ where: PUBLIC_BOOTH, select: { id: true }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

export async function boothIdsOfFair(fairId: string): Promise<string[]> {
  return (await db().booth.findMany({ where: { fairId }, select: { id: true } })).map((r) => r.id);
}
