// Booth pages and booth editing. Tenant rule: only members of the booth's organization (or staff)
// may see a non-public booth or change any booth.
import { z } from "zod";
import type { SessionUser } from "~/auth/session.server";
import { hasRole, isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { audit } from "./audit.server";
import { PUBLIC_FAIR_STATUSES } from "./fairs.server";

function canManage(user: SessionUser | null, organizationId: string): boolean {
  return !!user && (isMemberOf(user, organizationId, "EXHIBITOR") || hasRole(user, "STAFF"));
}

/** The booth as the viewer may see it, or null when it does not exist for them (404, not 403, to hide drafts). */
export async function getBoothForViewer(id: string, user: SessionUser | null) {
  const booth = await db().booth.findUnique({
    where: { id },
    include: {
      fair: { select: { slug: true, titleZh: true, titleEn: true, status: true, timeZone: true } },
      hall: { select: { slug: true, nameZh: true, nameEn: true } },
      organization: { select: { id: true, nameZh: true, nameEn: true, sector: true, region: true, website: true, descriptionZh: true, descriptionEn: true } },
      projects: { orderBy: { createdAt: "asc" } },
    },
  });
  if (!booth) return null;
  const isPublic = booth.status === "APPROVED" && PUBLIC_FAIR_STATUSES.includes(booth.fair.status);
  const manageable = canManage(user, booth.organizationId);
  if (!isPublic && !manageable) return null;
  return {
    id: booth.id,
    status: booth.status,
    tier: booth.tier,
    featured: booth.featured,
    logoKey: booth.logoKey,
    bannerKey: booth.bannerKey,
    descriptionZh: booth.descriptionZh,
    descriptionEn: booth.descriptionEn,
    fair: booth.fair,
    hall: booth.hall,
    organization: booth.organization,
    canEdit: manageable,
    projects: booth.projects.map((p) => ({
      id: p.id,
      titleZh: p.titleZh,
      titleEn: p.titleEn,
      descriptionZh: p.descriptionZh,
      descriptionEn: p.descriptionEn,
      sector: p.sector,
      stage: p.stage,
      amountSought: Number(p.amountSought),
      currency: p.currency,
      region: p.region,
    })),
  };
}

export const boothDescriptionSchema = z.object({
  descriptionZh: z.string().trim().max(4000, "error.tooLong"),
  descriptionEn: z.string().trim().max(4000, "error.tooLong"),
});

/** For the edit form: the booth if the user may manage it; throws 403/404 otherwise. */
export async function getBoothForEditing(id: string, user: SessionUser) {
  const booth = await db().booth.findUnique({ where: { id }, include: { organization: { select: { nameZh: true, nameEn: true } } } });
  if (!booth) throw new DomainError("errorPage.404.title", 404);
  if (!canManage(user, booth.organizationId)) throw new DomainError("errorPage.403.title", 403);
  return booth;
}

export async function updateBoothDescription(id: string, user: SessionUser, input: z.infer<typeof boothDescriptionSchema>) {
  const booth = await getBoothForEditing(id, user);
  await db().$transaction(async (tx) => {
    await tx.booth.update({ where: { id }, data: input });
    await audit(
      { actorId: user.id, action: "booth.update", entityType: "Booth", entityId: id, before: { descriptionZh: booth.descriptionZh, descriptionEn: booth.descriptionEn }, after: input },
      tx,
    );
  });
}
