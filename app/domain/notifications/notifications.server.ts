// In-app notifications: written in the same transaction as the event they report, pushed to the
// user's sockets after commit, read and marked read from /notifications.
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { emitToUser } from "~/realtime/bus.server";
import { deliverToChannels, type ChannelTx } from "./channels.server";

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
  | "booth.rejected"
  | "roadshow.starting";
export interface NotificationData {
  nameZh?: string;
  nameEn?: string;
  startsAt?: string;
  timeZone?: string;
  reason?: string | null;
  meetingId?: string;
  requestId?: string;
  fairSlug?: string;
  /** Roadshow reminders link to the roadshow's page (with fairSlug). */
  roadshowId?: string;
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

type Tx = ChannelTx;

/**
 * Stores notifications inside the caller's transaction and hands the event to the other channels
 * (email: channels.server.ts) in the same transaction; pass the result to `publish` after commit.
 */
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
  await deliverToChannels(tx, { kind, data, recipients: rows.map((r) => ({ userId: r.userId, key: r.id })) });
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

/** The unread badge of every signed-in page: one raw statement (a Prisma `count` costs ~2.5× its CPU, ADR 033). */
export async function unreadCount(userId: string): Promise<number> {
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT COUNT(*)::int AS n FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`;
  return row?.n ?? 0;
}

export const NOTIFICATIONS_PER_PAGE = 30;

/**
 * One page of the user's notifications, newest first, and the page count. One raw statement (the
 * page and the total together; a Prisma `count` + `findMany` cost ≈ 4 ms of CPU, this ≈ 1, ADR 033).
 * Ties in `createdAt` are broken by id, so no row appears on two pages.
 */
export async function listNotifications(user: SessionUser, page = 1) {
  const rows = await db().$queryRaw<
    {
      total: number;
      id: string | null;
      kind: string | null;
      data: Prisma.JsonValue;
      readAt: Date | null;
      createdAt: Date | null;
    }[]
  >`
    WITH total AS (SELECT COUNT(*)::int AS n FROM "Notification" WHERE "userId" = ${user.id})
    SELECT total.n AS total, p.id, p.kind, p.data, p."readAt", p."createdAt"
    FROM total
    LEFT JOIN LATERAL (
      SELECT id, kind, data, "readAt", "createdAt" FROM "Notification"
      WHERE "userId" = ${user.id}
      ORDER BY "createdAt" DESC, id DESC
      OFFSET ${(page - 1) * NOTIFICATIONS_PER_PAGE}::int LIMIT ${NOTIFICATIONS_PER_PAGE}::int
    ) p ON true`;
  const total = rows[0]?.total ?? 0;
  // No row on the page: one row of nulls beside the total.
  const items = rows.flatMap((r) =>
    r.id && r.createdAt
      ? [
          {
            id: r.id,
            kind: r.kind as NotificationKind,
            data: (r.data ?? {}) as NotificationData,
            read: !!r.readAt,
            createdAt: r.createdAt.toISOString(),
          },
        ]
      : [],
  );
  const hrefs = await subjectLinks(user, items);
  return {
    pages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE)),
    items: items.map((n, i) => ({ ...n, href: hrefs[i] })),
  };
}

const str = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 64 ? v : undefined);

/**
 * Where each notification leads: the meeting, request, outcome form, room, survey or booth builder it
 * is about, as the user can open it now. A subject that no longer exists (or was never the user's)
 * gets no link (null) rather than a dead one.
 */
export async function subjectLinks(
  user: SessionUser,
  items: { kind: string; data: NotificationData }[],
): Promise<(string | null)[]> {
  const meetingIds = new Set<string>();
  const requestIds = new Set<string>();
  const fairSlugs = new Set<string>();
  const boothIds = new Set<string>();
  for (const { data } of items) {
    const [m, r, f, b] = [str(data.meetingId), str(data.requestId), str(data.fairSlug), str(data.boothId)];
    if (m) meetingIds.add(m);
    if (r) requestIds.add(r);
    if (f) fairSlugs.add(f);
    if (b) boothIds.add(b);
  }
  const [meetings, requests, fairs, booths] = await Promise.all([
    meetingIds.size
      ? db().meeting.findMany({
          where: { id: { in: [...meetingIds] }, participants: { some: { userId: user.id } } },
          select: { id: true, status: true },
        })
      : [],
    requestIds.size
      ? db().meetingRequest.findMany({
          where: { id: { in: [...requestIds] } },
          select: {
            id: true,
            status: true,
            fromUserId: true,
            toOrgId: true,
            meeting: { select: { id: true, participants: { where: { userId: user.id }, select: { id: true } } } },
          },
        })
      : [],
    fairSlugs.size ? db().fair.findMany({ where: { slug: { in: [...fairSlugs] } }, select: { slug: true } }) : [],
    boothIds.size
      ? db().booth.findMany({ where: { id: { in: [...boothIds] } }, select: { id: true, organizationId: true } })
      : [],
  ]);
  const meeting = new Map(meetings.map((m) => [m.id, m]));
  const request = new Map(requests.map((r) => [r.id, r]));
  const fair = new Set(fairs.map((f) => f.slug));
  const booth = new Map(booths.map((b) => [b.id, b]));
  const orgIds = new Set(user.memberships.map((m) => m.organizationId));

  return items.map(({ kind, data }) => {
    const m = meeting.get(str(data.meetingId) ?? "");
    const r = request.get(str(data.requestId) ?? "");
    switch (kind) {
      case "meeting.outcome":
        return m ? `/meetings/${m.id}/outcome` : null;
      case "meeting.starting":
        if (!m) return null;
        return m.status === "SCHEDULED" || m.status === "IN_PROGRESS"
          ? `/meetings/${m.id}/room`
          : `/meetings#meeting-${m.id}`;
      case "meeting.request": {
        if (!r || !orgIds.has(r.toOrgId)) return null;
        if (r.status === "PENDING") return `/meetings#request-${r.id}`;
        // Answered: the meeting it became, if the user is in it.
        return r.meeting && r.meeting.participants.length > 0 ? `/meetings#meeting-${r.meeting.id}` : null;
      }
      case "meeting.declined":
        return r && r.fromUserId === user.id ? `/meetings#outgoing-${r.id}` : null;
      case "meeting.accepted":
      case "meeting.cancelled":
      case "meeting.scheduled":
      case "meeting.rescheduled":
        return m ? `/meetings#meeting-${m.id}` : null;
      case "fair.survey": {
        const slug = str(data.fairSlug);
        return slug && fair.has(slug) ? `/fairs/${slug}/survey` : null;
      }
      case "roadshow.starting": {
        const slug = str(data.fairSlug);
        const id = str(data.roadshowId);
        return slug && id && fair.has(slug) ? `/fairs/${slug}/roadshows/${id}` : null;
      }
      case "booth.approved":
      case "booth.changes":
      case "booth.rejected": {
        const b = booth.get(str(data.boothId) ?? "");
        return b && orgIds.has(b.organizationId) ? `/booths/${b.id}/edit` : null;
      }
      default:
        return null;
    }
  });
}

export async function markAllRead(user: SessionUser): Promise<number> {
  return (
    await db().notification.updateMany({ where: { userId: user.id, readAt: null }, data: { readAt: new Date() } })
  ).count;
}
