import { createHash, randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import { memoized } from "~/lib/request-memo.server";
import { Prisma, type Role } from "~/generated/prisma/client";
import { disconnectSockets } from "~/realtime/bus.server";

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
  /** The address is confirmed (ADR 026; the site-wide banner asks until it is). */
  emailConfirmed: boolean;
  /** A private calendar feed URL has been issued (the agenda offers "new URL" instead of "create"). */
  calendarFeed: boolean;
  /**
   * Unread notifications when the user was read: only from `getUser` (a page's shell shows the
   * badge), read in the same statement; absent from every other read of the user.
   */
  unread?: number;
}

/** Starts a session; returns the Set-Cookie header value. Only the token's hash is stored. */
export async function createSession(userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db().session.create({
    data: { id: sessionIdOf(token), userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 864e5) },
  });
  return sessionCookie.serialize(token);
}

export async function readSessionToken(cookieHeader: string | null): Promise<string | null> {
  const token = await sessionCookie.parse(cookieHeader);
  return typeof token === "string" && token.length > 20 ? token : null;
}

/** The session's id: the sha256 of its token (the token itself is never stored). */
export const sessionIdOf = (token: string) => sha256(token);

const WITH_USER = { user: { include: { memberships: { select: { organizationId: true, role: true } } } } } as const;

/** The user behind a raw session token (also used by socket.io), or null. */
export async function userFromToken(token: string | null, withUnread = false): Promise<SessionUser | null> {
  return token ? userFromSession(sessionIdOf(token), new Date(), withUnread) : null;
}

/**
 * The user of a live session, or null. A session past `expiresAt` is deleted on sight.
 * Every signed-in request asks this, so it is one raw statement: a Prisma operation costs about
 * 2 ms of CPU, this about 0.8 (docs/decisions/033-signed-in-throughput.md). It also brings the
 * user's fields that every page shows (address confirmed, calendar feed issued), so no loader
 * reads the user again.
 */
export async function userFromSession(
  sessionId: string,
  now = new Date(),
  withUnread = false,
): Promise<SessionUser | null> {
  // `withUnread`: the shell's unread badge in the same statement (one round trip less per page).
  const unread = withUnread
    ? Prisma.sql`(SELECT COUNT(*)::int FROM "Notification" n WHERE n."userId" = u.id AND n."readAt" IS NULL) AS unread,`
    : Prisma.empty;
  const [session] = await db().$queryRaw<(UserWithMemberships & { expiresAt: Date; unread?: number })[]>`
    SELECT s."expiresAt", u.id, u.email, u.name, u.locale, u."timeZone", u."emailVerifiedAt", u."calendarTokenHash",
      ${unread}
      COALESCE(
        json_agg(json_build_object('organizationId', m."organizationId", 'role', m.role) ORDER BY m.id)
          FILTER (WHERE m.id IS NOT NULL),
        '[]'::json
      ) AS memberships
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    LEFT JOIN "Membership" m ON m."userId" = u.id
    WHERE s.id = ${sessionId}
    GROUP BY s.id, u.id`;
  if (!session) return null;
  if (session.expiresAt <= now) {
    await db().session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  const user = toSessionUser(session);
  return session.unread === undefined ? user : { ...user, unread: session.unread };
}

/** Of these sessions, the ones still live, each with its user as the database has it now. */
export async function liveSessions(sessionIds: string[], now = new Date()): Promise<Map<string, SessionUser>> {
  const live = new Map<string, SessionUser>();
  for (let i = 0; i < sessionIds.length; i += 500) {
    const rows = await db().session.findMany({
      where: { id: { in: sessionIds.slice(i, i + 500) }, expiresAt: { gt: now } },
      include: WITH_USER,
    });
    for (const row of rows) live.set(row.id, toSessionUser(row.user));
  }
  return live;
}

type UserWithMemberships = {
  id: string;
  email: string;
  name: string;
  locale: string;
  timeZone: string;
  emailVerifiedAt: Date | null;
  calendarTokenHash: string | null;
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
    emailConfirmed: !!user.emailVerifiedAt,
    calendarFeed: !!user.calendarTokenHash,
  };
}

/**
 * The signed-in user with their unread count; read once per GET request however many loaders ask
 * (app/lib/request-memo.server.ts), and again after an action.
 */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await readSessionToken(request.headers.get("Cookie"));
  return token ? memoized(`user:${sessionIdOf(token)}`, () => userFromToken(token, true)) : null;
}

/** Ends the session (and its open sockets, on every instance) and returns a redirect that clears the cookie. */
export async function logout(request: Request, to = "/"): Promise<Response> {
  const token = await readSessionToken(request.headers.get("Cookie"));
  if (token) {
    await db().session.deleteMany({ where: { id: sessionIdOf(token) } });
    disconnectSockets({ sessionId: sessionIdOf(token) });
  }
  return redirect(to, { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}
