// Invitations of imported people (ADR 027): a single-use claim token, stored as its sha256 only,
// valid 14 days; the claim sets the password (the usual rules, ADR 003) and signs in. A resend makes
// a new token, so the old link is dead at once. Accounts that already have a password never get a
// token: a bureau's list must not be a way to take over someone's account.
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/db/client.server";
import { passwordIssue } from "~/auth/password-policy.server";
import { hashPassword } from "~/auth/password.server";
import { sha256 } from "~/auth/session.server";
import { audit } from "~/domain/audit/audit.server";
import { enqueueMail, type MailLocale } from "~/domain/mail/outbox.server";
import { DomainError } from "~/lib/errors";
import type { SessionUser } from "~/auth/session.server";

export const CLAIM_TTL_MS = 14 * 24 * 3600_000;
/** What an account that was never claimed has as its password hash: matches no password. */
export const UNUSABLE_PASSWORD = "!invited";

export const hasUsablePassword = (passwordHash: string) => passwordHash !== UNUSABLE_PASSWORD;

export function newClaimToken(now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + CLAIM_TTL_MS) };
}

type Tx = Prisma.TransactionClient;

export interface InvitationMail {
  invitationId: string;
  sends: number;
  kind: "EXHIBITOR" | "INVESTOR";
  token: string;
  expiresAt: Date;
  toEmail: string;
  userId: string;
  locale: MailLocale;
  name: string;
  orgZh: string;
  orgEn: string;
  fairZh: string;
  fairEn: string;
}

/** Queues the invitation mail in the caller's transaction; one mail per (invitation, send). */
export function queueInvitation(tx: Tx, m: InvitationMail): Promise<void> {
  return enqueueMail(tx, invitationMail(m));
}

/**
 * Queues many invitation mails in one statement: enqueueMail's contract (one row per event key; the
 * same key again changes nothing) as a single INSERT … ON CONFLICT DO NOTHING. An import of 5,000
 * rows spent most of its time in 5,000 single upserts.
 */
export async function queueInvitations(tx: Tx, mails: InvitationMail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.mailOutbox.createMany({
    data: mails.map((m) => ({ ...invitationMail(m), userId: m.userId })),
    skipDuplicates: true,
  });
}

function invitationMail(m: InvitationMail) {
  return {
    kind: m.kind === "EXHIBITOR" ? "exhibitor-invite" : "investor-invite",
    eventKey: `invitation:${m.invitationId}:${m.sends}`,
    toEmail: m.toEmail,
    userId: m.userId,
    locale: m.locale,
    data: {
      name: m.name,
      orgZh: m.orgZh,
      orgEn: m.orgEn,
      fairZh: m.fairZh,
      fairEn: m.fairEn,
      claimPath: `/claim/${m.token}`,
      expiresAt: m.expiresAt.toISOString(),
      // The live claim link is blanked from the stored row once the mail is SENT (ADR 026); KEPT keeps it.
      redact: ["claimPath"],
    },
  };
}

async function liveInvitation(token: string, now: Date) {
  if (!token || token.length > 200) return null;
  const inv = await db().invitation.findUnique({ where: { tokenHash: sha256(token) } });
  if (!inv || inv.claimedAt || !inv.expiresAt || inv.expiresAt <= now) return null;
  return inv;
}

/** The claim page: who is invited where; marks the link as opened. Null when the link is dead. */
export async function openClaim(token: string, now = new Date()) {
  const inv = await liveInvitation(token, now);
  if (!inv) return null;
  if (!inv.openedAt)
    await db().invitation.updateMany({ where: { id: inv.id, openedAt: null }, data: { openedAt: now } });
  const [user, org, fair] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: inv.userId }, select: { email: true, name: true } }),
    db().organization.findUniqueOrThrow({ where: { id: inv.organizationId }, select: { nameZh: true, nameEn: true } }),
    db().fair.findUniqueOrThrow({ where: { id: inv.fairId }, select: { titleZh: true, titleEn: true } }),
  ]);
  return {
    email: user.email,
    name: user.name,
    orgZh: org.nameZh,
    orgEn: org.nameEn,
    fairZh: fair.titleZh,
    fairEn: fair.titleEn,
  };
}

/**
 * Sets the password with a live link, once: the token is consumed in the same statement that checks
 * it. Returns the user to sign in and where to land (the pre-filled booth builder, or the investor
 * preferences).
 */
export async function claimInvitation(
  token: string,
  password: string,
  now = new Date(),
): Promise<{ userId: string; to: string }> {
  const inv = await liveInvitation(token, now);
  if (!inv) throw new DomainError("claim.invalid", 400);
  const user = await db().user.findUniqueOrThrow({
    where: { id: inv.userId },
    select: { id: true, email: true, name: true },
  });
  const issue = passwordIssue(password, user);
  if (issue) throw new DomainError(issue, 400, undefined, "password");
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, tokenHash: inv.tokenHash, claimedAt: null, expiresAt: { gt: now } },
      data: { claimedAt: now, tokenHash: null, openedAt: inv.openedAt ?? now },
    });
    if (claimed.count !== 1) throw new DomainError("claim.invalid", 400);
    // Every other pending invitation of this account is claimed with it (the same person, one password).
    await tx.invitation.updateMany({
      where: { userId: user.id, claimedAt: null },
      data: { claimedAt: now, tokenHash: null },
    });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await audit({ actorId: user.id, action: "invitation.claim", entityType: "Invitation", entityId: inv.id }, tx);
  });
  if (inv.kind === "EXHIBITOR") {
    const booth = await db().booth.findUnique({
      where: { fairId_organizationId: { fairId: inv.fairId, organizationId: inv.organizationId } },
      select: { id: true },
    });
    return { userId: user.id, to: booth ? `/booths/${booth.id}/edit` : "/dashboard" };
  }
  return { userId: user.id, to: "/investor/profile" };
}

/** Staff: a new link for someone who has not claimed yet; the old one stops working. */
export async function resendInvitation(staff: SessionUser, fairId: string, invitationId: string, now = new Date()) {
  const inv = await db().invitation.findUnique({ where: { id: invitationId } });
  if (!inv || inv.fairId !== fairId) throw new DomainError("onboarding.notFound", 404);
  if (inv.claimedAt) throw new DomainError("onboarding.alreadyClaimed", 409);
  const [user, org, fair] = await Promise.all([
    db().user.findUniqueOrThrow({ where: { id: inv.userId } }),
    db().organization.findUniqueOrThrow({ where: { id: inv.organizationId } }),
    db().fair.findUniqueOrThrow({ where: { id: fairId } }),
  ]);
  if (hasUsablePassword(user.passwordHash)) throw new DomainError("onboarding.alreadyClaimed", 409);
  const t = newClaimToken(now);
  await db().$transaction(async (tx) => {
    const updated = await tx.invitation.update({
      where: { id: inv.id },
      data: { tokenHash: t.tokenHash, expiresAt: t.expiresAt, sends: { increment: 1 }, invitedAt: now },
    });
    await queueInvitation(tx, {
      invitationId: inv.id,
      sends: updated.sends,
      kind: inv.kind as "EXHIBITOR" | "INVESTOR",
      token: t.token,
      expiresAt: t.expiresAt,
      toEmail: user.email,
      userId: user.id,
      locale: user.locale === "en" ? "en" : "zh-CN",
      name: user.name,
      orgZh: org.nameZh,
      orgEn: org.nameEn,
      fairZh: fair.titleZh,
      fairEn: fair.titleEn,
    });
    await audit(
      {
        actorId: staff.id,
        action: "invitation.resend",
        entityType: "Invitation",
        entityId: inv.id,
        after: { sends: updated.sends },
      },
      tx,
    );
  });
}

export const INVITEES_PER_PAGE = 50;

/** Staff: every imported organization of the fair with where its person stands. */
export async function listInvitations(fairId: string, page: number) {
  const total = await db().invitation.count({ where: { fairId } });
  const pages = Math.max(1, Math.ceil(total / INVITEES_PER_PAGE));
  const p = Math.min(page, pages);
  const invs = await db().invitation.findMany({
    where: { fairId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (p - 1) * INVITEES_PER_PAGE,
    take: INVITEES_PER_PAGE,
  });
  const [orgs, users, booths] = await Promise.all([
    db().organization.findMany({
      where: { id: { in: invs.map((i) => i.organizationId) } },
      select: { id: true, nameZh: true, nameEn: true },
    }),
    db().user.findMany({ where: { id: { in: invs.map((i) => i.userId) } }, select: { id: true, email: true } }),
    db().booth.findMany({
      where: { fairId, organizationId: { in: invs.map((i) => i.organizationId) } },
      select: { organizationId: true, submittedAt: true, status: true },
    }),
  ]);
  const org = new Map(orgs.map((o) => [o.id, o]));
  const email = new Map(users.map((u) => [u.id, u.email]));
  const booth = new Map(booths.map((b) => [b.organizationId, b]));
  return {
    total,
    page: p,
    pages,
    invitations: invs.map((i) => {
      const b = booth.get(i.organizationId);
      return {
        id: i.id,
        kind: i.kind as "EXHIBITOR" | "INVESTOR",
        orgZh: org.get(i.organizationId)?.nameZh ?? "",
        orgEn: org.get(i.organizationId)?.nameEn ?? "",
        email: email.get(i.userId) ?? "",
        invitedAt: i.invitedAt?.toISOString() ?? null,
        openedAt: i.openedAt?.toISOString() ?? null,
        claimedAt: i.claimedAt?.toISOString() ?? null,
        submitted: b ? b.submittedAt !== null || b.status !== "DRAFT" : null,
        sends: i.sends,
      };
    }),
  };
}
