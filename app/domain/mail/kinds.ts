// Names pages need on both sides (no server code): the outbox statuses and the mail categories a
// user can turn off, in the order the settings page lists them.
export const MAIL_STATUSES = ["PENDING", "SENT", "KEPT", "FAILED", "HELD", "DIGESTED"] as const;
export type MailStatusName = (typeof MAIL_STATUSES)[number];

export const MAIL_CATEGORIES = [
  "meeting.request",
  "meeting.answer",
  "meeting.change",
  "meeting.reminder",
  "meeting.outcome",
  "fair.survey",
  "booth.review",
  "roadshow.reminder",
] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];

/**
 * What a daily digest may hold (ADR 026): news that can wait a few hours. Reminders and moved or
 * cancelled meetings are time-bound and always go at once, as do the essential mails (reset, address
 * confirmation, claim invitations), which have no category at all.
 */
export const DIGEST_CATEGORIES = [
  "meeting.request",
  "meeting.answer",
  "meeting.outcome",
  "fair.survey",
  "booth.review",
] as const satisfies readonly MailCategory[];
