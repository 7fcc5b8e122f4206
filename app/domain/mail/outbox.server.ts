// The mail outbox: one row per mail, written in the same transaction as the event that causes it
// (docs/decisions/026-mail.md). The mail worker renders and delivers rows with retries; with no
// SMTP_URL it keeps them, composed, in the local outbox that admins read at /admin/mail.
import type { Prisma } from "~/generated/prisma/client";

type Tx = Pick<Prisma.TransactionClient, "mailOutbox">;

export type MailLocale = "zh-CN" | "en";

export interface MailToQueue {
  /** Template name; the worker looks it up in the template registry. */
  kind: string;
  /** Stable per event, e.g. `meeting.accepted:<meetingId>:<userId>:<seq>`: the same event queues one mail. */
  eventKey: string;
  toEmail: string;
  userId?: string | null;
  locale: MailLocale;
  /** What the template needs: ids, names, URLs built from APP_URL. JSON only. */
  data: Prisma.InputJsonValue;
  /** HELD: kept for the recipient's daily digest instead of being delivered on its own. */
  status?: "HELD";
}

/** Queues one mail; a second call with the same eventKey changes nothing (exactly once per event). */
export async function enqueueMail(tx: Tx, mail: MailToQueue): Promise<void> {
  await tx.mailOutbox.upsert({
    where: { eventKey: mail.eventKey },
    create: { ...mail, userId: mail.userId ?? null },
    update: {},
  });
}
