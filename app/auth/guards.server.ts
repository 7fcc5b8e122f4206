// The one place every loader and action asks "who is this, and may they?".
import { redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/client";
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
  return user.memberships.some((m) => m.organizationId === organizationId && (roles.length === 0 || roles.includes(m.role)));
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}
