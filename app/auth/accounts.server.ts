// Accounts: self sign-up (visitor, exhibitor, investor), login, password reset, staff creation.
import { randomBytes } from "node:crypto";
import { db } from "~/db/client.server";
import type { Role } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { audit } from "~/domain/audit/audit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { loginRetryAfterMinutes, recordLoginAttempt } from "./rate-limit.server";
import { sha256 } from "./session.server";
import type { SignupInput, StaffAccountInput } from "./schemas";

const RESET_TTL_MS = 60 * 60 * 1000;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: string }).code === "P2002";
}

export async function signUp(input: SignupInput, locale: string): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash, locale },
        select: { id: true },
      });
      if (input.accountType !== "visitor") {
        const role: Role = input.accountType === "exhibitor" ? "EXHIBITOR" : "INVESTOR";
        await tx.organization.create({
          data: {
            kind: role,
            nameZh: input.orgName,
            nameEn: input.orgName,
            memberships: { create: { userId: user.id, role } },
          },
        });
      }
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("error.emailTaken", 409, undefined, "email");
    throw err;
  }
}

/** Verifies credentials under the login rate limit; returns the user id. */
export async function authenticate(email: string, password: string, ip: string): Promise<string> {
  const wait = await loginRetryAfterMinutes(email, ip);
  if (wait > 0) throw new DomainError("error.rateLimited", 429, { minutes: wait });
  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  await recordLoginAttempt(email, ip, ok && !!user);
  if (!ok || !user) throw new DomainError("error.badCredentials", 401);
  return user.id;
}
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$H802ZnZrjYe9qkX4jQfBWTQtJnmj6Noz+sJrSQ8gzOM";

/**
 * Creates a one-hour reset token and delivers the link. With no mail server configured the
 * link is written to the server log. Silent for unknown emails (no account enumeration).
 */
export async function requestPasswordReset(email: string, origin: string): Promise<string | null> {
  const user = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return null;
  const token = randomBytes(32).toString("base64url");
  await db().passwordResetToken.create({
    data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  });
  const link = `${origin}/reset-password/${token}`;
  logger.info({ event: "password_reset_link", email, link }, "password reset link (no mail server configured)");
  return link;
}

export async function isResetTokenValid(token: string): Promise<boolean> {
  const row = await db().passwordResetToken.findUnique({ where: { tokenHash: sha256(token) } });
  return !!row && !row.usedAt && row.expiresAt > new Date();
}

/** Sets the new password, burns the token and ends every existing session of the user. */
export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const row = await tx.passwordResetToken.findUnique({ where: { tokenHash: sha256(token) } });
    if (!row || row.usedAt || row.expiresAt <= new Date()) throw new DomainError("error.resetInvalid", 400);
    await tx.passwordResetToken.update({ where: { id: row.id }, data: { usedAt: new Date() } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
  });
}

/** Staff and admin accounts: created by an admin (or the CLI with actorId null), never by sign-up. */
export async function createStaffAccount(input: StaffAccountInput, actorId: string | null): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  const orgKind = input.role === "ADMIN" ? "PLATFORM" : "BUREAU";
  try {
    return await db().$transaction(async (tx) => {
      let org = await tx.organization.findFirst({ where: { kind: orgKind }, orderBy: { createdAt: "asc" } });
      org ??= await tx.organization.create({
        data:
          orgKind === "BUREAU"
            ? { kind: orgKind, nameZh: "商务局", nameEn: "Commerce Bureau" }
            : { kind: orgKind, nameZh: "云展洽平台", nameEn: "CloudFair Platform" },
      });
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          memberships: { create: { organizationId: org.id, role: input.role } },
        },
        select: { id: true },
      });
      await audit(
        {
          actorId,
          action: "user.create",
          entityType: "User",
          entityId: user.id,
          after: { email: input.email, role: input.role },
        },
        tx,
      );
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("error.emailTaken", 409, undefined, "email");
    throw err;
  }
}

export async function listStaffAccounts() {
  return db().membership.findMany({
    where: { role: { in: ["STAFF", "ADMIN"] } },
    select: { role: true, user: { select: { id: true, email: true, name: true, createdAt: true } } },
    orderBy: { createdAt: "asc" },
  });
}

export async function saveUserLocale(userId: string, locale: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
