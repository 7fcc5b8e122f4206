// The daily digest (ADR 026). Mails of the digest categories for a user who chose the digest are
// queued HELD (notifications/channels.server.ts). Once the recipient's local digest hour has come,
// queueDueDigests gathers what is held into one `digest` mail, event key `digest:<user>:<local day>`:
// the unique key makes it one digest per user and local day however often or wherever the job runs
// (what is held after today's digest waits for tomorrow's). The held rows become DIGESTED in the same
// transaction; the mail worker delivers the digest like any other mail.
import { config } from "~/config.server";
import { db } from "~/db/client.server";
import type { Prisma } from "~/generated/prisma/client";
import { isLocale } from "~/i18n/locale";
import { appOrigin } from "~/lib/app-url.server";
import { localDay } from "./digest-time";
import { signedToken } from "./links.server";

/** At most this many held mails go into one digest; the rest wait for the next day's. */
export const DIGEST_MAX_ITEMS = 200;

export const digestKey = (userId: string, day: string) => `digest:${userId}:${day}`;

/** Queues every digest that is due at `now`; returns how many were queued. */
export async function queueDueDigests(now = new Date()): Promise<number> {
  const hour = config().MAIL_DIGEST_HOUR;
  const waiting = await db().mailOutbox.findMany({
    where: { status: "HELD", userId: { not: null }, createdAt: { lte: now } },
    distinct: ["userId"],
    select: { userId: true },
  });
  let queued = 0;
  for (const { userId } of waiting) {
    const user = await db().user.findUnique({
      where: { id: userId! },
      select: { id: true, email: true, name: true, locale: true, timeZone: true, erasedAt: true },
    });
    if (!user || user.erasedAt) {
      // Nobody left to send them to: held mails of an erased account are dropped.
      await db().mailOutbox.deleteMany({ where: { userId: userId!, status: "HELD" } });
      continue;
    }
    const local = localDay(now, user.timeZone);
    if (local.hour < hour) continue;
    const eventKey = digestKey(user.id, local.day);
    const made = await db().$transaction(async (tx) => {
      // Locks what is held, so a concurrent run waits here and then finds nothing left.
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "MailOutbox"
        WHERE "userId" = ${user.id} AND status = 'HELD' AND "createdAt" <= ${now}
        ORDER BY "createdAt", id LIMIT ${DIGEST_MAX_ITEMS} FOR UPDATE`;
      if (locked.length === 0) return false;
      const rows = await tx.mailOutbox.findMany({
        where: { id: { in: locked.map((r) => r.id) } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, data: true, createdAt: true },
      });
      const origin = appOrigin();
      const created = await tx.mailOutbox.createMany({
        data: [
          {
            kind: "digest",
            eventKey,
            toEmail: user.email,
            userId: user.id,
            locale: isLocale(user.locale) ? user.locale : "zh-CN",
            data: {
              name: user.name,
              day: local.day,
              timeZone: user.timeZone,
              items: rows.map((r) => ({ id: r.id, kind: r.kind, at: r.createdAt.toISOString(), data: r.data })),
              settingsUrl: `${origin}/account/notifications`,
              unsubscribeUrl: `${origin}/mail/unsubscribe/${await signedToken(tx, "unsubscribe", user.id, "digest")}`,
            } as Prisma.InputJsonValue,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 0) return false; // today's digest is already queued: these wait for tomorrow's
      await tx.$executeRaw`
        UPDATE "MailOutbox"
        SET status = 'DIGESTED', "sentAt" = NULL, data = data || jsonb_build_object('digestKey', ${eventKey}::text)
        WHERE id = ANY(${rows.map((r) => r.id)}::text[]) AND status = 'HELD'`;
      return true;
    });
    if (made) queued++;
  }
  return queued;
}
