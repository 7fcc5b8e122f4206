// The public booth page. A booth is visible to everyone when public (approved + fee settled) in a
// published/live fair; otherwise only to its exhibitors and to staff (preview). Team contacts follow
// their own rule (contacts.server.ts, ADR 021): they are not even read for viewers who may not see them.
import type { SessionUser } from "~/auth/session.server";
import { CO_ORGANIZER_IDS, isFairStaff, isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import { contactsForViewer } from "./contacts.server";
import { meetingOptionsOf } from "~/domain/meetings/requests.server";
import { productView, projectView } from "./booth-content";

/**
 * The booth as this viewer may see it (null: not found or not visible), and, for an investor, the
 * meeting request form's options from the same read (what `meetingOptionsForBooth` answers, without
 * reading the booth again: ADR 033).
 */
export async function getBoothForViewer(id: string, user: SessionUser | null) {
  const booth = await db().booth.findUnique({
    where: { id },
    include: {
      fair: {
        select: {
          slug: true,
          titleZh: true,
          titleEn: true,
          status: true,
          timeZone: true,
          organizerId: true,
          meetingDays: true,
          sessionStart: true,
          sessionEnd: true,
          slotMinutes: true,
          coOrganizers: CO_ORGANIZER_IDS,
        },
      },
      hall: { select: { slug: true, nameZh: true, nameEn: true } },
      tier: { select: { code: true, nameZh: true, nameEn: true } },
      organization: {
        select: {
          id: true,
          nameZh: true,
          nameEn: true,
          sector: true,
          region: true,
          website: true,
          descriptionZh: true,
          descriptionEn: true,
        },
      },
      projects: { orderBy: { createdAt: "asc" }, include: { attachments: { orderBy: { createdAt: "asc" } } } },
      products: { orderBy: { position: "asc" } },
      media: { orderBy: { position: "asc" } },
    },
  });
  if (!booth) return null;
  const isPublic = booth.isPublic && PUBLIC_FAIR_STATUSES.includes(booth.fair.status);
  const isOwner = !!user && isMemberOf(user, booth.organizationId, "EXHIBITOR");
  // Staff (and viewers) of the organizing bureau and co-organizers preview drafts (admins: all; ADR 028).
  const isStaff = !!user && isFairStaff(user, booth.fair, "read");
  if (!isPublic && !isOwner && !isStaff) return null;
  const { contacts, hidden: contactsHidden } = await contactsForViewer(booth, user);
  const view = {
    id: booth.id,
    status: booth.status,
    paymentStatus: booth.paymentStatus,
    isPublic,
    tier: booth.tier,
    featured: booth.featured,
    logoKey: booth.logoKey,
    bannerKey: booth.bannerKey,
    videoUrl: booth.videoUrl,
    descriptionZh: booth.descriptionZh,
    descriptionEn: booth.descriptionEn,
    fair: {
      slug: booth.fair.slug,
      titleZh: booth.fair.titleZh,
      titleEn: booth.fair.titleEn,
      status: booth.fair.status,
      timeZone: booth.fair.timeZone,
    },
    hall: booth.hall,
    organization: booth.organization,
    canEdit: isOwner,
    canBookmark: isPublic && !!user && !isOwner,
    gallery: booth.media.map((m) => ({ id: m.id, key: m.key, thumbKey: m.thumbKey })),
    products: booth.products.map(productView),
    contacts,
    contactsHidden,
    projects: booth.projects.map(projectView),
  };
  return {
    booth: view,
    meeting: meetingOptionsOf(user, booth),
  };
}

/**
 * The viewer's own state on a booth page: bookmarked, and their conversation with the booth (its id,
 * or null). One raw statement for what were two Prisma operations (ADR 033).
 */
export async function viewerBoothState(
  userId: string,
  boothId: string,
): Promise<{ bookmarked: boolean; threadId: string | null }> {
  const [row] = await db().$queryRaw<{ bookmarked: boolean; threadId: string | null }[]>`
    SELECT
      EXISTS (SELECT 1 FROM "Bookmark" WHERE "userId" = ${userId} AND "boothId" = ${boothId}) AS bookmarked,
      (SELECT id FROM "ChatThread" WHERE "boothId" = ${boothId} AND "visitorUserId" = ${userId}) AS "threadId"`;
  return { bookmarked: !!row?.bookmarked, threadId: row?.threadId ?? null };
}
