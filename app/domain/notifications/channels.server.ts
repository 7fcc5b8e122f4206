// The notifier's channels (ADR 026). An event is stored once as in-app notifications (notify) and
// handed, in the same transaction, to every channel here; each decides for itself whom it reaches
// and how (email now; SMS or WeChat are another entry in CHANNELS, without touching any event).
import type { Prisma } from "~/generated/prisma/client";
import { appOrigin } from "~/lib/app-url.server";
import { config } from "~/config.server";
import { isLocale } from "~/i18n/locale";
import { categoryOf, heldForDigest, parseSettings } from "~/domain/mail/settings.server";
import { nextDigestAt } from "~/domain/mail/digest-time";
import { enqueueMail } from "~/domain/mail/outbox.server";
import { signedToken } from "~/domain/mail/links.server";
import { templates } from "~/domain/mail/templates";
import type { MeetingSnapshot } from "~/domain/mail/templates/meeting";

export type ChannelTx = Pick<
  Prisma.TransactionClient,
  "notification" | "user" | "mailOutbox" | "meeting" | "membership" | "organization"
>;

export interface ChannelEvent {
  kind: string;
  data: {
    nameZh?: string;
    nameEn?: string;
    startsAt?: string;
    timeZone?: string;
    reason?: string | null;
    meetingId?: string;
    requestId?: string;
    fairSlug?: string;
    boothId?: string;
    roadshowId?: string;
  };
  /** One per recipient; `key` makes the delivery unique (the in-app notification's id, or the event's own key). */
  recipients: { userId: string; key: string }[];
}

export interface Channel {
  name: string;
  deliver(tx: ChannelTx, event: ChannelEvent): Promise<void>;
}

/** Where a notification leads, as a path (the mail's button; built on APP_URL by the template). */
function pathFor(kind: string, d: ChannelEvent["data"]): string {
  if (kind === "meeting.outcome" && d.meetingId) return `/meetings/${d.meetingId}/outcome`;
  if (kind === "meeting.request" && d.requestId) return `/meetings#request-${d.requestId}`;
  if (kind === "meeting.declined" && d.requestId) return `/meetings#outgoing-${d.requestId}`;
  if (kind === "fair.survey" && d.fairSlug) return `/fairs/${d.fairSlug}/survey`;
  if (kind.startsWith("booth.") && d.boothId) return `/booths/${d.boothId}/edit`;
  if (kind === "roadshow.starting" && d.fairSlug && d.roadshowId)
    return `/fairs/${d.fairSlug}/roadshows/${d.roadshowId}`;
  if (d.meetingId) return `/meetings#meeting-${d.meetingId}`;
  return "/notifications";
}

async function meetingSnapshot(
  tx: ChannelTx,
  meetingId: string,
): Promise<{
  base: Omit<MeetingSnapshot, "counterpartZh" | "counterpartEn">;
  orgs: Map<string, [string, string]>;
  investorOrgId: string;
  exhibitorOrgId: string;
} | null> {
  const m = await tx.meeting.findUnique({ where: { id: meetingId }, include: { fair: true } });
  if (!m) return null;
  const orgs = await tx.organization.findMany({
    where: { id: { in: [m.investorOrgId, m.exhibitorOrgId] } },
    select: { id: true, nameZh: true, nameEn: true },
  });
  return {
    base: {
      id: m.id,
      sequence: m.sequence,
      status: m.status,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      timeZone: m.fair.timeZone,
      fairTitleZh: m.fair.titleZh,
      fairTitleEn: m.fair.titleEn,
    },
    orgs: new Map(orgs.map((o) => [o.id, [o.nameZh, o.nameEn]])),
    investorOrgId: m.investorOrgId,
    exhibitorOrgId: m.exhibitorOrgId,
  };
}

/** Email: a mail per recipient into the outbox (HELD for a digest reader), unless turned off or unconfirmed. */
export const emailChannel: Channel = {
  name: "email",
  async deliver(tx, event) {
    if (!templates[event.kind] || event.recipients.length === 0) return;
    const category = categoryOf(event.kind);
    const users = await tx.user.findMany({
      where: { id: { in: event.recipients.map((r) => r.userId) } },
      select: {
        id: true,
        email: true,
        name: true,
        locale: true,
        timeZone: true,
        emailVerifiedAt: true,
        erasedAt: true,
        mailSettings: true,
      },
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    const meeting = event.data.meetingId ? await meetingSnapshot(tx, event.data.meetingId) : null;
    for (const r of event.recipients) {
      const u = byId.get(r.userId);
      // Non-essential mail goes only to confirmed, living addresses, and only if wanted one by one.
      if (!u || u.erasedAt || !u.emailVerifiedAt) continue;
      const settings = parseSettings(u.mailSettings);
      if (category && settings.off.includes(category)) continue;
      let snapshot: MeetingSnapshot | undefined;
      if (meeting) {
        const mine = await tx.membership.findFirst({
          where: { userId: u.id, organizationId: { in: [meeting.investorOrgId, meeting.exhibitorOrgId] } },
          select: { organizationId: true },
        });
        const other = mine?.organizationId === meeting.investorOrgId ? meeting.exhibitorOrgId : meeting.investorOrgId;
        const [zh, en] = meeting.orgs.get(other) ?? ["", ""];
        snapshot = { ...meeting.base, counterpartZh: zh, counterpartEn: en };
      }
      const origin = appOrigin();
      const unsubscribeUrl = category
        ? `${origin}/mail/unsubscribe/${await signedToken(tx, "unsubscribe", u.id, category)}`
        : undefined;
      // A digest reader gets this in tomorrow's digest, unless the meeting it is about starts before then.
      const start = snapshot?.startsAt ?? event.data.startsAt;
      const held =
        heldForDigest(event.kind, settings) &&
        !(
          start && new Date(start).getTime() < nextDigestAt(new Date(), u.timeZone, config().MAIL_DIGEST_HOUR).getTime()
        );
      await enqueueMail(tx, {
        ...(held ? { status: "HELD" as const } : {}),
        kind: event.kind,
        eventKey: `${event.kind}:${r.key}`,
        toEmail: u.email,
        userId: u.id,
        locale: isLocale(u.locale) ? u.locale : "zh-CN",
        data: {
          name: u.name,
          orgZh: event.data.nameZh ?? snapshot?.counterpartZh ?? "",
          orgEn: event.data.nameEn ?? snapshot?.counterpartEn ?? "",
          reason: event.data.reason ?? null,
          startsAt: event.data.startsAt ?? null,
          recipientTimeZone: u.timeZone,
          ...(event.data.timeZone ? { eventTimeZone: event.data.timeZone } : {}),
          path: pathFor(event.kind, event.data),
          ...(snapshot ? { meeting: { ...snapshot } } : {}),
          settingsUrl: `${origin}/account/notifications`,
          ...(unsubscribeUrl ? { unsubscribeUrl } : {}),
        },
      });
    }
  },
};

/** Every channel besides in-app. Add SMS or WeChat here. */
export const CHANNELS: Channel[] = [emailChannel];

/** Hands an event to every channel, inside the event's transaction. */
export async function deliverToChannels(tx: ChannelTx, event: ChannelEvent): Promise<void> {
  for (const channel of CHANNELS) await channel.deliver(tx, event);
}
