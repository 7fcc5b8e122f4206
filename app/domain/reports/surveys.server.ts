// The post-fair survey (NPS 0–10, satisfaction 1–5, comment): answered once per fair by its
// exhibitors (members of an organization with an approved booth) and investors who took part in
// one of its meetings; editable. Open from the fair's start.
import { z } from "zod";
import { formNumber } from "~/lib/form-fields";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { Prisma, Role } from "~/generated/prisma/client";
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

/** Fairs whose survey the user may answer now and has not answered yet (for their dashboard). */
export async function pendingSurveys(user: SessionUser, now = new Date()) {
  const orgIds = user.memberships
    .filter((m) => m.role === "EXHIBITOR" || m.role === "INVESTOR")
    .map((m) => m.organizationId);
  if (orgIds.length === 0) return [];
  const fairs = await db().fair.findMany({
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
    orderBy: { startsAt: "desc" },
    take: 5,
    select: { slug: true, titleZh: true, titleEn: true, startsAt: true, status: true },
  });
  return fairs.filter((f) => isOpen(f, now)).map((f) => ({ slug: f.slug, titleZh: f.titleZh, titleEn: f.titleEn }));
}
