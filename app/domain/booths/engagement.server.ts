// Bookmarks: an interaction signal that matching and dashboards use (visits: visits.server.ts).
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";

export async function isBookmarked(userId: string, boothId: string): Promise<boolean> {
  return !!(await db().bookmark.findUnique({ where: { userId_boothId: { userId, boothId } } }));
}

/** Bookmarks or un-bookmarks a public booth; returns the new state. */
export async function setBookmark(user: SessionUser, boothId: string, on: boolean): Promise<boolean> {
  const booth = await db().booth.findUnique({
    where: { id: boothId },
    include: { fair: { select: { status: true } } },
  });
  if (!booth || !booth.isPublic || !PUBLIC_FAIR_STATUSES.includes(booth.fair.status))
    throw new DomainError("errorPage.404.title", 404);
  if (on) {
    // INSERT … ON CONFLICT DO NOTHING: a double click or a second tab bookmarking at once is no error.
    await db().bookmark.createMany({ data: [{ userId: user.id, boothId }], skipDuplicates: true });
  } else {
    await db().bookmark.deleteMany({ where: { userId: user.id, boothId } });
  }
  return on;
}

/**
 * The user's bookmarks, booths on show first. A booth whose fair has closed (or gone back to draft)
 * has no public page any more: it comes back with `onShow: false` and its fair's names, so the
 * dashboard can show it as from an ended fair instead of linking to a 404.
 */
export async function listBookmarks(user: SessionUser) {
  const rows = await db().bookmark.findMany({
    where: { userId: user.id, booth: { isPublic: true } },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: {
      booth: {
        select: {
          id: true,
          logoKey: true,
          organization: { select: { nameZh: true, nameEn: true, sector: true } },
          fair: { select: { titleZh: true, titleEn: true, status: true } },
        },
      },
    },
  });
  const bookmarks = rows.map((r) => ({
    id: r.booth.id,
    logoKey: r.booth.logoKey,
    nameZh: r.booth.organization.nameZh,
    nameEn: r.booth.organization.nameEn,
    sector: r.booth.organization.sector,
    onShow: PUBLIC_FAIR_STATUSES.includes(r.booth.fair.status),
    fairZh: r.booth.fair.titleZh,
    fairEn: r.booth.fair.titleEn,
  }));
  return [...bookmarks.filter((b) => b.onShow), ...bookmarks.filter((b) => !b.onShow)];
}
