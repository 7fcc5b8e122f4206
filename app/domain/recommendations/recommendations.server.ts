// Recommendations in the app: a background job feeds the pure matching/ library with profiles,
// public projects and interactions, and stores both directions; requests read the stored rows.
import { type Interaction, type Investor, type Project, type Reason } from "../../../matching";
import type { SessionUser } from "~/auth/session.server";
import { allocateLists, type AllocationLists, type AllocationRequest } from "./allocate";
import { isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { Prisma, type ProjectStage } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { PUBLIC_BOOTH, PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import { POSITIVE_RESULTS } from "~/domain/meetings/outcome-codes";

export const LIST_SIZE = 10;

const outcomeSignal = (result: string): "positive" | "neutral" | "negative" =>
  POSITIVE_RESULTS.includes(result) ? "positive" : result === "NOT_A_FIT" ? "negative" : "neutral";

/** Everything matching needs, read from the database (public projects only). */
async function loadInput() {
  const [profiles, projects, visits, bookmarks, feedback, outcomes] = await Promise.all([
    db().investorProfile.findMany({
      include: { organization: { select: { id: true, nameZh: true, region: true, country: true } } },
    }),
    db().project.findMany({
      where: { booth: PUBLIC_BOOTH },
      select: {
        id: true,
        boothId: true,
        titleZh: true,
        titleEn: true,
        descriptionZh: true,
        descriptionEn: true,
        sector: true,
        stage: true,
        amountSought: true,
        currency: true,
        region: true,
        booth: { select: { organizationId: true } },
      },
    }),
    db().boothVisit.findMany({
      where: { userId: { not: null } },
      select: { boothId: true, userId: true, createdAt: true },
    }),
    db().bookmark.findMany({ select: { boothId: true, userId: true, createdAt: true } }),
    db().matchFeedback.findMany(),
    db().meetingOutcome.findMany({
      select: {
        side: true,
        result: true,
        updatedAt: true,
        meeting: { select: { investorOrgId: true, exhibitorOrgId: true, projectId: true } },
      },
    }),
  ]);
  // Interactions are recorded per user and booth; matching reasons per investor org and project.
  const investorOrgOfUser = new Map(
    (
      await db().membership.findMany({ where: { role: "INVESTOR" }, select: { userId: true, organizationId: true } })
    ).map((m) => [m.userId, m.organizationId]),
  );
  const projectsOfBooth = new Map<string, string[]>();
  for (const p of projects) projectsOfBooth.set(p.boothId, [...(projectsOfBooth.get(p.boothId) ?? []), p.id]);
  const interactions: Interaction[] = [];
  const expand = (userId: string | null, boothId: string, kind: Interaction["kind"], at: Date) => {
    const investorId = userId ? investorOrgOfUser.get(userId) : undefined;
    if (!investorId) return;
    for (const projectId of projectsOfBooth.get(boothId) ?? []) interactions.push({ investorId, projectId, kind, at });
  };
  for (const v of visits) expand(v.userId, v.boothId, "booth-visit", v.createdAt);
  for (const b of bookmarks) expand(b.userId, b.boothId, "bookmark", b.createdAt);
  // Meeting outcomes: about the meeting's project, or every project of the exhibitor when none was named.
  const projectsOfOrg = new Map<string, string[]>();
  for (const p of projects)
    projectsOfOrg.set(p.booth.organizationId, [...(projectsOfOrg.get(p.booth.organizationId) ?? []), p.id]);
  for (const o of outcomes) {
    const targets = o.meeting.projectId ? [o.meeting.projectId] : (projectsOfOrg.get(o.meeting.exhibitorOrgId) ?? []);
    const outcome = outcomeSignal(o.result);
    for (const projectId of targets)
      interactions.push({
        investorId: o.meeting.investorOrgId,
        projectId,
        kind: "meeting-outcome",
        outcome,
        at: o.updatedAt,
        by: o.side === "INVESTOR" ? "investor" : "project",
      });
  }
  for (const f of feedback)
    interactions.push({
      investorId: f.investorOrgId,
      projectId: f.projectId,
      kind: "not-interested",
      at: f.createdAt,
      by: f.by === "project" ? "project" : "investor",
    });

  const investors: Investor[] = profiles.map((p) => ({
    id: p.organizationId,
    sectors: p.sectors,
    stages: p.stages,
    ticket: { min: Number(p.ticketMin), max: Number(p.ticketMax), currency: p.currency },
    regions: p.regions,
    location: { country: p.organization.country, region: p.organization.region ?? undefined },
    thesis: `${p.thesisZh}\n${p.thesisEn}`,
    capacity: p.meetingCapacity,
  }));
  const matchProjects: Project[] = projects.map((p) => ({
    id: p.id,
    sectors: [p.sector],
    stage: p.stage,
    amountSought: Number(p.amountSought),
    currency: p.currency,
    location: { country: "CN", region: p.region },
    description: `${p.titleZh} ${p.titleEn}\n${p.descriptionZh}\n${p.descriptionEn}`,
  }));
  return { investors, projects: matchProjects, interactions };
}

/** Runs an allocation: in this thread, or in a worker thread (the background job, ADR 039). */
export type Allocate = (request: AllocationRequest) => Promise<AllocationLists>;

export const allocateHere: Allocate = async (request) => allocateLists(request);

/**
 * Recomputes every recommendation and replaces the stored ones in one transaction. `allocate` runs
 * the matching itself: the background job hands it to a worker thread, so its tens of milliseconds
 * of computation never hold an HTTP worker's event loop (ADR 039).
 */
export async function refreshRecommendations(
  allocate: Allocate = allocateHere,
): Promise<{ pairs: number; tookMs: number; coverage: number }> {
  const t0 = performance.now();
  const started = new Date();
  const input = await loadInput();
  const allocation = await allocate({ input, now: started, options: { listSize: LIST_SIZE, minExposure: 3 } });
  const rows: Prisma.RecommendationCreateManyInput[] = [];
  const json = (reasons: Reason[]) => reasons as unknown as Prisma.InputJsonValue;
  for (const [investorOrgId, recs] of allocation.projectsForInvestor)
    recs.forEach((r, rank) =>
      rows.push({
        direction: "FOR_INVESTOR",
        investorOrgId,
        projectId: r.id,
        rank,
        score: r.score,
        reasons: json(r.reasons),
        computedAt: started,
      }),
    );
  for (const [projectId, recs] of allocation.investorsForProject)
    recs.forEach((r, rank) =>
      rows.push({
        direction: "FOR_PROJECT",
        investorOrgId: r.id,
        projectId,
        rank,
        score: r.score,
        reasons: json(r.reasons),
        computedAt: started,
      }),
    );
  const tookMs = Math.round(performance.now() - t0);
  // One batch transaction (no interactive callback holding a connection while JS runs): readers see
  // the old list or the new one, never a mix.
  const batches = [];
  for (let i = 0; i < rows.length; i += 1000)
    batches.push(db().recommendation.createMany({ data: rows.slice(i, i + 1000) }));
  await db().$transaction([
    db().recommendation.deleteMany({}),
    ...batches,
    db().matchingState.upsert({
      where: { id: 1 },
      create: { id: 1, computedAt: started, tookMs, pairs: rows.length, dirtySince: null },
      update: { computedAt: started, tookMs, pairs: rows.length, dirtySince: null },
    }),
  ]);
  return { pairs: rows.length, tookMs, coverage: allocation.coverage.share };
}

/**
 * True when anything matching reads changed since the last computation: profiles, booths (every
 * booth/project change bumps the booth), visits, bookmarks, feedback — or an explicit mark.
 */
export async function recommendationsStale(): Promise<boolean> {
  const state = await db().matchingState.findUnique({ where: { id: 1 } });
  if (!state?.computedAt) return true;
  if (state.dirtySince) return true;
  const since = { gt: state.computedAt };
  const [profile, booth, visit, bookmark, feedback, outcome] = await Promise.all([
    db().investorProfile.findFirst({ where: { updatedAt: since }, select: { id: true } }),
    db().booth.findFirst({ where: { updatedAt: since }, select: { id: true } }),
    db().boothVisit.findFirst({ where: { createdAt: since, userId: { not: null } }, select: { id: true } }),
    db().bookmark.findFirst({ where: { createdAt: since }, select: { userId: true } }),
    db().matchFeedback.findFirst({ where: { createdAt: since }, select: { id: true } }),
    db().meetingOutcome.findFirst({ where: { updatedAt: since }, select: { id: true } }),
  ]);
  return !!(profile || booth || visit || bookmark || feedback || outcome);
}

type StoredReasons = Reason[];

/** A row of `investorRecommendationsRead` (from a statement, or through JSON: readTogether). */
type InvestorRecommendationRow = {
  projectId: string;
  boothId: string;
  titleZh: string;
  titleEn: string;
  orgZh: string;
  orgEn: string;
  sector: string;
  stage: ProjectStage;
  region: string;
  amountSought: bigint | number;
  currency: string;
  score: number;
  reasons: Prisma.JsonValue;
};

/**
 * "为您推荐": the signed-in investor's stored recommendations (the first LIST_SIZE by rank), minus
 * projects no longer public and anything marked not interested, for `toInvestorRecommendations`.
 * One raw statement: the dashboard's hottest read (three Prisma operations ≈ 6 ms of CPU before,
 * ADR 033). Null for a user who invests through no organization.
 */
export function investorRecommendationsRead(user: SessionUser): Prisma.Sql | null {
  const orgId = user.memberships.find((m) => m.role === "INVESTOR")?.organizationId;
  if (!orgId) return null;
  return Prisma.sql`
    SELECT p.id AS "projectId", p."boothId", p."titleZh", p."titleEn", o."nameZh" AS "orgZh", o."nameEn" AS "orgEn",
      p.sector, p.stage::text AS stage, p.region, p."amountSought", p.currency, r.score, r.reasons
    FROM (
      SELECT "projectId", rank, score, reasons FROM "Recommendation"
      WHERE direction = 'FOR_INVESTOR' AND "investorOrgId" = ${orgId}
      ORDER BY rank ASC LIMIT ${LIST_SIZE}::int
    ) r
    JOIN "Project" p ON p.id = r."projectId"
    JOIN "Booth" b ON b.id = p."boothId" AND b."isPublic"
    JOIN "Fair" f ON f.id = b."fairId" AND f.status::text IN (${Prisma.join(PUBLIC_FAIR_STATUSES)})
    JOIN "Organization" o ON o.id = p."organizationId"
    WHERE NOT EXISTS (
      SELECT 1 FROM "MatchFeedback" mf WHERE mf."investorOrgId" = ${orgId} AND mf."projectId" = r."projectId"
    )
    ORDER BY r.rank ASC`;
}

export function toInvestorRecommendations(rows: unknown[]) {
  return (rows as InvestorRecommendationRow[]).map((r) => ({
    projectId: r.projectId,
    boothId: r.boothId,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    orgZh: r.orgZh,
    orgEn: r.orgEn,
    sector: r.sector,
    stage: r.stage,
    region: r.region,
    amountSought: Number(r.amountSought),
    currency: r.currency,
    score: r.score,
    reasons: r.reasons as unknown as StoredReasons,
  }));
}

export async function recommendationsForInvestor(user: SessionUser) {
  const read = investorRecommendationsRead(user);
  return read ? toInvestorRecommendations(await db().$queryRaw<InvestorRecommendationRow[]>(read)) : [];
}

/** "匹配的投资人": for each of the exhibitor's public projects, its best-matching investors. */
export async function recommendationsForExhibitor(user: SessionUser) {
  const orgIds = user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);
  const projects = await db().project.findMany({
    where: { organizationId: { in: orgIds }, booth: PUBLIC_BOOTH },
    select: { id: true, titleZh: true, titleEn: true },
    orderBy: { createdAt: "asc" },
  });
  if (projects.length === 0) return [];
  const rows = await db().recommendation.findMany({
    where: { direction: "FOR_PROJECT", projectId: { in: projects.map((p) => p.id) }, rank: { lt: 5 } },
    orderBy: [{ projectId: "asc" }, { rank: "asc" }],
  });
  const dismissed = new Set(
    (await db().matchFeedback.findMany({ where: { projectId: { in: projects.map((p) => p.id) }, by: "project" } })).map(
      (f) => `${f.investorOrgId}:${f.projectId}`,
    ),
  );
  const orgs = new Map(
    (
      await db().organization.findMany({
        where: { id: { in: rows.map((r) => r.investorOrgId) } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    ).map((o) => [o.id, o]),
  );
  return projects.map((p) => ({
    projectId: p.id,
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    investors: rows
      .filter((r) => r.projectId === p.id && orgs.has(r.investorOrgId) && !dismissed.has(`${r.investorOrgId}:${p.id}`))
      .map((r) => ({
        investorOrgId: r.investorOrgId,
        nameZh: orgs.get(r.investorOrgId)!.nameZh,
        nameEn: orgs.get(r.investorOrgId)!.nameEn,
        score: r.score,
        reasons: r.reasons as unknown as StoredReasons,
      })),
  }));
}

/** "Not interested" from the investor (about a project) or from the project's exhibitor (about an investor). */
export async function markNotInterested(user: SessionUser, input: { projectId: string; investorOrgId?: string }) {
  const project = await db().project.findUnique({
    where: { id: input.projectId },
    select: { id: true, organizationId: true },
  });
  if (!project) throw new DomainError("errorPage.404.title", 404);
  let investorOrgId: string;
  let by: "investor" | "project";
  if (input.investorOrgId) {
    if (!isMemberOf(user, project.organizationId, "EXHIBITOR")) throw new DomainError("errorPage.403.title", 403);
    // Only a real investor organization can be "not interesting": no feedback rows about made-up ids.
    const investor = await db().organization.findUnique({
      where: { id: input.investorOrgId },
      select: { kind: true },
    });
    if (investor?.kind !== "INVESTOR") throw new DomainError("errorPage.404.title", 404);
    investorOrgId = input.investorOrgId;
    by = "project";
  } else {
    const orgId = user.memberships.find((m) => m.role === "INVESTOR")?.organizationId;
    if (!orgId) throw new DomainError("errorPage.403.title", 403);
    investorOrgId = orgId;
    by = "investor";
  }
  await db().$transaction(async (tx) => {
    await tx.matchFeedback.upsert({
      where: { investorOrgId_projectId_by: { investorOrgId, projectId: project.id, by } },
      create: { investorOrgId, projectId: project.id, by, userId: user.id },
      update: {},
    });
    await tx.recommendation.deleteMany({ where: { investorOrgId, projectId: project.id } });
  });
}

/** Staff: how recommendations of a fair are doing (pairs, engagement after recommendation, coverage). */
export async function matchQuality(fairId: string) {
  const projects = await db().project.findMany({
    where: { booth: { fairId, isPublic: true } },
    select: { id: true, boothId: true },
  });
  const projectIds = projects.map((p) => p.id);
  const recs = await db().recommendation.findMany({
    where: { direction: "FOR_INVESTOR", projectId: { in: projectIds } },
    select: { investorOrgId: true, projectId: true },
  });
  const boothOf = new Map(projects.map((p) => [p.id, p.boothId]));
  const investorUsers = await db().membership.findMany({
    where: { role: "INVESTOR", organizationId: { in: [...new Set(recs.map((r) => r.investorOrgId))] } },
    select: { userId: true, organizationId: true },
  });
  const usersOf = new Map<string, string[]>();
  for (const m of investorUsers) usersOf.set(m.organizationId, [...(usersOf.get(m.organizationId) ?? []), m.userId]);
  const [visits, bookmarks] = await Promise.all([
    db().boothVisit.findMany({
      where: { booth: { fairId }, userId: { not: null } },
      select: { userId: true, boothId: true },
    }),
    db().bookmark.findMany({ where: { booth: { fairId } }, select: { userId: true, boothId: true } }),
  ]);
  const visited = new Set(visits.map((v) => `${v.userId}:${v.boothId}`));
  const bookmarked = new Set(bookmarks.map((b) => `${b.userId}:${b.boothId}`));
  let visitedPairs = 0;
  let bookmarkedPairs = 0;
  for (const r of recs) {
    const users = usersOf.get(r.investorOrgId) ?? [];
    const booth = boothOf.get(r.projectId)!;
    if (users.some((u) => visited.has(`${u}:${booth}`))) visitedPairs++;
    if (users.some((u) => bookmarked.has(`${u}:${booth}`))) bookmarkedPairs++;
  }
  // Pairs that turned into a meeting request (either direction) and into a held/scheduled meeting.
  const projectOrg = new Map(
    (
      await db().project.findMany({ where: { id: { in: projectIds } }, select: { id: true, organizationId: true } })
    ).map((p) => [p.id, p.organizationId]),
  );
  const [requests, meetings] = await Promise.all([
    db().meetingRequest.findMany({ where: { fairId }, select: { fromOrgId: true, toOrgId: true } }),
    db().meeting.findMany({
      where: { fairId, status: { not: "CANCELLED" } },
      select: { investorOrgId: true, exhibitorOrgId: true, outcomes: { select: { result: true } } },
    }),
  ]);
  const requested = new Set(requests.flatMap((r) => [`${r.fromOrgId}|${r.toOrgId}`, `${r.toOrgId}|${r.fromOrgId}`]));
  const met = new Set(meetings.map((m) => `${m.investorOrgId}|${m.exhibitorOrgId}`));
  const positive = new Set(
    meetings
      .filter((m) => m.outcomes.some((o) => POSITIVE_RESULTS.includes(o.result)))
      .map((m) => `${m.investorOrgId}|${m.exhibitorOrgId}`),
  );
  let requestedPairs = 0;
  let meetingPairs = 0;
  let positivePairs = 0;
  for (const r of recs) {
    const key = `${r.investorOrgId}|${projectOrg.get(r.projectId)}`;
    if (requested.has(key)) requestedPairs++;
    if (met.has(key)) meetingPairs++;
    if (positive.has(key)) positivePairs++;
  }
  const perProject = new Map<string, number>();
  for (const r of recs) perProject.set(r.projectId, (perProject.get(r.projectId) ?? 0) + 1);
  const covered = projectIds.filter((id) => (perProject.get(id) ?? 0) >= 3).length;
  const state = await db().matchingState.findUnique({ where: { id: 1 } });
  return {
    projects: projectIds.length,
    pairs: recs.length,
    visitedPairs,
    bookmarkedPairs,
    requestedPairs,
    meetingPairs,
    /** Recommended pairs whose meeting ended with interest (intent, letter of intent, follow-up) by either side. */
    positivePairs,
    coverage: projectIds.length ? covered / projectIds.length : 0,
    computedAt: state?.computedAt?.toISOString() ?? null,
    tookMs: state?.tookMs ?? null,
  };
}
