// The local outbox as admins read it at /admin/mail (ADR 026): every mail with its status, attempts
// and last error, each composed exactly as it was (or would be) sent; failed ones can be sent again.
import { db } from "~/db/client.server";
import type { MailStatus } from "~/generated/prisma/client";
import { config } from "~/config.server";
import { composeRow } from "./delivery.server";

import { MAIL_STATUSES } from "./kinds";

export { MAIL_STATUSES };
export const OUTBOX_PAGE = 50;

export function isMailStatus(v: unknown): v is MailStatus {
  return typeof v === "string" && (MAIL_STATUSES as readonly string[]).includes(v);
}

export async function listOutbox(status: MailStatus | null, page: number) {
  const where = status ? { status } : {};
  const [total, rows] = await Promise.all([
    db().mailOutbox.count({ where }),
    db().mailOutbox.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE,
      take: OUTBOX_PAGE,
      select: {
        id: true,
        kind: true,
        toEmail: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
      },
    }),
  ]);
  return {
    smtp: !!config().SMTP_URL,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE)),
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
  };
}

/** One mail composed for reading; null when there is no such row. */
export async function outboxMail(id: string) {
  if (id.length > 64) return null;
  const row = await db().mailOutbox.findUnique({ where: { id } });
  if (!row) return null;
  let composed: Awaited<ReturnType<typeof composeRow>> | null = null;
  let error: string | null = null;
  try {
    composed = await composeRow(row);
  } catch (err) {
    error = (err as Error).message;
  }
  const data = row.data as { redacted?: boolean } | null;
  return {
    id: row.id,
    kind: row.kind,
    eventKey: row.eventKey,
    toEmail: row.toEmail,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    redacted: !!data?.redacted,
    error,
    subject: composed?.subject ?? "",
    text: composed?.text ?? "",
    html: composed?.html ?? "",
    headers: composed?.headers ?? {},
    attachments: (composed?.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  };
}
