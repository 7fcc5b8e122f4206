// Confirming an address (ADR 026): sign-up mails a signed link (no stored token: an HMAC with the
// user's mail key over the address, so a changed address or a new key voids it). Until confirmed an
// account can do everything, but receives only essential mail (reset, this one) and sees a banner.
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { enqueueMail } from "~/domain/mail/outbox.server";
import { readToken, signedToken } from "~/domain/mail/links.server";
import { isLocale } from "~/i18n/locale";
import { appOrigin } from "~/lib/app-url.server";
import { rateLimiter } from "~/lib/rate-limit.server";

type Tx = Pick<Prisma.TransactionClient, "user" | "mailOutbox">;

/**
 * Queues the confirmation mail. `occasion` makes the event key: "signup" once per account, a resend
 * once per hour (repeats in the same hour change nothing).
 */
export async function queueAddressConfirmation(tx: Tx, userId: string, occasion: "signup" | "resend"): Promise<void> {
  const u = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, name: true, locale: true, emailVerifiedAt: true },
  });
  if (u.emailVerifiedAt) return;
  const token = await signedToken(tx, "verify", userId, u.email);
  const bucket = occasion === "signup" ? "signup" : `resend-${Math.floor(Date.now() / 3_600_000)}`;
  await enqueueMail(tx, {
    kind: "verify-email",
    eventKey: `verify-email:${userId}:${bucket}`,
    toEmail: u.email,
    userId,
    locale: isLocale(u.locale) ? u.locale : "zh-CN",
    // The link is blanked from the stored row once sent (ADR 026); a KEPT row keeps it.
    data: { name: u.name, link: `${appOrigin()}/verify-email/${token}`, redact: ["link"] },
  });
}

/** One resend per account per hour (the site-wide banner and the settings page offer it). */
export const RESEND_LIMIT = { points: 1, durationMs: 3_600_000 } as const;
const resends = rateLimiter({ ...RESEND_LIMIT, name: "verify-resend" });

/** Queues the confirmation mail again, unless one was resent within the hour. */
export async function resendAddressConfirmation(
  userId: string,
): Promise<{ ok: true } | { ok: false; retryAfterMs: number }> {
  if (await isAddressConfirmed(userId)) return { ok: true }; // nothing to send, nothing to count
  const r = await resends.consume(userId);
  if (!r.allowed) return { ok: false, retryAfterMs: r.retryAfterMs };
  await db().$transaction((tx) => queueAddressConfirmation(tx, userId, "resend"));
  return { ok: true };
}

/** Confirms the address a link names; false for a bad, foreign or outdated link. */
export async function confirmAddress(token: unknown): Promise<boolean> {
  const who = await readToken(token, "verify");
  if (!who || who.subject !== who.email) return false;
  await db().user.updateMany({
    where: { id: who.userId, email: who.email, emailVerifiedAt: null },
    data: { emailVerifiedAt: new Date() },
  });
  return true;
}

export async function isAddressConfirmed(userId: string): Promise<boolean> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return !!u?.emailVerifiedAt;
}
