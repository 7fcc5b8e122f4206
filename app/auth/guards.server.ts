// The one place every loader and action asks "who is this, and may they?".
import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/client";
import { getUser, type SessionUser } from "./session.server";
import {
  allows,
  bureauIdsOf,
  decideFairAccess,
  fairAccess,
  type FairAccess,
  type FairPermission,
} from "./fair-access.server";

/** Returns the signed-in user or redirects to /login?next=<this page>. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** Requires one of the roles (ADMIN and BUREAU_ADMIN pass STAFF checks); otherwise a 403 page. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, ...roles)) throw forbidden();
  return user;
}

export function hasRole(user: SessionUser | null, ...roles: Role[]): boolean {
  if (!user) return false;
  const wanted = new Set<Role>(roles);
  if (wanted.has("STAFF")) {
    wanted.add("ADMIN");
    wanted.add("BUREAU_ADMIN");
  }
  return user.roles.some((r) => wanted.has(r));
}

/** Member of this organization with one of the roles (tenant check). */
export function isMemberOf(user: SessionUser, organizationId: string, ...roles: Role[]): boolean {
  return user.memberships.some(
    (m) => m.organizationId === organizationId && (roles.length === 0 || roles.includes(m.role)),
  );
}

/** Any member of a bureau (staff, bureau admin, viewer) or a platform admin: may open /staff. */
export async function requireBureauMember(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!isBureauMember(user)) throw forbidden();
  return user;
}

export function isBureauMember(user: SessionUser | null): boolean {
  return !!user && (user.roles.includes("ADMIN") || bureauIdsOf(user).length > 0);
}

/**
 * What the user may do on the fair's staff pages (ADR 028, app/auth/fair-access.server.ts): actions
 * ask for "act", loaders for "read" (dashboards and their lists: "report", which parent bureaus pass). Refused: 403 (no relation, or read-only asking to act); an
 * unknown fair: 404. Every /staff/fairs/:id loader and action goes through this.
 */
export async function requireFairStaff(
  request: Request,
  fairId: string,
  need: FairPermission = "act",
): Promise<SessionUser & { access: FairAccess }> {
  const user = await requireBureauMember(request);
  const access = await assertFairStaff(user, fairId, need);
  return { ...user, access };
}

/**
 * Whether the user may act (change things) on the fair whose staff page they opened: the very test
 * requireFairStaff applies to every action, so a page shows its forms exactly to those whose
 * submissions it would accept (viewers and parent bureaus see a read-only note instead; ADR 028).
 */
export function canActOnFair(staff: { access: FairAccess }): boolean {
  return allows(staff.access, "act");
}

export async function assertFairStaff(
  user: SessionUser,
  fairId: string,
  need: FairPermission = "act",
): Promise<FairAccess> {
  const access = await fairAccess(user, fairId);
  if (access === undefined) throw notFound();
  if (!access || !allows(access, need)) throw forbidden();
  return access;
}

/** The fair as synchronous staff checks need it: load `coOrganizers: CO_ORGANIZER_IDS` beside organizerId. */
export interface FairStaffRef {
  organizerId: string;
  coOrganizers?: { organizationId: string }[];
}
/** Prisma select for the fair's co-organizer ids (include it wherever a FairStaffRef is loaded). */
export const CO_ORGANIZER_IDS = { select: { organizationId: true } } as const;

/**
 * The one fair-access rule (ADR 028), synchronously, for pages that already hold the fair's organizer
 * and co-organizers (booth pages, booth contacts, video rooms, roadshows): "act" — admins and acting
 * staff of the organizing bureau or a co-organizer; "read" — also viewers of those bureaus. Parent
 * bureaus are never fair staff here (they read dashboards only, never drafts or meetings).
 */
export function isFairStaff(user: SessionUser, fair: FairStaffRef, need: "act" | "read" = "act"): boolean {
  const coOrganizerIds = (fair.coOrganizers ?? []).map((c) => c.organizationId);
  const access = decideFairAccess(
    user,
    { id: "", organizerId: fair.organizerId, sharedWithParents: false, coOrganizerIds },
    [],
  );
  return !!access && allows(access, need);
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}
