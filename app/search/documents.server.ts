// Builds search documents from the database. Only public booths in published/live fairs produce
// documents, and only public fields go in: never team contacts, drafts, payments or reviews.
// Likewise a fair's public roadshows (never proposals or rejected ones) and its programme (ADR 031).
import { db } from "~/db/client.server";
import { PUBLIC_BOOTH, PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import type { RoadshowStatus } from "~/generated/prisma/client";
import { codeLabels } from "./labels";
import { roadshowGroup, type CatalogDoc } from "./port";

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

// ── Roadshows (云推介) and the fairs' programmes ─────────────────────────────────────────────────

/** What the public sees (as PUBLIC_ROADSHOW in app/domain/roadshows; repeated here so search needs no LiveKit). */
const PUBLIC_ROADSHOW: RoadshowStatus[] = ["SCHEDULED", "LIVE", "PAUSED", "ENDED"];
export const PUBLIC_ROADSHOW_WHERE = {
  status: { in: PUBLIC_ROADSHOW },
  fair: { status: { in: PUBLIC_FAIR_STATUSES } },
};
/** The words a roadshow or a programme is also found by (with the fair's names), ranked with the labels. */
const ROADSHOW_WORDS_ZH = "云推介 路演 推介会";
const ROADSHOW_WORDS_EN = "roadshow online roadshow programme";
const MAX_ROADSHOWS = 500;

interface SpeakerText {
  name: string;
  orgZh: string;
  orgEn: string;
}
function speakersOf(v: unknown): SpeakerText[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((s) =>
    s && typeof s === "object" && typeof (s as { name?: unknown }).name === "string"
      ? [
          {
            name: String((s as { name: string }).name),
            orgZh: String((s as { orgZh?: unknown }).orgZh ?? ""),
            orgEn: String((s as { orgEn?: unknown }).orgEn ?? ""),
          },
        ]
      : [],
  );
}
const speakerLine = (name: string, org: string, zh: boolean) =>
  org ? (zh ? `${name}（${org}）` : `${name} (${org})`) : name;

/**
 * The documents of a fair's public roadshows and, when it has any, of its programme
 * (`/fairs/<slug>/roadshows`): [] when the fair is not public or has none (they must be removed).
 * All share the `boothId` group `roadshowGroup(fairId)`, so they are replaced together.
 */
export async function fairRoadshowDocuments(fairId: string): Promise<CatalogDoc[]> {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: {
      id: true,
      slug: true,
      status: true,
      titleZh: true,
      titleEn: true,
      timeZone: true,
      createdAt: true,
      organizer: { select: { nameZh: true, nameEn: true } },
    },
  });
  if (!fair || !PUBLIC_FAIR_STATUSES.includes(fair.status)) return [];
  const rows = await db().roadshow.findMany({
    where: { fairId, status: { in: PUBLIC_ROADSHOW } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: MAX_ROADSHOWS,
    select: {
      id: true,
      titleZh: true,
      titleEn: true,
      descriptionZh: true,
      descriptionEn: true,
      agendaZh: true,
      agendaEn: true,
      speakers: true,
      startsAt: true,
      endsAt: true,
      status: true,
      createdAt: true,
      booth: {
        select: {
          logoKey: true,
          hall: { select: { slug: true, nameZh: true, nameEn: true, sector: true } },
          organization: { select: { nameZh: true, nameEn: true, sector: true, region: true } },
          projects: { select: { region: true }, orderBy: { createdAt: "asc" } },
        },
      },
    },
  });
  if (rows.length === 0) return [];
  const group = roadshowGroup(fair.id);
  const base = {
    boothId: group,
    fairId: fair.id,
    fairSlug: fair.slug,
    tier: "",
    stage: null,
    amount: null,
    currency: null,
  };
  const fairWords = {
    zh: `${ROADSHOW_WORDS_ZH}\n${fair.titleZh}`,
    en: `${ROADSHOW_WORDS_EN}\n${fair.titleEn}`,
  };
  const docs: CatalogDoc[] = rows.map((r) => {
    const b = r.booth;
    // Filed like the presenting booth (its organization's sector and region, else its hall's and
    // its projects'); the bureau's own roadshows under none.
    const sector = b ? (b.organization.sector ?? b.hall.sector) : null;
    const region = b ? (b.organization.region ?? projectsRegion(b.projects)) : null;
    const labels = codeLabels({
      sector,
      region,
      stage: null,
      hallZh: b?.hall.nameZh ?? "",
      hallEn: b?.hall.nameEn ?? "",
    });
    const presenterZh = b?.organization.nameZh ?? fair.organizer.nameZh;
    const presenterEn = b?.organization.nameEn ?? fair.organizer.nameEn;
    const speakers = speakersOf(r.speakers);
    return {
      ...base,
      id: `roadshow:${r.id}`,
      type: "roadshow",
      entityId: r.id,
      hall: b?.hall.slug ?? "",
      sector,
      region,
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      // the presenter, then the speakers with their organizations (the card's second line)
      orgZh: [presenterZh, ...speakers.map((s) => speakerLine(s.name, s.orgZh, true))].join(" · "),
      orgEn: [presenterEn, ...speakers.map((s) => speakerLine(s.name, s.orgEn, false))].join(" · "),
      textZh: [r.descriptionZh, r.agendaZh].filter(Boolean).join("\n"),
      textEn: [r.descriptionEn, r.agendaEn].filter(Boolean).join("\n"),
      labelsZh: [labels.labelsZh, fairWords.zh].filter(Boolean).join("\n"),
      labelsEn: [labels.labelsEn, fairWords.en].filter(Boolean).join("\n"),
      createdAt: r.createdAt.getTime(),
      logoKey: b?.logoKey ?? null,
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
      status: r.status,
      timeZone: fair.timeZone,
    };
  });
  docs.push({
    ...base,
    id: `programme:${fair.id}`,
    type: "programme",
    entityId: fair.id,
    hall: "",
    sector: null,
    region: null,
    titleZh: `${fair.titleZh} · 云推介日程`,
    titleEn: `${fair.titleEn}: roadshow programme`,
    orgZh: fair.organizer.nameZh,
    orgEn: fair.organizer.nameEn,
    // what is on it: the titles of its roadshows, in order
    textZh: rows.map((r) => r.titleZh).join(" · "),
    textEn: rows.map((r) => r.titleEn).join(" · "),
    labelsZh: fairWords.zh,
    labelsEn: fairWords.en,
    createdAt: Math.max(...rows.map((r) => r.createdAt.getTime())),
    logoKey: null,
    startsAt: Math.min(...rows.map((r) => r.startsAt.getTime())),
    endsAt: Math.max(...rows.map((r) => r.endsAt.getTime())),
    status: rows.some((r) => r.status === "LIVE") ? "LIVE" : null,
    timeZone: fair.timeZone,
  });
  return docs;
}

/** Public fairs with at least one public roadshow (the backfill and rebuild index their groups). */
export async function fairsWithPublicRoadshows(): Promise<string[]> {
  const rows = await db().roadshow.findMany({
    where: PUBLIC_ROADSHOW_WHERE,
    distinct: ["fairId"],
    select: { fairId: true },
    orderBy: { fairId: "asc" },
  });
  return rows.map((r) => r.fairId);
}

/** One public roadshow per public fair that has any (an outbox row for each rebuilds its fair's group). */
export async function roadshowPerFair(): Promise<string[]> {
  const rows = await db().roadshow.findMany({
    where: PUBLIC_ROADSHOW_WHERE,
    distinct: ["fairId"],
    select: { id: true },
    orderBy: [{ fairId: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => r.id);
}

/**
 * The fairs whose roadshow documents a change touches: those of the roadshows named, and those of
 * roadshows presented by the booths named (their organization's name is on the roadshow's card).
 * Roadshows no longer in the database are returned in `gone`.
 */
export async function roadshowFairsOf(roadshowIds: string[], boothIds: string[]) {
  const fairs = new Set<string>();
  const gone = new Set(roadshowIds);
  if (roadshowIds.length || boothIds.length) {
    const rows = await db().roadshow.findMany({
      where: {
        OR: [
          ...(roadshowIds.length ? [{ id: { in: roadshowIds } }] : []),
          ...(boothIds.length ? [{ boothId: { in: boothIds } }] : []),
        ],
      },
      select: { id: true, fairId: true },
    });
    for (const r of rows) {
      fairs.add(r.fairId);
      gone.delete(r.id);
    }
  }
  return { fairIds: [...fairs], gone: [...gone] };
}
