import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import type { Role } from "~/generated/prisma/client";

const SESSION_DAYS = 30;

export const sessionCookie = createCookie("cf_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: config().COOKIE_SECURE,
  maxAge: SESSION_DAYS * 24 * 3600,
});

export const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  roles: Role[];
  /** organizationId → role, for tenant checks */
  memberships: { organizationId: string; role: Role }[];
}

/** Starts a session; returns the Set-Cookie header value. Only the token's hash is stored. */
export async function createSession(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().session.create({
    data: { id: sha256(token), userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 864e5) },
  });
  return sessionCookie.serialize(token);
}

export async function readSessionToken(cookieHeader: string | null): Promise<string | null> {
  const token = await sessionCookie.parse(cookieHeader);
  return typeof token === "string" && token.length > 20 ? token : null;
}

/** The user behind a raw session token (also used by socket.io), or null. */
export async function userFromToken(token: string | null): Promise<SessionUser | null> {
  if (!token) return null;
  const session = await db().session.findUnique({
    where: { id: sha256(token) },
    include: { user: { include: { memberships: { select: { organizationId: true, role: true } } } } },
  });
  if (!session || session.expiresAt < new Date()) return null;
  return toSessionUser(session.user);
}

type UserWithMemberships = {
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  memberships: { organizationId: string; role: Role }[];
};

export function toSessionUser(user: UserWithMemberships): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    timeZone: user.timeZone,
    roles: [...new Set(user.memberships.map((m) => m.role))],
    memberships: user.memberships.map((m) => ({ organizationId: m.organizationId, role: m.role })),
  };
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return userFromToken(await readSessionToken(request.headers.get("Cookie")));
}

/** Ends the session and returns a redirect that clears the cookie. */
export async function logout(request: Request, to = "/"): Promise<Response> {
  const token = await readSessionToken(request.headers.get("Cookie"));
  if (token) await db().session.deleteMany({ where: { id: sha256(token) } });
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}
