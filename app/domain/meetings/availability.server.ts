// When a person can meet during a fair: slots of the fair's grid, shown and chosen in the person's
// own time zone (named on screen), stored as UTC instants.
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { DomainError } from "~/lib/errors";
import { fairSlots, slotKey } from "./slots";

export async function getAvailability(user: SessionUser, fairId: string) {
  const fair = await db().fair.findUnique({ where: { id: fairId } });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  const chosen = new Set(
    (await db().availability.findMany({ where: { userId: user.id, fairId } })).map((a) => slotKey(a)),
  );
  return {
    fair: { id: fair.id, slug: fair.slug, titleZh: fair.titleZh, titleEn: fair.titleEn, timeZone: fair.timeZone },
    viewerTimeZone: user.timeZone,
    slots: fairSlots(fair).map((s) => ({
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      available: chosen.has(slotKey(s)),
    })),
    marked: chosen.size > 0,
  };
}

/** Replaces the person's availability for the fair with the given slot starts (must be on the grid). */
export async function saveAvailability(user: SessionUser, fairId: string, starts: string[]) {
  const fair = await db().fair.findUnique({ where: { id: fairId } });
  if (!fair) throw new DomainError("errorPage.404.title", 404);
  const grid = new Set(fairSlots(fair).map(slotKey));
  const keys = [
    ...new Set(
      starts
        .map((s) => new Date(s))
        .filter((d) => !Number.isNaN(d.getTime()))
        .map((d) => d.toISOString()),
    ),
  ];
  if (keys.some((k) => !grid.has(k))) throw new DomainError("meetings.error.badSlot", 400);
  await db().$transaction(async (tx) => {
    await tx.availability.deleteMany({ where: { userId: user.id, fairId } });
    if (keys.length)
      await tx.availability.createMany({ data: keys.map((k) => ({ userId: user.id, fairId, startsAt: new Date(k) })) });
  });
  return keys.length;
}

/** Marked availability per person for a fair (people who marked nothing are absent). */
export async function availabilityByUser(fairId: string, userIds: string[]): Promise<Map<string, Set<string>>> {
  const rows = await db().availability.findMany({ where: { fairId, userId: { in: userIds } } });
  const out = new Map<string, Set<string>>();
  for (const r of rows) out.set(r.userId, (out.get(r.userId) ?? new Set()).add(slotKey(r)));
  return out;
}

/** A user's own time-zone setting (used to show slots; the fair's zone is always named too). */
export async function setTimeZone(user: SessionUser, timeZone: string) {
  await db().user.update({ where: { id: user.id }, data: { timeZone } });
}
