// The one answer to "what may this user do on this fair's staff pages?" (ADR 028). Every staff
// loader and action asks it (through requireFairStaff / assertFairStaff), so the rules live here:
// - platform admin: act, sees everything;
// - staff or bureau admin of the organizing bureau or of a co-organizer: act, sees everything;
// - viewer of the organizing bureau or of a co-organizer: read, sees everything;
// - any member of a parent bureau (any ancestor of the organizer): read dashboards and lists, with
//   personal contact data of exhibitors and investors hidden unless the fair is shared with parents;
// - anyone else: nothing (403); an unknown fair: 404.
import { Prisma, type Role } from "~/generated/prisma/client";
import { db } from "~/db/client.server";
import type { SessionUser } from "./session.server";

/** Membership roles that make someone a member of a bureau (staff pages). */
export const BUREAU_ROLES: readonly Role[] = ["STAFF", "BUREAU_ADMIN", "VIEWER"];
/** Bureau roles that act (change things), not only read. */
export const ACTING_ROLES: readonly Role[] = ["STAFF", "BUREAU_ADMIN"];

export type FairRelation = "admin" | "organizer" | "coOrganizer" | "viewer" | "parent";
/**
 * What a page needs: "act" changes the fair (organizer and co-organizer staff, admins); "read" opens
 * its staff pages without changing anything (also viewers of those bureaus); "report" opens its
 * dashboard and lists (also parent bureaus, contacts hidden unless shared).
 */
export type FairPermission = "act" | "read" | "report";

export interface FairAccess {
  fairId: string;
  organizerId: string;
  relation: FairRelation;
  /** The most this user may do: "act" ⊃ "read" ⊃ "report". */
  can: FairPermission;
  /** Personal contact data (names, emails, phones of people) is hidden in lists and exports. */
  hideContacts: boolean;
}

export const isPlatformAdmin = (user: SessionUser) => user.roles.includes("ADMIN");

/** Bureau ids where the user holds one of the roles. */
export function bureauIdsOf(user: SessionUser, roles: readonly Role[] = BUREAU_ROLES): string[] {
  return [...new Set(user.memberships.filter((m) => roles.includes(m.role)).map((m) => m.organizationId))];
}

/** The bureau and all its ancestors, nearest first (the tree is kept acyclic on write; depth capped). */
export async function ancestorsOf(organizationId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH RECURSIVE up AS (
      SELECT o.id, o."parentId", 0 AS depth FROM "Organization" o WHERE o.id = ${organizationId}
      UNION ALL
      SELECT p.id, p."parentId", up.depth + 1 FROM up JOIN "Organization" p ON p.id = up."parentId" WHERE up.depth < 10
    ) SELECT id FROM up WHERE depth > 0 ORDER BY depth`);
  return rows.map((r) => r.id);
}

/** The bureau and all its descendants. */
export async function subtreeOf(organizationId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH RECURSIVE down AS (
      SELECT o.id, 0 AS depth FROM "Organization" o WHERE o.id = ${organizationId}
      UNION ALL
      SELECT c.id, down.depth + 1 FROM down JOIN "Organization" c ON c."parentId" = down.id WHERE down.depth < 10
    ) SELECT DISTINCT id FROM down`);
  return rows.map((r) => r.id);
}

/** The pure rule, given the fair's organizer, co-organizers and the organizer's ancestors. */
export function decideFairAccess(
  user: SessionUser,
  fair: { id: string; organizerId: string; sharedWithParents: boolean; coOrganizerIds: string[] },
  organizerAncestors: string[],
): FairAccess | null {
  const base = { fairId: fair.id, organizerId: fair.organizerId };
  if (isPlatformAdmin(user)) return { ...base, relation: "admin", can: "act", hideContacts: false };
  const roleIn = (orgIds: string[], roles: readonly Role[]) =>
    user.memberships.some((m) => orgIds.includes(m.organizationId) && roles.includes(m.role));
  if (roleIn([fair.organizerId], ACTING_ROLES))
    return { ...base, relation: "organizer", can: "act", hideContacts: false };
  if (roleIn(fair.coOrganizerIds, ACTING_ROLES))
    return { ...base, relation: "coOrganizer", can: "act", hideContacts: false };
  if (roleIn([fair.organizerId, ...fair.coOrganizerIds], ["VIEWER"]))
    return { ...base, relation: "viewer", can: "read", hideContacts: false };
  if (roleIn(organizerAncestors, BUREAU_ROLES))
    return { ...base, relation: "parent", can: "report", hideContacts: !fair.sharedWithParents };
  return null;
}

const RANK: Record<FairPermission, number> = { report: 0, read: 1, act: 2 };
/** Whether an access allows what a page needs. */
export const allows = (access: FairAccess, need: FairPermission) => RANK[access.can] >= RANK[need];

/** What the user may do on the fair: null when nothing; undefined when there is no such fair. */
export async function fairAccess(user: SessionUser, fairId: string): Promise<FairAccess | null | undefined> {
  const fair = await db().fair.findUnique({
    where: { id: fairId },
    select: {
      id: true,
      organizerId: true,
      sharedWithParents: true,
      coOrganizers: { select: { organizationId: true } },
    },
  });
  if (!fair) return undefined;
  const hasBureau = bureauIdsOf(user).length > 0;
  const ancestors = hasBureau && !isPlatformAdmin(user) ? await ancestorsOf(fair.organizerId) : [];
  return decideFairAccess(user, { ...fair, coOrganizerIds: fair.coOrganizers.map((c) => c.organizationId) }, ancestors);
}

/** Every fair the user may see on staff pages, with the access to each (lists must not link to a 403). */
export async function accessibleFairs(user: SessionUser): Promise<Map<string, FairAccess>> {
  const out = new Map<string, FairAccess>();
  const mine = bureauIdsOf(user);
  if (!isPlatformAdmin(user) && mine.length === 0) return out;
  const fairs = await db().fair.findMany({
    select: {
      id: true,
      organizerId: true,
      sharedWithParents: true,
      coOrganizers: { select: { organizationId: true } },
    },
  });
  // Which of the user's bureaus sit above each bureau (fairs organized below are seen from above).
  const above = new Map<string, string[]>();
  for (const b of mine) for (const id of await subtreeOf(b)) if (id !== b) above.set(id, [...(above.get(id) ?? []), b]);
  for (const f of fairs) {
    const coOrganizerIds = f.coOrganizers.map((c) => c.organizationId);
    const a = decideFairAccess(user, { ...f, coOrganizerIds }, above.get(f.organizerId) ?? []);
    if (a) out.set(f.id, a);
  }
  return out;
}
