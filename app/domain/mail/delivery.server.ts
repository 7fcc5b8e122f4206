// The mail worker's work (ADR 026): claim due outbox rows (FOR UPDATE SKIP LOCKED, like the search
// outbox), compose each with its template, send it over SMTP, and record what happened. A failure is
// retried with exponential backoff and marked FAILED after the last attempt. With no SMTP_URL each
// row is composed and KEPT: readable at /admin/mail, never pretending to be sent. Scheduling lives
// in server/jobs/mail.ts so another runner (e.g. pg-boss) can call deliverDue instead.
import { createHash } from "node:crypto";
import nodemailer, { type Transporter, type TransportOptions } from "nodemailer";
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import type { MailOutbox } from "~/generated/prisma/client";
import { isLocale } from "~/i18n/locale";
import { appOrigin } from "~/lib/app-url.server";
import { logger } from "~/lib/logger.server";
import type { ComposedMail, MailContext } from "./template";
import { templates } from "./templates";
import { esc } from "./compose";
import { serverTranslator } from "~/i18n/all-catalogs.server";

const t = (ctx: MailContext, key: "mail.footer.settings" | "mail.footer.unsubscribe", url: string) =>
  serverTranslator(ctx.locale)(key, { url });

/** Attempts before a mail is marked FAILED (about 2 hours of retries with the backoff below). */
export const MAX_ATTEMPTS = 8;
/** A claim lasts longer than the slowest SMTP exchange (the transport's timeouts add up to 50 s). */
const CLAIM_SECONDS = 90;

/** 30 s, 1 min, 2 min … capped at one hour. */
export function mailBackoffMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts));
}

/** `Name <address>` or a bare address, as in MAIL_FROM. */
export function parseFrom(from: string): { name: string; email: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (m) return { name: m[1].trim() || m[2].trim(), email: m[2].trim() };
  return { name: from.trim(), email: from.trim() };
}

let cached: { url: string; transport: Transporter } | null = null;
function transport(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = {
      url,
      transport: nodemailer.createTransport(url, {
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as TransportOptions),
    };
  }
  return cached.transport;
}

/** Tests: forget the SMTP connection (a new SMTP_URL is picked up anyway). */
export function resetMailTransport(): void {
  cached?.transport.close();
  cached = null;
}

export function mailContext(row: Pick<MailOutbox, "locale" | "toEmail">): MailContext {
  return {
    locale: isLocale(row.locale) ? row.locale : "zh-CN",
    appUrl: appOrigin(),
    to: row.toEmail,
    from: parseFrom(config().MAIL_FROM),
  };
}

/**
 * Composes a row with its template, adding the RFC 8058 one-click unsubscribe headers when the row
 * carries an unsubscribe link, and the footer links to the settings.
 */
export async function composeRow(row: Pick<MailOutbox, "kind" | "locale" | "toEmail" | "data">): Promise<ComposedMail> {
  const template = templates[row.kind];
  if (!template) throw new Error(`no mail template "${row.kind}"`);
  const data = (row.data && typeof row.data === "object" && !Array.isArray(row.data) ? row.data : {}) as Record<
    string,
    unknown
  >;
  const ctx = mailContext(row);
  const mail = await template(data, ctx);
  const unsubscribe = typeof data.unsubscribeUrl === "string" ? data.unsubscribeUrl : null;
  if (unsubscribe) {
    mail.headers = {
      ...mail.headers,
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    };
  }
  const footer = [
    typeof data.settingsUrl === "string" ? t(ctx, "mail.footer.settings", data.settingsUrl) : null,
    unsubscribe ? t(ctx, "mail.footer.unsubscribe", unsubscribe) : null,
  ].filter((x): x is string => !!x);
  if (footer.length) {
    mail.text += `\n${footer.join("\n")}\n`;
    const html = footer.map((f) => `<p style="margin:0 0 4px;font-size:12px;color:#64748b">${esc(f)}</p>`).join("");
    mail.html = mail.html.replace("</body>", `<div style="max-width:560px;margin:12px auto 0">${html}</div></body>`);
  }
  return mail;
}

interface Claimed {
  id: string;
  eventKey: string;
  kind: string;
  toEmail: string;
  locale: string;
  data: unknown;
  attempts: number;
}

async function claimDue(limit: number): Promise<Claimed[]> {
  return db().$queryRaw<Claimed[]>`
    UPDATE "MailOutbox" SET "claimedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id IN (
      SELECT id FROM "MailOutbox"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now()
        AND ("claimedUntil" IS NULL OR "claimedUntil" < now())
      ORDER BY "nextAttemptAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "eventKey", kind, "toEmail", locale, data, attempts`;
}

/** Secrets a delivered mail's stored copy no longer needs (its data.redact names them). */
function redacted(data: unknown): object | undefined {
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  if (!Array.isArray(d.redact)) return undefined;
  const out: Record<string, unknown> = { ...d, redacted: true };
  for (const k of d.redact) if (typeof k === "string") out[k] = "";
  return out;
}

export interface DeliveryResult {
  sent: number;
  kept: number;
  retried: number;
  failed: number;
}

let toldWhereKept = false;

/** Delivers (or keeps) every due mail, a batch at a time; returns what happened. */
export async function deliverDue(limit = 50): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, kept: 0, retried: 0, failed: 0 };
  const rows = await claimDue(limit);
  if (rows.length === 0) return result;
  const smtp = config().SMTP_URL;
  for (const row of rows) {
    try {
      const mail = await composeRow({ ...row, data: row.data as MailOutbox["data"] });
      if (!smtp) {
        await db().mailOutbox.update({
          where: { id: row.id },
          data: { status: "KEPT", claimedUntil: null, lastError: null },
        });
        result.kept++;
        if (!toldWhereKept) {
          toldWhereKept = true;
          logger.info(
            { outbox: `${appOrigin()}/admin/mail` },
            "no SMTP_URL: mails are composed and kept in the local outbox, not sent; admins read them at /admin/mail",
          );
        }
        continue;
      }
      await transport(smtp).sendMail({
        from: config().MAIL_FROM,
        to: row.toEmail,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        // One Message-ID per event: should a crash after sending repeat a delivery, clients see a duplicate.
        messageId: `<${createHash("sha256").update(row.eventKey).digest("hex").slice(0, 32)}@cloudfair>`,
        attachments: mail.attachments?.map((a) => ({
          filename: a.filename,
          content: a.content,
          contentType: a.contentType,
        })),
      });
      await db().mailOutbox.update({
        where: { id: row.id },
        data: {
          status: "SENT",
          sentAt: new Date(),
          attempts: row.attempts + 1,
          claimedUntil: null,
          lastError: null,
          ...(redacted(row.data) ? { data: redacted(row.data) } : {}),
        },
      });
      result.sent++;
    } catch (err) {
      const attempts = row.attempts + 1;
      const last = attempts >= MAX_ATTEMPTS;
      const message = (err as Error).message?.slice(0, 1000) || String(err).slice(0, 1000);
      await db().mailOutbox.update({
        where: { id: row.id },
        data: {
          attempts,
          status: last ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(Date.now() + mailBackoffMs(row.attempts)),
          claimedUntil: null,
          lastError: message,
        },
      });
      if (last) {
        result.failed++;
        logger.warn({ mailId: row.id, kind: row.kind, err: message }, "mail failed after the last attempt");
      } else result.retried++;
    }
  }
  return result;
}

/** Admin: send a FAILED mail again (fresh attempts). False when the row is not failed. */
export async function retryMail(id: string): Promise<boolean> {
  const done = await db().mailOutbox.updateMany({
    where: { id, status: "FAILED" },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(), claimedUntil: null },
  });
  return done.count === 1;
}
