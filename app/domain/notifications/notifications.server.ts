// In-app notifications: written in the same transaction as the event they report, pushed to the
// user's sockets after commit, read and marked read from /notifications.
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { emitToUser } from "~/realtime/bus.server";

export type NotificationKind =
  | "meeting.request"
  | "meeting.accepted"
  | "meeting.declined"
  | "meeting.cancelled"
  | "meeting.starting"
  | "meeting.scheduled"
  | "meeting.rescheduled"
  | "meeting.outcome"
  | "fair.survey"
  | "booth.approved"
  | "booth.changes"
  | "booth.rejected";
export interface NotificationData {
  nameZh?: string;
  nameEn?: string;
  startsAt?: string;
  timeZone?: string;
  reason?: string | null;
  meetingId?: string;
  requestId?: string;
  fairSlug?: string;
  /** Booth review decisions link to the booth builder. */
  boothId?: string;
}
export interface PendingNotification {
  userId: string;
  kind: NotificationKind;
  data: NotificationData;
  id: string;
  createdAt: Date;
}

type Tx = Pick<Prisma.TransactionClient, "notification">;

/** Stores notifications inside the caller's transaction; pass the result to `publish` after commit. */
export async function notify(
  tx: Tx,
  userIds: string[],
  kind: NotificationKind,
  data: NotificationData,
): Promise<PendingNotification[]> {
  const rows: PendingNotification[] = [];
  for (const userId of new Set(userIds)) {
    const row = await tx.notification.create({ data: { userId, kind, data: data as Prisma.InputJsonValue } });
    rows.push({ userId, kind, data, id: row.id, createdAt: row.createdAt });
  }
  return rows;
}

export function publish(rows: PendingNotification[]): void {
  for (const r of rows)
    emitToUser(r.userId, "notification", {
      id: r.id,
      kind: r.kind,
      data: r.data,
      createdAt: r.createdAt.toISOString(),
    });
}

/** The people who act for an organization (its exhibitor or investor members). */
export async function membersOf(orgId: string): Promise<string[]> {
  return (
    await db().membership.findMany({
      where: { organizationId: orgId, role: { in: ["EXHIBITOR", "INVESTOR"] } },
      select: { userId: true },
    })
  ).map((m) => m.userId);
}

export async function unreadCount(userId: string): Promise<number> {
  return db().notification.count({ where: { userId, readAt: null } });
}

export const NOTIFICATIONS_PER_PAGE = 30;

export async function listNotifications(user: SessionUser, page = 1) {
  const [total, rows] = await Promise.all([
    db().notification.count({ where: { userId: user.id } }),
    db().notification.findMany({
      where: { userId: user.id },
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * NOTIFICATIONS_PER_PAGE,
      take: NOTIFICATIONS_PER_PAGE,
    }),
  ]);
  return {
    pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE)),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      data: r.data as NotificationData,
      read: !!r.readAt,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export async function markAllRead(user: SessionUser): Promise<number> {
  return (
    await db().notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: new Date() } })
  ).count;
}
