// Names pages need on both sides (no server code): the outbox statuses and the mail categories a
// user can turn off, in the order the settings page lists them.
export const MAIL_STATUSES = ["PENDING", "SENT", "KEPT", "FAILED"] as const;
export type MailStatusName = (typeof MAIL_STATUSES)[number];

export const MAIL_CATEGORIES = [
  "meeting.request",
  "meeting.answer",
  "meeting.change",
  "meeting.reminder",
  "meeting.outcome",
  "fair.survey",
  "booth.review",
] as const;
export type MailCategory = (typeof MAIL_CATEGORIES)[number];
