// Per-user mail settings (ADR 026): each category of notification mail on or off, and a daily digest
// instead of single mails. Password-reset and address-confirmation mails are essential: always sent.
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";

import { DIGEST_CATEGORIES, MAIL_CATEGORIES, type MailCategory } from "./kinds";

export { DIGEST_CATEGORIES, MAIL_CATEGORIES, type MailCategory };

/** What one-click unsubscribe can stop: a category, or the daily digest (all it carries). */
export type UnsubscribeSubject = MailCategory | "digest";

/** Which category a mail kind belongs to; null for essential mails (no opt-out). */
export function categoryOf(kind: string): MailCategory | null {
  switch (kind) {
    case "meeting.request":
      return "meeting.request";
    case "meeting.accepted":
    case "meeting.declined":
    case "meeting.scheduled":
      return "meeting.answer";
    case "meeting.rescheduled":
    case "meeting.cancelled":
      return "meeting.change";
    case "meeting.reminder-day":
    case "meeting.reminder-soon":
      return "meeting.reminder";
    case "meeting.outcome":
      return "meeting.outcome";
    case "fair.survey":
      return "fair.survey";
    case "booth.approved":
    case "booth.changes":
    case "booth.rejected":
      return "booth.review";
    case "roadshow.starting":
      return "roadshow.reminder";
    default:
      return null;
  }
}

export function isMailCategory(v: unknown): v is MailCategory {
  return typeof v === "string" && (MAIL_CATEGORIES as readonly string[]).includes(v);
}

export interface MailSettings {
  off: MailCategory[];
  digest: boolean;
}

/** Reads the stored JSON defensively (anything unknown is dropped). */
export function parseSettings(raw: unknown): MailSettings {
  const o = (raw && typeof raw === "object" ? raw : {}) as { off?: unknown; digest?: unknown };
  const off = Array.isArray(o.off) ? [...new Set(o.off.filter(isMailCategory))] : [];
  return { off, digest: o.digest === true };
}

export async function mailSettings(userId: string): Promise<MailSettings> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { mailSettings: true } });
  return parseSettings(u?.mailSettings);
}

/** Whether a mail of this kind waits for the daily digest of a user with these settings. */
export function heldForDigest(kind: string, settings: MailSettings): boolean {
  const category = categoryOf(kind);
  return settings.digest && !!category && (DIGEST_CATEGORIES as readonly string[]).includes(category);
}

/**
 * Stores the settings. Turning the digest off releases what was held for it: those mails go out
 * one by one now (those of a category turned off at the same time are dropped with it).
 */
export async function saveMailSettings(userId: string, settings: MailSettings): Promise<void> {
  const clean = parseSettings(settings);
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { mailSettings: clean as unknown as Prisma.InputJsonValue },
    });
    if (clean.digest) return;
    const held = await tx.mailOutbox.findMany({ where: { userId, status: "HELD" }, select: { id: true, kind: true } });
    const wanted = held.filter((h) => !clean.off.includes(categoryOf(h.kind)!)).map((h) => h.id);
    const dropped = held.filter((h) => clean.off.includes(categoryOf(h.kind)!)).map((h) => h.id);
    if (wanted.length)
      await tx.mailOutbox.updateMany({
        where: { id: { in: wanted }, status: "HELD" },
        data: { status: "PENDING", nextAttemptAt: new Date() },
      });
    if (dropped.length) await tx.mailOutbox.deleteMany({ where: { id: { in: dropped }, status: "HELD" } });
  });
}

/** Turns one category off (one-click unsubscribe), or for "digest" every category a digest carries; idempotent. */
export async function turnOff(userId: string, subject: UnsubscribeSubject): Promise<void> {
  const categories: readonly MailCategory[] = subject === "digest" ? DIGEST_CATEGORIES : [subject];
  await db().$transaction(async (tx) => {
    const u = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { mailSettings: true } });
    const s = parseSettings(u.mailSettings);
    const add = categories.filter((c) => !s.off.includes(c));
    if (add.length === 0) return;
    s.off.push(...add);
    await tx.user.update({ where: { id: userId }, data: { mailSettings: s as unknown as Prisma.InputJsonValue } });
    // Mails already held for a digest of these categories are not sent either.
    await tx.mailOutbox.deleteMany({ where: { userId, status: "HELD", kind: { in: kindsOf(add) } } });
  });
}

const KNOWN_KINDS = [
  "meeting.request",
  "meeting.accepted",
  "meeting.declined",
  "meeting.scheduled",
  "meeting.rescheduled",
  "meeting.cancelled",
  "meeting.reminder-day",
  "meeting.reminder-soon",
  "meeting.outcome",
  "fair.survey",
  "booth.approved",
  "booth.changes",
  "booth.rejected",
];
/** The mail kinds of some categories. */
export function kindsOf(categories: readonly MailCategory[]): string[] {
  return KNOWN_KINDS.filter((k) => categories.includes(categoryOf(k)!));
}
