// The one place every loader and action asks "who is this, and may they?".
import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/client";
import { db } from "~/db/client.server";
import { getUser, type SessionUser } from "./session.server";

/** Returns the signed-in user or redirects to /login?next=<this page>. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** Requires one of the roles (ADMIN passes STAFF checks); otherwise a 403 page. */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, ...roles)) throw forbidden();
  return user;
}

export function hasRole(user: SessionUser | null, ...roles: Role[]): boolean {
  if (!user) return false;
  const wanted = new Set<Role>(roles);
  if (wanted.has("STAFF")) wanted.add("ADMIN");
  return user.roles.some((r) => wanted.has(r));
}

/** Member of this organization with one of the roles (tenant check). */
export function isMemberOf(user: SessionUser, organizationId: string, ...roles: Role[]): boolean {
  return user.memberships.some(
    (m) => m.organizationId === organizationId && (roles.length === 0 || roles.includes(m.role)),
  );
}

/**
 * Staff of the bureau that organizes this fair, or an admin. Staff of another bureau get 403,
 * an unknown fair 404. Every /staff/fairs/:id loader and action goes through this.
 */
export async function requireFairStaff(request: Request, fairId: string): Promise<SessionUser> {
  const user = await requireRole(request, "STAFF");
  await assertFairStaff(user, fairId);
  return user;
}

export async function assertFairStaff(user: SessionUser, fairId: string): Promise<void> {
  const fair = await db().fair.findUnique({ where: { id: fairId }, select: { organizerId: true } });
  if (!fair) throw notFound();
  if (!isFairStaff(user, fair.organizerId)) throw forbidden();
}

export function isFairStaff(user: SessionUser, organizerId: string): boolean {
  return user.roles.includes("ADMIN") || isMemberOf(user, organizerId, "STAFF", "ADMIN");
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}
