// Meeting mails: requested, accepted / scheduled, declined, rescheduled, cancelled, and the reminders a
// day and 15 minutes before. Times in the recipient's zone with the fair's zone named; accepted,
// scheduled and rescheduled carry an invitation (METHOD:REQUEST), cancelled a METHOD:CANCEL, both with
// the meeting's stable UID and SEQUENCE (app/domain/meetings/calendar.server.ts).
import { formatDate, pick, zoneName } from "~/i18n";
import { serverTranslator } from "~/i18n/all-catalogs.server";
import type { MessageKey } from "~/i18n/all-catalogs.server";
import { invitationIcs } from "~/domain/meetings/calendar.server";
import type { MailLocale } from "../outbox.server";
import { renderBody, str } from "../compose";
import type { ComposedMail, MailContext, MailTemplate } from "../template";

/** The meeting as it was when the event happened (the mail's own copy: later changes send their own mails). */
export interface MeetingSnapshot {
  id: string;
  sequence: number;
  status: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  fairTitleZh: string;
  fairTitleEn: string;
  counterpartZh: string;
  counterpartEn: string;
}

const COPY = {
  "meeting.request": ["mail.meeting.request.subject", "mail.meeting.request.body"],
  "meeting.accepted": ["mail.meeting.accepted.subject", "mail.meeting.accepted.body"],
  "meeting.scheduled": ["mail.meeting.scheduled.subject", "mail.meeting.scheduled.body"],
  "meeting.declined": ["mail.meeting.declined.subject", "mail.meeting.declined.body"],
  "meeting.rescheduled": ["mail.meeting.rescheduled.subject", "mail.meeting.rescheduled.body"],
  "meeting.cancelled": ["mail.meeting.cancelled.subject", "mail.meeting.cancelled.body"],
  "meeting.reminder-day": ["mail.meeting.reminderDay.subject", "mail.meeting.reminderDay.body"],
  "meeting.reminder-soon": ["mail.meeting.reminderSoon.subject", "mail.meeting.reminderSoon.body"],
} as const satisfies Record<string, readonly [MessageKey, MessageKey]>;
export type MeetingMailKind = keyof typeof COPY;
export const MEETING_MAIL_KINDS = Object.keys(COPY) as MeetingMailKind[];

const WITH_INVITATION = new Set<string>([
  "meeting.accepted",
  "meeting.scheduled",
  "meeting.rescheduled",
  "meeting.cancelled",
]);

export function snapshotOf(data: Record<string, unknown>): MeetingSnapshot | null {
  const m = data.meeting as Partial<MeetingSnapshot> | undefined;
  if (!m || typeof m !== "object" || typeof m.id !== "string" || typeof m.startsAt !== "string") return null;
  return m as MeetingSnapshot;
}

/** "3 December 2026 at 14:00 GMT+8 — China Standard Time (Asia/Shanghai)", in the locale. */
export function whenText(locale: MailLocale, at: string, timeZone: string): string {
  return `${formatDate(locale, at, timeZone, true)} · ${zoneName(locale, timeZone, new Date(at))}`;
}

function meetingMail(kind: MeetingMailKind): MailTemplate {
  return (data, ctx: MailContext): ComposedMail => {
    const t = serverTranslator(ctx.locale);
    const [subjectKey, bodyKey] = COPY[kind];
    const m = snapshotOf(data);
    const org = pick(ctx.locale, str(data.orgZh, m?.counterpartZh ?? ""), str(data.orgEn, m?.counterpartEn ?? ""));
    const recipientZone = str(data.recipientTimeZone, m?.timeZone ?? "Asia/Shanghai");
    const start = m?.startsAt ?? str(data.startsAt);
    const time = start ? formatDate(ctx.locale, start, recipientZone, true) : "";
    const paragraphs: string[] = [t(bodyKey, { org })];
    if (start && m)
      paragraphs.push(
        t("mail.times", {
          local: whenText(ctx.locale, start, recipientZone),
          fair: whenText(ctx.locale, start, m.timeZone),
        }),
      );
    if (m) paragraphs.push(pick(ctx.locale, m.fairTitleZh, m.fairTitleEn));
    const reason = str(data.reason);
    if (reason) paragraphs.push(t("mail.reason", { reason }));
    const path = str(data.path, "/meetings");
    const action =
      kind === "meeting.reminder-soon" && m
        ? { label: t("mail.meeting.room"), url: `${ctx.appUrl}/meetings/${m.id}/room` }
        : { label: t("mail.meeting.action"), url: ctx.appUrl + path };
    const mail: ComposedMail = {
      subject: t(subjectKey, { org, time }),
      ...renderBody({
        locale: ctx.locale,
        greeting: t("mail.greeting", { name: str(data.name) }),
        paragraphs,
        action,
        signature: t("mail.signature"),
      }),
    };
    if (m && WITH_INVITATION.has(kind)) {
      const cancelled = kind === "meeting.cancelled" || m.status === "CANCELLED";
      const ics = invitationIcs(
        {
          id: m.id,
          sequence: m.sequence,
          status: cancelled ? "CANCELLED" : m.status,
          startsAt: new Date(m.startsAt),
          endsAt: new Date(m.endsAt),
          fair: { timeZone: m.timeZone, titleZh: m.fairTitleZh, titleEn: m.fairTitleEn },
          counterpartZh: m.counterpartZh,
          counterpartEn: m.counterpartEn,
        },
        ctx.appUrl,
        {
          organizer: ctx.from ?? { name: "CloudFair", email: "noreply@cloudfair.localhost" },
          attendee: { name: str(data.name), email: ctx.to ?? "" },
        },
      );
      const method = cancelled ? "CANCEL" : "REQUEST";
      mail.attachments = [
        {
          filename: cancelled ? "cancel.ics" : "invite.ics",
          content: ics,
          contentType: `text/calendar; charset=utf-8; method=${method}`,
        },
      ];
    }
    return mail;
  };
}

export const meetingTemplates = Object.fromEntries(MEETING_MAIL_KINDS.map((k) => [k, meetingMail(k)])) as Record<
  MeetingMailKind,
  MailTemplate
>;
