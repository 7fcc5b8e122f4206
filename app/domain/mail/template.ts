// What a mail template is: data from the outbox row in, a composed mail out (subject, HTML with a
// plain-text part, optional attachments such as an .ics invitation).
import type { MailLocale } from "./outbox.server";

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export interface ComposedMail {
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string>;
}

export interface MailContext {
  locale: MailLocale;
  /** The public base URL (APP_URL); every link in a mail starts with it, never with a request's Host. */
  appUrl: string;
  /** The recipient's address (the outbox row's toEmail). */
  to?: string;
  /** The sender (MAIL_FROM), e.g. the ORGANIZER of an attached invitation. */
  from?: { name: string; email: string };
}

export type MailTemplate = (data: Record<string, unknown>, ctx: MailContext) => ComposedMail | Promise<ComposedMail>;
