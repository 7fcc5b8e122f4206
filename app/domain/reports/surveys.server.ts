// The post-fair survey (NPS 0–10, satisfaction 1–5, comment): answered once per fair by its
// exhibitors (members of an organization with an approved booth) and investors who took part in
// one of its meetings; editable. Open from the fair's start.
import { z } from "zod";
import { formNumber } from "~/lib/form-fields";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { Prisma, type FairStatus, type Role } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { audit } from "~/domain/audit/audit.server";
import { upsertRacing } from "~/db/races.server";

export const surveySchema = z.object({
  nps: formNumber(
    z
      .number({ invalid_type_error: "survey.error.nps" })
      .int("survey.error.nps")
      .min(0, "survey.error.nps")
      .max(10, "survey.error.nps"),
  ),
  satisfaction: formNumber(
    z
      .number({ invalid_type_error: "survey.error.satisfaction" })
      .int("survey.error.satisfaction")
      .min(1, "survey.error.satisfaction")
      .max(5, "survey.error.satisfaction"),
  ),
  comment: z.string().trim().max(2000, "survey.error.comment").default(""),
});

/** The role in which the user answers for this fair, or null when they may not answer. */
export async function surveyRole(user: SessionUser, fairId: string): Promise<Role | null> {
  const exhibitorOrgs = user.memberships.filter((m) => m.role === "EXHIBITOR").map((m) => m.organizationId);
  if (
    exhibitorOrgs.length &&
    (await db().booth.count({ where: { fairId, status: "APPROVED", organizationId: { in: exhibitorOrgs } } }))
  )
    return "EXHIBITOR";
  const investorOrgs = user.memberships.filter((m) => m.role === "INVESTOR").map((m) => m.organizationId);
  if (investorOrgs.length) {
    const met = await db().meeting.count({
      where: {
        fairId,
        status: { not: "CANCELLED" },
        investorOrgId: { in: investorOrgs },
        participants: { some: { userId: user.id } },
      },
    });
    if (met) return "INVESTOR";
  }
  return null;
}

const isOpen = (fair: { startsAt: Date; status: string }, now: Date) =>
  fair.status === "LIVE" || fair.status === "CLOSED" || now >= fair.startsAt;

async function fairBySlug(slug: string) {
  const fair = await db().fair.findUnique({
    where: { slug },
    select: { id: true, slug: true, titleZh: true, titleEn: true, timeZone: true, startsAt: true, status: true },
  });
  if (!fair || fair.status === "DRAFT") throw new DomainError("errorPage.404.title", 404);
  return fair;
}

/** What the survey page shows: the fair, whether the user may answer now, and their answer. */
export async function surveyPage(user: SessionUser, slug: string, now = new Date()) {
  const fair = await fairBySlug(slug);
  const role = await surveyRole(user, fair.id);
  const answer = role
    ? await db().fairSurvey.findUnique({ where: { fairId_userId: { fairId: fair.id, userId: user.id } } })
    : null;
  return {
    fair: { slug: fair.slug, titleZh: fair.titleZh, titleEn: fair.titleEn, timeZone: fair.timeZone },
    state: !role ? ("not-eligible" as const) : isOpen(fair, now) ? ("open" as const) : ("not-open" as const),
    answer: answer && {
      nps: answer.nps,
      satisfaction: answer.satisfaction,
      comment: answer.comment,
      createdAt: answer.createdAt.toISOString(),
    },
  };
}

/** Saves (or replaces) the user's answer. 403 when they may not answer, 409 before the fair opens. */
export async function saveSurvey(
  user: SessionUser,
  slug: string,
  input: z.infer<typeof surveySchema>,
  now = new Date(),
) {
  const fair = await fairBySlug(slug);
  const role = await surveyRole(user, fair.id);
  if (!role) throw new DomainError("survey.notEligible", 403);
  if (!isOpen(fair, now)) throw new DomainError("survey.notOpen", 409);
  const row = await upsertRacing(() =>
    db().fairSurvey.upsert({
      where: { fairId_userId: { fairId: fair.id, userId: user.id } },
      create: { fairId: fair.id, userId: user.id, role, ...input },
      update: { role, ...input },
    }),
  );
  await audit({
    actorId: user.id,
    action: "survey.answer",
    entityType: "FairSurvey",
    entityId: row.id,
    after: { nps: input.nps, satisfaction: input.satisfaction },
  });
}

/**
 * Everyone asked to answer the survey when the fair closes: members of organizations with an
 * approved booth, and investors who took part in one of its meetings (the same rule as surveyRole).
 */
export async function surveyInvitees(
  tx: Pick<Prisma.TransactionClient, "membership" | "meetingParticipant">,
  fairId: string,
): Promise<string[]> {
  const [exhibitors, investors] = await Promise.all([
    tx.membership.findMany({
      where: { role: "EXHIBITOR", organization: { booths: { some: { fairId, status: "APPROVED" } } } },
      select: { userId: true },
    }),
    tx.meetingParticipant.findMany({
      where: { meeting: { fairId, status: { not: "CANCELLED" } } },
      select: { userId: true, meeting: { select: { investorOrgId: true } } },
    }),
  ]);
  const investorMembers = await tx.membership.findMany({
    where: { role: "INVESTOR", userId: { in: investors.map((i) => i.userId) } },
    select: { userId: true, organizationId: true },
  });
  const investorOf = new Set(investorMembers.map((m) => `${m.userId}|${m.organizationId}`));
  return [
    ...new Set([
      ...exhibitors.map((e) => e.userId),
      ...investors.filter((i) => investorOf.has(`${i.userId}|${i.meeting.investorOrgId}`)).map((i) => i.userId),
    ]),
  ];
}

/** A row of `pendingSurveysRead` (through JSON, readTogether, `startsAt` is an ISO string). */
type PendingSurveyRow = { slug: string; titleZh: string; titleEn: string; startsAt: Date | string; status: FairStatus };

/**
 * The five latest fairs, not drafts, the user has not answered and took part in (an approved booth of
 * their organizations, or a meeting of theirs that was not cancelled), ties in the start broken by id:
 * one raw statement on the dashboard's hot path (ADR 033), for `toPendingSurveys`. Null for a user in
 * no exhibitor's or investor's organization.
 */
export function pendingSurveysRead(user: SessionUser): Prisma.Sql | null {
  const orgIds = user.memberships
    .filter((m) => m.role === "EXHIBITOR" || m.role === "INVESTOR")
    .map((m) => m.organizationId);
  if (orgIds.length === 0) return null;
  return Prisma.sql`
    SELECT f.slug, f."titleZh", f."titleEn", f."startsAt", f.status::text AS status
    FROM "Fair" f
    WHERE f.status <> 'DRAFT'
      AND NOT EXISTS (SELECT 1 FROM "FairSurvey" s WHERE s."fairId" = f.id AND s."userId" = ${user.id})
      AND (
        EXISTS (
          SELECT 1 FROM "Booth" b
          WHERE b."fairId" = f.id AND b.status = 'APPROVED' AND b."organizationId" IN (${Prisma.join(orgIds)})
        )
        OR EXISTS (
          SELECT 1 FROM "Meeting" m
          JOIN "MeetingParticipant" mp ON mp."meetingId" = m.id AND mp."userId" = ${user.id}
          WHERE m."fairId" = f.id AND m.status <> 'CANCELLED' AND m."investorOrgId" IN (${Prisma.join(orgIds)})
        )
      )
    ORDER BY f."startsAt" DESC, f.id DESC
    LIMIT 5`;
}

/** Of those fairs, the ones whose survey is open at `now`. */
export function toPendingSurveys(rows: unknown[], now: Date) {
  return (rows as PendingSurveyRow[])
    .filter((f) => isOpen({ startsAt: new Date(f.startsAt), status: f.status }, now))
    .map((f) => ({ slug: f.slug, titleZh: f.titleZh, titleEn: f.titleEn }));
}

/** Fairs whose survey the user may answer now and has not answered yet (for their dashboard). */
export async function pendingSurveys(user: SessionUser, now = new Date()) {
  const read = pendingSurveysRead(user);
  return read ? toPendingSurveys(await db().$queryRaw<PendingSurveyRow[]>(read), now) : [];
}
