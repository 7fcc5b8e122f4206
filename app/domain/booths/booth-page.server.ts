// The public booth page. A booth is visible to everyone when public (approved + fee settled) in a
// published/live fair; otherwise only to its exhibitors and to staff (preview). Team contacts follow
// their own rule (contacts.server.ts, ADR 021): they are not even read for viewers who may not see them.
import type { SessionUser } from "~/auth/session.server";
import { CO_ORGANIZER_IDS, isFairStaff, isMemberOf } from "~/auth/guards.server";
import { db } from "~/db/client.server";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import { contactsForViewer } from "./contacts.server";
import { productView, projectView } from "./booth-content";

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
  return {
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
}
