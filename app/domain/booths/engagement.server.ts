// Bookmarks: an interaction signal that matching and dashboards use (visits: visits.server.ts).
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { PUBLIC_FAIR_STATUSES } from "~/domain/fairs/fairs.server";
import { Prisma, type FairStatus } from "~/generated/prisma/client";

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

/** A row of `bookmarksRead` (as it comes from a statement or through JSON: readTogether). */
type BookmarkRow = {
  id: string;
  logoKey: string | null;
  nameZh: string;
  nameEn: string;
  sector: string | null;
  fairStatus: FairStatus;
  fairZh: string;
  fairEn: string;
};

/**
 * The user's newest 50 bookmarks of public booths, ties broken by booth id: one raw statement (ADR
 * 033: a Prisma operation costs the dashboard more CPU than the SQL), for `toBookmarks`.
 */
export function bookmarksRead(user: SessionUser): Prisma.Sql {
  return Prisma.sql`
    SELECT b.id, b."logoKey", o."nameZh", o."nameEn", o.sector, f.status::text AS "fairStatus",
           f."titleZh" AS "fairZh", f."titleEn" AS "fairEn"
    FROM "Bookmark" k
    JOIN "Booth" b ON b.id = k."boothId"
    JOIN "Organization" o ON o.id = b."organizationId"
    JOIN "Fair" f ON f.id = b."fairId"
    WHERE k."userId" = ${user.id} AND b."isPublic"
    ORDER BY k."createdAt" DESC, k."boothId" DESC
    LIMIT 50`;
}

/** `bookmarksRead`'s rows as `listBookmarks` gives them. */
export function toBookmarks(rows: unknown[]) {
  const bookmarks = (rows as BookmarkRow[]).map(({ fairStatus, ...r }) => ({
    ...r,
    onShow: PUBLIC_FAIR_STATUSES.includes(fairStatus),
  }));
  return [...bookmarks.filter((b) => b.onShow), ...bookmarks.filter((b) => !b.onShow)];
}

/**
 * The user's bookmarks, booths on show first. A booth whose fair has closed (or gone back to draft)
 * has no public page any more: it comes back with `onShow: false` and its fair's names, so the
 * dashboard can show it as from an ended fair instead of linking to a 404.
 */
export async function listBookmarks(user: SessionUser) {
  return toBookmarks(await db().$queryRaw<BookmarkRow[]>(bookmarksRead(user)));
}
