// Per-user mail settings (ADR 026): each category of notification mail on or off, and a daily digest
// instead of single mails. Password-reset and address-confirmation mails are essential: always sent.
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";

import { MAIL_CATEGORIES, type MailCategory } from "./kinds";

export { MAIL_CATEGORIES, type MailCategory };

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

export async function saveMailSettings(userId: string, settings: MailSettings): Promise<void> {
  const clean = parseSettings(settings);
  await db().user.update({
    where: { id: userId },
    data: { mailSettings: clean as unknown as Prisma.InputJsonValue },
  });
}

/** Turns one category off (one-click unsubscribe); idempotent. */
export async function turnOff(userId: string, category: MailCategory): Promise<void> {
  await db().$transaction(async (tx) => {
    const u = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { mailSettings: true } });
    const s = parseSettings(u.mailSettings);
    if (s.off.includes(category)) return;
    s.off.push(category);
    await tx.user.update({ where: { id: userId }, data: { mailSettings: s as unknown as Prisma.InputJsonValue } });
  });
}
