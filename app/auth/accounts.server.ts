// Accounts: self sign-up (visitor, exhibitor, investor), login, password reset, staff creation.
import { randomBytes } from "node:crypto";
import { db } from "~/db/client.server";
import type { Prisma, Role } from "~/generated/prisma/client";
import { DomainError } from "~/lib/errors";
import { logger } from "~/lib/logger.server";
import { audit } from "~/domain/audit/audit.server";
import { hashPassword, verifyPassword } from "./password.server";
import { rateLimiter } from "~/lib/rate-limit.server";
import { disconnectSockets } from "~/realtime/bus.server";
import { passwordIssue } from "./password-policy.server";
import { beginLoginAttempt, forgetLoginFailures, loginSucceeded, sourceOf } from "./rate-limit.server";
import { sha256 } from "./session.server";
import type { SignupInput, StaffAccountInput } from "./schemas";
import { enqueueMail } from "~/domain/mail/outbox.server";
import { isLocale } from "~/i18n/locale";
import { queueAddressConfirmation } from "./email-verification.server";

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
      await queueAddressConfirmation(tx, user.id, "signup");
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

/** Verifies credentials under the login throttle (ADR 003); returns the user id. */
export async function authenticate(email: string, password: string, ip: string, now = new Date()): Promise<string> {
  const attempt = await beginLoginAttempt(email, ip, now);
  if (attempt.waitMs > 0) throw waitError(attempt.waitMs);
  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
  if (!ok || !user) throw new DomainError("error.badCredentials", 401);
  await loginSucceeded(attempt, email, ip);
  return user.id;
}
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$H802ZnZrjYe9qkX4jQfBWTQtJnmj6Noz+sJrSQ8gzOM";

/** "Try again in 4 seconds" below a minute, else in whole minutes (rounded up). */
function waitError(waitMs: number): DomainError {
  if (waitMs < 60_000) return new DomainError("error.loginWait", 429, { seconds: Math.ceil(waitMs / 1000) });
  return new DomainError("error.rateLimited", 429, { minutes: Math.ceil(waitMs / 60_000) });
}

// Reset requests per email (whether or not it has an account, so a refusal reveals nothing) and per source.
export const RESET_LIMITS = {
  perEmail: { points: 3, durationMs: 15 * 60_000 },
  perSource: { points: 10, durationMs: 15 * 60_000 },
} as const;
const resetsPerEmail = rateLimiter({ ...RESET_LIMITS.perEmail, name: "reset-email" });
const resetsPerSource = rateLimiter({ ...RESET_LIMITS.perSource, name: "reset-source" });

/**
 * Creates a reset token valid for one hour and delivers the link; the user's older tokens stop
 * working. The link is mailed through the outbox (with no SMTP_URL: kept at /admin/mail). Answers the same
 * for unknown emails (no account enumeration), including when rate-limited.
 */
export async function requestPasswordReset(email: string, origin: string, ip = "unknown"): Promise<string | null> {
  const limits = [
    [resetsPerSource, sourceOf(ip)],
    [resetsPerEmail, email],
  ] as const;
  for (const [limiter, key] of limits) {
    const r = await limiter.consume(key);
    if (!r.allowed)
      throw new DomainError("error.resetRateLimited", 429, { minutes: Math.ceil(r.retryAfterMs / 60_000) });
  }
  const user = await db().user.findUnique({ where: { email }, select: { id: true, name: true, locale: true } });
  if (!user) return null;
  const token = randomBytes(32).toString("base64url");
  const link = `${origin}/reset-password/${token}`;
  await db().$transaction(async (tx) => {
    // The user's row lock orders concurrent requests, so exactly one token stays live.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    await tx.passwordResetToken.deleteMany({ where: { userId: user.id } });
    const row = await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
    });
    // The mail goes out through the outbox (ADR 026); its stored link is blanked once it is sent.
    await enqueueMail(tx, {
      kind: "password-reset",
      eventKey: `password-reset:${row.id}`,
      toEmail: email,
      userId: user.id,
      locale: isLocale(user.locale) ? user.locale : "zh-CN",
      data: { name: user.name, link, redact: ["link"] },
    });
  });
  logger.info({ event: "password_reset_mail", userId: user.id }, "password reset mail queued");
  return link;
}

export async function isResetTokenValid(token: string): Promise<boolean> {
  const row = await db().passwordResetToken.findUnique({ where: { tokenHash: sha256(token) } });
  return !!row && !row.usedAt && row.expiresAt > new Date();
}

/**
 * Sets the new password with a live token, which is then gone with every other token of the user.
 * Ends every session (this one too: the user logs in again) and closes their sockets, revokes the
 * private calendar feed URL (a new one can be issued on the agenda), and forgets failed logins.
 */
export async function resetPassword(token: string, password: string): Promise<void> {
  const now = new Date();
  const row = await db().passwordResetToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now) throw new DomainError("error.resetInvalid", 400);
  const issue = passwordIssue(password, row.user);
  if (issue) throw new DomainError(issue, 400, undefined, "password");
  const passwordHash = await hashPassword(password);
  const userId = row.user.id;
  await db().$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.deleteMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
    });
    if (claimed.count !== 1) throw new DomainError("error.resetInvalid", 400); // used meanwhile
    await tx.passwordResetToken.deleteMany({ where: { userId } });
    await tx.user.update({ where: { id: userId }, data: { passwordHash, calendarTokenHash: null } });
    await tx.session.deleteMany({ where: { userId } });
  });
  disconnectSockets({ userId });
  await forgetLoginFailures(row.user.email);
}

/**
 * Staff, bureau admin, viewer and platform admin accounts: created by an admin (or the CLI with
 * actorId null), never by sign-up. A bureau member joins exactly the bureau named (ADR 028: before,
 * every staff account landed in the oldest bureau); a platform admin joins the platform organization.
 * Who may create whom is the caller's check (admin page: platform admins; bureau pages: that bureau's admins).
 */
export async function createStaffAccount(
  input: StaffAccountInput,
  actorId: string | null,
  tx0?: Prisma.TransactionClient,
): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  const run = async (tx: Prisma.TransactionClient) => {
    let organizationId: string;
    if (input.role === "ADMIN") {
      const org =
        (await tx.organization.findFirst({ where: { kind: "PLATFORM" }, orderBy: { createdAt: "asc" } })) ??
        (await tx.organization.create({
          data: { kind: "PLATFORM", nameZh: "云展洽平台", nameEn: "CloudFair Platform" },
        }));
      organizationId = org.id;
    } else {
      const bureau = input.bureauId
        ? await tx.organization.findFirst({ where: { id: input.bureauId, kind: "BUREAU" }, select: { id: true } })
        : null;
      if (!bureau) throw new DomainError("bureau.error.unknown", 400, undefined, "bureauId");
      organizationId = bureau.id;
    }
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        memberships: { create: { organizationId, role: input.role } },
      },
      select: { id: true },
    });
    await audit(
      {
        actorId,
        action: "user.create",
        entityType: "User",
        entityId: user.id,
        after: { email: input.email, role: input.role, organizationId },
      },
      tx,
    );
    return user;
  };
  try {
    return tx0 ? await run(tx0) : await db().$transaction(run);
  } catch (err) {
    if (isUniqueViolation(err)) throw new DomainError("error.emailTaken", 409, undefined, "email");
    throw err;
  }
}

/** Platform admins and every bureau's members, with the bureau's names. */
export async function listStaffAccounts() {
  return db().membership.findMany({
    where: { role: { in: ["STAFF", "ADMIN", "BUREAU_ADMIN", "VIEWER"] } },
    select: {
      role: true,
      organization: { select: { nameZh: true, nameEn: true } },
      user: { select: { id: true, email: true, name: true, createdAt: true } },
    },
    orderBy: { createdAt: "asc" },
  });
}

export async function saveUserLocale(userId: string, locale: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { locale } });
}
